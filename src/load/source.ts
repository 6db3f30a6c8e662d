// Reads YAML text into plain data while keeping where every node stands and how every number was written.
import {
  Composer,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  Parser,
  YAMLParseError,
  type Alias,
  type CST,
  type Document,
  type Node,
  type Scalar,
  type YAMLError,
} from 'yaml';
import type { RawFinding } from '../model/types.js';
import { readSourceFast } from './fast.js';

export interface Position {
  line: number;
  column: number;
}

export interface Source {
  /** The document as plain JSON-like data: strings, numbers (as JS numbers, for schema validation), booleans,
   * null, arrays and plain objects, nothing else (a value a YAML tag makes into anything else is a finding,
   * and null here). Undefined when the text could not be read as YAML. */
  data: unknown;
  /** Where the nodes stand, one row per node across `pointers`, `offsets` and `keyOffsets` (see `locate`): rows of
   * plain arrays rather than Maps, which cost more to fill, to keep and to send to another thread than the few
   * look-ups a form's findings make. The JSON pointer of each node. */
  pointers: string[];
  /** The offset of each node (of its key when the value is empty), or -1 when it has none. */
  offsets: number[];
  /** The offset of each node's key when it is a map entry, else -1. */
  keyOffsets: number[];
  /** Offsets where lines start: line and column are worked out only for the few nodes with findings.
   * Plain data throughout, so a Source can cross to another thread. */
  lineStarts: number[];
  textLength: number;
  /** JSON pointer → source text of every number, so amounts are read exactly. */
  numbers: Map<string, string>;
  /** Syntax problems: located already, with `path` ''. */
  errors: (RawFinding & Position)[];
}

/** Aliases may expand a small file into a huge tree (a "billion laughs"); forms never need this many nodes. */
const MAX_NODES = 200_000;
/** A form nests six levels deep; far deeper input would exhaust the YAML composer's stack. */
export const MAX_DEPTH = 64;
/** Syntax errors listed per file: past the first few they are mostly echoes of one fault. */
const MAX_SYNTAX_ERRORS = 10;

