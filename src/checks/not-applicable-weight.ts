// FORMAT.md §2: an indicator that does not apply (/) carries no points, so a weight on it can never be earned.
import { plain } from '../score/number.js';
import { defineCheck } from './define.js';

export default defineCheck({
  code: 'not-applicable-weight',
  severity: 'warning',
  summary: '标为不适用（/）的指标仍占分值，这部分分值永远得不到。',
  help: '把不适用指标的分值写 0（或省略），把分值分给同级的其他指标。',
  indicator: {
    methods: ['not-applicable'],
    run: (i) =>
      !i.weight.gt(0)
        ? undefined
        : {
            path: `${i.path}/weight`,
            message: `不适用的指标“${i.name}”不得分，却占分值 ${plain(i.weight)}：应写 0（或省略），把分值分配给同级其他指标`,
          },
  },
});
