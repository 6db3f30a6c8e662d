// A recognized form as the YAML a person would write: the schema modeline on top, keys in the form's order, long
// texts as |- blocks, amounts as their exact text, and a `# 导入时推测：…` comment beside whatever was guessed.
import { Document, isMap, isScalar, isSeq, type Node, Scalar } from 'yaml';
import type { Guess } from './recognize.js';

/** The node at a JSON pointer, or the deepest one that exists. */
function nodeAt(doc: Document, pointer: string): Node | undefined {
  const keys = pointer
    .split('/')
    .slice(1)
    .map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));
  let node: unknown = doc.contents;
  let lastKey: unknown;
  for (const k of keys) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === k);
      if (!pair) break;
      lastKey = pair.key;
      node = pair.value;
    } else if (isSeq(node)) {
      const next = node.items[Number(k)];
      if (next === undefined) break;
      lastKey = undefined;
      node = next;
    } else break;
  }
  // A comment sits best on the key of a mapping value, so a block value keeps it above.
  return (isMap(node) || isSeq(node) ? (lastKey ?? node) : (node ?? lastKey)) as Node | undefined;
}

export function emitYaml(form: Record<string, unknown>, guesses: readonly Guess[], schema: string, source: string): string {
  const doc = new Document(form);
  const strings = (node: unknown, key?: string): void => {
    if (isMap(node)) for (const p of node.items) strings(p.value, isScalar(p.key) ? String(p.key.value) : undefined);
    else if (isSeq(node)) for (const n of node.items) strings(n);
    else if (isScalar(node) && typeof node.value === 'string') {
      if (node.value.includes('\n')) node.type = Scalar.BLOCK_LITERAL;
      // Amounts and phone numbers that read as numbers stay text: their exact digits are the point.
      else if (key !== undefined && /^[\d.]+$/.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
    }
  };
  strings(doc.contents);
  const byNode = new Map<Node, string[]>();
  for (const g of guesses) {
    const node = nodeAt(doc, g.path);
    if (node === undefined) continue;
    byNode.set(node, [...(byNode.get(node) ?? []), g.note]);
  }
  for (const [node, notes] of byNode) {
    const text = notes.map((n) => ` 导入时推测：${n.replace(/\s*\n\s*/g, ' ')}`).join('\n');
    if (isScalar(node) && node.type !== Scalar.BLOCK_LITERAL && !isMapKey(doc, node)) node.comment = text;
    else node.commentBefore = node.commentBefore ? `${node.commentBefore}\n${text}` : text;
  }
  doc.commentBefore = ` yaml-language-server: $schema=${schema}\n 由 evalform import 从 ${source.replace(/\s+/g, ' ')} 导入`;
  return doc.toString({ lineWidth: 0, indentSeq: true });
}

function isMapKey(doc: Document, node: Node): boolean {
  let found = false;
  const walk = (n: unknown): void => {
    if (found) return;
    if (isMap(n)) {
      for (const p of n.items) {
        if (p.key === node) found = true;
        walk(p.value);
      }
    } else if (isSeq(n)) for (const x of n.items) walk(x);
  };
  walk(doc.contents);
  return found;
}
