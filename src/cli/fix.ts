// `check --fix`, `score --fix` and `--fix-dry-run` (issue #16): each form's computed values written back into its
// own text (src/fix/), the file replaced atomically with its mode kept, or a unified diff printed instead.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { unifiedDiff } from '../fix/diff.js';
import { fixText, isFixable } from '../fix/index.js';
import type { Evaluation } from '../model/types.js';
import { printable } from '../report/printable.js';
import { MESSAGES } from '../report/messages.js';
import { ConfigResolver, evaluateLoaded, formText, type Loaded, loadNamed } from './common.js';
import { writeFileAtomic } from './files.js';
import { readInput } from './input.js';
import { UsageError, type Io } from './io.js';
import { displayPath, fsPath } from './rawpath.js';

export interface FixFlags {
  fix?: boolean;
  fixDryRun?: boolean;
}

const zh = {
  both: '--fix 与 --fix-dry-run 不能同时使用：先用 --fix-dry-run 看改动，再用 --fix 写入',
  fixed: (values: number, forms: number, dry: boolean) =>
    values === 0
      ? '没有需要修正的计算值'
      : dry
        ? `可修正 ${values} 个值，涉及 ${forms} 张表（--fix-dry-run：未写入文件）`
        : `修正了 ${values} 个值，涉及 ${forms} 张表`,
  remain: (problems: number, errors: number, warnings: number) =>
    problems === 0 ? '没有剩下的问题' : `仍有 ${problems} 个问题（${errors} 个错误，${warnings} 个警告），需人工核对`,
  stuck: (n: number) => `，其中 ${n} 个计算值写在锚点、别名或块标量（| >）里，无法原处改写，请手工修改`,
  changed: (file: string) => `evalform: ${file} 在读取后被改动过，未写入修正：请重新运行 --fix`,
  unwritable: (file: string, why: string) => `evalform: 未写入 ${file} 的修正：${why}`,
  sep: '；',
  notUtf8Name: '文件名不是 UTF-8，无法改写',
};

const en: typeof zh = {
  both: '--fix and --fix-dry-run cannot be used together: look at the changes with --fix-dry-run, then write them with --fix',
  fixed: (values, forms, dry) =>
    values === 0
      ? 'no computed value to fix'
      : `${dry ? 'would fix' : 'fixed'} ${values} value${values === 1 ? '' : 's'} in ${forms} form${forms === 1 ? '' : 's'}${dry ? ' (--fix-dry-run: nothing written)' : ''}`,
  remain: (problems, errors, warnings) =>
    problems === 0
      ? 'no problems left'
      : `${problems} problem${problems === 1 ? '' : 's'} left (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}) for a person to look at`,
  stuck: (n) => `, ${n} of them computed values that cannot be rewritten in place (behind an alias or anchor, or in a block scalar)`,
  changed: (file) => `evalform: ${file} changed after it was read; its fixes were not written: run --fix again`,
  unwritable: (file, why) => `evalform: the fixes of ${file} were not written: ${why}`,
  sep: '; ',
  notUtf8Name: 'the file name is not UTF-8 and cannot be rewritten',
};

function texts(io: Io): typeof zh {
  return io.messages === MESSAGES.en ? en : zh;
}

/** What a fixing run did: for the summary after the report. */
export interface FixRun {
  dryRun: boolean;
  values: number;
  forms: number;
  /** A fix not written (the file changed on disk, or could not be written): the run exits 2. */
  failed: boolean;
  /** Each file fixed so far (by its real path) and its text after the fix: a file named twice (or through a link
   * and by its own name), in one slice or two, is fixed once and the other names read the fixed text. */
  done: Map<string, string>;
}

export function newFixRun(mode: 'write' | 'dry-run'): FixRun {
  return { dryRun: mode === 'dry-run', values: 0, forms: 0, failed: false, done: new Map() };
}

/** Whether to fix, and how: undefined without either flag; both together are refused. */
export function fixMode(flags: FixFlags, io: Io): 'write' | 'dry-run' | undefined {
  if (flags.fix && flags.fixDryRun) throw new UsageError(texts(io).both);
  if (flags.fixDryRun) return 'dry-run';
  return flags.fix ? 'write' : undefined;
}

