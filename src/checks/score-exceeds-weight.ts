// FORMAT.md §3 1.1: a stated score above its weight, for the funds and for every applicable indicator (a qualitative
// one then counts at its weight). It stands on its own: score-mismatch may fire on the same score.
import { compareDecimals, plain } from '../score/number.js';
import { defineCheck } from './define.js';

export default defineCheck({
  code: 'score-exceeds-weight',
  severity: 'error',
  summary: '填报的得分高于其分值（定性指标按分值计）。',
  help: '得分不能超过分值，请改正得分（或分值）。',
  run: (result, _rules, form) => {
    const funds = form.funds.score;
    return funds !== undefined && compareDecimals(funds.value, result.funds.weight) > 0
      ? [{ path: '/funds/score', message: `预算执行得分 ${funds.text} 超过分值 ${plain(result.funds.weight)}` }]
      : [];
  },
  indicator: {
    methods: ['positive', 'negative', 'equal', 'qualitative', 'deadline'],
    run: (i) => {
      const stated = i.indicator.score;
      return stated && i.statedExact?.gt(i.weightExact)
        ? { path: `${i.path}/score`, message: `指标“${i.name}”得分 ${stated.text} 超过分值 ${plain(i.weight)}` }
        : undefined;
    },
  },
});
