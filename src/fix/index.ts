// `--fix` (issue #16): the stated values evalform computes, written back into the form's own text. The text is
// spliced at the scalars' ranges, never re-serialised: comments, key order, quoting, flow or block style, blank
// lines, CRLF and a BOM stay as they were. Pure: text and an evaluation in, edits and text out.
import { isAlias, isCollection, isMap, isScalar, isSeq, parse, parseDocument, type Scalar } from 'yaml';
import { CHECKS } from '../checks/index.js';
import type { FixValue } from '../checks/define.js';
import { type EvaluateOptions, evaluate } from '../evaluate.js';
import { parsePointer } from '../load/source.js';
import type { CheckCode } from '../model/codes.js';
import type { Evaluation, Rounding } from '../model/types.js';
import { computeScores } from '../score/compute.js';
import { fixed, foldWidth, parseDecimalText, plain, roundTo } from '../score/number.js';

/** One replacement in the text: [start, end) in UTF-16 code units of the text as given (a BOM included). */
export interface Edit {
  start: number;
  end: number;
  text: string;
  /** What it fixes: the finding's code and JSON pointer. */
  code: CheckCode;
  path: string;
}

/** Whether a finding's check can write the value it computes (the mismatch checks, FORMAT.md §5). */
export function isFixable(code: CheckCode): boolean {
  return CHECKS[code].fix !== undefined;
}

/** The edits that make each fixable finding of `evaluation` (of `text`) agree: one per stated value evalform can
 * rewrite in place. A value behind an alias or an anchor, in a block scalar, or that cannot be found, is left
 * alone (its finding stays). */
export function fixes(text: string, evaluation: Evaluation): Edit[] {
  const result = evaluation.result;
  if (!result) return [];
  const wanted = evaluation.findings.filter((f) => isFixable(f.code));
  if (wanted.length === 0) return [];
  // Offsets into the text as the loader reads it: without a BOM, a lone CR a line break (one code unit for one).
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const body = text.slice(bom).replace(/\r(?!\n)/g, '\n');
  const doc = parseDocument(body, { uniqueKeys: false });
  if (doc.errors.length > 0) return [];
  const computed = computeScores(result.form, result.rules, result.file);
  const edits: Edit[] = [];
  const seen = new Set<string>();
  for (const f of wanted) {
    if (seen.has(f.path)) continue;
    seen.add(f.path);
    const value = CHECKS[f.code].fix?.(computed, result.rules, f.path);
    const at = value && scalarAt(doc.contents, f.path);
    if (!value || !at) continue;
    const [start, end] = at.node.range as [number, number, number];
    const replacement = rewrite(at.node, body.slice(start, end), value, at.flow, result.rules.rounding);
    if (replacement === undefined || replacement === text.slice(start + bom, end + bom)) continue;
    edits.push({ start: start + bom, end: end + bom, text: replacement, code: f.code, path: f.path });
  }
  return edits.sort((a, b) => a.start - b.start);
}

/** The text with the edits made; they must not overlap. */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new RangeError(`overlapping edits at ${e.start}`);
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

export interface FixResult {
  /** The text after every round of fixes (the text given when nothing was fixable). */
  text: string;
  /** The stated values changed, by JSON pointer, in the order of the text: each counted once however many rounds. */
  fixed: { path: string; code: CheckCode }[];
  /** The evaluation of the final text: what remains. */
  evaluation: Evaluation;
  /** Values not written because the form would no longer read with them, or would get a finding it did not have:
   * a computed 总分 above 100 (on a form whose weights add up to more than 100) breaks the schema, and a score
   * rounded above its weight (5.5 at places 0 is 6) is a score-exceeds-weight; a fix must do neither. Their
   * findings stay. */
  refused: { path: string; code: CheckCode }[];
}

/** Rounds of fix and evaluate: one normally suffices (the grade follows the computed total, not the stated one). */
const MAX_ROUNDS = 4;

/** Fixes a form's text until it has no fixable finding left that can be written (or MAX_ROUNDS), evaluating
 * it again after each round. A form that cannot be read or breaks the schema is returned as it was. */
