// Fuzzing (issue 5, item 2): mutated forms through load → validate → score → report → render, asserting only
// that each gives a result or findings, never an exception. `npm run fuzz` runs it longer with a fresh seed.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { evaluate } from '../src/evaluate.js';
import { decodeUtf8, readSource } from '../src/load/source.js';
import type { Evaluation } from '../src/model/types.js';
import { renderDocx } from '../src/render/docx.js';
import { renderHtml } from '../src/render/html.js';
import { tableView } from '../src/render/view.js';
import { jsonResult } from '../src/report/json-result.js';
import { stylish } from '../src/report/stylish.js';
import { scoreTable } from '../src/report/table.js';
import { ROOT } from './helpers.js';

/** Cases and seed: fixed in `npm test` so CI is repeatable; scripts/fuzz.mjs sets both for a longer run. */
const RUNS = Number(process.env.EVALFORM_FUZZ_RUNS ?? 300);
const SEED = Number(process.env.EVALFORM_FUZZ_SEED ?? 20_240_518);
/** Render a .docx for one scored case in this many (all of them in a long run): it is the slow step. */
const DOCX_EVERY = Number(process.env.EVALFORM_FUZZ_DOCX_EVERY ?? 4);

const SOURCES: { name: string; bytes: Buffer }[] = [
  ...readdirSync(path.join(ROOT, 'examples')).map((f) => path.join('examples', f)),
  'test/fixtures/bad/clean-form.yaml',
  'test/fixtures/bad/seed-quirks.yaml',
  ...readdirSync(path.join(ROOT, 'test', 'fixtures', 'codes')).map((f) => path.join('test', 'fixtures', 'codes', f)),
]
  .filter((f) => /\.ya?ml$/.test(f))
  .sort()
  .map((name) => ({ name, bytes: readFileSync(path.join(ROOT, name)) }));
const TEMPLATE = readFileSync(path.join(ROOT, 'templates', 'table.hbs'), 'utf8');

/** Values a hand-written form gets wrong, and values a parser finds hard. */
const VALUES = [
  '',
  '~',
  'null',
  '-1',
  '0',
  '-0',
  '1e400',
  '1e-400',
  '0x10',
  '.nan',
  '-.inf',
  '999999999999999999999',
  '0.1234567890123456789012',
  '"１２３４．５"',
  '"1,234.5"',
  '"1,23.4"',
  '50分',
  '100万元',
  '"95%"',
  '95％',
  '≥95%',
  '≤0',
  '不低于0人',
  '/',
  '不适用',
  '—',
  '达成',
  '部分达成',
  '未达成',
  'true',
  '[]',
  '{}',
  '[1, 2',
  '{a: 1',
  '"',
  "'",
  '|',
  '>',
  '- x',
  'a: b',
  '&a x',
  '*a',
  '*undefined',
  '!!binary aGVsbG8=',
  '!!str 1',
  '!custom x',
  '"\\u0000"',
  '"\\uD800"',
  '"\\x0b"',
  '😀',
  '　',
  '"　100　"',
  'x'.repeat(3000),
  '"\\uFFFE"',
  '"\\uFFFF"',
  '"\\e]0;title\\a"',
  '"\\e[2J"',
  '"\\u009b31m"',
  '"a\\nb"',
  '"\\u202e"',
  '"\\r::warning::x"',
  '≥-5%',
  '+5',
  '.5',
  '1e2个',
  '=100以上',
  '≥100个以下',
  '0.95',
  '!!timestamp 2001-12-14',
  '!!set {a, b}',
  '!!omap [a: 1]',
  '2023-05-22',
  '"2023年5月22"',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  '{{title}}',
  '"{{{x}}}"',
  '&amp;',
  '"\\\\"',
];
const KEYS = [
  'evalform',
  'year',
  'project',
  'funds',
  'unit',
  'weight',
  'score',
  'rate',
  'annual',
  'executed',
  'initial',
  'total',
  'target',
  'actual',
  'rating',
  'deviation',
  'indicators',
  'output',
  'quantity',
  'rules',
  'places',
  'negative',
  'rate_caps',
  'grades',
  'severity',
  'form_rules',
  'wieght',
  '__proto__',
  '<<',
  '? x',
  '"weight"',
  'Weight',
  '权重',
];

type Op =
  | { kind: 'flip-byte'; at: number; value: number }
  | { kind: 'insert-bytes'; at: number; bytes: number[] }
  | { kind: 'delete-bytes'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'delete-line' | 'duplicate-line'; at: number }
  | { kind: 'swap-lines'; at: number; other: number }
  | { kind: 'indent'; at: number; by: number; tab: boolean }
  | { kind: 'rename-key'; at: number; key: number }
  | { kind: 'set-value'; at: number; value: number }
  | { kind: 'splice-line'; at: number; source: number; line: number }
  | { kind: 'line-ends'; style: 'crlf' | 'cr' | 'bom' }
  | { kind: 'tweak-number'; at: number; value: string }
  | { kind: 'set-quantity'; at: number; value: string }
  | { kind: 'drop-optional'; at: number };

