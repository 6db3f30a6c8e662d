// FORMAT.md §3 1.1 Unscored rows: a qualitative indicator with no score and no rating: 达成 adds 0; so does a deadline
// indicator finished late (§2 1.1) with no score.
import { defineCheck } from './define.js';

export default defineCheck({
  code: 'score-missing',
  severity: 'error',
  summary: '定性指标没有得分（也没有评价为 达成），按 0 分计入总分。',
  help: '填写得分（score），或评价为达成（rating: 达成）以得满分。',
  indicator: {
    methods: ['qualitative', 'deadline'],
    run: (i) =>
      i.scoreExact !== undefined
        ? undefined
        : {
            path: `${i.path}/score`,
            message:
              i.method === 'deadline'
                ? `时限指标“${i.name}”晚于期限完成，按填报得分计，却没有得分（score）`
                : `定性指标“${i.name}”没有得分（score），也没有评价为“达成”（rating: 达成）`,
          },
  },
});
