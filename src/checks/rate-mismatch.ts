// FORMAT.md §3: a stated 执行率, on any funds row, against B ÷ A rounded in the rules' mode.
import { Decimal } from 'decimal.js';
import type { Rounding, Stated } from '../model/types.js';
import type { FundsRowComputed } from '../score/compute.js';
import { Ratio } from '../score/exact.js';
import { fixed, plain } from '../score/number.js';
import { defineCheck, type Report } from './define.js';

const ZERO = new Decimal(0);

/** A bare number that is the rate as a fraction (0.9186 for 91.86%): say how to write it. */
function fractionHint(rate: Ratio, stated: Stated, rounding: Rounding): string {
  if (/[%％]/.test(stated.text) || stated.places < 2) return '';
  const percent = stated.value.times(100);
  if (!rate.round(stated.places - 2, rounding).eq(percent)) return '';
  return `：${stated.text} 是小数，执行率要写成百分数 ${plain(percent)}%`;
}

export default defineCheck({
  code: 'rate-mismatch',
  severity: 'error',
  summary: '填报的执行率与 全年执行数 ÷ 全年预算数 不符（任何一行）。',
  help: '采用计算出的执行率（全年执行数 ÷ 全年预算数，不是 ÷ 年初预算数），或不填执行率。evalform check --fix 可把计算值原处写入表中。',
  run: (result, rules) => {
    const reports: Report[] = [];
    const { rows } = result.funds;
    // An indexed loop and no callback: every form's rows pass here, most of them before V8 optimises this.
    for (let n = 0; n < rows.length; n++) {
      const r = rows[n] as FundsRowComputed;
      if (!r.rateCheck || r.rateCheck.agrees) continue;
      const name = r.label.replace('其中：', '');
      const stated = r.rateCheck.stated;
      const places = Math.max(rules.rate_places, stated.places);
      reports.push({
        path: `/funds/${r.key}/rate`,
        message: r.rateExact
          ? `${name}执行率应为 ${fixed(r.rateExact.round(places, rules.rounding), places)}%（${plain(r.executed ?? ZERO)} ÷ ${plain(r.budget ?? ZERO)}），表中为 ${stated.text}${fractionHint(r.rateExact, stated, rules.rounding)}`
          : `${name}${result.funds.budgetColumn === 'initial' ? '年初预算数' : '全年预算数'}为 0 且无执行数，没有执行率（可写 0% 或不写），表中为 ${stated.text}`,
      });
    }
    return reports;
  },
  // A zero row (budget 0, nothing spent) has no rate, and 0% agrees there.
  fix: (result, rules, path) => {
    const r = result.funds.rows.find((row) => `/funds/${row.key}/rate` === path);
    if (!r?.rateCheck || r.rateCheck.agrees) return undefined;
    return { kind: 'rounded', value: r.rateExact ?? Ratio.of(0), places: rules.rate_places };
  },
});