const index = fc.nat({ max: 1_000_000 });
const number = fc
  .tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 3 }))
  .map(([i, f, p]) => (p === 0 ? String(i) : `${i}.${String(f).padStart(3, '0').slice(0, p)}`));
/** A target or actual as forms write them (FORMAT.md §2), or not quite. */
const quantity = fc
  .tuple(
    fc.constantFrom('', '≥', '>=', '＞＝', '不低于', '至少', '>', '≤', '<=', '不超过', '控制在', '<', '=', '约'),
    number,
    fc.constantFrom('', '%', '％', '百分比', '个', '人次', '万元', '元', '天', '公里', '分'),
    fc.constantFrom('', '', '', '以上', '以内', '及以下', '左右'),
  )
  .map(([c, n, u, s]) => `"${c}${n}${u}${s}"`);
// Weighted towards changes that keep the form valid, so that most cases reach the engine and the renderers.
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('tweak-number' as const), at: index, value: number }), weight: 8 },
  {
    arbitrary: fc.record({
      kind: fc.constant('set-quantity' as const),
      at: index,
      value: fc.oneof(quantity, fc.constantFrom('"/"', '"不适用"', '"完成全年工作任务"')),
    }),
    weight: 8,
  },
  { arbitrary: fc.record({ kind: fc.constant('drop-optional' as const), at: index }), weight: 4 },
  fc.record({ kind: fc.constant('flip-byte' as const), at: index, value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    kind: fc.constant('insert-bytes' as const),
    at: index,
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }),
  }),
  fc.record({ kind: fc.constant('delete-bytes' as const), at: index, length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: index }),
  fc.record({ kind: fc.constantFrom('delete-line' as const, 'duplicate-line' as const), at: index }),
  fc.record({ kind: fc.constant('swap-lines' as const), at: index, other: index }),
  fc.record({ kind: fc.constant('indent' as const), at: index, by: fc.integer({ min: -4, max: 4 }), tab: fc.boolean() }),
  fc.record({ kind: fc.constant('rename-key' as const), at: index, key: index }),
  fc.record({ kind: fc.constant('set-value' as const), at: index, value: index }),
  fc.record({ kind: fc.constant('set-value' as const), at: index, value: index }),
  fc.record({ kind: fc.constant('splice-line' as const), at: index, source: index, line: index }),
  fc.record({ kind: fc.constant('line-ends' as const), style: fc.constantFrom('crlf' as const, 'cr' as const, 'bom' as const) }),
);

const mutation = fc.record({ source: index, ops: fc.array(op, { minLength: 1, maxLength: 4 }) });

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;
const linesOf = (bytes: Buffer): string[] => bytes.toString('utf8').split('\n');
const fromLines = (lines: string[]): Buffer => Buffer.from(lines.join('\n'), 'utf8');

