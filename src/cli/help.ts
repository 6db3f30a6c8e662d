// The help texts of the command line, per language with the same keys (a missing key fails the type check).
import type { Lang } from '../report/messages.js';
import { MAX_INPUT_LABEL } from './input.js';
import { MAX_RENDER_FORMS } from './limits.js';

const zh = {
  program: '对用 YAML 写的项目支出绩效自评表评分、检查并生成正式表格。',
  version: '显示版本号',
  help: '显示帮助',
  helpCommand: '显示某个命令的帮助',
  debug: '出现意外的内部错误时打印调用栈',
  lang: '输出语言：zh（中文，默认）或 en（英文）',
  exitCodes: `
退出码：
  0  没有错误（允许警告，不超过 --max-warnings）
  1  表中有错误（或警告过多）
  2  evalform 无法运行：参数有误、文件无法读取、规则文件有误

语言：
  --lang 优先；未给出时读环境变量 EVALFORM_LANG（zh 或 en）；
  再否则仅当 LC_ALL / LC_MESSAGES / LANG 以 en 开头时用英文，其余一律中文。

线程：
  check 检查 2000 张以上的表时用多个 CPU 核（每 1000 张表一个线程，最多 17 个，不超过核数）；环境变量 EVALFORM_THREADS=N 限定为 N 个线程（1：只用主线程）。`,
  renderLimits: `
限制：
  一个 .docx 最多 ${MAX_RENDER_FORMS.docx} 张表（每张约占 1.7 MB 内存），一个 .xlsx 最多 ${MAX_RENDER_FORMS.xlsx} 张，一个 HTML 页面最多 ${MAX_RENDER_FORMS.html} 张；
  表、规则文件和模板须是不超过 ${MAX_INPUT_LABEL} 的普通文件`,
  score: '给表评分：一个文件输出整张表，多个文件每张表一行概览',
  formFiles: '表文件（.yaml）',
  format: '输出格式',
  config: '使用的规则文件，代替最近的 evalform.config.yaml',
  check:
    '检查给定文件夹或 glob 下的每张表（默认：当前文件夹），供 CI 使用；含 evalform 键的 YAML 文件和含自评表的 Word、Excel 文件即为表，其他文件列为跳过',
  paths: '文件、文件夹或加引号的 glob',
  reporter: '报告格式：stylish、json、junit、github、sarif（设置了 GITHUB_ACTIONS 时默认 github）',
  maxWarnings: '警告多于此数时以 1 退出',
  quiet: '只报告错误',
  output: '把报告写入文件',
  render: '生成填好的正式表格，按给定顺序逐张排在 A4 纸上（长表分页，每页重复表头）',
  docx: '生成 Word 文档（.docx）',
  xlsx: '生成 Excel 工作簿（.xlsx）：每张表一个工作表，金额、分值、得分和执行率是数字（值，不含公式）',
  html: '生成可打印的 HTML 页面',
  renderOutput: '输出文件（默认：第一张表旁边，扩展名相应）',
  template: '自定义的 Handlebars 模板，用于 --html',
  force: '覆盖已有的输出文件',
  summary: '汇总给定文件夹或 glob 下的每张表（默认：当前文件夹），供审核部门查看：各表的预算、执行率、得分、等级和问题，按主管部门小计',
  summaryHtml: '生成一个独立的 HTML 页面：等级与总分分布、执行率与总分散点图、问题类型、可排序的明细表',
  summaryXlsx: '生成 Excel 工作簿：汇总表（每表一行，按主管部门小计，合计；金额、执行率和得分是数字）和问题清单',
  summaryOutput: '输出文件（默认：当前文件夹下的 summary.html 或 summary.xlsx；每次只写一种）',
  init: '写出一张带注释的空白表（不给 FILE 时写到标准输出）；不加 --force 绝不覆盖',
  initFile: '表写到哪里',
  year: '表的年度，1990 到 2100 的四位数（默认：上一年）',
  layout: '表格样式：central（默认）、sichuan 或 yunnan，各有其列和字段',
  initForce: '覆盖已有文件',
  schema: '打印表格式的 JSON Schema',
  importCmd:
    '把 Word（.docx）或 Excel（.xlsx）文件中的每张自评表读成 YAML 表（.doc、.wps、.xls、.et 有 LibreOffice 时自动转换）；跨页分成几张表格的一张自评表读成一张；一张表且不给 -o 时写到标准输出',
  importFile: '要导入的文档（.docx、.xlsx；.doc、.wps、.xls、.et 须装有 LibreOffice）',
  importOutput: '写到这个 YAML 文件（文档中只有一张自评表时）',
  importOutDir: '每张自评表写成这个文件夹中的一个 YAML 文件',
  importForce: '覆盖已有的输出文件',
  helpAfterError: '（加 --help 查看用法）',
  fix: '把不符的执行率、资金总额、得分、总分、等级原处改为计算值，其余不动（供人用，不用于 CI）',
  fixDryRun: '只打印 --fix 会做的改动（统一 diff），不写文件',
};

