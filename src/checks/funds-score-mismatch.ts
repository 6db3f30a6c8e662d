// FORMAT.md §3: the stated funds 得分 against 分值 × min(执行率, 100%), rounded once.
import { Ratio } from '../score/exact.js';
import { fixed, plain } from '../score/number.js';
import { defineCheck } from './define.js';

export default defineCheck({
  code: 'funds-score-mismatch',
  severity: 'error',
  summary: '填报的预算执行得分与 分值 × 执行率 不符。',
  help: '采用计算出的预算执行得分（分值 × 执行率，执行率最多按 100% 计），或不填。evalform check --fix 可把计算值原处写入表中。',
  run: ({ funds }, rules) => {
    if (!funds.scoreCheck || funds.scoreCheck.agrees) return [];
    const { stated } = funds.scoreCheck;
    const rate = funds.rateExact
      ? fixed(Ratio.min(funds.rateExact, Ratio.of(100)).round(rules.rate_places, rules.rounding), rules.rate_places)
      : 0;
    return [
      {
        path: '/funds/score',
        message: `预算执行得分应为 ${fixed(funds.score, Math.max(rules.places, stated.places))}（${plain(funds.weight)} × ${rate}%），表中为 ${stated.text}`,
      },
    ];
  },
  fix: ({ funds }, rules, path) =>
    path === '/funds/score' && funds.scoreCheck && !funds.scoreCheck.agrees
      ? { kind: 'rounded', value: funds.score, places: rules.places }
      : undefined,
});
