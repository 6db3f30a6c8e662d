// The official table's Chinese labels and row order.
import type { FundsRowKey, Level1, Level2 } from './types.js';

export const LEVEL1: readonly { key: Level1; label: string; level2: readonly Level2[] }[] = [
  { key: 'output', label: '产出指标', level2: ['quantity', 'quality', 'timeliness', 'cost'] },
  { key: 'outcome', label: '效益指标', level2: ['economic', 'social', 'ecological', 'sustainability'] },
  { key: 'satisfaction', label: '满意度指标', level2: ['beneficiary'] },
];

export const LEVEL1_LABEL: Record<Level1, string> = {
  output: '产出指标',
  outcome: '效益指标',
  satisfaction: '满意度指标',
};

export const LEVEL2_LABEL: Record<Level2, string> = {
  quantity: '数量指标',
  quality: '质量指标',
  timeliness: '时效指标',
  cost: '成本指标',
  economic: '经济效益指标',
  social: '社会效益指标',
  ecological: '生态效益指标',
  sustainability: '可持续影响指标',
  beneficiary: '服务对象满意度指标',
};

/** The 项目资金 rows in table order. `optional` rows (FORMAT.md §7, Sichuan's 财政专户管理资金 and 单位资金) are
 * printed only when the form gives them; they stand right after 当年财政拨款, as Sichuan lists its fund sources. */
export const FUNDS_ROWS: readonly { key: FundsRowKey; label: string; optional?: true }[] = [
  { key: 'total', label: '年度资金总额' },
  { key: 'appropriation', label: '其中：当年财政拨款' },
  { key: 'special_account', label: '财政专户管理资金', optional: true },
  { key: 'own', label: '单位资金', optional: true },
  { key: 'carryover', label: '上年结转资金' },
  { key: 'other', label: '其他资金' },
];