export type HelpTexts = typeof zh;

const en: HelpTexts = {
  program: 'Score, check and render 项目支出绩效自评表 (project expenditure performance self-evaluation forms) written in YAML.',
  version: 'output the version number',
  help: 'display help for command',
  helpCommand: 'display help for command',
  debug: 'print the stack of an unexpected internal error',
  lang: 'output language: zh (Chinese, the default) or en (English)',
  exitCodes: `
Exit codes:
  0  no errors (warnings allowed, up to --max-warnings)
  1  errors found in a form (or too many warnings)
  2  evalform could not run: bad arguments, unreadable file, bad config

Language:
  --lang first; without it EVALFORM_LANG (zh or en);
  otherwise English only when LC_ALL / LC_MESSAGES / LANG starts with en, Chinese in every other case.

Threads:
  check uses several cores for 2,000 forms or more (a thread per 1,000 forms, at most 17, no more than the cores); EVALFORM_THREADS=N limits it to N threads (1: the main thread only).`,
  renderLimits: `
Limits:
  at most ${MAX_RENDER_FORMS.docx} forms in one .docx (each takes about 1.7 MB of memory), ${MAX_RENDER_FORMS.xlsx} in one .xlsx and ${MAX_RENDER_FORMS.html} in one HTML page;
  forms, rules files and templates must be regular files of at most ${MAX_INPUT_LABEL}`,
  score: 'score forms: the table for one file, an overview line per form for several',
  formFiles: 'form files (.yaml)',
  format: 'output format',
  config: 'rules file to use instead of the nearest evalform.config.yaml',
  check:
    'check every form under the given folders or globs (default: the working directory), for CI; a YAML file is a form when it parses to a mapping with an evalform key, a Word or Excel file when it holds a 自评表; other files are listed as skipped',
  paths: 'files, folders or quoted globs',
  reporter: 'reporter: stylish, json, junit, github, sarif (github when GITHUB_ACTIONS is set)',
  maxWarnings: 'exit 1 when there are more warnings than this',
  quiet: 'report errors only',
  output: 'write the report to a file',
  render:
    'write the filled official table, form after form in the order given, on A4 (a long form runs over pages, the header repeated on each)',
  docx: 'write a Word document (.docx)',
  xlsx: 'write an Excel workbook (.xlsx): one sheet per form, amounts, points, scores and rates as numbers (values, no formulas)',
  html: 'write a printable HTML page',
  renderOutput: 'output file (default: beside the first form, with the right extension)',
  template: 'a Handlebars template of your own for --html',
  force: 'overwrite an existing output file',
  summary:
    "summarise every form under the given folders or globs (default: the working directory) for a reviewing office: each form's budget, rate, score, grade and problems, with subtotals per department",
  summaryHtml:
    'write one self-contained HTML page: grades and the 总分 histogram, rate against 总分, problems by code, a sortable table of forms',
  summaryXlsx:
    'write an Excel workbook: the 汇总表 (a row per form, subtotals per department, the total; amounts, rates and scores as numbers) and the list of problems',
  summaryOutput: 'output file (default: summary.html or summary.xlsx in the working directory); one of --html and --xlsx per run',
  init: 'write a commented blank form (to stdout without FILE); never overwrites without --force',
  initFile: 'where to write the form',
  year: 'the form year, four digits from 1990 to 2100 (default: last year)',
  layout: "the table's layout: central (default), sichuan or yunnan, with their columns and fields",
  initForce: 'overwrite an existing file',
  schema: 'print the JSON Schema of the form format',
  importCmd:
    'read every 自评表 table of a Word or Excel file (.docx, .xlsx; .doc, .wps, .xls and .et converted with LibreOffice when present) as a YAML form, one form split over several tables at page breaks as one; to stdout when there is one and no -o',
  importFile: 'the document to import (.docx, .xlsx; .doc, .wps, .xls and .et need LibreOffice)',
  importOutput: 'write to this YAML file (when the document holds one form)',
  importOutDir: 'write each form as a YAML file in this folder',
  importForce: 'overwrite existing output files',
  helpAfterError: '(add --help for usage)',
  fix: 'write the values evalform computes (rates, the 年度资金总额 columns, scores, total, grade) back into the forms in place, leaving everything else as it was; for people, not for CI',
  fixDryRun: 'print what --fix would change as a unified diff, writing nothing',
};

