// FORMAT.md §3: with a rating, a qualitative score lies in its band (rules.bands, in percent of the weight).
import type { Ratio } from '../score/exact.js';
import { plain } from '../score/number.js';
import { defineCheck } from './define.js';

/** A band's bound as a message prints it: exact when it terminates (it always does for decimal w and bands). */
function bound(r: Ratio): string {
  return plain(r.toDecimal() ?? r.round(6, 'half-even'));
}

export default defineCheck({
  code: 'rating-band',
  severity: 'error',
  summary: '定性指标填报的得分不在其评价档次的区间内。',
  help: '把得分改到档次的区间内（默认 达成 为分值的 80%–100%，部分达成 60%–80%，未达成 60% 以下），或改正评价档次。',
  // Only a qualitative indicator has a band.
  indicator: {
    methods: ['qualitative'],
    has: 'band',
    run: (i) => {
      const stated = i.indicator.score;
      const s = i.statedExact;
      if (!i.band || !stated || !s || !i.rating) return undefined;
      const { low, high, highInclusive } = i.band;
      if (low.lte(s) && (highInclusive ? high.gte(s) : high.gt(s))) return undefined;
      return {
        path: `${i.path}/score`,
        message: `指标“${i.name}”评价为“${i.rating}”，得分应在 ${bound(low)} 分（含）到 ${bound(high)} 分（${highInclusive ? '含' : '不含'}）之间，表中为 ${stated.text}`,
      };
    },
  },
});
