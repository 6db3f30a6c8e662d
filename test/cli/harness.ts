// What a case of test/cli/cases.ts is, and how either runner prepares its folder and checks its run.
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { ROOT } from '../helpers.js';
import type { Env, Run } from './spawn.js';

/** A file made in the case's folder before the run: its text or bytes, a copy of a file of the repository, a
 * symbolic or hard link (to a path in the folder), a FIFO or a folder. */
export type FileSpec = string | Buffer | { copy: string } | { symlink: string } | { hardlink: string } | { fifo: true } | { dir: true };

/** Found in the text: a string as it is, a RegExp by matching. */
export type Fragment = string | RegExp;

/** A file afterwards: exactly this text, these fragments in its text, a check of its bytes, or null: absent. */
export type Written = string | Fragment[] | ((bytes: Buffer) => void) | null;

export interface CaseContext {
  /** The working directory of the run. */
  cwd: string;
  /** Runs evalform again in the same folder, the same way (in-process or binary). */
  run: (args: string[], opts?: { env?: Env }) => Promise<Run>;
  runner: 'in-process' | 'binary';
}

export interface CliCase {
  name: string;
  args: string[];
  /** A folder under test/fixtures/, copied afresh to be the working directory. */
  fixture?: string;
  /** Made in the working directory (after the fixture). With neither `fixture` nor `files` the run is in the
   * repository root, which it must only read; with either, in a fresh temporary folder. */
  files?: Record<string, FileSpec>;
  /** What `files` cannot make (chmod); returns how to undo it before the folder is removed. */
  setup?: (cwd: string) => (() => void) | undefined;
  /** Over the clean environment of test/cli/spawn.ts; `undefined` removes a variable. */
  env?: Env;
  /** Whether stdout is a terminal (in-process only: a spawned binary's stdout is a pipe). */
  isTTY?: boolean;
  exitCode: 0 | 1 | 2;
  /** A string is the whole of stdout; a list, fragments that must each appear. */
  stdout?: string | Fragment[];
  stdoutNot?: Fragment[];
  stderr?: string | Fragment[];
  stderrNot?: Fragment[];
  /** stderr is exactly one line (how evalform says it cannot run). */
  oneLine?: boolean;
  /** Files of the working directory afterwards, by relative path. */
  written?: Record<string, Written>;
  /** Every entry of the working directory afterwards, sorted. */
  listing?: string[];
  /** Not one file of the working directory changed: names, bytes and inodes. */
  untouched?: boolean;
  /** Assertions the fields above cannot state. */
  check?: (r: Run, ctx: CaseContext) => void | Promise<void>;
  /** Also run through bin/evalform.js: the smoke subset. */
  smoke?: boolean;
  /** Run only through bin/evalform.js, and why main(argv, io) cannot show it. */
  binaryOnly?: string;
  /** A shell redirection after the command (binary only). */
  shell?: string;
  /** The reader closes stdout at once (binary only). */
  closeStdout?: boolean;
  /** Why the case cannot run on this machine, or undefined when it can. */
  skip?: () => string | undefined;
  /** Test timeout, when the default is too short. */
  timeout?: number;
}

const NO_STACK = /^\s+at\s/m;

/** Where the case runs: the repository root, or a fresh folder made from its fixture and files. */
export function prepare(c: CliCase, tmp: string): { cwd: string; cleanup: () => void } {
  if (c.fixture === undefined && c.files === undefined) {
    if (c.setup) throw new Error(`${c.name}: setup needs a fixture or files (the repository root is read only)`);
    return { cwd: ROOT, cleanup: () => {} };
  }
  const cwd = mkdtempSync(path.join(tmp, 'case-'));
  if (c.fixture !== undefined) cpSync(path.join(ROOT, 'test', 'fixtures', c.fixture), cwd, { recursive: true });
  for (const [rel, spec] of Object.entries(c.files ?? {})) make(path.join(cwd, rel), spec, cwd);
  const undo = c.setup?.(cwd);
  return { cwd, cleanup: () => undo?.() };
}

