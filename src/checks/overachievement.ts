// FORMAT.md §5: on a positive (or equal) quantitative indicator, B ≥ rules.overachievement% of A needs a deviation.
import { exactRules } from '../score/compute.js';
import { Ratio } from '../score/exact.js';
import { fixed, plain } from '../score/number.js';
import { defineCheck } from './define.js';

// Made once: Ratio.of(number) makes a BigInt and a Ratio on each call, and this runs on most indicators of a form.
const ZERO = Ratio.of(0);
const HUNDRED = Ratio.of(100);

export default defineCheck({
  code: 'overachievement',
  severity: 'warning',
  summary: '正向指标的实际完成值达到年度指标值的 rules.overachievement%（默认 130%）以上，却没有填写偏差原因。',
  help: '在 deviation 中说明超额完成的原因：大幅超额往往说明目标定得过低。',
  indicator: {
    methods: ['positive', 'equal'],
    readings: ['quantities'],
    run: (i, rules) => {
      if (i.reading.kind !== 'quantities' || i.deviation !== '') return undefined;
      const { a, b } = i.reading;
      // Compared exactly: 100 × B ≥ overachievement × A.
      if (!a.gt(ZERO) || !b.times(HUNDRED).gte(a.times(exactRules(rules).overachievement))) return undefined;
      return {
        path: `${i.path}/deviation`,
        message: `指标“${i.name}”实际完成 ${plain(i.reading.B)} 达到目标 ${plain(i.reading.A)} 的 ${fixed(b.div(a).times(100).round(0, 'down'), 0)}%（≥ ${plain(rules.overachievement)}%），需说明超额原因`,
      };
    },
  },
});
