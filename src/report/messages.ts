// Every human-facing line of the reports and the command line, per language: Chinese first, English with --lang en.
// One object per language with the same keys; a key missing from one fails the type check.

import type { Severity } from '../model/types.js';

export type Lang = 'zh' | 'en';

export interface Messages {
  /** "已检查 3 张表" / "3 forms checked" */
  forms(n: number, verb: 'checked' | 'scored'): string;
  errors(n: number): string;
  warnings(n: number): string;
  skipped(n: number): string;
  unscored(n: number): string;
  average(avg: string): string;
  skippedHeader(n: number): string;
  /** JUnit's <skipped message> of a YAML file that is not a form. */
  notAForm: string;
  problems(total: number, errors: number, warnings: number): string;
  /** A finding's severity as a person reads it (stylish, the score table, JUnit's text). */
  severity: Readonly<Record<Severity, string>>;
  /** JUnit's one <failure message> of a form: how many errors and their codes. */
  failure(errors: number, codes: readonly string[]): string;
  /** `score` of several forms: the columns' heads; the money heads name the unit. */
  overview: {
    department: string;
    project: string;
    year: string;
    budget(unit: string): string;
    executed(unit: string): string;
    rate: string;
    total: string;
    grade: string;
    errors: string;
    file: string;
    /** The totals row's first cells: "合计" and "3 张表（总分为平均）". */
    totals: string;
    totalsOf(forms: number): string;
    /** Under the table when a form has only a 年初预算数 column: what its marked budget is. */
    initialNote: string;
  };
  reportWritten(format: string, file: string): string;
  tooManyWarnings(warnings: number, max: number): string;
  internalError(message: string): string;
  bugHint: string;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export const zh: Messages = {
  forms: (n, verb) => (verb === 'checked' ? `已检查 ${n} 张表` : `已评分 ${n} 张表`),
  errors: (n) => `${n} 个错误`,
  warnings: (n) => `${n} 个警告`,
  skipped: (n) => `跳过 ${n} 个文件`,
  unscored: (n) => `${n} 张未评分`,
  average: (avg) => `平均 ${avg}`,
  skippedHeader: (n) => `跳过 ${n} 个不是自评表的文件（YAML 没有顶层 \`evalform:\` 键，或 Word、Excel 文件中没有自评表）：`,
  notAForm: '不是自评表：YAML 没有顶层 evalform: 键，或文档中没有自评表',
  problems: (total, errors, warnings) => `✖ ${total} 个问题（${errors} 个错误，${warnings} 个警告）`,
  severity: { error: '错误', warning: '警告' },
  failure: (errors, codes) => `${errors} 个错误：${codes.join('、')}`,
  overview: {
    department: '主管部门',
    project: '项目',
    year: '年度',
    budget: (unit) => `全年预算数（${unit}）`,
    executed: (unit) => `执行数（${unit}）`,
    rate: '执行率',
    total: '总分',
    grade: '等级',
    errors: '错误',
    file: '文件',
    totals: '合计',
    totalsOf: (forms) => `${forms} 张表（总分为平均）`,
    initialNote: '* 表中只有年初预算数：此数为年初预算数，执行率按它计算（initial-as-budget）。',
  },
  reportWritten: (format, file) => `${format} 报告已写入 ${file}`,
  tooManyWarnings: (warnings, max) => `evalform: 警告过多：${warnings} 个警告，最多允许 ${max} 个（--max-warnings）`,
  internalError: (message) => `evalform: 内部错误：${message}`,
  bugHint: '这是 evalform 的缺陷。请加 --debug 重新运行以查看调用栈，并连同引发问题的表一起报告。',
};

export const en: Messages = {
  forms: (n, verb) => `${plural(n, 'form')} ${verb}`,
  errors: (n) => plural(n, 'error'),
  warnings: (n) => plural(n, 'warning'),
  skipped: (n) => `${n} skipped`,
  unscored: (n) => `${n} not scored`,
  average: (avg) => `average ${avg}`,
  skippedHeader: (n) =>
    `Skipped ${plural(n, 'file')} that ${n === 1 ? 'is not a form' : 'are not forms'} (YAML without a top-level \`evalform:\` key, or a Word or Excel file without a 自评表):`,
  notAForm: 'not a form: YAML without a top-level evalform: key, or a document without a 自评表',
  problems: (total, errors, warnings) => `✖ ${plural(total, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')})`,
  severity: { error: 'error', warning: 'warning' },
  failure: (errors, codes) => `${plural(errors, 'error')}: ${codes.join(', ')}`,
  overview: {
    department: 'department',
    project: 'project',
    year: 'year',
    budget: (unit) => `budget (${unit})`,
    executed: (unit) => `executed (${unit})`,
    rate: 'rate',
    total: 'total',
    grade: 'grade',
    errors: 'errors',
    file: 'file',
    totals: 'total',
    totalsOf: (forms) => `${plural(forms, 'form')} (average total)`,
    initialNote: '* the table has only a 年初预算数 column: this is that budget, and the rate is taken on it (initial-as-budget).',
  },
  reportWritten: (format, file) => `${format} report written to ${file}`,
  tooManyWarnings: (warnings, max) =>
    `evalform: too many warnings: ${plural(warnings, 'warning')}, at most ${max} allowed (--max-warnings)`,
  internalError: (message) => `evalform: internal error: ${message}`,
  bugHint: 'This is a bug in evalform. Run again with --debug for the stack and report it with the form that caused it.',
};

export const MESSAGES: Record<Lang, Messages> = { zh, en };

/** The context's messages: Chinese unless the caller chose otherwise. */
export function messagesOf(ctx: { messages?: Messages }): Messages {
  return ctx.messages ?? zh;
}
