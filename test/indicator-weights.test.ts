// Issue 10, FORMAT.md §7: 10 + 90 (rules.weights.indicators), the sichuan preset.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/evaluate.js';
import { resolveRules } from '../src/score/rules.js';
import { found, variant } from './variant-helpers.js';

const FUNDS = 'appropriation: {annual: 100, executed: 100}';
/** 产出 60, 效益 20, 满意度 10: 90 in all, not the MoF split. */
const SPLIT_60_20_10 = `indicators:
  output:
    quantity:
      - {target: 完成年度任务, actual: 已完成, weight: 60, score: 60}
  outcome:
    social:
      - {target: 效益明显, actual: 效益明显, weight: 20, score: 20}
  satisfaction:
    beneficiary:
      - {target: 满意, actual: 满意, weight: 10, score: 10}
`;

describe('rules.weights.indicators', () => {
  it('level-weights checks only the indicators sum (any split of 90)', () => {
    expect(found(variant(FUNDS, '', { weights: { funds: 10, indicators: 90 } }, SPLIT_60_20_10))).toEqual([]);
    expect(found(variant(FUNDS, '', undefined, SPLIT_60_20_10))).toEqual([
      ['level-weights', '/indicators/outcome'],
      ['level-weights', '/indicators/output'],
    ]);
  });

  it('a sum other than the rule is reported once, at indicators', () => {
    const ev = variant(`weight: 20\n${FUNDS}`, 'rules:\n  weights: {funds: 20, indicators: 80}\n', undefined, SPLIT_60_20_10);
    expect(found(ev)).toEqual([
      ['level-weights', '/indicators'],
      ['weights-sum', '/indicators'],
    ]);
    expect(ev.findings.find((f) => f.code === 'level-weights')?.message).toBe('绩效指标分值合计 90，规则规定 80');
  });

  it('still checks the funds weight against weights.funds', () => {
    const ev = variant(`weight: 20\n${FUNDS}`, '', { weights: { funds: 10, indicators: 90 } }, SPLIT_60_20_10);
    expect(found(ev)).toContainEqual(['level-weights', '/funds/weight']);
  });

  it('a later layer that sets the split drops an inherited indicators; one that sets indicators keeps it', () => {
    expect(resolveRules({ preset: 'sichuan' }, { weights: { output: 60, outcome: 20 } }).weights.indicators).toBeUndefined();
    expect(resolveRules({ preset: 'sichuan' }, { weights: { funds: 20, indicators: 80 } }).weights.indicators?.toString()).toBe('80');
    expect(resolveRules({ weights: { indicators: 90 } }, { weights: { funds: 10 } }).weights.indicators?.toString()).toBe('90');
  });

  it('is accepted in a config and in a form’s rules', () => {
    expect(parseConfig('weights: {funds: 20, indicators: 80}\n', 'evalform.config.yaml').findings).toEqual([]);
    expect(found(variant(FUNDS, 'rules:\n  weights: {indicators: 90}\n', undefined, SPLIT_60_20_10))).toEqual([]);
    expect(found(variant(FUNDS, 'rules:\n  weights: {indicators: 190}\n'))[0]?.[0]).toBe('schema');
  });
});

describe('preset sichuan', () => {
  it('is 10 + 90 on MoF practice', () => {
    const r = resolveRules({ preset: 'sichuan' });
    expect(r.preset).toBe('sichuan');
    expect([r.weights.funds.toString(), r.weights.indicators?.toString()]).toEqual(['10', '90']);
    expect(r.explain_rate_below.toString()).toBe('90');
    expect(found(variant(FUNDS, 'rules:\n  preset: sichuan\n', undefined, SPLIT_60_20_10))).toEqual([]);
  });

  it('yunnan is not a preset (FORMAT gives no rule of its own)', () => {
    expect(parseConfig('preset: yunnan\n', 'evalform.config.yaml').findings[0]?.code).toBe('schema');
  });
});
