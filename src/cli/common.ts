// The one way the CLI reads forms: bytes from disk, the config in force, then the pure core.
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { parseConfig } from '../evaluate.js';
import { decodeUtf8 } from '../load/source.js';
import type { Evaluation, Finding } from '../model/types.js';
import type { RulesLayer } from '../score/rules.js';
import { UsageError, type Io } from './io.js';
import { evaluateAll, type Job } from './pool.js';

export const CONFIG_NAME = 'evalform.config.yaml';

/** A config that cannot be used: the CLI prints its findings and exits 2. */
export class ConfigError extends UsageError {
  constructor(readonly findings: Finding[]) {
    super(findings.map((f) => `${f.file}:${f.line}:${f.column}: ${f.message}`).join('\n'));
  }
}

export function readText(file: string, preread?: Buffer): string | { error: Finding } {
  let bytes: Buffer;
  try {
    bytes = preread ?? readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? '文件不存在' : code === 'EISDIR' ? '这是一个文件夹' : code === 'EACCES' ? '没有读取权限' : String((e as Error).message);
    throw new UsageError(`无法读取 ${file}：${why}`);
  }
  const decoded = decodeUtf8(bytes);
  if ('error' in decoded) return { error: { ...decoded.error, severity: 'error', file } };
  return decoded.text;
}

/** Finds and parses evalform.config.yaml files, each folder looked at once per run. */
export class ConfigResolver {
  private readonly byDir = new Map<string, Promise<string | undefined>>();
  private readonly parsed = new Map<string, Promise<RulesLayer>>();

  constructor(private readonly explicit?: string) {}

  async rulesFor(formFile: string): Promise<RulesLayer | undefined> {
    const file = this.explicit ?? (await this.nearest(path.dirname(path.resolve(formFile))));
    return file === undefined ? undefined : this.load(file);
  }

  private nearest(dir: string): Promise<string | undefined> {
    let found = this.byDir.get(dir);
    if (!found) {
      found = (async () => {
        const candidate = path.join(dir, CONFIG_NAME);
        if (await exists(candidate)) return candidate;
        const parent = path.dirname(dir);
        // Look no higher than the first folder that holds .git.
        if (parent === dir || (await exists(path.join(dir, '.git')))) return undefined;
        return this.nearest(parent);
      })();
      this.byDir.set(dir, found);
    }
    return found;
  }

  private load(file: string): Promise<RulesLayer> {
    let layer = this.parsed.get(file);
    if (!layer) {
      layer = (async () => {
        const text = readText(file);
        if (typeof text !== 'string') throw new ConfigError([text.error]);
        const { layer: rules, findings } = parseConfig(text, file);
        if (!rules) throw new ConfigError(findings);
        return rules;
      })();
      this.parsed.set(file, layer);
    }
    return layer;
  }
}

export async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** Reads and evaluates every file; an unreadable file or a bad config is a UsageError (exit 2). */
export async function loadEvaluations(paths: string[], io: Io, opts: { config?: string; bytes?: Map<string, Buffer> }): Promise<Evaluation[]> {
  const resolver = new ConfigResolver(opts.config && path.resolve(io.cwd, opts.config));
  const unreadable = new Map<number, Evaluation>();
  const jobs: Job[] = [];
  const at: number[] = [];
  for (const [i, p] of paths.entries()) {
    const abs = path.resolve(io.cwd, p);
    const text = readText(abs, opts.bytes?.get(abs));
    if (typeof text !== 'string') unreadable.set(i, { file: p, findings: [{ ...text.error, file: p }] });
    else {
      jobs.push({ file: p, text, config: await resolver.rulesFor(abs) });
      at.push(i);
    }
  }
  // Jobs without `detect` are always forms.
  const evals = (await evaluateAll(jobs)) as Evaluation[];
  const out = new Array<Evaluation>(paths.length);
  evals.forEach((ev, k) => { out[at[k] as number] = ev; });
  for (const [i, ev] of unreadable) out[i] = ev;
  return out;
}

export function hasErrors(evals: Evaluation[]): boolean {
  return evals.some((e) => e.findings.some((f) => f.severity === 'error'));
}

/** Colour on a terminal unless NO_COLOR is set; FORCE_COLOR forces it. */
export function useColor(io: Io): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return io.isTTY;
}
