// FORMAT.md §3: the stated 总分 against the exact sum of the rounded components, after any rate cap.
import { plain, totalText } from '../score/number.js';
import { defineCheck } from './define.js';

export default defineCheck({
  code: 'total-mismatch',
  severity: 'error',
  summary: '填报的总分与计算出的总分不符。',
  help: '采用计算出的总分（各项得分取舍后之和；执行率低于封顶线时为封顶分），或不填。evalform check --fix 可把计算值原处写入表中。',
  run: ({ total, cap, totalCheck }, rules) => {
    if (!totalCheck || totalCheck.agrees) return [];
    const { stated } = totalCheck;
    // A capped total is not rounded again (89.5 stays 89.5 at places 0), so it is printed with all its decimals.
    const why = cap ? `（执行率低于封顶线，封顶 ${plain(cap)}）` : '（各项得分之和）';
    return [
      { path: '/total', message: `总分应为 ${totalText(total, Math.max(rules.places, stated.places))}${why}，表中为 ${stated.text}` },
    ];
  },
  // A capped total keeps every decimal of its cap (89.5 at places 0).
  fix: ({ total, totalCheck }, rules, path) =>
    path === '/total' && totalCheck && !totalCheck.agrees
      ? { kind: 'rounded', value: total, places: Math.max(rules.places, total.decimalPlaces()) }
      : undefined,
});
