// FORMAT.md §5: a 执行率 below rules.explain_rate_below needs funds.deviation.
import { exactRules } from '../score/compute.js';
import { fixed, plain } from '../score/number.js';
import { defineCheck } from './define.js';

export default defineCheck({
  code: 'rate-explanation-missing',
  severity: 'warning',
  summary: '执行率低于 rules.explain_rate_below（默认 90%），却没有填写 funds.deviation。',
  help: '在 funds.deviation 中说明预算执行不到位的原因。',
  run: ({ funds }, rules) => {
    const rate = funds.rateExact;
    if (rate === undefined || !rate.lt(exactRules(rules).explainRateBelow) || funds.deviation !== '') return [];
    return [
      {
        path: '/funds/deviation',
        message: `执行率 ${fixed(rate.round(rules.rate_places, rules.rounding), rules.rate_places)}% 低于 ${plain(rules.explain_rate_below)}%，需在 funds.deviation 中说明原因`,
      },
    ];
  },
});