export function escapePointer(segment: string | number): string {
  const s = String(segment);
  // Almost no key has either character: then the two replaces are skipped.
  return s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s;
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Places = Pick<Source, 'pointers' | 'offsets' | 'keyOffsets'>;

/** The position of a pointer (of its key with `atKey`), or of its nearest ancestor that exists. */
export function locate(source: Places & Pick<Source, 'lineStarts' | 'textLength'>, pointer: string, atKey = false): Position {
  const key = atKey ? offsetOf(source, pointer, true) : undefined;
  if (key !== undefined) return positionAt(source, key);
  let p = pointer;
  for (;;) {
    const found = offsetOf(source, p);
    if (found !== undefined) return positionAt(source, found);
    if (p === '') return { line: 1, column: 1 };
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

/** The offset of the node at `pointer` (of its key with `atKey`), if it has one. */
export function offsetOf(source: Places, pointer: string, atKey = false): number | undefined {
  const row = rowOf(source.pointers, pointer);
  const offset = row === -1 ? -1 : ((atKey ? source.keyOffsets : source.offsets)[row] as number);
  return offset === -1 ? undefined : offset;
}

/** Above this many nodes a form's pointers get an index: a linear search is quicker for the one or two findings
 * of an ordinary form, but would make the findings of a form with thousands of nodes cost quadratic time. */
const INDEXED_NODES = 1000;
const indexes = new WeakMap<string[], Map<string, number>>();

function rowOf(pointers: string[], pointer: string): number {
  if (pointers.length < INDEXED_NODES) return pointers.indexOf(pointer);
  let index = indexes.get(pointers);
  if (!index) {
    index = new Map(pointers.map((p, row) => [p, row]));
    indexes.set(pointers, index);
  }
  return index.get(pointer) ?? -1;
}

/** The rows of Source from two Maps, pointer → offset and pointer → key offset. */
function placesOf(offsets: Map<string, number>, keyOffsets: Map<string, number>): Places {
  const pointers = [...new Set([...offsets.keys(), ...keyOffsets.keys()])];
  return { pointers, offsets: pointers.map((p) => offsets.get(p) ?? -1), keyOffsets: pointers.map((p) => keyOffsets.get(p) ?? -1) };
}

/** Strips a UTF-8 byte-order mark, which editors on Windows add and YAML does not need. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The Source of a text: by the fast path (src/load/fast.ts) for the plain block YAML forms are written in,
 * else by the `yaml` package; both give the same Source for any text the fast path reads. */
export function readSource(text: string): Source {
  return readSourceFast(text) ?? readSourceFull(text);
}

/** The Source of a text by the `yaml` package, whatever the text. */
export function readSourceFull(text: string): Source {
  // A lone CR is a line break in YAML 1.2 but not to the parser; one code unit for one keeps every offset.
  text = stripBom(text).replace(/\r(?!\n)/g, '\n');
  const lines = { lineStarts: lineStartsOf(text), textLength: text.length };
  const pos = (offset: number) => positionAt(lines, offset);
  const offsets = new Map<string, number>();
  const keyOffsets = new Map<string, number>();
  const numbers = new Map<string, string>();
  const fail = (errors: Source['errors']): Source => ({ data: undefined, ...placesOf(offsets, keyOffsets), ...lines, numbers, errors });

  // The CST parser is iterative; the composer recurses, so size and depth are checked between the two.
  const cst = parseCst(text);
  if ('offset' in cst) return fail([{ code: 'yaml-syntax', severity: 'error', path: '', message: TOO_MANY_LEXEMES, ...pos(cst.offset) }]);
  const { tokens } = cst;
  const shape = checkShape(tokens);
  if (shape) return fail([{ code: 'yaml-syntax', severity: 'error', path: '', message: shape.message, ...pos(shape.offset) }]);
  const control = controlCharacters(text, pos);
  if (control.length > 0) return fail(control);

  // uniqueKeys is checked below in one pass: the parser's own check is quadratic in the keys of a map.
  const composer = new Composer({ uniqueKeys: false, strict: true });
  let doc: Document.Parsed | undefined;
  for (const d of composer.compose(tokens, true, text.length)) {
    if (!doc) doc = d;
    else {
      doc.errors.push(new YAMLParseError([d.range[0], d.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
      break;
    }
  }
  if (!doc) return fail([]);
  const errors: Source['errors'] = [];
  // Split once, and only when there is a fault: a file of garbage has one per line.
  let textLines: string[] | undefined;
  const describe = (e: YAMLError, severity: 'error' | 'warning') => {
    const at = pos(e.pos[0]);
    textLines ??= text.split('\n');
    const message = withHint(yamlMessage(e.code, e.message), textLines[at.line - 1] ?? '');
    // A value like `>= 90%` faults twice on its line; the one cause is said once.
    if (message.includes('折叠文本块') && errors.some((x) => x.line === at.line && x.message === message)) return;
    errors.push({
      code: 'yaml-syntax',
      severity,
      message,
      path: '',
      ...at,
    });
  };
  for (const e of doc.errors) describe(e, 'error');
  for (const w of doc.warnings) if (w.code !== 'TAG_RESOLVE_FAILED') describe(w, 'warning');
  if (doc.errors.length > 0) return fail(limitErrors(indentCause(errors, textLines ?? text.split('\n'))));

  const targets = aliasTargets(doc);
  const tagged: Source['errors'] = [];
  let budget = MAX_NODES;
  const ancestors = new Set<Node>();
  let expanding: number | undefined;
  const walk = (node: unknown, pointer: string, keyOffset: number | undefined, depth: number): unknown => {
    // Inside an alias, blame the outermost alias being expanded rather than the anchored node.
    const here = expanding ?? (node as Node | null)?.range?.[0] ?? keyOffset;
    if (--budget < 0)
      throw new TooLarge(`YAML 展开别名后节点超过 ${MAX_NODES} 个：别名（*）层层引用（“billion laughs”），不是一张表的结构`, here);
    if (depth > MAX_DEPTH) throw new TooLarge(`YAML 展开别名后嵌套超过 ${MAX_DEPTH} 层`, here);
    if (isAlias(node)) {
      const target = targets.get(node);
      // An alias inside the node it names would expand forever.
      if (!target || ancestors.has(target)) return null;
      const outermost = ancestors.size === 0;
      if (outermost) expanding = node.range?.[0];
      ancestors.add(target);
      try {
        return walk(target, pointer, keyOffset ?? node.range?.[0], depth);
      } finally {
        ancestors.delete(target);
        if (outermost) expanding = undefined;
      }
    }
    const n = node as Node | null;
    const range = n?.range;
    const empty = !n || (isScalar(n) && n.value === null && !!range && range[0] === range[1]);
    const offset = empty || !range ? keyOffset : range[0];
    if (offset !== undefined) offsets.set(pointer, offset);
    if (isMap(n)) {
      const out: Record<string, unknown> = {};
      const seen = new Set<string>();
      for (const pair of n.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as Node | null;
        let key: string;
        if (isScalar(pair.key)) {
          const k = pair.key.value;
          if (!jsonScalar(k) && typeof k !== 'bigint')
            tagged.push(nonJson(pair.key, `${pointer}/${escapePointer(keyText(k))}`, pos(pair.key.range?.[0] ?? offset ?? 0)));
          key = keyText(k);
        } else {
          key = String(pair.key);
        }
        if (seen.has(key)) {
          errors.push({
            code: 'yaml-syntax',
            severity: 'error',
            path: '',
            message: yamlMessage('DUPLICATE_KEY', `Map keys must be unique: ${key}`),
            ...pos(keyNode?.range?.[0] ?? offset ?? 0),
          });
          continue;
        }
        seen.add(key);
        const child = `${pointer}/${escapePointer(key)}`;
        if (keyNode?.range) keyOffsets.set(child, keyNode.range[0]);
        const value = walk(pair.value, child, keyNode?.range?.[0], depth + 1);
        // Object.defineProperty keeps a key named __proto__ as plain data; plain assignment is faster for the rest.
        if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
        else out[key] = value;
      }
      return out;
    }
    if (isSeq(n)) return n.items.map((item, i) => walk(item, `${pointer}/${i}`, undefined, depth + 1));
    if (isScalar(n)) {
      if (typeof n.value === 'number' || typeof n.value === 'bigint') {
        numbers.set(pointer, n.source ?? String(n.value));
        return Number(n.value);
      }
      if ((n.type === 'BLOCK_FOLDED' || n.type === 'BLOCK_LITERAL') && typeof n.value === 'string' && n.value.trim() === '') {
        // `target: >9` is a valid header (indentation 9) of an empty block: a target written >9 would vanish.
        const at = pos(offset ?? 0);
        textLines ??= text.split('\n');
        const header = /:\s+(>[1-9][+-]?|>[+-][1-9])\s*$/.exec(textLines[at.line - 1] ?? '')?.[1];
        if (header) errors.push({ code: 'yaml-syntax', severity: 'error', path: '', message: blockHeaderMessage(header), ...at });
      }
      if (jsonScalar(n.value)) return n.value;
      // A tag (or YAML 1.1) made it a Date, bytes, a merge marker…: not data a form holds, nor one that can
      // cross to a worker thread. The value is left out (null) and named at its place.
      tagged.push(nonJson(n, pointer, pos(offset ?? 0)));
      return null;
    }
    return null;
  };
  try {
    const data = walk(doc.contents, '', 0, 0);
    if (errors.some((e) => e.severity === 'error')) return fail(limitErrors([...errors, ...tagged]));
    // The document is read: the data (plain JSON-like values only) is kept, so that `check` can still see
    // whether it is a form, but the findings say it cannot be scored as it is.
    return {
      data,
      ...placesOf(offsets, keyOffsets),
      ...lines,
      numbers,
      errors: tagged.length > 0 ? limitErrors([...errors, ...tagged]) : errors,
    };
  } catch (e) {
    if (!(e instanceof TooLarge)) throw e;
    return fail([{ code: 'yaml-syntax', severity: 'error', message: e.message, path: '', ...pos(e.offset ?? 0) }]);
  }
}

/** Where each line starts, from the text itself: the parser's own line counter misses the line breaks
 * inside some malformed tokens and then places later faults past the end of their line. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

export function positionAt({ lineStarts: starts, textLength }: Pick<Source, 'lineStarts' | 'textLength'>, offset: number): Position {
  const at = Math.max(0, Math.min(offset, textLength));
  let [low, high] = [0, starts.length - 1];
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= at) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: at - (starts[low] as number) + 1 };
}

class TooLarge extends Error {
  constructor(
    message: string,
    readonly offset: number | undefined,
  ) {
    super(message);
  }
}

/** Lexical tokens read at most: a form has a thousand or two; past this the parser would take seconds. */
export const MAX_LEXEMES = 200_000;
const TOO_MANY_LEXEMES = `YAML 记号超过 ${MAX_LEXEMES} 个（一张表只有一两千个），不是一张表的结构`;

/** The CST of the text, lexed and parsed in one pass that stops at MAX_LEXEMES (with the offset reached). */
function parseCst(text: string): { tokens: CST.Token[] } | { offset: number } {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  let count = 0;
  for (const lexeme of new Lexer().lex(text)) {
    if (++count > MAX_LEXEMES) return { offset: parser.offset };
    for (const token of parser.next(lexeme)) tokens.push(token);
  }
  for (const token of parser.end()) tokens.push(token);
  return { tokens };
}

const TOO_DEEP = `YAML 嵌套超过 ${MAX_DEPTH} 层（括号或缩进层层嵌套），不是一张表的结构`;
const TOO_MANY = `YAML 节点超过 ${MAX_NODES} 个，不是一张表的结构（一张表只有几百个）`;

/** The first collection nested deeper than MAX_DEPTH, or the node past MAX_NODES, found in the CST without
 * recursion, so that such input never reaches the composer. */
function checkShape(tokens: CST.Token[]): { offset: number; message: string } | undefined {
  const stack: [CST.Token | undefined, number][] = tokens.map((t) => [t, 0]);
  let nodes = 0;
  while (stack.length > 0) {
    const [token, depth] = stack.pop() as [CST.Token | undefined, number];
    if (!token) continue;
    if (token.type === 'document') stack.push([token.value, depth]);
    else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > MAX_DEPTH) return { offset: token.offset, message: TOO_DEEP };
      nodes += token.items.length;
      if (nodes > MAX_NODES) return { offset: token.offset, message: TOO_MANY };
      for (const item of token.items) {
        const { key, value } = item as { key?: CST.Token | null; value?: CST.Token };
        stack.push([key ?? undefined, depth + 1], [value, depth + 1]);
      }
    }
  }
  return undefined;
}

/** Each alias's anchored node: the last one of its name before it, in document order (as Alias.resolve
 * finds it, but in one pass instead of one pass per alias). */
function aliasTargets(doc: Document.Parsed): Map<Alias, Node> {
  const anchors = new Map<string, Node>();
  const targets = new Map<Alias, Node>();
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target) targets.set(node, target);
      continue;
    }
    if (isScalar(node) || isCollection(node)) {
      if (node.anchor) anchors.set(node.anchor, node);
    }
    if (isMap(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const pair = node.items[i];
        if (isPair(pair)) stack.push(pair.value, pair.key);
      }
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    }
  }
  return targets;
}

// C0 and C1 controls other than tab, LF, CR and NEL, DEL, U+FFFE/U+FFFF and unpaired surrogates:
// not printable in YAML 1.2 (§5.1), and not allowed in the XML of a .docx either.
export const CONTROL_RE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters in a form is this pattern's job.
  /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** CONTROL_RE without its global flag, for a test that leaves no lastIndex behind. */
export const CONTROL_TEST = new RegExp(CONTROL_RE.source);
const CONTROL_NAMES: Record<string, string> = {
  surrogate: '无效字符（不成对的 UTF-16 代理项）',
  '\x00': '空字符 NUL',
  '\x0B': '垂直制表符（Word 的手动换行）',
  '\x0C': '换页符（Word 的分页符）',
};

function controlCharacters(text: string, pos: (offset: number) => Position): Source['errors'] {
  const found: Source['errors'] = [];
  for (const m of text.matchAll(CONTROL_RE)) {
    const c = m[0];
    const code = `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    const name = CONTROL_NAMES[/[\uD800-\uDFFF]/.test(c) ? 'surrogate' : c] ?? '控制字符';
    found.push({
      code: 'yaml-syntax',
      severity: 'error',
      path: '',
      message: `文件中有不可见的${name} ${code}，YAML 不允许：请删除它（换行请直接回车）`,
      ...pos(m.index),
    });
    if (found.length > MAX_SYNTAX_ERRORS) break;
  }
  return limitErrors(found);
}

/** Drops repeats of the same fault at the same place, and keeps the first few in file order. */
function limitErrors(errors: Source['errors']): Source['errors'] {
  const seen = new Set<string>();
  const unique = errors
    .filter((e) => {
      const key = `${e.line}:${e.column}:${e.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => a.line - b.line || a.column - b.column);
  if (unique.length <= MAX_SYNTAX_ERRORS) return unique;
  const kept = unique.slice(0, MAX_SYNTAX_ERRORS);
  const last = kept[kept.length - 1] as (typeof kept)[number];
  kept[kept.length - 1] = {
    ...last,
    message: `${last.message}（其后还有 ${unique.length - MAX_SYNTAX_ERRORS} 处问题未列出，先改正以上几处）`,
  };
  return kept;
}

/** Whether a scalar's value is one JSON has: the only kind of value a form holds. */
function jsonScalar(v: unknown): v is string | number | boolean | null {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** A key as text: a merge key `<<` as written, anything else as JS spells it. */
function keyText(k: unknown): string {
  return typeof k === 'symbol' ? (k.description ?? '<<') : String(k);
}

const CORE_TAG = 'tag:yaml.org,2002:';

/** The finding for a scalar a tag turned into something that is not JSON data: a Date (!!timestamp, or any
 * plain date under %YAML 1.1), bytes (!!binary), the merge marker (!!merge <<). */
function nonJson(n: Scalar, pointer: string, at: Position): RawFinding & Position {
  const v = n.value;
  const what =
    typeof v === 'symbol'
      ? '合并键 “<<”'
      : v instanceof Date
        ? '日期时间'
        : v instanceof Uint8Array
          ? '二进制数据'
          : `${typeof v === 'object' ? ((v as object).constructor?.name ?? '对象') : typeof v} 类型的值`;
  const tag = n.tag === undefined ? undefined : n.tag.startsWith(CORE_TAG) ? `!!${n.tag.slice(CORE_TAG.length)}` : n.tag;
  const how = tag === undefined ? `%YAML 1.1 把这个值读成了${what}` : `YAML 标签 ${tag} 把这个值读成了${what}`;
  if (typeof v === 'symbol')
    return { code: 'schema', severity: 'error', path: pointer, message: `${how}：表单不用合并键，请把要合并的键直接写出来`, ...at };
  const fix = tag === undefined ? '去掉 %YAML 1.1 一行，或给值加引号' : `去掉标签 ${tag}，写成普通的文字或数字`;
  return {
    code: 'schema',
    severity: 'error',
    path: pointer,
    message: `${how}：表单只用文字、数字、true / false、列表和键值，请${fix}`,
    ...at,
  };
}

/** Leading whitespace holding a tab or a full-width space: the usual indentation fault of text from Word. */
const BAD_INDENT_RE = /^[ \t\u3000]*[\t\u3000]/;

/** One finding for a tab or full-width space in the indentation instead of its echoes. A line counts only when
 * its indentation holds one and the parser faulted on that very line (so a tab inside a block scalar or a quoted
 * value, which YAML allows, is never blamed). From each such line to the next top-level key (a line starting at
 * column 1 with neither space nor comment), the parser's faults are consequences of the broken block and are
 * dropped; faults before it, or after the next top-level key, are independent and kept. */
function indentCause(errors: Source['errors'], lines: string[]): Source['errors'] {
  const faulted = new Set(errors.map((e) => e.line));
  const bad = [...faulted].filter((n) => BAD_INDENT_RE.test(lines[n - 1] ?? '')).sort((a, b) => a - b);
  if (bad.length === 0) return errors;
  const topLevel = (n: number) => /^[^\s#]/.test(lines[n - 1] ?? '');
  const regionEnd = (n: number) => {
    let end = n + 1;
    while (end <= lines.length && !topLevel(end)) end++;
    return end;
  };
  // Bad lines in one top-level block share its end: one finding for the block, at its first bad line.
  const groups = new Map<number, number[]>();
  for (const n of bad) {
    const end = regionEnd(n);
    groups.set(end, [...(groups.get(end) ?? []), n]);
  }
  const regions = [...groups].map(([end, ns]) => [ns[0] as number, end] as const);
  const kept = errors.filter((e) => !regions.some(([from, to]) => e.line >= from && e.line < to));
  return [...kept, ...[...groups.values()].map((ns) => indentFinding(lines, ns))];
}

function indentFinding(lines: string[], [n, ...others]: number[]): RawFinding & Position {
  n ??= 1;
  const line = lines[n - 1] ?? '';
  const lead = /^[ \t\u3000]*/.exec(line)?.[0] ?? '';
  const at = lead.search(/[\t\u3000]/);
  const what = lead[at] === '\t' ? 'Tab（制表符）' : '全角空格“　”（从 Word 复制时常带进来）';
  // The likely indentation: a sibling of the line above, or its child when that line opens a block.
  let above = n - 1;
  while (above >= 1 && /^\s*(?:#|$)/.test(lines[above - 1] ?? '')) above--;
  const prev = lines[above - 1] ?? '';
  const prevLead = /^ */.exec(prev)?.[0].length ?? 0;
  const spaces = BAD_INDENT_RE.test(prev) ? undefined : /:\s*(?:#.*)?$/.test(prev) || /^\s*-\s*$/.test(prev) ? prevLead + 2 : prevLead;
  const fix = spaces === undefined ? '换成半角空格' : `换成 ${spaces} 个半角空格（与上下文对齐）`;
  const also =
    others.length === 0
      ? ''
      : `；第 ${others.slice(0, 5).join('、')} 行${others.length > 5 ? `等 ${others.length} 行` : ''}也是这样，一并改正`;
  return {
    code: 'yaml-syntax',
    severity: 'error',
    path: '',
    message: `YAML 语法错误：这一行的缩进里有 ${what}，YAML 的缩进只能用半角空格：请把行首的缩进${fix}${also}（由此引起的后续语法错误不再列出）`,
    line: n,
    column: at + 1,
  };
}

function withHint(message: string, line: string): string {
  const value = /:\s+(>=?\s*[\d\uFF10-\uFF19].*?)\s*$/.exec(line)?.[1];
  if (value !== undefined && !value.includes(' #')) return blockHeaderMessage(value);
  if (message.includes('折叠文本块')) return message;
  return message + lineHint(line);
}

/** What a line copied from a Chinese document often gets wrong that YAML's own message does not say. */
function lineHint(line: string): string {
  if (/^[ \t]*\u3000/.test(line)) return '。这一行以全角空格“　”开头：缩进只能用半角空格';
  if (line.includes('：') && !/:(?:\s|$)/.test(line)) return '。这一行用了全角冒号“：”：键和值之间要用半角冒号加空格 “: ”';
  return '';
}

const YAML_MESSAGES: Record<string, string> = {
  DUPLICATE_KEY: '同一层级出现重复的键',
  TAB_AS_INDENT: '不能用 Tab 缩进，请改用空格',
  BAD_INDENT: '缩进不正确',
  MULTILINE_IMPLICIT_KEY: '键不能跨行（可能缺少冒号或引号）',
  MISSING_CHAR: '缺少字符（引号或括号未闭合？）',
  BLOCK_AS_IMPLICIT_KEY: '块结构不能作为键',
  UNEXPECTED_TOKEN: '意外的内容',
  MULTIPLE_DOCS: '一个文件只能包含一张表（发现多个 YAML 文档）',
  BAD_ALIAS: '别名无效',
  KEY_OVER_1024_CHARS: '键太长（超过 1024 个字符），或缺少换行',
  RESOURCE_EXHAUSTION: 'YAML 嵌套过深',
  BAD_DQ_ESCAPE: '双引号中的反斜杠转义无效（路径等请改用单引号）',
  BAD_SCALAR_START: '值不能以这个字符开头，请加引号',
  BLOCK_IN_FLOW: '方括号或花括号内不能换用缩进写法',
  MULTIPLE_ANCHORS: '一个节点只能有一个锚点（&）',
  MULTIPLE_TAGS: '一个节点只能有一个标签（!）',
  BAD_DIRECTIVE: '指令（% 开头的行）无效',
};

/** A target written `>=95%` without quotes: YAML reads the `>` as the header of a folded block scalar. */
function blockHeaderMessage(written: string): string {
  const value = written.trim().length > 60 ? `${written.trim().slice(0, 60)}…` : written.trim();
  const sign = value.startsWith('>=') ? `写成 ≥${value.slice(2).trimStart()}` : `写成 ＞${value.slice(1).trimStart()}`;
  return `YAML 语法错误：不加引号的 “${value}” 以 “>” 开头，YAML 把 “>” 读作折叠文本块的开头：请${sign}（用“≥”“＞”等符号），或给整个值加引号写成 "${value.replaceAll('"', '\\"')}"`;
}

function yamlMessage(code: string, message: string): string {
  // The parser quotes the offending token whole, which for garbage can be a screenful.
  const line = message.split('\n')[0] ?? message;
  const first = line.length > 100 ? `${line.slice(0, 100)}…` : line;
  if (first.startsWith('Nested mappings are not allowed in compact mappings')) {
    return `YAML 语法错误：值中有 “: ”（冒号加空格），会被当成新的键：请给整个值加引号（${first}）`;
  }
  const header = /^Block scalar header includes extra characters: ([>|].*)$/.exec(line);
  if (header?.[1]?.startsWith('>')) return blockHeaderMessage(header[1]);
  const zh = YAML_MESSAGES[code];
  return zh ? `YAML 语法错误：${zh}（${first}）` : `YAML 语法错误：${first}`;
}

/** Decodes a file's bytes as UTF-8, or says where the first byte that is not UTF-8 stands and what the file
 * seems to be instead. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { error: RawFinding & Position } {
  // Text in UTF-16 made of ASCII alone is valid UTF-8 (with a NUL after every letter): tell it first.
  const wide = wideEncoding(bytes);
  if (wide) return { error: { code: 'encoding', severity: 'error', path: '', message: wideMessage(wide), line: 1, column: 1 } };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // TextDecoder drops a BOM; lines end as readSource ends them (CRLF, CR or LF).
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const bad = lenient.indexOf('\uFFFD');
    const before = lenient.slice(0, Math.max(bad, 0)).split(/\r\n|\r|\n/);
    return {
      error: {
        code: 'encoding',
        severity: 'error',
        path: '',
        message: encodingMessage(bytes),
        line: before.length,
        column: (before[before.length - 1]?.length ?? 0) + 1,
      },
    };
  }
}

export type WideEncoding = 'UTF-16LE' | 'UTF-16BE' | 'UTF-32LE' | 'UTF-32BE';

/** UTF-16 or UTF-32, by the byte-order mark, else by where the NUL bytes fall: first as YAML 1.2 §5.2 detects
 * an encoding from an ASCII first character, then (for a file that opens with Chinese) over the first 4 KB. */
export function wideEncoding(bytes: Uint8Array): WideEncoding | undefined {
  const [a, b, c, d] = bytes;
  // UTF-32LE's mark starts with UTF-16LE's, so it is tried first.
  if (a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff) return 'UTF-32BE';
  if (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00) return 'UTF-32LE';
  if (a === 0xfe && b === 0xff) return 'UTF-16BE';
  if (a === 0xff && b === 0xfe) return 'UTF-16LE';
  if (bytes.length >= 4 && a === 0 && b === 0 && c === 0 && d !== 0) return 'UTF-32BE';
  if (bytes.length >= 4 && a !== 0 && b === 0 && c === 0 && d === 0) return 'UTF-32LE';
  if (bytes.length >= 2 && a === 0 && b !== 0) return 'UTF-16BE';
  if (bytes.length >= 2 && a !== 0 && b === 0) return 'UTF-16LE';
  // Every test below counts NUL bytes among the first 4 KB: a file with none there (any form in UTF-8) is none of
  // these, found by one native search instead of a loop over 4,096 bytes.
  const firstNul = bytes.indexOf(0);
  if (firstNul === -1 || firstNul >= 4096) return undefined;
  const n = Math.min(bytes.length, 4096) & ~3;
  const zeros = [0, 0, 0, 0];
  for (let i = 0; i < n; i++) if (bytes[i] === 0) zeros[i & 3]!++;
  const [z0, z1, z2, z3] = zeros as [number, number, number, number];
  const quarter = n / 4;
  // UTF-32 keeps two NULs in every character of the Basic Multilingual Plane.
  if (quarter > 0 && z2 >= 0.9 * quarter && z3 >= 0.9 * quarter && z0 < 0.5 * quarter) return 'UTF-32LE';
  if (quarter > 0 && z0 >= 0.9 * quarter && z1 >= 0.9 * quarter && z3 < 0.5 * quarter) return 'UTF-32BE';
  // UTF-16 puts a NUL after (or before) each ASCII letter: the keys of a form at least.
  const odd = z1 + z3;
  const even = z0 + z2;
  if (odd + even > 0 && odd + even >= 0.1 * n) {
    if (odd >= 0.9 * (odd + even)) return 'UTF-16LE';
    if (even >= 0.9 * (odd + even)) return 'UTF-16BE';
  }
  return undefined;
}

function wideMessage(encoding: WideEncoding): string {
  const notepad =
    encoding === 'UTF-16LE' ? '（记事本所说的 “Unicode”）' : encoding === 'UTF-16BE' ? '（记事本所说的 “Unicode big endian”）' : '';
  return `文件是 ${encoding} 编码${notepad}，不是 UTF-8：请另存为 UTF-8 后再试`;
}

function encodingMessage(bytes: Uint8Array): string {
  const [a, b, c, d] = bytes;
  if (a === 0x50 && b === 0x4b && c === 0x03 && d === 0x04) {
    return '文件不是 UTF-8 文本，而是压缩包（如 Word 的 .docx、Excel 的 .xlsx）：evalform 读的是 YAML 文本';
  }
  if (decodes('gbk', bytes)) return '文件不是 UTF-8 编码（看来是 GBK / GB2312）：请另存为 UTF-8 后再试';
  return '文件不是 UTF-8 文本（可能是二进制文件，或用了其他编码）：请另存为 UTF-8 后再试';
}

function decodes(encoding: string, bytes: Uint8Array): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
