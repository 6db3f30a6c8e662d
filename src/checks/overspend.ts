// FORMAT.md §3 1.1 Budgets: a row read that spends more than its 全年预算数, with the rate as computed.
import type { Decimal } from 'decimal.js';
import type { FundsRowComputed } from '../score/compute.js';
import { fixed, plain } from '../score/number.js';
import { defineCheck, type Report } from './define.js';

export default defineCheck({
  code: 'overspend',
  severity: 'warning',
  summary: '某行资金的全年执行数超过全年预算数（执行率按实际计算，预算执行得分按 100% 计）。',
  help: '核对金额：执行数超过全年预算数并不常见。',
  run: (result, rules) => {
    const reports: Report[] = [];
    const { rows } = result.funds;
    // An indexed loop and no callback: every form's rows pass here, most of them before V8 optimises this.
    for (let n = 0; n < rows.length; n++) {
      const r = rows[n] as FundsRowComputed;
      if (
        !r.read ||
        r.rateExact === undefined ||
        r.executedExact === undefined ||
        r.budgetExact === undefined ||
        !r.executedExact.gt(r.budgetExact)
      )
        continue;
      const column = result.funds.budgetColumn === 'initial' ? '年初预算数' : '全年预算数';
      const rate = fixed(r.rateExact.round(rules.rate_places, rules.rounding), rules.rate_places);
      reports.push({
        path: `/funds/${r.key}/executed`,
        message: `${r.label.replace('其中：', '')}全年执行数 ${plain(r.executed as Decimal)} 超过${column} ${plain(r.budget as Decimal)}，执行率为 ${rate}%${r.scoresFunds ? '，预算执行得分按 100% 计' : ''}`,
      });
    }
    return reports;
  },
});
