// FORMAT.md §3: a quantitative indicator's stated score against the formula's, rounded once in the rules' mode; and
// (§7 1.1) a deadline met, which scores w.
import type { Decimal } from 'decimal.js';
import type { Method, Rules } from '../model/types.js';
import { dayText } from '../score/dates.js';
import { fixed, plain } from '../score/number.js';
import { defineCheck } from './define.js';

/** The formula as the message shows it. */
function formula(method: Method, A: Decimal, B: Decimal, w: Decimal, rules: Rules): string {
  if (method === 'negative') {
    return rules.negative === 'linear'
      ? `反向指标按线性扣分：目标 ${plain(A)}，实际 ${plain(B)}，分值 ${plain(w)}`
      : `反向指标：${plain(w)} × min(${plain(A)} ÷ ${plain(B)}, 1)`;
  }
  return `${method === 'equal' ? '等值' : '正向'}指标：${plain(w)} × min(${plain(B)} ÷ ${plain(A)}, 1)`;
}

export default defineCheck({
  code: 'score-mismatch',
  severity: 'error',
  summary: '定量指标填报的得分与按公式计算的得分不符。',
  help: '采用计算出的得分，或删去填报的得分，由 evalform 计算。evalform check --fix 可把计算值原处写入表中。',
  indicator: {
    readings: ['quantities', 'dates'],
    has: 'scoreCheck',
    run: (i, rules) => {
      if (!i.scoreCheck || i.scoreCheck.agrees || i.score === undefined) return undefined;
      const { reading } = i;
      if (reading.kind !== 'quantities' && reading.kind !== 'dates') return undefined;
      const { stated } = i.scoreCheck;
      const how =
        reading.kind === 'dates'
          ? `时限指标按期完成（${dayText(reading.finished)} 不晚于 ${dayText(reading.deadline)}），得满分`
          : formula(i.method, reading.A, reading.B, i.weight, rules);
      return {
        path: `${i.path}/score`,
        message: `指标“${i.name}”得分应为 ${fixed(i.score, Math.max(rules.places, stated.places))}（${how}），表中为 ${stated.text}`,
      };
    },
  },
  // Only what the formula (or a deadline met) decides: a qualitative score is the filer's judgement.
  fix: (result, rules, path) => {
    const i = result.indicators.find((ind) => `${ind.path}/score` === path);
    if (!i?.scoreCheck || i.scoreCheck.agrees || i.score === undefined) return undefined;
    if (i.reading.kind !== 'quantities' && i.reading.kind !== 'dates') return undefined;
    return { kind: 'rounded', value: i.score, places: rules.places };
  },
});
