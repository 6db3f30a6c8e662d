// FORMAT.md §3: a stated 年度资金总额 beside the rows under it is only checked, column by column.
import { plain } from '../score/number.js';
import { COLUMNS, type Computed, type FundsRowComputed } from '../score/compute.js';
import { defineCheck, type Report } from './define.js';

const COLUMN_LABEL = { initial: '年初预算数', annual: '全年预算数', executed: '全年执行数' } as const;

export default defineCheck({
  code: 'funds-total-mismatch',
  severity: 'error',
  summary: '填报的年度资金总额某一列不等于其下各行之和。',
  help: '把年度资金总额写成当年财政拨款、上年结转资金与其他资金之和，或不填年度资金总额（由 evalform 求和）。evalform check --fix 可把计算值原处写入表中。',
  run: (result, _rules, form) => {
    const reports: Report[] = [];
    const mismatch = totalRow(result)?.columnMismatch;
    if (mismatch === undefined) return reports;
    // An indexed loop and no callback: every form passes here, most of them before V8 optimises this.
    for (let n = 0; n < COLUMNS.length; n++) {
      const col = COLUMNS[n] as (typeof COLUMNS)[number];
      const computed = mismatch[col];
      // The stated amount's Decimal is made only for a column that disagrees.
      if (computed === undefined) continue;
      const stated = form.funds.rows.total[col];
      if (stated === undefined) continue;
      reports.push({
        path: `/funds/total/${col}`,
        message: `年度资金总额的${COLUMN_LABEL[col]}为 ${plain(stated)}，但各行之和为 ${plain(computed)}`,
      });
    }
    return reports;
  },
  // The sum of the rows, exactly: amounts are never rounded.
  fix: (result, _rules, path) => {
    const col = COLUMNS.find((c) => path === `/funds/total/${c}`);
    const value = col && totalRow(result)?.columnMismatch?.[col];
    return value === undefined ? undefined : { kind: 'exact', value };
  },
});

/** The 年度资金总额 row (an indexed loop: every form passes here). */
function totalRow(result: Computed): FundsRowComputed | undefined {
  const { rows } = result.funds;
  for (let n = 0; n < rows.length; n++) if (rows[n]?.key === 'total') return rows[n];
  return undefined;
}