export const HELP: Record<Lang, HelpTexts> = { zh, en };

/** Help headings commander prints, in Chinese. */
const ZH_TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Options:': '选项：',
  'Global Options:': '全局选项：',
  'Commands:': '命令：',
  'Arguments:': '参数：',
};

export function helpTitle(lang: Lang, title: string): string {
  return lang === 'zh' ? (ZH_TITLES[title] ?? title) : title;
}

/** Commander's own error lines (unknown option, missing argument …), said in Chinese; anything unknown passes as is. */
export function commanderError(lang: Lang, text: string): string {
  if (lang !== 'zh') return text;
  const rules: [RegExp, (...g: string[]) => string][] = [
    [/^error: unknown option '(.*?)'/, (o) => `错误：未知的选项 '${o}'`],
    [/^error: unknown command '(.*?)'/, (c) => `错误：未知的命令 '${c}'`],
    [/^error: missing required argument '(.*?)'/, (a) => `错误：缺少必需的参数 '${a}'`],
    [/^error: option '(.*?)' argument missing/, (o) => `错误：选项 '${o}' 缺少值`],
    [
      /^error: option '(.*?)' argument '(.*?)' is invalid\. Allowed choices are (.*)\./,
      (o, v, c) => `错误：选项 '${o}' 的值 '${v}' 无效，可选：${c}`,
    ],
    [
      /^error: too many arguments(?: for '(.*?)')?\. Expected (\d+) arguments? but got (\d+)\./,
      (c, e, g) => `错误：${c ? `命令 '${c}' 的` : ''}参数过多：应为 ${e} 个，收到 ${g} 个`,
    ],
    [/\(Did you mean one of (.*)\?\)/, (s) => `（是不是想用 ${s}？）`],
    [/\(Did you mean (.*)\?\)/, (s) => `（是不是想用 ${s}？）`],
  ];
  let out = text;
  for (const [re, say] of rules) {
    // replace's callback gets the match, the groups, then the offset and the whole string.
    out = out.replace(re, (...args: unknown[]) => say(...args.slice(1, -2).map((g) => (typeof g === 'string' ? g : ''))));
  }
  return out;
}

/** Commander's "(choices: "a", "b", default: "a")" after an option's text, in Chinese. */
export function helpExtras(lang: Lang, text: string): string {
  if (lang !== 'zh') return text;
  return text.replace(
    / \(((?:choices|default): .*)\)$/,
    (_m, inner: string) =>
      `（${inner
        .replace(/^choices: /, '可选：')
        .replace(/, default: /, '；默认：')
        .replace(/^default: /, '默认：')
        .replaceAll('", "', '"、"')}）`,
  );
}
