// FORMAT.md §7 1.1 split columns: a positive 指标性质 (nature) with a negative comparison in the target, or the
// reverse; 等于 conflicts with neither. The comparison written in the target gives the direction.
import { defineCheck } from './define.js';

const DIRECTION = { positive: '正向', negative: '反向', equal: '等于' } as const;

export default defineCheck({
  code: 'direction-conflict',
  severity: 'warning',
  summary: '指标性质（正向 / 反向）与年度指标值所写比较符的方向相反。',
  help: '改正指标性质或年度指标值的比较符，使两者一致；在此之前按年度指标值的比较符计分。',
  indicator: {
    has: 'directionConflict',
    run: (i) => {
      const c = i.directionConflict;
      if (c === undefined) return undefined;
      return {
        path: `${i.path}/nature`,
        message: `指标“${i.name}”的指标性质为“${c.nature}”，年度指标值“${i.target}”的比较符“${c.comparison}”却是${DIRECTION[c.direction]}；按比较符（${DIRECTION[c.direction]}）计分`,
      };
    },
  },
});
