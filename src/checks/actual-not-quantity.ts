// FORMAT.md §2 1.1: a quantity target whose actual is prose (≤30天 against 平均36天); the stated score is used.
// Reported with or without a rating.
import { plain } from '../score/number.js';
import { defineCheck } from './define.js';

export default defineCheck({
  code: 'actual-not-quantity',
  severity: 'warning',
  summary: '年度指标值是数量，实际完成值却是文字（如 ≤30天 对 平均36天），无法按公式核对得分。',
  help: '把实际完成值写成数字加单位（如 36天、126处），evalform 才能按公式计算并核对得分；在此之前按填报的得分计。',
  indicator: {
    readings: ['actual-not-quantity'],
    run: (i) => {
      if (i.reading.kind !== 'actual-not-quantity') return undefined;
      const { target } = i.reading;
      return {
        path: `${i.path}/actual`,
        message: `指标“${i.name}”的年度指标值“${i.target}”是数量，实际完成值${i.actual === '' ? '却为空' : `“${i.actual}”却不是`}：请写成数字加单位（如 ${plain(target.value)}${target.unit}），才能按公式核对得分；现按填报得分计`,
      };
    },
  },
});
