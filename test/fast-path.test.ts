// The fast path of readSource (src/load/fast.ts) against the `yaml` package's: for every text the fast path reads,
// the Source (data, number texts, every offset) and hence the evaluation are the same as the full parser's; any
// other text is left to the full parser. Fixtures, examples, the hostile corpus, generated forms and mutations
// of all of them. `npm run fuzz` runs the mutations longer with a fresh seed.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateForms } from '../bench/generate.mjs';
import { evaluateSource } from '../src/evaluate.js';
import { MAX_PRESIZED_ROWS, readSourceFast } from '../src/load/fast.js';
import { readSource, readSourceFull, type Source } from '../src/load/source.js';
import { ROOT } from './helpers.js';

const RUNS = Number(process.env.EVALFORM_FUZZ_RUNS ?? 400);
const SEED = Number(process.env.EVALFORM_FUZZ_SEED ?? 20_261_130);

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/i.test(name) ? [full] : [];
  });
}

const CORPUS: { name: string; text: string }[] = [
  ...yamlFiles(path.join(ROOT, 'test', 'fixtures')),
  ...yamlFiles(path.join(ROOT, 'examples')),
  ...yamlFiles(path.join(ROOT, 'templates')),
]
  .sort()
  .map((file) => ({ name: path.relative(ROOT, file), text: new TextDecoder('utf-8').decode(readFileSync(file)) }));
const GENERATED = generateForms(300, 7).map((f) => ({ name: f.path, text: f.text }));

/** The Source as text: every node's offsets by pointer (rows in any order, an absent offset left out), maps sorted,
 * -0 told from 0, a key named __proto__ kept as data. */
