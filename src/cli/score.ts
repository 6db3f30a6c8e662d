// `evalform score FILE...`: the table for one form, the overview for several, or §6 JSON.
import { stringifyJson } from '../report/json-text.js';
import { printable } from '../report/printable.js';
import { summaryLine } from '../report/summary.js';
import type { ReportContext } from '../report/types.js';
import { colorFor, hasErrors, loadEvaluations } from './common.js';
import { UsageError, type Io } from './io.js';
import { messagesFor } from './lang.js';
import { VERSION } from './version.js';

export async function runScore(
  files: string[],
  opts: { format?: string; config?: string; fix?: boolean; fixDryRun?: boolean },
  io: Io,
): Promise<number> {
  const format = opts.format ?? 'table';
  if (format !== 'table' && format !== 'json') throw new UsageError(`未知的输出格式 “${printable(format)}”：可用 table、json`);
  // --fix (src/cli/fix.ts): the forms fixed first, then scored as they now are; the summary follows the output.
  const fix = opts.fix || opts.fixDryRun ? await import('./fix.js') : undefined;
  const fixMode = fix?.fixMode(opts, io);
  const fixOut = format === 'table' ? io.stdout : io.stderr;
  const fixed = fix && fixMode && (await fix.fixFiles(files, io, opts.config, fixMode, fixOut));
  const evals = fixed ? fixed.evals : await loadEvaluations(files, io, opts);
  const ctx: ReportContext = { styles: await colorFor(io), cwd: io.cwd, version: VERSION, messages: messagesFor(io) };
  if (format === 'json') {
    const { jsonResult } = await import('../report/json-result.js');
    const out = evals.map((ev) => jsonResult(ev, io.cwd));
    io.stdout(`${stringifyJson(out.length === 1 ? out[0] : out)}\n`);
    // JSON for a program on stdout; the one line for the person on stderr.
    io.stderr(`${summaryLine(evals, ctx, 'scored')}\n`);
  } else if (evals.length === 1) {
    const { scoreTable } = await import('../report/table.js');
    io.stdout(scoreTable(evals, ctx));
  } else {
    const [{ overview }, { stylish }] = await Promise.all([import('../report/overview.js'), import('../report/stylish.js')]);
    const problems = evals.filter((ev) => ev.findings.length > 0);
    io.stdout(overview(evals, ctx));
    if (problems.length > 0) io.stdout(`\n${stylish(problems, { ...ctx, summary: false })}`);
  }
  if (fix && fixed) {
    fixOut(fix.fixSummary(evals, fixed.run, io));
    if (fixed.run.failed) return 2;
  }
  return hasErrors(evals) ? 1 : 0;
}
