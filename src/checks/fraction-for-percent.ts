// FORMAT.md §2 1.1: a % target above 1% against a bare actual in (0, 1] (≥90% against 0.95). The indicator is
// qualitative until corrected. Reported with or without a rating.
import type { Decimal } from 'decimal.js';
import { plain } from '../score/number.js';
import { defineCheck } from './define.js';

export default defineCheck({
  code: 'fraction-for-percent',
  severity: 'error',
  summary: '年度指标值是百分数（大于 1%），实际完成值却写成不大于 1 的小数（如 ≥90% 对 0.95）。',
  help: '把实际完成值写成百分数（0.95 写作 95%）；更正前该指标按定性指标处理，取填报的得分。',
  indicator: {
    readings: ['fraction-for-percent'],
    run: (i) => {
      if (i.reading.kind !== 'fraction-for-percent') return undefined;
      const percent = plain(i.reading.actual.exact.times(100).toDecimal() as Decimal);
      return {
        path: `${i.path}/actual`,
        message: `指标“${i.name}”的年度指标值为 ${i.target}，实际完成值却写成小数 ${i.actual}：若指 ${percent}%，请写成 ${percent}%；更正前按定性指标处理，取填报得分`,
      };
    },
  },
});