function make(file: string, spec: FileSpec, cwd: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  if (typeof spec === 'string' || Buffer.isBuffer(spec)) writeFileSync(file, spec);
  else if ('copy' in spec) copyFileSync(path.join(ROOT, spec.copy), file);
  else if ('symlink' in spec) symlinkSync(spec.symlink, file);
  else if ('hardlink' in spec) linkSync(path.join(cwd, spec.hardlink), file);
  else if ('fifo' in spec) execFileSync('mkfifo', [file]);
  else mkdirSync(file, { recursive: true });
}

/** Every entry under `dir` with its kind, bytes and inode, to show nothing was touched. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const r = path.join(rel, name);
      const s = statSync(path.join(dir, r), { throwIfNoEntry: false });
      if (!s) out[r] = 'dangling';
      else if (s.isDirectory()) {
        out[r] = 'dir';
        walk(r);
      } else out[r] = s.isFile() ? `${s.ino}:${readFileSync(path.join(dir, r), 'latin1')}` : `special:${s.ino}`;
    }
  };
  walk('');
  return out;
}

/** Temporary files (src/cli/files.ts writes `.evalform-….tmp` and renames it) anywhere under `dir`. */
function leftovers(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.tmp'));
}

function expectText(text: string, expected: string | Fragment[] | undefined, what: string): void {
  if (expected === undefined) return;
  if (typeof expected === 'string') {
    expect(text, what).toBe(expected);
    return;
  }
  for (const f of expected) {
    if (typeof f === 'string') expect(text, what).toContain(f);
    else expect(text, what).toMatch(f);
  }
}

function expectNot(text: string, fragments: Fragment[] | undefined, what: string): void {
  for (const f of fragments ?? []) {
    if (typeof f === 'string') expect(text, what).not.toContain(f);
    else expect(text, what).not.toMatch(f);
  }
}

/** Runs evalform one way: the case's own run (`first`), or another in its folder from a `check`. */
export type Runner = (args: string[], cwd: string, env: Env | undefined, first: boolean) => Promise<Run>;

/** Runs the case with `run` in its prepared folder and checks everything it states. */
export async function runCase(c: CliCase, tmp: string, runner: CaseContext['runner'], run: Runner): Promise<void> {
  const { cwd, cleanup } = prepare(c, tmp);
  try {
    const before = c.untouched ? snapshot(cwd) : undefined;
    const r = await run(c.args, cwd, c.env, true);
    expect(r.signal, 'not killed by the timeout').toBeNull();
    // Never a stack trace, whatever the outcome.
    expect(r.stderr, 'stderr').not.toMatch(NO_STACK);
    expect(r.code, `exit code; stderr: ${r.stderr}`).toBe(c.exitCode);
    expectText(r.stdout, c.stdout, 'stdout');
    expectNot(r.stdout, c.stdoutNot, 'stdout');
    expectText(r.stderr, c.stderr, 'stderr');
    expectNot(r.stderr, c.stderrNot, 'stderr');
    if (c.oneLine) expect(r.stderr.trimEnd().split('\n'), 'stderr is one line').toHaveLength(1);
    for (const [rel, want] of Object.entries(c.written ?? {})) {
      const file = path.join(cwd, rel);
      const stat = statSync(file, { throwIfNoEntry: false });
      if (want === null) {
        expect(stat, `${rel} is not written`).toBeUndefined();
        continue;
      }
      expect(stat?.isFile(), `${rel} is written`).toBe(true);
      const bytes = readFileSync(file);
      if (typeof want === 'function') want(bytes);
      else expectText(bytes.toString('utf8'), want, rel);
    }
    if (c.listing) expect(readdirSync(cwd).sort()).toEqual(c.listing);
    if (before) expect(snapshot(cwd)).toEqual(before);
    await c.check?.(r, { cwd, runner, run: (args, opts) => run(args, cwd, opts?.env, false) });
    if (cwd !== ROOT) expect(leftovers(cwd), 'no temporary file left').toEqual([]);
  } finally {
    cleanup();
  }
}