function apply(bytes: Buffer, o: Op): Buffer {
  const at = (n: number, length: number) => (length === 0 ? 0 : n % length);
  switch (o.kind) {
    case 'flip-byte': {
      if (bytes.length === 0) return bytes;
      const out = Buffer.from(bytes);
      out[at(o.at, out.length)] = o.value;
      return out;
    }
    case 'insert-bytes': {
      const i = at(o.at, bytes.length + 1);
      return Buffer.concat([bytes.subarray(0, i), Buffer.from(o.bytes), bytes.subarray(i)]);
    }
    case 'delete-bytes': {
      const i = at(o.at, bytes.length);
      return Buffer.concat([bytes.subarray(0, i), bytes.subarray(i + o.length)]);
    }
    case 'truncate':
      return bytes.subarray(0, at(o.at, bytes.length + 1));
    case 'line-ends': {
      if (o.style === 'bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
      return Buffer.from(bytes.toString('latin1').replace(/\n/g, o.style === 'crlf' ? '\r\n' : '\r'), 'latin1');
    }
    default:
      break;
  }
  const lines = linesOf(bytes);
  const where = (re: RegExp): number | undefined => {
    const hits = lines.flatMap((l, n) => (re.test(l) ? [n] : []));
    return hits.length === 0 ? undefined : hits[o.at % hits.length];
  };
  if (o.kind === 'tweak-number' || o.kind === 'set-quantity' || o.kind === 'drop-optional') {
    const re = {
      'tweak-number': /^\s*(?:- )?[a-z_]+: -?\d[\d.]*%?\s*(?:#.*)?$/,
      'set-quantity': /^\s*(?:- )?(?:target|actual): /,
      'drop-optional': /^\s*(?:score|rate|total|grade|deviation|name|rating|initial): /,
    }[o.kind];
    const n = where(re);
    if (n === undefined) return bytes;
    if (o.kind === 'drop-optional') lines.splice(n, 1);
    else if (o.kind === 'tweak-number') lines[n] = (lines[n] ?? '').replace(/-?\d[\d.]*(%?)\s*(?:#.*)?$/, `${o.value}$1`);
    else lines[n] = (lines[n] ?? '').replace(/: .*$/, `: ${o.value}`);
    return fromLines(lines);
  }
  const i = at(o.at, lines.length);
  const line = lines[i] ?? '';
  switch (o.kind) {
    case 'delete-line':
      lines.splice(i, 1);
      break;
    case 'duplicate-line':
      lines.splice(i, 0, line);
      break;
    case 'swap-lines': {
      const j = at(o.other, lines.length);
      [lines[i], lines[j]] = [lines[j] ?? '', line];
      break;
    }
    case 'indent':
      lines[i] = o.by >= 0 ? (o.tab ? '\t' : ' ').repeat(o.by) + line : line.replace(new RegExp(`^ {0,${-o.by}}`), '');
      break;
    case 'rename-key':
      lines[i] = line.replace(/^(\s*(?:- )?)[^:#\s][^:#]*:/, `$1${pick(KEYS, o.key)}:`);
      break;
    case 'set-value': {
      const value = pick(VALUES, o.value);
      lines[i] =
        /:\s/.test(line) || line.endsWith(':') ? line.replace(/:(\s.*)?$/, `: ${value}`) : `${line.match(/^\s*/)?.[0] ?? ''}${value}`;
      break;
    }
    case 'splice-line': {
      const other = linesOf(pick(SOURCES, o.source).bytes);
      lines.splice(i, 0, pick(other, o.line));
      break;
    }
  }
  return fromLines(lines);
}

/** Everything the CLI would do with the bytes, in-process; throws only on a bug. */
async function pipeline(bytes: Buffer, docx: () => boolean = () => true): Promise<Evaluation> {
  const decoded = decodeUtf8(bytes);
  const ev: Evaluation =
    'error' in decoded
      ? { file: 'fuzz.yaml', findings: [{ ...decoded.error, severity: 'error', file: 'fuzz.yaml' }] }
      : evaluate(decoded.text, 'fuzz.yaml');
  // What a worker thread sends back must cross threads, whatever tags the text uses.
  if (!('error' in decoded)) structuredClone(readSource(decoded.text));
  const ctx = { cwd: ROOT, version: '0.0.0' };
  JSON.stringify(jsonResult(ev, ROOT));
  // Text from the form never reaches a terminal as a control character (only the reporters' own line breaks).
  for (const out of [stylish([ev], ctx), scoreTable([ev], ctx)]) expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
  if (ev.result) {
    const view = tableView(ev.result);
    // Nothing XML 1.0 forbids reaches a document.
    expect(renderHtml([view], TEMPLATE, 'templates/table.hbs')).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/);
    if (docx()) await renderDocx([view]);
  }
  return ev;
}

/** A result, or at least one error; every finding placed on a line of the text. */
function expectOutcome(ev: Evaluation, bytes: Buffer): void {
  expect(ev.result !== undefined || ev.findings.some((f) => f.severity === 'error'), 'a result or an error').toBe(true);
  const lines = new TextDecoder()
    .decode(bytes)
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/);
  for (const f of ev.findings) {
    // Every message is written for the user, in Chinese, never a library's English.
    expect(f.message, f.code).toMatch(/[\u4e00-\u9fff]/);
    expect(f.line >= 1 && f.line <= lines.length, `${f.code} at line ${f.line} of ${lines.length}`).toBe(true);
    expect(f.column >= 1 && f.column <= (lines[f.line - 1] ?? '').length + 1, `${f.code} at ${f.line}:${f.column}`).toBe(true);
  }
}

/** Mostly the right kind of value for a field, sometimes anything at all. */
const or = <T>(good: fc.Arbitrary<T>, odds = 40): fc.Arbitrary<unknown> =>
  fc.oneof({ arbitrary: good, weight: odds }, { arbitrary: fc.jsonValue({ maxDepth: 2 }), weight: 1 });
const amount = or(
  fc.oneof(
    number.map(Number),
    number,
    number.map((n) => `${n.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`),
  ),
);
const fundsRow = or(
  fc.record(
    { initial: amount, annual: amount, executed: amount, rate: or(number.map((n) => `${n}%`)) },
    { requiredKeys: [], noNullPrototype: true },
  ),
);
const points = or(fc.integer({ min: 0, max: 60 }));
// An indicator's fields are many across a form, so each is wrong more rarely.
const generatedIndicator = fc.record(
  {
    name: or(fc.string(), 400),
    target: or(
      quantity.map((q) => q.slice(1, -1)),
      400,
    ),
    actual: or(
      quantity.map((q) => q.slice(1, -1)),
      400,
    ),
    weight: or(fc.integer({ min: 0, max: 60 }), 400),
    score: or(fc.integer({ min: 0, max: 60 }), 400),
    rating: or(fc.constantFrom('达成', '部分达成', '未达成'), 400),
    deviation: or(fc.string(), 400),
  },
  { requiredKeys: ['target', 'actual'] },
);
const list = fc.array(generatedIndicator, { maxLength: 2 });
/** A whole form built as data, then written as YAML: every field present or not, right or wrong. */
const generatedForm = fc.record(
  {
    evalform: or(fc.constant(1)),
    year: or(fc.integer({ min: 1990, max: 2100 })),
    project: or(fc.string()),
    department: or(fc.string()),
    implementer: or(fc.string()),
    funds: or(
      fc.record(
        {
          unit: or(fc.constantFrom('万元', '元')),
          weight: points,
          appropriation: fundsRow,
          carryover: fundsRow,
          other: fundsRow,
          total: fundsRow,
          score: points,
          deviation: or(fc.string()),
        },
        { requiredKeys: [] },
      ),
    ),
    indicators: or(
      fc.record(
        {
          output: fc.record({ quantity: list, quality: list, timeliness: list, cost: list }, { requiredKeys: [] }),
          outcome: fc.record({ economic: list, social: list, ecological: list, sustainability: list }, { requiredKeys: [] }),
          satisfaction: fc.record({ beneficiary: list }, { requiredKeys: [] }),
        },
        { requiredKeys: [] },
      ),
    ),
    total: points,
    grade: or(fc.constantFrom('优', '良', '中', '差')),
    rules: or(
      fc.record(
        {
          places: or(fc.integer({ min: 0, max: 6 })),
          rate_places: or(fc.integer({ min: 0, max: 6 })),
          rounding: or(fc.constantFrom('half-up', 'half-even', 'down')),
          negative: or(fc.constantFrom('ratio', 'linear')),
          weights: or(fc.record({ funds: points, output: points, outcome: points, satisfaction: points }, { requiredKeys: [] })),
          bands: or(fc.record({ achieved: points, partial: points }, { requiredKeys: [] })),
          overachievement: or(fc.integer({ min: 100, max: 500 })),
          explain_rate_below: points,
          rate_caps: or(fc.array(fc.record({ below: points, max_total: points }), { maxLength: 3 })),
          grades: or(fc.array(fc.record({ min: points, grade: fc.string({ minLength: 1 }) }), { minLength: 1, maxLength: 4 })),
        },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: ['evalform', 'year', 'project', 'department', 'implementer', 'funds', 'indicators'] },
);

describe(`fuzz: ${RUNS} mutated forms, seed ${SEED}`, () => {
  it('every source form goes through the whole pipeline as it is', async () => {
    for (const s of SOURCES) expectOutcome(await pipeline(s.bytes), s.bytes);
  });

  it(
    'gives a result or findings for every mutation, never an exception',
    async () => {
      const seen = { scored: 0, unscored: 0, docx: 0 };
      await fc.assert(
        fc.asyncProperty(mutation, async (m) => {
          const bytes = m.ops.reduce(apply, pick(SOURCES, m.source).bytes);
          const ev = await pipeline(bytes, () => seen.scored % DOCX_EVERY === 0 && ++seen.docx > 0);
          seen[ev.result ? 'scored' : 'unscored']++;
          expectOutcome(ev, bytes);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      if (process.env.EVALFORM_FUZZ_RUNS)
        console.log(
          `fuzz seed ${SEED}: ${RUNS} cases, ${seen.scored} scored and rendered (${seen.docx} as .docx), ${seen.unscored} with findings only`,
        );
      // Mutations must not all break the YAML: the engine and the renderers are what this is for.
      expect(seen.scored).toBeGreaterThan(RUNS / 5);
    },
    Math.max(60_000, RUNS * 200),
  );

  it(
    'gives a result or findings for every generated form, never an exception',
    async () => {
      let scored = 0;
      await fc.assert(
        fc.asyncProperty(generatedForm, async (data) => {
          const bytes = Buffer.from(stringify(data), 'utf8');
          const ev = await pipeline(bytes, () => scored % DOCX_EVERY === 0);
          if (ev.result) scored++;
          expectOutcome(ev, bytes);
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
      if (process.env.EVALFORM_FUZZ_RUNS) console.log(`fuzz seed ${SEED}: ${RUNS} generated forms, ${scored} scored and rendered`);
      expect(scored).toBeGreaterThan(RUNS / 10);
    },
    Math.max(60_000, RUNS * 200),
  );
});
