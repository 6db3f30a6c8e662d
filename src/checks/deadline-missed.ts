// FORMAT.md §2, §7 1.1: a deadline indicator finished after its deadline, yet stated at (or above) full points
// (an indicator worth nothing has no points to lose).
import { plain } from '../score/number.js';
import { dayText } from '../score/dates.js';
import { defineCheck } from './define.js';

export default defineCheck({
  code: 'deadline-missed',
  severity: 'warning',
  summary: '时限指标的实际完成时间晚于年度指标值的期限，填报的得分却不低于分值。',
  help: '逾期完成的时限指标不应得满分：按逾期程度填写扣分后的得分，并填写偏差原因分析及改进措施。',
  indicator: {
    methods: ['deadline'],
    readings: ['dates'],
    run: (i) => {
      const { reading } = i;
      const stated = i.indicator.score;
      if (reading.kind !== 'dates' || reading.onTime || !stated || !i.weight.gt(0) || stated.value.lt(i.weight)) return undefined;
      return {
        path: `${i.path}/score`,
        message: `时限指标“${i.name}”实际完成“${i.actual}”（${dayText(reading.finished)}）晚于期限“${i.target}”（${dayText(reading.deadline)}），填报得分 ${stated.text} 却不低于分值 ${plain(i.weight)}`,
      };
    },
  },
});