function plain(source: Source): string {
  const sorted = (m: Iterable<[string, unknown]>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const rows = (offsets: number[]) =>
    sorted(source.pointers.map((p, row) => [p, offsets[row]] as [string, number]).filter(([, at]) => at !== -1));
  const value = {
    data: source.data,
    offsets: rows(source.offsets),
    keyOffsets: rows(source.keyOffsets),
    numbers: sorted(source.numbers),
    lineStarts: source.lineStarts,
    textLength: source.textLength,
    errors: source.errors,
  };
  return JSON.stringify(value, (_, v: unknown) => (Object.is(v, -0) ? '-0' : v));
}

/** Whether the fast path read the text; when it did, that it read it exactly as the full parser does. */
function agree(text: string, name = 'form.yaml'): boolean {
  const fast = readSourceFast(text);
  if (!fast) return false;
  const full = readSourceFull(text);
  expect(plain(fast), name).toBe(plain(full));
  // One row per node: locate finds a pointer's first row.
  expect(new Set(fast.pointers).size, name).toBe(fast.pointers.length);
  expect(JSON.stringify(evaluateSource(fast, name)), name).toBe(JSON.stringify(evaluateSource(full, name)));
  return true;
}

describe('the fast path of readSource', () => {
  it('reads every fixture, example and template as the full parser does, or leaves it to it', () => {
    let read = 0;
    for (const { name, text } of CORPUS) if (agree(text, name)) read++;
    // The clean forms among them are read fast: most of the corpus is ordinary block YAML.
    expect(read).toBeGreaterThan(CORPUS.length / 2);
    expect(agree(readFileSync(path.join(ROOT, 'test/fixtures/bad/clean-form.yaml'), 'utf8'))).toBe(true);
  });

  it('reads the generated forms, the varied forms of the benchmark, and gives up only on the broken ones', () => {
    const missed = GENERATED.filter(({ name, text }) => !agree(text, name));
    // The generator breaks about 1 % of its forms' YAML on purpose; every other form is read fast.
    expect(missed.length).toBeLessThan(GENERATED.length * 0.05);
    for (const { text } of missed) expect(readSourceFull(text).errors.length).toBeGreaterThan(0);
  });

  it('gives readSource the same answer either way', () => {
    for (const { name, text } of CORPUS) expect(plain(readSource(text)), name).toBe(plain(readSourceFull(text)));
  });

  it('leaves to the full parser what it does not read', () => {
    const cases = [
      '',
      '# only a comment\n',
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: [1, 2]\n',
      'a: {b: 1}\n',
      'a: >\n  folded\n',
      'a: |2\n   x\n',
      'a: 0x10\n',
      'a: 1e3\n',
      'a: .inf\n',
      'a: b: c\n',
      'a: b\n  c\n',
      'a: "b\n  c"\n',
      'a:\n\tb: 1\n',
      'a: 1\r\nb: 2\r\n',
      'a: 1\na: 2\n',
      'Null: 1\n',
      '__proto__: 1\n',
      '"a": 1\n',
      '- a\n',
      '  a: 1\n',
      '---\na: 1\n',
      'a: "\\x41"\n',
      'a: "\\uD800"\n',
      'a: "unclosed\nb: "x"\n',
      "a: 'unclosed\nb: 'x'\n",
      'a: "ends in a backslash\\\nb: 1\n',
      'a: "x" y\n',
      "a: 'x'y\n",
      'a: |\n  x',
      'a:\n  b: 1\n c: 2\n',
      'a: \u0001\n',
    ];
    for (const text of cases) {
      expect(readSourceFast(text), JSON.stringify(text)).toBeUndefined();
      // …which reads it, faults and all.
      expect(plain(readSource(text))).toBe(plain(readSourceFull(text)));
    }
  });

  it('leaves to the full parser a text with more lexemes than it accepts, and reads a long one below that', () => {
    const keys = (n: number) => `evalform: 1\n${Array.from({ length: n }, (_, i) => `k${i}: ${i}`).join('\n')}\n`;
    expect(agree(keys(14_000))).toBe(true);
    // Past the keys it keeps, a key new to it is still told when repeated.
    expect(readSourceFast('evalform: 1\nunkept_key: 1\nunkept_key: 2\n')).toBeUndefined();
    expect(agree('evalform: 1\nunkept_key: 1\nother_unkept: 2\n')).toBe(true);
    expect(readSourceFast(keys(30_000))).toBeUndefined();
    expect(readSource(keys(30_000)).errors[0]?.message).toContain('记号超过');
  });

  it('reads a text with more nodes than the rows it makes at first', () => {
    // Two nodes a line, in few enough lexemes (`- k: 1` has more) for the fast path to read.
    const items = Math.ceil(MAX_PRESIZED_ROWS / 2) + 10;
    const text = `evalform: 1\nlist:\n${'- k:\n'.repeat(items)}`;
    expect(agree(text)).toBe(true);
    expect(readSourceFast(text)?.pointers.length).toBe(3 + 2 * items);
  });

  it('reads a text of more lines than it keeps room for between forms, and the forms after it', () => {
    // Blank lines: many lines, few lexemes.
    expect(agree(`evalform: 1\n${'\n'.repeat(70_000)}year: 2024\n`)).toBe(true);
    expect(agree(readFileSync(path.join(ROOT, 'test/fixtures/bad/clean-form.yaml'), 'utf8'))).toBe(true);
  });

  it('reads a plain value of millions of words on one line without overflowing the stack', () => {
    const words = 'a '.repeat(4_000_000);
    expect(readSourceFast(`v: ${words}\n`)?.data).toEqual({ v: words.trimEnd() });
    expect(readSourceFast(`v: ${words}x#y # a comment\n`)?.data).toEqual({ v: `${words}x#y` });
  });

  it('reads the block YAML it is for', () => {
    const cases = [
      'a: 1\nb: 9.00\nc: -0\nd: +5\ne: .5\nf: 1.\n',
      'a: 007\nb: -.5\nc: +1.\nd: 12345678901234567890123\ne: 0.1000000000000000055511151231257827\nf: 9007199254740993\n',
      "a: ~\nb: null\nc:\nd: true\ne: False\nf: \"\"\ng: 'it''s'\n",
      'a: "x \\"y\\" \\\\ \\/ \\n \\t \\u4e2d"\n',
      "a: 'it''s ''quoted'''\nb: ''\nc: \"\"\nd: \"\\\\\"\ne: \"中\\\"文\" # 注\nf: '中''文'   # 注\n",
      'list:\n- a\n- 2\n-\n- b: 1\n  c: 2\nnext: 1\n',
      'list:\n  - name: x  # a comment\n    parts:\n      - name: y\n        target: "1"\n  -\n    name: z\n',
      'a: |-\n  line one\n\n    indented\n  last\nb: |\n  kept\n\nc: 1\n',
      '# head\n\na: {}\nb: []   # empty\nc: 达到85% 以上\nd: http://x.y/z\ne: 10:30\n',
      'a:\n  b:\n    c: 1\n  d: 2\ne: 3',
    ];
    for (const text of cases) expect(agree(text), JSON.stringify(text)).toBe(true);
  });

  it('reads keys in whatever order they come, though it tries first the order it met them in before', () => {
    // Each text is read after the ones before it: keys left out, swapped, repeated, and keys that start with the
    // key expected there (`name` before `names:`, `name:x`, `name :`).
    const texts = [
      'm:\n  name: 1\n  target: 2\n  weight: 3\n',
      'm:\n  name: 1\n  target: 2\n  weight: 3\n',
      'm:\n  target: 2\n  name: 1\n',
      'm:\n  names: 1\n  target: 2\n',
      'm:\n  name: 1\n  weight: 3\n  target: 2\n',
      'm:\n  name:\n  target:\n',
      'm:\n  name: 1\n  name_2: 2\n  target: 3',
      'm:\n  name: 1\n  target: 2\n  target: 3\n',
      'm:\n  name:x\n',
      'm:\n  name :1\n',
      'm:\n  name: 1\n  名称: 2\n',
    ];
    expect(texts.map((text) => agree(text))).toEqual([true, true, true, true, true, true, true, false, false, false, false]);
  });

  it('agrees with the full parser on mutated forms', () => {
    const texts = [...CORPUS.filter(({ text }) => readSourceFast(text)), ...GENERATED.slice(0, 40)].map((c) => c.text);
    const VALUES = [
      '',
      '~',
      '1',
      '-1',
      '9.00',
      '"9.00"',
      "'x'",
      '0x10',
      '1e3',
      '{}',
      '[]',
      '[1]',
      '|-',
      '|',
      '>',
      'a: b',
      '- x',
      '&a x',
      '*a',
      '!!str 1',
      '"a\\"b"',
      '"\\u0041"',
      '" #x"',
      'x #y',
      'x# y',
      '达成',
      '"≥95%"',
      '95%',
      'true',
      'NULL',
      '"',
      "'",
      '#',
      ':',
      '-',
      '?',
      '%',
      '@x',
    ];
    const mutation = fc.record({
      text: fc.nat({ max: texts.length - 1 }),
      line: fc.nat({ max: 10_000 }),
      kind: fc.constantFrom('value', 'indent', 'dedent', 'delete', 'duplicate', 'comment', 'blank', 'spaces', 'key', 'dash'),
      value: fc.constantFrom(...VALUES),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (ops) => {
        let text = texts[ops[0]?.text ?? 0] as string;
        for (const op of ops) {
          const lines = text.split('\n');
          const n = op.line % lines.length;
          const line = lines[n] as string;
          if (op.kind === 'value') lines[n] = line.replace(/:( .*)?$/, `: ${op.value}`);
          else if (op.kind === 'indent') lines[n] = `  ${line}`;
          else if (op.kind === 'dedent') lines[n] = line.replace(/^ {1,2}/, '');
          else if (op.kind === 'delete') lines.splice(n, 1);
          else if (op.kind === 'duplicate') lines.splice(n, 0, line);
          else if (op.kind === 'comment') lines.splice(n, 0, `${' '.repeat(op.line % 7)}# ${op.value}`);
          else if (op.kind === 'blank') lines.splice(n, 0, '');
          else if (op.kind === 'spaces') lines.splice(n, 0, ' '.repeat(1 + (op.line % 6)));
          else if (op.kind === 'key') lines[n] = line.replace(/^( *(?:- )?)[^:]*:/, `$1${op.value}:`);
          else lines[n] = line.replace(/^( *)/, '$1- ');
          text = lines.join('\n');
        }
        agree(text);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
