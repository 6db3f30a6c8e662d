// What every `--fix` must hold, checked on any form: nothing fixable left, the text changed only inside the
// scalars it fixed (line by line), the data unchanged elsewhere, no new finding, and a second run a no-op.
import { expect } from 'vitest';
import { isScalar, parse, parseDocument } from 'yaml';
import { type EvaluateOptions, evaluate } from '../src/evaluate.js';
import { type FixResult, fixText, isFixable } from '../src/fix/index.js';
import { parsePointer } from '../src/load/source.js';

const key = (f: { code: string; path: string; message: string }) => `${f.code} ${f.path} ${f.message}`;

/** The [start, end) of the scalar at each pointer, in the text as given (a BOM counted). */
function scalarRanges(text: string, pointers: readonly string[]): [number, number][] {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const doc = parseDocument(text.slice(bom), { uniqueKeys: false });
  return pointers.map((p) => {
    const node = doc.getIn(
      parsePointer(p).map((s) => (/^\d+$/.test(s) ? Number(s) : s)),
      true,
    );
    if (!isScalar(node) || !node.range) throw new Error(`no scalar at ${p}`);
    return [node.range[0] + bom, node.range[1] + bom];
  });
}

/** The data of a YAML text with the values at `pointers` removed. */
function dataWithout(text: string, pointers: readonly string[]): unknown {
  const data = parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
  for (const p of pointers) {
    const segments = parsePointer(p);
    const last = segments.pop() as string;
    let at: unknown = data;
    for (const s of segments) at = (at as Record<string, unknown>)[s];
    delete (at as Record<string, unknown>)[last];
  }
  return data;
}

/** Fixes `text` and checks every property of a fix; returns the result. `stuck` fixable findings may remain
 * (values behind an alias or in a block scalar). */
export function fixAndCheck(text: string, file: string, options: EvaluateOptions = {}, stuck = 0): FixResult {
  const first = fixText(text, file, options);
  const paths = first.fixed.map((f) => f.path);

  // Nothing fixable left (but what cannot be rewritten in place, and what the form would not read with).
  expect(first.evaluation.findings.filter((f) => isFixable(f.code))).toHaveLength(stuck + first.refused.length);
  // A fix never makes a form that was scored unreadable.
  if (evaluate(text, file, options).result) expect(first.evaluation.result).toBeDefined();

  // Line by line: the same lines, the same text on each but inside the fixed scalars (masked in both).
  const masked = (t: string, ranges: [number, number][]) =>
    [...ranges]
      .sort((x, y) => y[0] - x[0])
      .reduce((out, [s, e]) => `${out.slice(0, s)}\u0000${out.slice(e)}`, t)
      .split('\n');
  const a = masked(text, scalarRanges(text, paths));
  const b = masked(first.text, scalarRanges(first.text, paths));
  expect(b).toHaveLength(a.length);
  a.forEach((line, i) => {
    expect(b[i], `line ${i + 1} changed outside a fixed value`).toBe(line);
  });
  expect(first.text.split('\n').filter((l, i) => l !== text.split('\n')[i]).length).toBeLessThanOrEqual(paths.length);
  // A BOM and CRLF line ends stay.
  expect(first.text.startsWith('\uFEFF')).toBe(text.startsWith('\uFEFF'));
  expect(first.text.split('\r\n').length).toBe(text.split('\r\n').length);
  // The data is what it was but at the fixed paths.
  if (first.evaluation.result) expect(dataWithout(first.text, paths)).toEqual(dataWithout(text, paths));

  // No finding that was not there before (a fix only removes findings).
  const was = new Set(evaluate(text, file, options).findings.map(key));
  for (const f of first.evaluation.findings) expect(was.has(key(f)) || isFixable(f.code), key(f)).toBe(true);

  // A second run changes nothing.
  const again = fixText(first.text, file, options);
  expect(again.fixed).toEqual([]);
  expect(again.text).toBe(first.text);
  return first;
}
