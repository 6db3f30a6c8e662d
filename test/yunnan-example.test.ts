// Issue 10: examples/yunnan-2023-rural-water.yaml, Yunnan's split columns (指标性质 / 指标值 / 度量单位), scored as
// worked by hand in its header.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';
import { example, levelHundredths } from './helpers.js';

const FILE = 'yunnan-2023-rural-water.yaml';

describe(FILE, () => {
  const text = example(FILE);
  const ev = evaluate(text, FILE);
  const r = ev.result!;

  it('is clean: no error, no warning, every stated value agrees', () => {
    expect(ev.findings).toEqual([]);
    expect(r.form.layout).toBe('yunnan');
  });

  it('has its 执行率 and funds score as worked by hand', () => {
    const rate = (key: string) => r.funds.rows.find((x) => x.key === key)?.rateRounded?.toFixed(2);
    expect(['total', 'appropriation', 'carryover'].map(rate)).toEqual(['93.59', '94.50', '80.50']);
    expect(r.funds.rateRounded?.toFixed(2)).toBe('93.59');
    expect(r.funds.score.toFixed(2)).toBe('9.36');
  });

  it('scores each indicator as worked by hand', () => {
    expect(r.indicators.map((i) => [i.path, i.method, i.weight.toString(), i.score?.toFixed(2)])).toEqual([
      ['/indicators/output/quantity/0', 'positive', '8', '8.00'],
      ['/indicators/output/quantity/1', 'positive', '7', '6.63'],
      ['/indicators/output/quantity/2', 'positive', '5', '4.80'],
      ['/indicators/output/quality/0', 'positive', '6', '6.00'],
      ['/indicators/output/quality/1', 'positive', '6', '5.88'],
      ['/indicators/output/quality/2', 'negative', '5', '4.44'],
      ['/indicators/output/timeliness/0', 'deadline', '5', '5.00'],
      ['/indicators/output/timeliness/1', 'negative', '4', '4.00'],
      ['/indicators/output/cost/0', 'negative', '4', '4.00'],
      ['/indicators/outcome/economic/0', 'positive', '6', '6.00'],
      ['/indicators/outcome/social/0', 'positive', '8', '7.20'],
      ['/indicators/outcome/ecological/0', 'qualitative', '4', '4.00'],
      ['/indicators/outcome/sustainability/0', 'qualitative', '12', '9.00'],
      ['/indicators/satisfaction/beneficiary/0', 'positive', '10', '10.00'],
    ]);
  });

  it('adds up to the hand-worked levels, total and grade', () => {
    expect(levelHundredths(r)).toEqual(['4875', '2620', '1000']);
    expect(r.weightTotal.toString()).toBe('100');
    expect([r.total.toFixed(2), r.grade]).toEqual(['94.31', '优']);
  });

  it('depends on its columns: 反向 on 漏损率, the 万人 of 受益人口 and the 个百分点 of 普及率', () => {
    const codes = (changed: string) => evaluate(changed, FILE).findings.map((f) => [f.code, f.path]);
    // Without 反向 the bare 12 against 13.5 is positive: 5 points, and the stated 4.44 disagrees.
    expect(codes(text.replace('nature: 反向\n        target: 12', 'nature: 正向\n        target: 12'))).toEqual([
      ['score-mismatch', '/indicators/output/quality/2/score'],
      ['total-mismatch', '/total'],
    ]);
    // 33600 written bare takes the 万人 column: 33600万人 is full marks, and the stated 4.8 disagrees.
    expect(codes(text.replace('actual: 33600人', 'actual: 33600'))).toEqual([
      ['score-mismatch', '/indicators/output/quantity/2/score'],
      ['total-mismatch', '/total'],
    ]);
    // 个百分点 is not %: an actual of 1.8% against 2个百分点 cannot be compared.
    expect(codes(text.replace('actual: 1.8\n', 'actual: 1.8%\n')).map(([code]) => code)).toContain('unit-mismatch');
  });
});
