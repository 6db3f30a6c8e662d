// Output files and unexpected errors (issue 5, items 3–4): the atomic write never goes over an existing file
// without force, nor leaves a temporary file; an internal error is one line plus how to report it. Where the
// command writes (paths with spaces and Chinese, unwritable places) is in the case table (test/cli/cases.ts).
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../src/cli/files.js';
import { UsageError, type Io } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { ROOT } from './helpers.js';

const FORM = path.join(ROOT, 'examples', 'quantitative.yaml');
const NO_STACK = /^\s+at\s/m;
let tmp = '';

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'evalform-out-'));
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('refuses an existing file without force, replaces it with force, and leaves no temporary file', async () => {
    const dir = mkdtempSync(path.join(tmp, 'atomic-'));
    const target = path.join(dir, '自评 表.docx');
    await writeFileAtomic(target, 'first');
    await expect(writeFileAtomic(target, 'second')).rejects.toThrow(UsageError);
    expect(readFileSync(target, 'utf8')).toBe('first');
    await writeFileAtomic(target, 'third', { force: true });
    expect(readFileSync(target, 'utf8')).toBe('third');
    expect(readdirSync(dir)).toEqual(['自评 表.docx']);
  });

  it('of two writers racing for one new name, exactly one wins and the other is refused', async () => {
    const dir = mkdtempSync(path.join(tmp, 'race-'));
    const target = path.join(dir, 'out.html');
    const results = await Promise.allSettled(['a', 'b', 'c', 'd'].map((data) => writeFileAtomic(target, data)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof UsageError)).toBe(
      true,
    );
    expect(['a', 'b', 'c', 'd']).toContain(readFileSync(target, 'utf8'));
    expect(readdirSync(dir)).toEqual(['out.html']);
  });

  it('writes content given piece by piece, and puts nothing in place when its writer fails', async () => {
    const dir = mkdtempSync(path.join(tmp, 'pieces-'));
    const target = path.join(dir, 'report.json');
    writeFileSync(target, 'the last report');
    await writeFileAtomic(
      target,
      async (write) => {
        for (const piece of ['[', '1,', '2', ']\n']) await write(piece);
      },
      { force: true },
    );
    expect(readFileSync(target, 'utf8')).toBe('[1,2]\n');
    // A run stopped halfway (a worker that failed, a form that stops the run) passes its own error on, and the
    // last report stays as it was.
    const stop = new Error('a worker failed');
    await expect(
      writeFileAtomic(
        target,
        async (write) => {
          await write('[1,');
          throw stop;
        },
        { force: true },
      ),
    ).rejects.toBe(stop);
    expect(readFileSync(target, 'utf8')).toBe('[1,2]\n');
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('says why it cannot write, as a UsageError (exit 2), never a raw system error', async () => {
    await expect(writeFileAtomic(path.join(tmp, 'missing', 'a.docx'), 'x')).rejects.toThrow(/文件夹不存在/);
    writeFileSync(path.join(tmp, 'plain-file'), '');
    await expect(writeFileAtomic(path.join(tmp, 'plain-file', 'a.docx'), 'x')).rejects.toBeInstanceOf(UsageError);
  });
});

describe('an unexpected internal error', () => {
  /** An Io whose stdout fails as no real one should: the error is not evalform's to expect. */
  function brokenIo(): Io & { err: string } {
    const io = {
      err: '',
      stdout: () => {
        throw new Error('stdout exploded');
      },
      stderr: (t: string) => {
        io.err += t;
      },
      cwd: ROOT,
      env: { NO_COLOR: '1' },
      isTTY: false,
    };
    return io;
  }

  it('prints one line that says so and how to report it, without the stack, and exits 2', async () => {
    const io = brokenIo();
    expect(await main(['score', FORM], io)).toBe(2);
    const lines = io.err.trimEnd().split('\n');
    expect(lines[0]).toBe('evalform: 内部错误：stdout exploded');
    expect(io.err).toMatch(/--debug/);
    expect(io.err).toMatch(/报告/);
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(io.err).not.toMatch(NO_STACK);
  });

  it('prints the stack under --debug', async () => {
    const io = brokenIo();
    expect(await main(['score', FORM, '--debug'], io)).toBe(2);
    expect(io.err).toContain('evalform: 内部错误：stdout exploded');
    expect(io.err).toMatch(NO_STACK);
  });
});
