// FORMAT.md §2: target and actual are quantities whose units do not convert; reported with or without a rating.
import { defineCheck } from './define.js';

export default defineCheck({
  code: 'unit-mismatch',
  severity: 'error',
  summary: '年度指标值与实际完成值都是数量，计量单位却不一致，无法按公式计分。',
  help: '把年度指标值和实际完成值写成同一单位（万元与元可以换算）；更正前按定性指标处理，取填报的得分。',
  indicator: {
    readings: ['unit-mismatch'],
    run: (i) =>
      i.reading.kind !== 'unit-mismatch'
        ? undefined
        : {
            path: `${i.path}/actual`,
            message: `指标“${i.name}”的年度指标值单位“${i.reading.targetUnit || '无'}”与实际完成值单位“${i.reading.actualUnit || '无'}”不一致，无法计算，按定性指标处理`,
          },
  },
});
