// The one way the CLI reads forms: bytes from disk, the config in force, then the pure core.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseConfig } from '../evaluate.js';
import type { Evaluation, Finding } from '../model/types.js';
import { printable } from '../report/printable.js';
import type { Styles } from '../report/styles.js';
import type { RulesLayer } from '../score/rules.js';
import { formText, MAX_INPUT_LABEL, megabytes, readInput } from './input.js';

export { formText } from './input.js';
import { UsageError, type Io } from './io.js';
import { evaluateAll, type Job } from './pool.js';
import { displayPath, fsPath, toRaw } from './rawpath.js';

export const CONFIG_NAME = 'evalform.config.yaml';

/** A config that cannot be used: the CLI prints its findings and exits 2. */
export class ConfigError extends UsageError {
  constructor(readonly findings: Finding[]) {
    super(findings.map((f) => `${printable(f.file)}:${f.line}:${f.column}: ${printable(f.message)}`).join('\n'));
  }
}

/** Finds and parses evalform.config.yaml files, each folder looked at once per run. Paths are raw
 * (src/cli/rawpath.ts), so a folder whose name is not UTF-8 still finds its rules. */
export class ConfigResolver {
  private readonly byDir = new Map<string, Promise<string | undefined>>();
  private readonly parsed = new Map<string, Promise<RulesLayer>>();
  /** Every rules file read, raw: outputs must not overwrite them. */
  readonly used = new Set<string>();

  private readonly explicit?: string;

  constructor(explicit?: string) {
    this.explicit = explicit === undefined ? undefined : toRaw(explicit);
  }

  /** The rules for a form (its raw, absolute path). */
  async rulesFor(rawForm: string): Promise<RulesLayer | undefined> {
    const file = this.explicit ?? (await this.nearest(path.dirname(rawForm)));
    return file === undefined ? undefined : this.load(file);
  }

  private nearest(dir: string): Promise<string | undefined> {
    let found = this.byDir.get(dir);
    if (!found) {
      found = (async () => {
        const candidate = path.join(dir, CONFIG_NAME);
        // Anything by that name is the folder's rules: a device or a FIFO there is refused when read, not passed over.
        if (await existsRaw(candidate)) return candidate;
        const parent = path.dirname(dir);
        // Look no higher than the first folder that holds .git.
        if (parent === dir || (await existsRaw(path.join(dir, '.git')))) return undefined;
        return this.nearest(parent);
      })();
      this.byDir.set(dir, found);
    }
    return found;
  }

  private load(raw: string): Promise<RulesLayer> {
    let layer = this.parsed.get(raw);
    if (!layer) {
      this.used.add(raw);
      layer = (async () => {
        const shown = displayPath(raw);
        const input = readInput(fsPath(raw), shown, '规则文件');
        if ('tooLarge' in input) {
          throw new UsageError(`规则文件 ${printable(shown)} 有 ${megabytes(input.tooLarge)}，超过 ${MAX_INPUT_LABEL} 的上限`);
        }
        const text = formText(input, shown);
        if (typeof text !== 'string') throw new ConfigError([text.error]);
        const { layer: rules, findings } = parseConfig(text, shown);
        if (!rules) throw new ConfigError(findings);
        return rules;
      })();
      this.parsed.set(raw, layer);
    }
    return layer;
  }
}

/** Whether anything is at a path; a link to nothing is nothing. */
export async function exists(p: string): Promise<boolean> {
  return existsRaw(toRaw(p));
}

async function existsRaw(raw: string): Promise<boolean> {
  try {
    await stat(fsPath(raw));
    return true;
  } catch {
    return false;
  }
}

/** A file to evaluate: its path to show, and either its text or why it has none. */
export interface Loaded {
  raw: string;
  file: string;
  text: string | { error: Finding };
  detect?: Job['detect'];
  /** A form imported from a document (.docx, .xlsx): the document's path, and where each JSON pointer was read
   * ('表1 第14行 得分'); its findings name the document and that place instead of a line. */
  imported?: { document: string; places: Record<string, string> };
}

/** The document extensions score, check and render read through `evalform import` (src/cli/import.ts). */
export const DOCUMENT = /\.(docx|xlsx|doc|wps|xls|et)$/i;

