// `evalform check [PATH|GLOB...]`: every form in a repository, one report for CI, exit 0 / 1 / 2.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { FormByFormText } from '../report/form-by-form.js';
import { loadFormByForm, MACHINE_FORMATS, REPORTER_NAMES, loadReporter, type ReportContext, type Reporter } from '../report/index.js';
import { type JunitPart, junitJoin } from '../report/junit.js';
import { printable } from '../report/printable.js';
import { type Counts, summaryLine } from '../report/summary.js';
import { langOf, messagesFor } from './lang.js';
import { ConfigResolver, colorFor } from './common.js';
import { discover, type Found } from './discover.js';
import { Pool } from './pool.js';
import { refuseInputAsOutput } from './outputs.js';
import { writeFileAtomic } from './files.js';
import { UsageError, type Io } from './io.js';
import { displayPath, toRaw } from './rawpath.js';
import { keepFound } from './stream.js';
import { errorsOnly, type KeepSpec, type Kept } from './kept.js';
import { HOMEPAGE as homepage, VERSION as version } from './version.js';

export interface CheckOptions {
  format?: string;
  output?: string;
  maxWarnings?: number;
  quiet?: boolean;
  config?: string;
  /** --fix / --fix-dry-run (src/cli/fix.ts). */
  fix?: boolean;
  fixDryRun?: boolean;
}

/** The reporter named by --format; without one, `github` inside GitHub Actions (when printing), else `stylish`. */
export function chooseFormat(opts: Pick<CheckOptions, 'format' | 'output'>, env: Io['env']): string {
  if (opts.format !== undefined) return opts.format;
  return opts.output === undefined && env.GITHUB_ACTIONS ? 'github' : 'stylish';
}

export async function runCheck(patterns: string[], opts: CheckOptions, io: Io): Promise<number> {
  const format = chooseFormat(opts, io.env);
  const reporter = await loadReporter(format);
  if (!reporter) throw new UsageError(`未知的报告格式 “${printable(format)}”：可用 ${REPORTER_NAMES.join('、')}`);
  const { maxWarnings } = opts;
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) {
    throw new UsageError(`--max-warnings 需要一个非负整数，收到 “${maxWarnings}”`);
  }

  // The worker threads start while discovery reads the files (they take about as long); closed however the run ends.
  let pool: Pool | undefined;
  try {
    const { found } = await discover(patterns, io.cwd, (files) => {
      pool = new Pool(files);
      pool.warm();
    });
    return await checkFound(found, pool, format, reporter, opts, io);
  } finally {
    await pool?.close();
  }
}

