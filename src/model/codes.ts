// Every check evalform runs: its stable code, default severity and help text.
import type { Severity } from './types.js';

export interface CheckInfo {
  severity: Severity;
  /** One line: when it fires. */
  summary: string;
  /** What to do about it. */
  help: string;
}

export const CHECKS = {
  'yaml-syntax': {
    severity: 'error',
    summary: 'The file is not valid YAML.',
    help: 'Fix the YAML at the line and column given; a common cause is a tab for indentation or an unquoted value starting with a special character.',
  },
  encoding: {
    severity: 'error',
    summary: 'The file is not UTF-8 text.',
    help: 'Save the file as UTF-8 (files exported from older Windows tools are often GBK).',
  },
  schema: {
    severity: 'error',
    summary: 'The form breaks the JSON Schema.',
    help: 'Correct the field as the message says; `evalform schema` prints the schema and `evalform init` a blank form.',
  },
  'weights-sum': {
    severity: 'error',
    summary: 'The funds weight and all indicator weights do not add up to 100.',
    help: 'Adjust the weights (分值) so that 预算执行率 plus every indicator make 100.',
  },
  'level-weights': {
    severity: 'warning',
    summary: "A 一级指标's weights differ from rules.weights.",
    help: 'Spread each 一级指标 points as rules.weights says (产出 50, 效益 30, 满意度 10 by default), or set rules.weights.',
  },
  'not-applicable-weight': {
    severity: 'warning',
    summary: 'A not-applicable indicator (/) carries a weight, so those points can never be earned.',
    help: 'Give the not-applicable indicator weight 0 (or omit it) and spread its points over the other indicators of its level.',
  },
  'score-exceeds-weight': {
    severity: 'error',
    summary: 'A stated score is above its weight.',
    help: 'A score (得分) can never exceed its weight (分值).',
  },
  'score-missing': {
    severity: 'error',
    summary: 'A qualitative indicator has no score (and no rating: 达成).',
    help: 'Give the score (得分), or a rating of 达成 to award full points.',
  },
  'rating-band': {
    severity: 'error',
    summary: "A qualitative score lies outside its rating's band.",
    help: 'Use a score within the band of the rating (达成 80–100%, 部分达成 60–80%, 未达成 below 60% of the weight by default), or change the rating.',
  },
  'unit-mismatch': {
    severity: 'error',
    summary: 'Target and actual are quantities with incompatible units.',
    help: 'Write the target (年度指标值) and the actual (实际完成值) in the same unit.',
  },
  'actual-not-quantity': {
    severity: 'warning',
    summary: '年度指标值是数量，实际完成值却是文字（如 ≤30天 对 平均36天），无法按公式核对得分。',
    help: '把实际完成值写成数字加单位（如 36天、126处），evalform 才能按公式计算并核对得分；在此之前按填报的得分计。',
  },
  'fraction-for-percent': {
    severity: 'error',
    summary: '年度指标值是百分数（大于 1%），实际完成值却写成不大于 1 的小数（如 ≥90% 对 0.95）。',
    help: '把实际完成值写成百分数（0.95 写作 95%）；更正前该指标按定性指标处理，取填报的得分。',
  },
  'score-mismatch': {
    severity: 'error',
    summary: "A quantitative indicator's stated score disagrees with the computed one.",
    help: 'Use the computed score, or remove the stated score and let evalform compute it.',
  },
  'funds-total-mismatch': {
    severity: 'error',
    summary: 'A stated 年度资金总额 column is not the sum of the rows under it.',
    help: 'Make 年度资金总额 the sum of 当年财政拨款, 上年结转资金 and 其他资金, or omit it.',
  },
  'rate-mismatch': {
    severity: 'error',
    summary: 'A stated 执行率 disagrees with 全年执行数 ÷ 全年预算数.',
    help: 'Use the computed rate (全年执行数 ÷ 全年预算数, never ÷ 年初预算数), or omit it.',
  },
  'funds-score-mismatch': {
    severity: 'error',
    summary: 'The stated funds 得分 disagrees with 分值 × 执行率.',
    help: 'Use the computed funds score, or omit it.',
  },
  'total-mismatch': {
    severity: 'error',
    summary: 'The stated 总分 disagrees with the computed total.',
    help: 'Use the computed total (the sum of every rounded component), or omit it.',
  },
  'grade-mismatch': {
    severity: 'error',
    summary: 'The stated 等级 disagrees with the computed total.',
    help: 'Use the grade that rules.grades gives for the computed total, or omit it.',
  },
  'zero-budget': {
    severity: 'error',
    summary: 'A funds row spends with a 全年预算数 of 0 or none, or the 年度资金总额 has no budget at all.',
    help: 'Fill in 全年预算数 (the adjusted full-year budget) on that row; the rate cannot be computed without it, and the row\'s spending still counts in 年度资金总额.',
  },
  overspend: {
    severity: 'warning',
    summary: "A funds row's 全年执行数 is above its 全年预算数 (the rate is shown as computed; the funds score counts it at 100%).",
    help: 'Check the amounts: spending above the full-year budget is unusual.',
  },
  'deviation-missing': {
    severity: 'warning',
    summary: 'Points were lost (score < weight) but deviation is empty.',
    help: 'Explain the shortfall in 偏差原因分析及改进措施 (deviation).',
  },
  'rate-explanation-missing': {
    severity: 'warning',
    summary: '执行率 is below rules.explain_rate_below with an empty funds.deviation.',
    help: 'Explain why execution fell short in funds.deviation.',
  },
  overachievement: {
    severity: 'warning',
    summary: 'The actual is at or above rules.overachievement% of the target with an empty deviation.',
    help: 'Explain the over-achievement in deviation: a target far exceeded suggests it was set too low.',
  },
  'form-rules-denied': {
    severity: 'error',
    summary: '配置规定 form_rules: deny，表单却写了自己的 rules；该表单只按配置的规则计分。',
    help: '删去表单中的 rules（空的 rules: {} 可以保留）；要改规则，请改 evalform.config.yaml。',
  },
} as const satisfies Record<string, CheckInfo>;

export type CheckCode = keyof typeof CHECKS;

export const CHECK_CODES = Object.keys(CHECKS) as CheckCode[];

export function isCheckCode(s: string): s is CheckCode {
  return Object.hasOwn(CHECKS, s);
}
