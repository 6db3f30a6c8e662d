// FORMAT.md §3 1.1 Budgets: a row read that spends without a 全年预算数 is flagged on that row (its spending still
// counts in the total); a 年度资金总额 without any budget is flagged even when nothing was spent. In a table with only a
// 年初预算数 column (FORMAT.md §7) that column is the budget judged.
import { Decimal } from 'decimal.js';
import { plain } from '../score/number.js';
import { spends, type Computed, type FundsRowComputed } from '../score/compute.js';
import { defineCheck, type Report } from './define.js';

const ZERO = new Decimal(0);
const COLUMN_LABEL = { annual: '全年预算数', initial: '年初预算数' } as const;

export default defineCheck({
  code: 'zero-budget',
  severity: 'error',
  summary: '某行资金有执行数却没有全年预算数（为 0 或未填），或年度资金总额没有预算。',
  help: '在该行填写全年预算数（调整后的全年预算）：没有它无法计算执行率，该行的执行数仍计入年度资金总额。',
  run: (result) => {
    const { rows, rateExact, budgetColumn } = result.funds;
    const column = COLUMN_LABEL[budgetColumn];
    const reports: Report[] = [];
    // An indexed loop and no callback: every form's rows pass here, most of them before V8 optimises this.
    for (let n = 0; n < rows.length; n++) {
      const r = rows[n] as FundsRowComputed;
      if (!r.read || r.rateExact !== undefined || !spends(r)) continue;
      reports.push({
        path: `/funds/${r.key}/${budgetColumn}`,
        message: `${r.label.replace('其中：', '')}${column}为${r.budget === undefined ? '空' : ' 0'}，但全年执行数为 ${plain(r.executed ?? ZERO)}：这一行无法计算执行率，${rateExact === undefined ? '年度资金总额也没有预算，预算执行不得分' : '其执行数仍计入年度资金总额'}`,
      });
    }
    if (rateExact === undefined && reports.length === 0) reports.push(noBudget(result));
    return reports;
  },
});

/** The 年度资金总额 has no budget: said at the first row read without one, or at `funds` when no row is read. */
function noBudget(result: Computed): Report {
  const { rows, budgetColumn } = result.funds;
  const row = rows.find((r) => r.read && (r.budget === undefined || r.budget.isZero()))?.key;
  const total = rows.find((r) => r.key === 'total');
  return {
    path: row ? `/funds/${row}/${budgetColumn}` : '/funds',
    message: `年度资金总额的${COLUMN_LABEL[budgetColumn]}为${total?.budget === undefined ? '空' : ' 0'}：无法计算执行率，预算执行不得分`,
  };
}
