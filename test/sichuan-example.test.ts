// Issue 10: examples/sichuan-2022-public-health.yaml, Sichuan's table, scored as worked by hand in its header.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';
import { tableView } from '../src/render/view.js';
import { example } from './helpers.js';

const FILE = 'sichuan-2022-public-health.yaml';

describe(FILE, () => {
  const ev = evaluate(example(FILE), FILE);
  const r = ev.result!;

  it('is clean: every stated value agrees', () => {
    expect(ev.findings).toEqual([]);
  });

  it('scores as worked by hand', () => {
    expect(r.rules.preset).toBe('sichuan');
    const rate = (key: string) => r.funds.rows.find((x) => x.key === key)?.rateRounded?.toFixed(2);
    expect(['appropriation', 'special_account', 'own', 'carryover', 'total'].map(rate)).toEqual([
      '95.20',
      '90.00',
      '86.00',
      undefined,
      '94.00',
    ]);
    expect(r.funds.score.toFixed(2)).toBe('9.40');
    expect(r.indicators.map((i) => i.score?.toFixed(2))).toEqual([
      '10.00',
      '9.40',
      '5.00',
      '10.00',
      '4.75',
      '5.00',
      '10.00',
      '10.00',
      '6.50',
      '5.00',
      '10.00',
    ]);
    expect(Object.values(r.levelWeights).map((w) => w.toString())).toEqual(['55', '25', '10']);
    expect([r.total.toFixed(2), r.grade]).toEqual(['95.05', '优']);
  });

  it('under the MoF preset the 55 / 25 split is level-weights (the sichuan preset is what allows it)', () => {
    const mof = evaluate(example(FILE).replace('  preset: sichuan', '  preset: mof'), FILE);
    expect(mof.findings.map((f) => [f.code, f.path])).toEqual([
      ['level-weights', '/indicators/output'],
      ['level-weights', '/indicators/outcome'],
    ]);
  });

  it('prints its Sichuan funds rows and carries its header fields', () => {
    const v = tableView(r);
    expect(v.funds.map((f) => [f.label, f.rate])).toEqual([
      ['年度资金总额', '94.00%'],
      ['其中：当年财政拨款', '95.20%'],
      ['财政专户管理资金', '90.00%'],
      ['单位资金', '86.00%'],
      ['上年结转资金', ''],
      ['其他资金', ''],
    ]);
    expect(v).toMatchObject({ layout: 'sichuan', category: '经常性项目', financeHead: '陈静', fundsMethodText: '10分×执行率' });
  });
});
