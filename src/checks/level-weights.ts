// FORMAT.md §5: the funds weight, and each 一级指标's weights together, as rules.weights says; with
// rules.weights.indicators (FORMAT.md §7, 10 + 90) only the indicators' sum.
import { Decimal } from 'decimal.js';
import { LEVEL1 } from '../model/labels.js';
import { compareDecimals, plain } from '../score/number.js';
import { defineCheck, type Report } from './define.js';

export default defineCheck({
  code: 'level-weights',
  severity: 'warning',
  summary: '预算执行率的分值，或某一级指标的分值合计，与 rules.weights 不同。',
  help: '按 rules.weights 分配分值（默认 预算执行率 10、产出 50、效益 30、满意度 10；规定了 indicators 时只核对全部指标的分值合计，如四川 10 + 90），或修改 rules.weights。',
  run: (result, rules, form) => {
    const reports: Report[] = [];
    if (form.funds.weight && compareDecimals(form.funds.weight, rules.weights.funds) !== 0) {
      reports.push({
        path: '/funds/weight',
        message: `预算执行率分值为 ${plain(form.funds.weight)}，规则规定 ${plain(rules.weights.funds)}`,
      });
    }
    if (rules.weights.indicators !== undefined) {
      const given = LEVEL1.reduce((s, level) => s.plus(result.levelWeights[level.key]), new Decimal(0));
      if (!given.eq(rules.weights.indicators)) {
        reports.push({
          path: '/indicators',
          atKey: true,
          message: `绩效指标分值合计 ${plain(given)}，规则规定 ${plain(rules.weights.indicators)}`,
        });
      }
      return reports;
    }
    for (const level of LEVEL1) {
      const given = result.levelWeights[level.key];
      const expected = rules.weights[level.key];
      if (compareDecimals(given, expected) !== 0) {
        reports.push({
          path: `/indicators/${level.key}`,
          atKey: true,
          message: `${level.label}分值合计 ${plain(given)}，规则规定 ${plain(expected)}`,
        });
      }
    }
    return reports;
  },
});
