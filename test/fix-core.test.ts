// `--fix` in the core (src/fix/): every example and fixture fixed and checked line by line, and the styles a form
// may write its values in kept (test/fixtures/fix/: CRLF and a BOM, flow maps, quoted and plain numbers, comments
// beside values, amounts with thousands separators, values behind an alias or in a block scalar).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/evaluate.js';
import { applyEdits, fixes, fixText } from '../src/fix/index.js';
import { decodeUtf8 } from '../src/load/source.js';
import type { RulesLayer } from '../src/score/rules.js';
import { fixAndCheck } from './fix-helpers.js';
import { generate } from './oracle/generate.js';

const root = new URL('../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const list = (dir: string) =>
  readdirSync(new URL(dir, root))
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => `${dir}${f}`);

/** A fixture's `# config:` line (test/fixtures/codes), as test/codes.test.ts reads it. */
function configOf(text: string): RulesLayer | undefined {
  const line = text.split('\n').find((l) => l.startsWith('# config:'));
  return line === undefined ? undefined : parseConfig(line.slice('# config:'.length), 'config').layer;
}

const lineOf = (text: string, n: number) => text.split('\n')[n - 1];

describe('--fix on every example and every check fixture', () => {
  for (const file of [...list('examples/'), ...list('test/fixtures/codes/'), ...list('test/fixtures/fix/')]) {
    it(file, () => {
      const decoded = decodeUtf8(readFileSync(new URL(file, root)));
      // The encoding fixture is not text: nothing to fix, as the CLI never gets that far.
      if ('error' in decoded) return;
      const text = file.endsWith('crlf-bom.yaml') ? read(file) : decoded.text;
      const stuck = file.endsWith('stuck.yaml') ? 3 : 0;
      fixAndCheck(text, file, { config: configOf(text) }, stuck);
    });
  }
});

