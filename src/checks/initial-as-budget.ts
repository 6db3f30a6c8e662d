// FORMAT.md §7: a table with only a 年初预算数 column. Its rates are taken on that column (no 全年预算数 to take them
// on), which the filer should know: the rule is B ÷ 全年预算数, and the adjusted budget may differ.
import { Decimal } from 'decimal.js';
import { fixed, plain } from '../score/number.js';
import { defineCheck } from './define.js';

const ZERO = new Decimal(0);

export default defineCheck({
  code: 'initial-as-budget',
  severity: 'warning',
  summary: '表中只有年初预算数、没有全年预算数：执行率按 全年执行数 ÷ 年初预算数 计算。',
  help: '填写全年预算数（调整后的全年预算）：执行率应为 全年执行数 ÷ 全年预算数；没有调整时全年预算数等于年初预算数。',
  run: ({ funds }, rules) => {
    if (funds.budgetColumn !== 'initial') return [];
    const total = funds.rows.find((r) => r.key === 'total');
    const at = funds.rows.find((r) => r.read && r.initial !== undefined)?.key ?? 'total';
    const rate =
      funds.rateExact === undefined
        ? '无法计算执行率'
        : `执行率 ${plain(total?.executed ?? ZERO)} ÷ ${plain(total?.initial ?? ZERO)} = ${fixed(funds.rateExact.round(rules.rate_places, rules.rounding), rules.rate_places)}%`;
    return [
      {
        path: `/funds/${at}/initial`,
        message: `表中没有全年预算数，执行率按年初预算数计算：年度资金总额${rate}`,
      },
    ];
  },
});