export function fixText(text: string, file: string, options: EvaluateOptions = {}): FixResult {
  let current = text;
  let evaluation = evaluate(current, file, options);
  const before = new Set(evaluation.findings.map(findingKey));
  // A form the edits would spoil: it no longer reads, or it has a finding that no fix removes and it did not have.
  const spoiled = (ev: Evaluation) => ev.result === undefined || ev.findings.some((f) => !isFixable(f.code) && !before.has(findingKey(f)));
  // Each value once, at the place of its first edit.
  const changed = new Map<string, { path: string; code: CheckCode; start: number }>();
  const refused = new Map<string, { path: string; code: CheckCode }>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    let edits = fixes(current, evaluation).filter((e) => !refused.has(e.path));
    if (edits.length === 0) break;
    let next = applyEdits(current, edits);
    let nextEvaluation = evaluate(next, file, options);
    if (spoiled(nextEvaluation)) {
      // Each edit kept only if it alone does not spoil the form; the others are refused, not written.
      for (const e of edits)
        if (spoiled(evaluate(applyEdits(current, [e]), file, options))) refused.set(e.path, { path: e.path, code: e.code });
      edits = edits.filter((e) => !refused.has(e.path));
      if (edits.length === 0) break;
      next = applyEdits(current, edits);
      nextEvaluation = evaluate(next, file, options);
      if (spoiled(nextEvaluation)) break;
    }
    current = next;
    evaluation = nextEvaluation;
    for (const e of edits) if (!changed.has(e.path)) changed.set(e.path, { path: e.path, code: e.code, start: e.start });
  }
  return {
    text: current,
    fixed: [...changed.values()].sort((a, b) => a.start - b.start).map(({ path, code }) => ({ path, code })),
    evaluation,
    refused: [...refused.values()],
  };
}

function findingKey(f: { code: string; path: string; message: string }): string {
  return `${f.code}\u0000${f.path}\u0000${f.message}`;
}

/** The scalar at a JSON pointer, and whether it stands inside a flow collection; undefined behind an alias or an
 * anchor (an edit there would change another value too), or when the pointer does not lead to a scalar. */
function scalarAt(root: unknown, pointer: string): { node: Scalar; flow: boolean } | undefined {
  let node: unknown = root;
  let flow = false;
  for (const segment of parsePointer(pointer)) {
    if (!isCollection(node) || node.anchor) return undefined;
    flow ||= node.flow === true;
    if (isMap(node)) {
      // The first of duplicate keys, as the loader reads it.
      const pair = node.items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === segment);
      node = pair?.value;
    } else if (isSeq(node)) {
      node = /^\d+$/.test(segment) ? node.items[Number(segment)] : undefined;
    }
  }
  if (isAlias(node) || !isScalar(node) || node.anchor || !node.range) return undefined;
  return { node, flow };
}

/** The scalar's new source text: the value in the style the form wrote it (quotes, %, full-width digits, thousands
 * separators, decimals), or undefined for a block scalar. */
function rewrite(node: Scalar, source: string, value: FixValue, flow: boolean, rounding: Rounding): string | undefined {
  if (node.type === 'BLOCK_FOLDED' || node.type === 'BLOCK_LITERAL') return undefined;
  const written = node.type === 'PLAIN' ? source : String(node.value);
  const content = value.kind === 'text' ? value.value : numberLike(written, value, rounding);
  if (content === undefined) return undefined;
  if (node.type === 'QUOTE_SINGLE') return `'${content.replace(/'/g, "''")}'`;
  if (node.type === 'QUOTE_DOUBLE') return JSON.stringify(content);
  return plainSafe(content, flow, typeof node.value, node.tag !== undefined) ? content : JSON.stringify(content);
}

/** A number written as the old one was: its decimals (or `places` where it had none, without trailing zeros),
 * its % or ％, full-width digits and thousands separators. */
function numberLike(written: string, value: Exclude<FixValue, { kind: 'text' }>, rounding: Rounding): string | undefined {
  const text = written.trim();
  const folded = foldWidth(text);
  const percent = /[%％]$/.exec(text)?.[0] ?? '';
  const old = parseDecimalText(percent ? folded.slice(0, -1) : folded);
  const places = old?.places ?? 0;
  let digits: string;
  if (value.kind === 'exact') digits = fixed(value.value, Math.max(places, value.value.decimalPlaces()));
  else if (places > 0) digits = fixed(roundTo(value.value, places, rounding), places);
  else digits = plain(roundTo(value.value, value.places, rounding));
  if (/\d,\d{3}/.test(folded)) digits = group(digits);
  if (/[０-９]/.test(text)) digits = digits.replace(/[0-9.,-]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  return digits + percent;
}

/** Thousands separators in the integer part: 1472.51 → 1,472.51. */
function group(digits: string): string {
  const [int = '', frac] = digits.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** Whether `content` may stand as a plain scalar where one of type `was` stood and still read as that type and
 * text: no indicator first, no `: ` or ` #`, no flow indicator inside a flow collection. */
function plainSafe(content: string, flow: boolean, was: string, tagged: boolean): boolean {
  if (content === '' || content !== content.trim() || /[\n\r\t]/.test(content)) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(content) || /: |:$| #/.test(content)) return false;
  if (flow && /[,[\]{}]/.test(content)) return false;
  if (tagged) return true;
  try {
    const read: unknown = parse(content);
    return was === 'string' ? read === content : typeof read === was;
  } catch {
    return false;
  }
}
