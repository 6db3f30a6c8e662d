// What an editor with yaml-language-server shows from the schemas: a Chinese message for every value that breaks a
// pattern, an enum or a const (errorMessage / patternErrorMessage, which the server shows in place of its English),
// and completion snippets that give a valid start.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const read = (name: string) => JSON.parse(readFileSync(path.join(ROOT, 'schemas', name), 'utf8')) as Node;
const FORM = read('evalform.schema.json');
const CONFIG = read('evalform.config.schema.json');

type Node = { [key: string]: unknown };
const HAN = /[\u4e00-\u9fff]/;

/** Every schema object in a schema, with its JSON pointer. */
function nodes(schema: Node): [string, Node][] {
  const out: [string, Node][] = [];
  const walk = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) {
      for (const [i, n] of node.entries()) walk(n, `${pointer}/${i}`);
    } else if (node !== null && typeof node === 'object') {
      out.push([pointer, node as Node]);
      for (const [k, v] of Object.entries(node)) if (k !== 'defaultSnippets' && k !== 'default' && k !== 'enum') walk(v, `${pointer}/${k}`);
    }
  };
  walk(schema, '');
  return out;
}

const ALL = [...nodes(FORM).map(([p, n]) => [`form${p}`, n] as const), ...nodes(CONFIG).map(([p, n]) => [`config${p}`, n] as const)];

describe('editor messages', () => {
  it('every pattern has a Chinese patternErrorMessage', () => {
    const patterns = ALL.filter(([, n]) => typeof n.pattern === 'string');
    expect(patterns.length).toBeGreaterThanOrEqual(2);
    for (const [where, n] of patterns) expect(n.patternErrorMessage, where).toMatch(HAN);
  });

  it('every enum and const has a Chinese errorMessage that names each value it allows', () => {
    const closed = ALL.filter(([, n]) => Array.isArray(n.enum) || 'const' in n);
    expect(closed.length).toBeGreaterThanOrEqual(10);
    for (const [where, n] of closed) {
      expect(n.errorMessage, where).toMatch(HAN);
      for (const value of (n.enum as unknown[] | undefined) ?? [n.const]) expect(n.errorMessage, where).toContain(String(value));
    }
  });

  it('a number field says in Chinese how to write the number', () => {
    const definitions = FORM.definitions as Record<string, Node>;
    for (const name of ['amount', 'percent', 'points']) expect(definitions[name]!.errorMessage, name).toMatch(HAN);
    expect((FORM.properties as Record<string, Node>).year!.errorMessage).toContain('2022');
  });

  it('puts no errorMessage on a mapping, where it would hide which key is missing or not allowed', () => {
    for (const [where, n] of ALL) {
      if ('errorMessage' in n) expect([n.type].flat(), where).not.toContain('object');
    }
  });
});

/** A snippet's body as the data it inserts, each placeholder filled in: `^${1:0}` is the number 0, `$1` a text. */
function filled(body: unknown): unknown {
  if (typeof body === 'string') {
    const raw = /^\^\$\{\d+:([^}]*)\}$/.exec(body);
    if (raw) return JSON.parse(raw[1]!);
    return body.replace(/\$\{\d+:([^}]*)\}|\$\d+/g, (_, text: string | undefined) => text ?? '文字');
  }
  if (Array.isArray(body)) return body.map(filled);
  if (body !== null && typeof body === 'object') return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, filled(v)]));
  return body;
}

describe('completion snippets', () => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addSchema(FORM);
  const withSnippets = nodes(FORM).filter(([, n]) => Array.isArray(n.defaultSnippets));

  it('are offered where the server would otherwise offer only null: a funds row, an indicator, the text blocks', () => {
    expect(withSnippets.map(([p]) => p).sort()).toEqual(
      [
        '/definitions/fundsRow',
        '/definitions/indicator',
        '/properties/conclusion',
        '/properties/goals',
        '/properties/manager',
        '/properties/signoff',
      ].sort(),
    );
  });

  it.each(withSnippets)('%s: each snippet has a Chinese label and inserts a valid value', (pointer, node) => {
    const validate = ajv.getSchema(`evalform.schema.json#${pointer}`)!;
    for (const snippet of node.defaultSnippets as { label: string; body: unknown }[]) {
      expect(snippet.label).toMatch(HAN);
      const data = filled(snippet.body);
      expect(validate(data), `${snippet.label}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(Object.keys(data as object).length).toBeGreaterThan(1);
    }
  });
});