async function checkFound(
  found: Found[],
  pool: Pool | undefined,
  format: string,
  reporter: Reporter,
  opts: CheckOptions,
  io: Io,
): Promise<number> {
  const { maxWarnings } = opts;
  const config = opts.config === undefined ? undefined : path.resolve(io.cwd, opts.config);
  const target = opts.output === undefined ? undefined : path.resolve(io.cwd, opts.output);
  // Every YAML file looked at is an input, a form or not: the report must not replace any of them.
  if (target !== undefined) {
    refuseInputAsOutput(target, opts.output as string, [
      ...found.map((f) => ({ raw: f.raw, what: '表单', shown: f.file })),
      ...(config ? [{ raw: toRaw(config), what: '规则文件', shown: opts.config as string }] : []),
    ]);
  }

  const resolver = new ConfigResolver(config);
  // --fix (src/cli/fix.ts): each slice's forms fixed before they are evaluated, so that the report says what
  // remains; diffs go where the report goes when it is for people, else to stderr.
  const fix = opts.fix || opts.fixDryRun ? await import('./fix.js') : undefined;
  const fixMode = fix?.fixMode(opts, io);
  const fixOut = opts.output !== undefined || format === 'stylish' ? io.stdout : io.stderr;
  const fixRun = fix && fixMode ? fix.newFixRun(fixMode) : undefined;
  // [perf #12] Read in slices, evaluated on the worker threads, kept as the reporter needs (src/cli/stream.ts); a
  // form-by-form report (stylish, json, github) is made of each form's part, printed as the forms come.
  const styles = opts.output === undefined ? await colorFor(io) : undefined;
  const spec: KeepSpec = {
    format,
    quiet: opts.quiet === true,
    cwd: io.cwd,
    lang: langOf(messagesFor(io)),
    color: styles !== undefined,
  };
  const formByForm = await loadFormByForm(format);
  let ctx: ReportContext | undefined;
  let kept: Kept[] = [];
  const evaluateAndReport = async (write: (text: string) => void, flush?: () => Promise<void>): Promise<void> => {
    const text = formByForm && new FormByFormText(formByForm, write);
    // Printed as the forms come, except under --fix, whose diffs are printed as the forms are read.
    const asItGoes = text !== undefined && fixRun === undefined;
    const run = await keepFound(found, resolver, spec, {
      io,
      ...(pool ? { pool } : {}),
      prepare: fix && fixMode && fixRun ? (loaded) => fix.fixLoaded(loaded, resolver, io, fixMode, fixOut, fixRun) : undefined,
      ...(asItGoes ? { onKept: (k: Kept) => text.add(k.part as string), afterSlice: flush } : {}),
    });
    kept = run.kept;
    if (target !== undefined) {
      refuseInputAsOutput(
        target,
        opts.output as string,
        [...resolver.used].map((raw) => ({ raw, what: '规则文件', shown: displayPath(raw) })),
      );
    }
    ctx = context(
      found.filter((_, i) => !run.isForm[i]).map((f) => f.file),
      run.counts,
    );
    if (text) {
      if (!asItGoes) for (const k of kept) text.add(k.part as string);
      text.end(ctx, { errors: run.counts.errors, warnings: opts.quiet ? 0 : run.counts.warnings });
      return;
    }
    const evals = kept.map((k) => k.ev);
    write(
      format === 'junit'
        ? junitJoin(
            kept.map((k) => k.part as JunitPart),
            ctx,
          )
        : reporter(opts.quiet ? evals.map(errorsOnly) : evals, ctx),
    );
  };
  // Counted before --quiet hides warnings, as ESLint does: --max-warnings still sees them.
  const tooMany = (c: Counts) => maxWarnings !== undefined && c.warnings > maxWarnings;
  // Under --quiet the summary still counts the warnings it hid (they decide --max-warnings), and ✔ only a run that passes.
  const context = (skipped: string[], c: Counts): ReportContext => ({
    styles,
    cwd: io.cwd,
    version,
    homepage,
    skipped,
    counts: c,
    passed: !(c.errors > 0 || tooMany(c)),
    messages: messagesFor(io),
  });

  if (opts.output === undefined) {
    await evaluateAndReport(io.stdout);
  } else {
    const file = target as string;
    // CI writes its report into a fresh folder (reports/junit.xml) and overwrites it on every run.
    await mkdir(path.dirname(file), { recursive: true }).catch(() => undefined);
    // Written to a file beside it as it comes, and renamed into place once whole.
    await writeFileAtomic(
      file,
      async (write) => {
        let buffered: string[] = [];
        await evaluateAndReport(
          (t) => buffered.push(t),
          async () => {
            await write(buffered.join(''));
            buffered = [];
          },
        );
        await write(buffered.join(''));
      },
      { force: true },
    );
  }
  const done = ctx as ReportContext;
  const counts = done.counts as Counts;
  // A document for a program on stdout: the person reading the CI log still gets the one line, on stderr.
  if (opts.output === undefined) {
    if (MACHINE_FORMATS.has(format)) io.stderr(`${summaryLine([], done)}\n`);
  } else io.stdout(`${summaryLine([], done)}\n${messagesFor(io).reportWritten(format, printable(opts.output))}\n`);

  if (fix && fixRun)
    fixOut(
      fix.fixSummary(
        kept.map((k) => k.ev),
        fixRun,
        io,
      ),
    );
  if (fixRun?.failed) return 2;
  if (counts.errors > 0) return 1;
  if (maxWarnings !== undefined && tooMany(counts)) {
    io.stderr(`${messagesFor(io).tooManyWarnings(counts.warnings, maxWarnings)}\n`);
    return 1;
  }
  return 0;
}
