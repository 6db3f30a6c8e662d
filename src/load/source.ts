// Reads YAML text into plain data while keeping where every node stands and how every number was written.
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { RawFinding } from '../model/types.js';

export interface Position {
  line: number;
  column: number;
}

export interface Source {
  /** The document as plain JS (numbers as JS numbers, for schema validation). */
  data: unknown;
  /** JSON pointer → position of the node (the key's position when the value is empty). */
  positions: Map<string, Position>;
  /** JSON pointer → position of the key of a map entry. */
  keys: Map<string, Position>;
  /** JSON pointer → source text of every number, so amounts are read exactly. */
  numbers: Map<string, string>;
  /** Syntax problems: located already, with `path` ''. */
  errors: (RawFinding & Position)[];
}

/** Aliases may expand a small file into a huge tree (a "billion laughs"); forms never need this many nodes. */
const MAX_NODES = 200_000;

export function escapePointer(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The position of a pointer (of its key with `atKey`), or of its nearest ancestor that exists. */
export function locate(source: Pick<Source, 'positions' | 'keys'>, pointer: string, atKey = false): Position {
  const key = atKey ? source.keys.get(pointer) : undefined;
  if (key) return key;
  const positions = source.positions;
  let p = pointer;
  for (;;) {
    const found = positions.get(p);
    if (found) return found;
    if (p === '') return { line: 1, column: 1 };
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

/** Strips a UTF-8 byte-order mark, which editors on Windows add and YAML does not need. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function readSource(text: string): Source {
  text = stripBom(text);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const pos = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const errors: Source['errors'] = [];
  for (const e of [...doc.errors, ...doc.warnings.filter((w) => w.code !== 'TAG_RESOLVE_FAILED')]) {
    const at = pos(e.pos[0]);
    const isError = doc.errors.includes(e);
    errors.push({ code: 'yaml-syntax', severity: isError ? 'error' : 'warning', message: yamlMessage(e.code, e.message), path: '', ...at });
  }
  const positions = new Map<string, Position>();
  const keys = new Map<string, Position>();
  const numbers = new Map<string, string>();
  if (doc.errors.length > 0) return { data: undefined, positions, keys, numbers, errors };

  let budget = MAX_NODES;
  const walk = (node: unknown, pointer: string, keyOffset: number | undefined, seen: Set<Node>): unknown => {
    if (--budget < 0) throw new TooLarge();
    if (isAlias(node)) {
      const target = node.resolve(doc as Document);
      if (!target || seen.has(target)) return null;
      return walk(target, pointer, keyOffset ?? node.range?.[0], new Set(seen).add(target));
    }
    const n = node as Node | null;
    const range = n?.range;
    const empty = !n || (isScalar(n) && n.value === null && !!range && range[0] === range[1]);
    const offset = empty || !range ? keyOffset : range[0];
    if (offset !== undefined) positions.set(pointer, pos(offset));
    if (isMap(n)) {
      const out: Record<string, unknown> = {};
      for (const pair of n.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const keyNode = pair.key as Node | null;
        const child = `${pointer}/${escapePointer(key)}`;
        if (keyNode?.range) keys.set(child, pos(keyNode.range[0]));
        // Object.defineProperty keeps a key named __proto__ as plain data.
        Object.defineProperty(out, key, {
          value: walk(pair.value, child, keyNode?.range?.[0], seen),
          enumerable: true, writable: true, configurable: true,
        });
      }
      return out;
    }
    if (isSeq(n)) return n.items.map((item, i) => walk(item, `${pointer}/${i}`, undefined, seen));
    if (isScalar(n)) {
      if (typeof n.value === 'number' || typeof n.value === 'bigint') {
        numbers.set(pointer, n.source ?? String(n.value));
        return Number(n.value);
      }
      return n.value;
    }
    return null;
  };
  try {
    const data = walk(doc.contents, '', 0, new Set());
    return { data, positions, keys, numbers, errors };
  } catch (e) {
    if (!(e instanceof TooLarge)) throw e;
    return {
      data: undefined, positions, keys, numbers,
      errors: [{ code: 'yaml-syntax', severity: 'error', message: `YAML 展开后节点过多（超过 ${MAX_NODES} 个），可能是别名（&/*）嵌套过深`, path: '', line: 1, column: 1 }],
    };
  }
}

class TooLarge extends Error {}

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
};

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0] ?? message;
  const zh = YAML_MESSAGES[code];
  return zh ? `YAML 语法错误：${zh}（${first}）` : `YAML 语法错误：${first}`;
}

/** Decodes a file's bytes as UTF-8, or says where the first byte that is not UTF-8 stands. */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { error: RawFinding & Position } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    const lenient = new TextDecoder('utf-8').decode(bytes);
    const bad = lenient.indexOf('\uFFFD');
    const before = lenient.slice(0, Math.max(bad, 0)).split('\n');
    return {
      error: {
        code: 'encoding', severity: 'error', path: '',
        message: '文件不是 UTF-8 编码（可能是 GBK）：请另存为 UTF-8 后再试',
        line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1,
      },
    };
  }
}
