// FORMAT.md §5: points lost (score < weight) need 偏差原因分析及改进措施.
import type { Decimal } from 'decimal.js';
import { difference } from '../score/exact.js';
import { plain } from '../score/number.js';
import { defineCheck } from './define.js';

export default defineCheck({
  code: 'deviation-missing',
  severity: 'warning',
  summary: '指标失分（得分低于分值），却没有填写偏差原因分析及改进措施。',
  help: '在 deviation（偏差原因分析及改进措施）中说明失分的原因和改进措施。',
  // A not-applicable indicator has no score.
  indicator: {
    methods: ['positive', 'negative', 'equal', 'qualitative', 'deadline'],
    run: (i) =>
      i.deviation !== '' || i.scoreExact === undefined || !i.scoreExact.lt(i.weightExact)
        ? undefined
        : {
            path: `${i.path}/deviation`,
            message: `指标“${i.name}”扣分 ${plain(difference(i.weight, i.score as Decimal))}（得分 ${plain(i.score as Decimal)} / 分值 ${plain(i.weight)}），需填写偏差原因分析及改进措施`,
          },
  },
});