/** The forms of a document as Loaded items: `申报.docx`, or `申报.docx#表2` when it holds several. */
export function loadedForms(
  raw: string,
  file: string,
  forms: readonly { table: string; yaml: string; places: Record<string, string> }[],
): Loaded[] {
  return forms.map((f) => ({
    raw,
    file: forms.length === 1 ? file : `${file}#${f.table}`,
    text: f.yaml,
    imported: { document: file, places: f.places },
  }));
}

/** The jobs of the loaded files that have text (or bytes), each with the rules in force, and the index of each. */
export async function jobsOf(
  loaded: readonly (Loaded | (Omit<Loaded, 'text'> & { bytes: Uint8Array }))[],
  resolver: ConfigResolver,
): Promise<{ jobs: Job[]; at: number[] }> {
  const jobs: Job[] = [];
  const at: number[] = [];
  for (const [i, item] of loaded.entries()) {
    if ('text' in item && typeof item.text !== 'string') continue;
    const job: Job = { file: item.file, config: await resolver.rulesFor(item.raw) };
    if ('bytes' in item) job.bytes = item.bytes;
    else job.text = item.text as string;
    if (item.detect !== undefined) job.detect = item.detect;
    if (item.imported !== undefined) job.imported = item.imported;
    jobs.push(job);
    at.push(i);
  }
  return { jobs, at };
}

/** Evaluates the loaded files with the rules of each, whole (scores kept), on this thread: in order, `undefined`
 * for a file `check` found not to be a form. */
export async function evaluateLoaded(loaded: readonly Loaded[], resolver: ConfigResolver): Promise<(Evaluation | undefined)[]> {
  const out: (Evaluation | undefined)[] = loaded.map((item) =>
    typeof item.text === 'string' ? undefined : { file: item.file, findings: [item.text.error] },
  );
  const { jobs, at } = await jobsOf(loaded, resolver);
  evaluateAll(jobs).forEach((ev, k) => {
    out[at[k] as number] = ev;
  });
  return out;
}

/** Reads the forms named on the command line, a Word or Excel file as the forms imported from it; an unreadable
 * file, one that is not a regular file, or a document without a 自评表 is a UsageError (exit 2). */
export async function loadNamed(paths: readonly string[], io: Io): Promise<Loaded[]> {
  const loaded: Loaded[] = [];
  for (const p of paths) {
    const abs = path.resolve(io.cwd, p);
    if (DOCUMENT.test(p)) {
      // Imported in memory (loaded only for documents: scoring YAML never loads the zip and XML readers).
      const { importFile } = await import('./import.js');
      const r = await importFile(abs, p, io);
      if (r.forms.length === 0) {
        const why = r.skipped.map((s) => `${s.table === '' ? '' : `${s.table}：`}${s.reason}`).join('；');
        throw new UsageError(`${printable(p)} 中没有项目支出绩效自评表（${why}）`);
      }
      loaded.push(...loadedForms(toRaw(abs), p, r.forms));
    } else loaded.push({ raw: toRaw(abs), file: p, text: formText(readInput(abs, p, '表单'), p) });
  }
  return loaded;
}

/** Reads (loadNamed) and evaluates the forms named on the command line; a bad config is a UsageError too. */
export async function loadEvaluations(
  paths: readonly string[],
  io: Io,
  opts: { config?: string; resolver?: ConfigResolver },
): Promise<Evaluation[]> {
  const resolver = opts.resolver ?? new ConfigResolver(opts.config && path.resolve(io.cwd, opts.config));
  return (await evaluateLoaded(await loadNamed(paths, io), resolver)) as Evaluation[];
}

export function hasErrors(evals: Evaluation[]): boolean {
  return evals.some((e) => e.findings.some((f) => f.severity === 'error'));
}

/** Colour on a terminal unless NO_COLOR is set; FORCE_COLOR forces it. chalk is loaded only then, so a piped or
 * CI run never pays for it. */
export async function colorFor(io: Io): Promise<Styles | undefined> {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return undefined;
  if (!(io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') && !io.isTTY) return undefined;
  return (await import('./color.js')).terminalStyles();
}
