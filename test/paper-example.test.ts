// examples/county-2023-farmland.yaml: the 20-indicator county form the print layout is tried on, scored as worked by
// hand in its header.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';
import { example, levelHundredths } from './helpers.js';

const FILE = 'county-2023-farmland.yaml';

describe(FILE, () => {
  const text = example(FILE);
  const ev = evaluate(text, FILE);
  const r = ev.result!;

  it('is clean: no error, no warning, every stated value agrees; 20 indicators under all three 一级', () => {
    expect(ev.findings).toEqual([]);
    expect(r.indicators).toHaveLength(20);
    expect(new Set(r.indicators.map((i) => i.level1))).toEqual(new Set(['output', 'outcome', 'satisfaction']));
    expect(new Set(r.indicators.map((i) => `${i.level1}/${i.level2}`)).size).toBe(9);
  });

  it('has its 执行率 and funds score as worked by hand', () => {
    const rate = (key: string) => r.funds.rows.find((x) => x.key === key)?.rateRounded?.toFixed(2);
    expect(['total', 'appropriation', 'carryover'].map(rate)).toEqual(['91.88', '93.02', '82.00']);
    expect(r.funds.score.toFixed(2)).toBe('9.19');
  });

  it('scores each indicator as worked by hand', () => {
    expect(r.indicators.map((i) => [i.path, i.method, i.weight.toString(), i.score?.toFixed(2)])).toEqual([
      ['/indicators/output/quantity/0', 'positive', '5', '5.00'],
      ['/indicators/output/quantity/1', 'positive', '4', '3.80'],
      ['/indicators/output/quantity/2', 'positive', '3', '3.00'],
      ['/indicators/output/quantity/3', 'equal', '3', '3.00'],
      ['/indicators/output/quality/0', 'equal', '4', '4.00'],
      ['/indicators/output/quality/1', 'positive', '4', '4.00'],
      ['/indicators/output/quality/2', 'positive', '3', '2.94'],
      ['/indicators/output/quality/3', 'qualitative', '3', '3.00'],
      ['/indicators/output/timeliness/0', 'negative', '3', '2.73'],
      ['/indicators/output/timeliness/1', 'positive', '3', '3.00'],
      ['/indicators/output/timeliness/2', 'qualitative', '2', '2.00'],
      ['/indicators/output/cost/0', 'negative', '7', '7.00'],
      ['/indicators/output/cost/1', 'negative', '6', '5.69'],
      ['/indicators/outcome/economic/0', 'positive', '5', '5.00'],
      ['/indicators/outcome/economic/1', 'positive', '4', '3.68'],
      ['/indicators/outcome/social/0', 'positive', '7', '7.00'],
      ['/indicators/outcome/ecological/0', 'positive', '4', '3.93'],
      ['/indicators/outcome/ecological/1', 'qualitative', '4', '3.00'],
      ['/indicators/outcome/sustainability/0', 'qualitative', '6', '6.00'],
      ['/indicators/satisfaction/beneficiary/0', 'positive', '10', '10.00'],
    ]);
  });

  it('adds up to the hand-worked levels, total and grade', () => {
    expect(levelHundredths(r)).toEqual(['4916', '2861', '1000']);
    expect(r.weightTotal.toString()).toBe('100');
    expect([r.total.toFixed(2), r.grade]).toEqual(['96.96', '优']);
  });

  it('depends on its numbers: a stated score that disagrees is found', () => {
    const codes = (changed: string) => evaluate(changed, FILE).findings.map((f) => [f.code, f.path]);
    expect(codes(text.replace('actual: 81.7公里', 'actual: 86公里'))).toEqual([
      ['score-mismatch', '/indicators/output/quantity/1/score'],
      ['total-mismatch', '/total'],
    ]);
  });
});
