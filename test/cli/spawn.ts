// The one way the tests run the real binary: a clean, deterministic environment set here once, a timeout that
// kills a hang, and what the process printed.
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers.js';

export const BIN = path.join(ROOT, 'bin', 'evalform.js');

export type Env = Record<string, string | undefined>;

/** Only what a process needs to start, from outside; the rest fixed. Nothing from the suite's own environment
 * (GITHUB_ACTIONS or CI switching the reporter, FORCE_COLOR, NODE_OPTIONS, the locale) reaches a run.
 * `extra` overrides; a value of `undefined` removes the variable. */
export function cleanEnv(extra: Env = {}): Record<string, string> {
  const env: Record<string, string> = { NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8', TZ: 'UTC' };
  for (const name of ['PATH', 'HOME', 'TMPDIR', 'SYSTEMROOT', 'TEMP', 'TMP']) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

export interface SpawnOptions {
  cwd?: string;
  /** Over the clean environment. */
  env?: Env;
  /** Killed (SIGKILL) after this long, so that a hang fails its test instead of the whole run. Default 60 s. */
  timeout?: number;
  /** Options for node itself, before the script: `--max-old-space-size=512`, `--import …`. */
  node?: string[];
  /** A shell redirection after the command, run through `sh -c`: `> /dev/full`, `| head -c 10`. */
  shell?: string;
  /** Close the reading end of stdout at once, as a reader that stops early does. */
  closeStdout?: boolean;
}

export interface Run {
  /** null when killed. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Wall time of the whole process. */
  ms: number;
}

const DEFAULT_TIMEOUT = 60_000;
const MAX_BUFFER = 64 << 20;

function command(args: readonly string[], opts: SpawnOptions): [string, string[]] {
  const argv = [...(opts.node ?? []), BIN, ...args];
  if (opts.shell === undefined) return [process.execPath, argv];
  const quote = (s: string) => `'${s.replaceAll("'", `'\\''`)}'`;
  return ['sh', ['-c', `${[process.execPath, ...argv].map(quote).join(' ')} ${opts.shell}`]];
}

/** bin/evalform.js, waited for. */
export function evalformSync(args: readonly string[], opts: SpawnOptions = {}): Run {
  if (opts.closeStdout) throw new Error('closeStdout needs the asynchronous evalform()');
  const [file, argv] = command(args, opts);
  const started = performance.now();
  const r: SpawnSyncReturns<string> = spawnSync(file, argv, {
    cwd: opts.cwd ?? ROOT,
    env: cleanEnv(opts.env),
    encoding: 'utf8',
    timeout: opts.timeout ?? DEFAULT_TIMEOUT,
    killSignal: 'SIGKILL',
    maxBuffer: MAX_BUFFER,
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') throw r.error;
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - started };
}

/** bin/evalform.js, as a promise: several can run at once. */
export function evalform(args: readonly string[], opts: SpawnOptions = {}): Promise<Run> {
  const [file, argv] = command(args, opts);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, {
      cwd: opts.cwd ?? ROOT,
      env: cleanEnv(opts.env),
      timeout: opts.timeout ?? DEFAULT_TIMEOUT,
      killSignal: 'SIGKILL',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    if (opts.closeStdout) child.stdout.destroy();
    else child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: performance.now() - started,
      }),
    );
  });
}

/** `npm test` builds first; a test file run on its own on a fresh clone builds here. */
export function ensureBuilt(): void {
  if (existsSync(path.join(ROOT, 'dist', 'bin', 'evalform.cjs')) && existsSync(path.join(ROOT, 'dist', 'bin', 'worker.cjs'))) return;
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
}