/** Fixes each loaded form with the rules in force for it; the fixed text replaces the loaded text, so the
 * evaluation that follows reports what remains. With `write`, a changed file is replaced atomically (keeping its
 * mode, never through a symbolic link, never when it changed on disk since it was read); with `dry-run` its
 * unified diff is printed to `out`. */
export async function fixLoaded(
  loaded: Loaded[],
  resolver: ConfigResolver,
  io: Io,
  mode: 'write' | 'dry-run',
  out: (text: string) => void,
  run: FixRun = newFixRun(mode),
): Promise<FixRun> {
  const m = texts(io);
  const { done } = run;
  for (const item of loaded) {
    // A form imported from a Word or Excel file has no YAML to write back into: its findings stay.
    if (typeof item.text !== 'string' || item.imported) continue;
    const same = await realpath(fsPath(item.raw)).then(String, () => item.raw);
    const earlier = done.get(same);
    if (earlier !== undefined) {
      item.text = earlier;
      continue;
    }
    const result = fixText(item.text, item.file, { config: await resolver.rulesFor(item.raw) });
    done.set(same, item.text);
    if (result.fixed.length === 0) continue;
    const shown = shownName(item.file, io.cwd);
    if (mode === 'dry-run') {
      out(printable(unifiedDiff(item.text, result.text, shown), { keepLineBreaks: true }));
    } else {
      const problem = await writeBack(item.raw, item.text, result.text, m.notUtf8Name);
      if (problem !== undefined) {
        io.stderr(`${problem === 'changed' ? m.changed(printable(shown)) : m.unwritable(printable(shown), problem)}\n`);
        run.failed = true;
        continue;
      }
    }
    item.text = result.text;
    done.set(same, result.text);
    run.values += result.fixed.length;
    run.forms += 1;
  }
  return run;
}

/** Writes the fixed text over the file if it still holds what was read (a BOM kept); else why not. */
async function writeBack(raw: string, before: string, after: string, notUtf8: string): Promise<'changed' | string | undefined> {
  const named = fsPath(raw);
  if (typeof named !== 'string') return notUtf8;
  try {
    // The file a symbolic link names is rewritten, never the link replaced by a copy.
    const real = await realpath(named);
    const input = readInput(real, displayPath(raw), '表单');
    const now = formText(input, displayPath(raw));
    if (!('bytes' in input) || now !== before) return 'changed';
    const bom = input.bytes[0] === 0xef && input.bytes[1] === 0xbb && input.bytes[2] === 0xbf ? '\uFEFF' : '';
    const { mode } = await stat(real);
    await writeFileAtomic(real, `${bom}${after}`, { force: true, mode: mode & 0o7777 });
    return undefined;
  } catch (e) {
    return e instanceof UsageError ? e.message : printable(String((e as Error).message ?? e));
  }
}

/** A path relative to the working directory when it is under it, as the reports show it. */
function shownName(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return file;
  const relative = path.relative(cwd, file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** The line after the report: how many values were fixed in how many forms, and what remains. */
export function fixSummary(evals: readonly Evaluation[], run: FixRun, io: Io): string {
  const m = texts(io);
  let errors = 0;
  let warnings = 0;
  let fixable = 0;
  for (const ev of evals) {
    for (const f of ev.findings) {
      if (f.severity === 'error') errors++;
      else warnings++;
      if (isFixable(f.code)) fixable++;
    }
  }
  const stuck = fixable > 0 ? m.stuck(fixable) : '';
  return `${m.fixed(run.values, run.forms, run.dryRun)}${m.sep}${m.remain(errors + warnings, errors, warnings)}${stuck}\n`;
}

/** `score --fix FILE...`: reads the named forms, fixes them, and evaluates what they now say. */
export async function fixFiles(
  files: readonly string[],
  io: Io,
  config: string | undefined,
  mode: 'write' | 'dry-run',
  out: (text: string) => void,
): Promise<{ evals: Evaluation[]; run: FixRun }> {
  const resolver = new ConfigResolver(config && path.resolve(io.cwd, config));
  const loaded = await loadNamed(files, io);
  const run = await fixLoaded(loaded, resolver, io, mode, out);
  return { evals: (await evaluateLoaded(loaded, resolver)) as Evaluation[], run };
}
