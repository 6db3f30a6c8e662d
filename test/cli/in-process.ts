// The command line in this process: main(argv, io) with a fake Io that keeps what was printed. The environment
// is the one the binary gets (test/cli/spawn.ts), so a case means the same either way.
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { cleanEnv, type Env, type Run } from './spawn.js';

export interface FakeIo extends Io {
  out: string[];
  err: string[];
}

export function fakeIo(cwd: string, opts: { env?: Env; isTTY?: boolean } = {}): FakeIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    cwd,
    env: cleanEnv(opts.env),
    isTTY: opts.isTTY ?? false,
  };
}

/** main(argv, io), with the exit code and what it printed. */
export async function runMain(args: readonly string[], opts: { cwd: string; env?: Env; isTTY?: boolean }): Promise<Run> {
  const io = fakeIo(opts.cwd, opts);
  const started = performance.now();
  const code = await main([...args], io);
  return { code, signal: null, stdout: io.out.join(''), stderr: io.err.join(''), ms: performance.now() - started };
}