describe('what --fix writes', () => {
  it('refuses a value that would give the form a finding it did not have: a score rounded above its weight', () => {
    // Weight 5.5 at places 0: the full score 5.5 rounds to 6 (FORMAT §3), which as a stated score is above its
    // weight. The score-mismatch stays; nothing new appears.
    const text = generate(1294109622).yaml;
    const path = '/indicators/satisfaction/beneficiary/0/score';
    const r = fixAndCheck(text, 'generated.yaml');
    expect(r.refused).toContainEqual({ path, code: 'score-mismatch' });
    expect(r.fixed.map((f) => f.path)).not.toContain(path);
    expect(r.evaluation.findings.some((f) => f.code === 'score-mismatch' && f.path === path)).toBe(true);
    expect(r.evaluation.findings.some((f) => f.code === 'score-exceeds-weight' && f.path === path)).toBe(false);
  });

  it('seed table 1: the two rates, the funds score and the total, at the precision the form used; comments stay', () => {
    const text = read('examples/hunan-2022-business.yaml');
    const r = fixAndCheck(text, 'business.yaml');
    expect(r.fixed.map((f) => f.code)).toEqual(['rate-mismatch', 'rate-mismatch', 'funds-score-mismatch', 'total-mismatch']);
    expect(lineOf(r.text, 25)).toBe('    rate: 74.22%               # 执行率, as stated');
    expect(lineOf(r.text, 33)).toBe('  score: 7.4                   # 得分, as stated');
    expect(r.text).toMatch(/^total: 97\.4$/m);
  });

  it('CRLF and a BOM survive; an integer-written total gets the rules places, without trailing zeros', () => {
    const text = read('test/fixtures/fix/crlf-bom.yaml');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const r = fixAndCheck(text, 'crlf-bom.yaml');
    expect(r.text.startsWith('\uFEFF')).toBe(true);
    expect(r.text.match(/\r\n/g)).toHaveLength(text.match(/\r\n/g)?.length ?? -1);
    expect(r.text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(r.text).toContain('    rate: 95%         # 执行率, as stated\r\n');
    expect(r.text).toContain('        score: 27     # 按公式应为 27\r\n');
    expect(r.text).toContain('total: 96.5           # 总分, as stated\r\n');
    expect(r.text).toContain('grade: 优             # 等级, as stated\r\n');
  });

  it('flow maps and lists: quotes kept (double and single), decimals kept (28.00 → 27.00)', () => {
    const r = fixAndCheck(read('test/fixtures/fix/flow.yaml'), 'flow.yaml');
    expect(r.fixed).toHaveLength(6);
    expect(lineOf(r.text, 7)).toBe(
      'funds: {weight: 10, appropriation: {initial: 100, annual: 100, executed: 95, rate: "95%"}, total: {initial: 100, annual: 100, executed: 95, rate: \'95.0%\'}, score: 9.5, deviation: ""}',
    );
    expect(lineOf(r.text, 10)).toContain('weight: 30, score: 27.00, deviation:');
    expect(r.text).toMatch(/^total: 96\.5\ngrade: "优"\n$/m);
  });

  it('the 年度资金总额 columns are the exact sums of the rows, with thousands separators and quotes as written', () => {
    const r = fixAndCheck(read('test/fixtures/fix/amounts.yaml'), 'amounts.yaml');
    expect(r.text).toContain('    annual: "2,084.48"    # the rows sum to 2,084.48\n');
    expect(r.text).toContain("    executed: '1,552.76'  # the rows sum to 1,552.76\n");
    expect(r.text).toContain('    rate: 74.49%\n  score: 7.45\n');
    expect(r.text).toContain('total: 97.45\n');
    // A right full-width rate is left as it is.
    expect(r.text).toContain('rate: ７９．８５％}');
  });

  it('a deadline met is fixed to its weight; judgements (a qualitative score, a rating) are not touched', () => {
    const text = read('test/fixtures/fix/deadline.yaml');
    const r = fixAndCheck(text, 'deadline.yaml');
    expect(r.fixed).toEqual([{ path: '/indicators/output/timeliness/0/score', code: 'score-mismatch' }]);
    expect(r.evaluation.findings.map((f) => f.code)).toEqual(['rating-band', 'deviation-missing', 'score-exceeds-weight']);
    expect(r.text).toContain('        score: 32\n');
    expect(r.text).toContain('        rating: 部分达成\n        score: 9\n');
  });

  it('a value behind an anchor or alias, or in a block scalar, is left and its finding stays', () => {
    const text = read('test/fixtures/fix/stuck.yaml');
    const r = fixAndCheck(text, 'stuck.yaml', {}, 3);
    expect(r.text).toBe(text);
    expect(r.fixed).toEqual([]);
  });

  it('a full-width rate is rewritten in full width; a rate written as a fraction keeps its decimals', () => {
    const text = read('test/fixtures/codes/rate-mismatch.yaml')
      .replace('rate: 96%', 'rate: ９６．００％')
      .replace('rate: 95.00%', 'rate: 0.9186');
    const r = fixAndCheck(text, 'rate.yaml');
    expect(r.text).toContain('rate: ９５．００％\n');
    expect(r.text).toContain('rate: 95.0000\n');
  });

  it('a grade that would not read back as plain text is double-quoted; one that needs no quotes stays plain', () => {
    const text = `${read('test/fixtures/codes/grade-mismatch.yaml')}rules:\n  grades: [{min: 90, grade: "A: 优"}, {min: 0, grade: "true"}]\n`;
    const r = fixAndCheck(text, 'grades.yaml');
    expect(r.text).toMatch(/^grade: "A: 优"$/m);
    const low = fixAndCheck(
      text.replace(/^total: .*$/m, 'total: 50').replace('weight: 30\n        score: 30', 'weight: 30\n        score: 0'),
      'low.yaml',
    );
    expect(low.evaluation.findings.filter((f) => f.code === 'grade-mismatch')).toEqual([]);
  });

  it('a check turned off (rules.severity) is not fixed: --fix follows the findings', () => {
    const text = `${read('test/fixtures/codes/grade-mismatch.yaml')}rules:\n  severity: {grade-mismatch: off}\n`;
    const r = fixAndCheck(text, 'off.yaml');
    expect(r.text).toBe(text);
    expect(r.text).toMatch(/^grade: 良$/m);
  });

  it('a capped total keeps every decimal of its cap', () => {
    const text = `${read('test/fixtures/codes/total-mismatch.yaml')}rules:\n  places: 0\n  rate_caps: [{below: 100, max_total: 89.5}]\n`;
    const r = fixAndCheck(text, 'capped.yaml');
    expect(r.text).toMatch(/^total: 89\.5$/m);
  });

  it('a form with a schema error or a syntax error is not touched', () => {
    for (const file of ['test/fixtures/codes/schema.yaml', 'test/fixtures/codes/yaml-syntax.yaml']) {
      const text = read(file);
      const r = fixText(text, file);
      expect(r.text).toBe(text);
      expect(r.fixed).toEqual([]);
      expect(r.evaluation.result).toBeUndefined();
    }
  });

  it('applyEdits splices in order and refuses overlapping edits', () => {
    const text = read('test/fixtures/codes/total-mismatch.yaml');
    const edits = fixes(text, fixText(text, 'x').evaluation);
    expect(edits).toEqual([]);
    const base = { code: 'total-mismatch' as const, path: '/total' };
    expect(
      applyEdits('abcdef', [
        { ...base, start: 4, end: 5, text: 'E' },
        { ...base, start: 0, end: 1, text: 'A' },
      ]),
    ).toBe('AbcdEf');
    expect(() =>
      applyEdits('abcdef', [
        { ...base, start: 0, end: 3, text: '' },
        { ...base, start: 2, end: 4, text: '' },
      ]),
    ).toThrow(RangeError);
  });
});
