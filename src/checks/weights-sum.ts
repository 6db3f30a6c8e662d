// FORMAT.md §5: the funds weight and all indicator weights must add up to 100.
import { Decimal } from 'decimal.js';
import { difference } from '../score/exact.js';
import { compareDecimals, plain } from '../score/number.js';
import { defineCheck } from './define.js';

const HUNDRED = new Decimal(100);

export default defineCheck({
  code: 'weights-sum',
  severity: 'error',
  summary: '预算执行率分值与全部指标分值之和不等于 100。',
  help: '调整各项分值，使预算执行率与全部绩效指标的分值合计为 100。',
  run: ({ weightTotal, funds }) =>
    compareDecimals(weightTotal, HUNDRED) === 0
      ? []
      : [
          {
            path: '/indicators',
            atKey: true,
            message: `分值合计 ${plain(weightTotal)}（预算执行率 ${plain(funds.weight)} + 绩效指标 ${plain(difference(weightTotal, funds.weight))}），应为 100`,
          },
        ],
});
