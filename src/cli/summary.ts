// `evalform summary [PATH|GLOB...] --html | --xlsx`: the reviewing office's view of a department's forms — the HTML
// page (the 汇总表, its subtotals and the charts) or the .xlsx workbook (the 汇总表 and the list of problems) — over
// forms found and configured as `check` finds and configures them.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Evaluation } from '../model/types.js';
import { displayPath as shownPath } from '../report/paths.js';
import { printable } from '../report/printable.js';
import { summaryLine } from '../report/summary.js';
import { ConfigResolver, hasErrors } from './common.js';
import { discover } from './discover.js';
import { writeFileAtomic } from './files.js';
import { UsageError, type Io } from './io.js';
import { messagesFor } from './lang.js';
import { refuseInputAsOutput } from './outputs.js';
import { displayPath, toRaw } from './rawpath.js';
import { evaluateFound } from './stream.js';
import { VERSION } from './version.js';

export interface SummaryOptions {
  html?: boolean;
  xlsx?: boolean;
  output?: string;
  force?: boolean;
  config?: string;
}

type Format = 'html' | 'xlsx';

/** Where the output goes without -o: the working directory, where the reviewer ran it. */
export const DEFAULT_SUMMARY: Record<Format, string> = { html: 'summary.html', xlsx: 'summary.xlsx' };
const EXTENSIONS: Record<Format, string[]> = { html: ['.html', '.htm'], xlsx: ['.xlsx'] };

/** One output per run: --html or --xlsx, or the -o extension when neither is given. */
function formatOf(opts: SummaryOptions): Format {
  if (opts.html && opts.xlsx) throw new UsageError('--html 和 --xlsx 只能选一个：每次写一个文件');
  const ext = opts.output === undefined ? undefined : path.extname(opts.output).toLowerCase();
  const chosen: Format | undefined = opts.html ? 'html' : opts.xlsx ? 'xlsx' : undefined;
  const byExt = (['html', 'xlsx'] as const).find((f) => ext !== undefined && EXTENSIONS[f].includes(ext));
  if (chosen === undefined) {
    if (byExt === undefined) throw new UsageError('请选择输出格式：--html 或 --xlsx');
    return byExt;
  }
  if (ext !== undefined && byExt !== chosen) {
    const wanted = chosen === 'html' ? '.html 或 .htm' : '.xlsx';
    throw new UsageError(`输出文件 ${printable(opts.output as string)} 的扩展名与格式不符：--${chosen} 写的文件应以 ${wanted} 结尾`);
  }
  return chosen;
}

/** A relative URL from the page's folder to a file: each segment percent-encoded, so spaces, # and ? stay names. */
function relativeUrl(fromDir: string, to: string): string {
  return path.relative(fromDir, to).split(path.sep).map(encodeURIComponent).join('/');
}

/** The rendered HTML table beside each form (forms/a.yaml → forms/a.html, as `render --html` writes it), if any. */
async function renderedTables(evals: readonly Evaluation[], output: string): Promise<Map<string, string>> {
  const links = new Map<string, string>();
  for (const ev of evals) {
    if (!ev.result || !/\.ya?ml$/i.test(ev.file)) continue;
    const page = ev.file.replace(/\.ya?ml$/i, '.html');
    if (path.resolve(page) === output) continue;
    const isFile = await stat(page).then(
      (s) => s.isFile(),
      () => false,
    );
    if (isFile) links.set(ev.file, relativeUrl(path.dirname(output), page));
  }
  return links;
}

export async function runSummary(patterns: string[], opts: SummaryOptions, io: Io): Promise<number> {
  const format = formatOf(opts);
  const outputArg = opts.output ?? DEFAULT_SUMMARY[format];
  const output = path.resolve(io.cwd, outputArg);
  const config = opts.config === undefined ? undefined : path.resolve(io.cwd, opts.config);

  const { found } = await discover(patterns, io.cwd);
  // Every YAML file looked at is an input, a form or not: the page must not replace any of them, even with --force.
  refuseInputAsOutput(output, outputArg, [
    ...found.map((f) => ({ raw: f.raw, what: '表单', shown: shownPath(f.file, io.cwd) })),
    ...(config ? [{ raw: toRaw(config), what: '规则文件', shown: opts.config as string }] : []),
  ]);
  if (
    !opts.force &&
    (await stat(output).then(
      () => true,
      () => false,
    ))
  ) {
    throw new UsageError(`${printable(outputArg)} 已存在：加 --force 覆盖它`);
  }

  const resolver = new ConfigResolver(config);
  // Read as `check` reads them (src/cli/stream.ts): in slices, Word and Excel files imported; every score kept.
  const { evals, isForm } = await evaluateFound(found, resolver, { io });
  const notForms = found.filter((_, i) => !isForm[i]).map((f) => f.file);
  refuseInputAsOutput(
    output,
    outputArg,
    [...resolver.used].map((raw) => ({ raw, what: '规则文件', shown: displayPath(raw) })),
  );
  if (evals.length === 0) throw new UsageError('没有找到表单：给出的路径下没有含 evalform 键的 YAML 文件');

  const { summaryData } = await import('../report/summary-data.js');
  if (format === 'xlsx') {
    const { summaryXlsx } = await import('../report/summary-xlsx.js');
    await writeFileAtomic(output, summaryXlsx(summaryData(evals, { cwd: io.cwd })), { force: opts.force });
  } else {
    const { dashboardHtml } = await import('../report/dashboard.js');
    const data = summaryData(evals, { cwd: io.cwd, links: await renderedTables(evals, output) });
    await writeFileAtomic(output, dashboardHtml(data, { version: VERSION }), { force: opts.force });
  }

  const m = messagesFor(io);
  io.stdout(
    `${summaryLine(evals, { skipped: notForms, messages: m }, 'scored')}\n已写入 ${printable(outputArg)}（${evals.length} 张表）\n`,
  );
  // As `render`: the page is written, and a form with errors still fails the run so CI notices.
  return hasErrors(evals) ? 1 : 0;
}
