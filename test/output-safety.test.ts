// Output files and unexpected errors (issue 5, items 3–4): paths with spaces and Chinese, never over an existing
// file without --force, an unwritable place is a clear exit 2, and an internal error is one line plus how to report it.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../src/cli/files.js';
import { UsageError, type Io } from '../src/cli/io.js';
import { main } from '../src/cli/main.js';
import { ROOT } from './helpers.js';

const BIN = path.join(ROOT, 'bin', 'evalform.js');
const FORM = path.join(ROOT, 'examples', 'quantitative.yaml');
const NO_STACK = /^\s+at\s/m;
let tmp = '';

function evalform(args: string[], cwd = tmp) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** No temporary file left behind by a write that failed or was refused. */
function expectNoLeftovers(dir: string): void {
  expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
}

/** Whether this process can write into a folder it made read-only (root can). */
function chmodProtects(dir: string): boolean {
  const probe = path.join(dir, 'probe');
  mkdirSync(probe);
  chmodSync(probe, 0o555);
  try {
    writeFileSync(path.join(probe, 'x'), '');
    return false;
  } catch {
    return true;
  } finally {
    chmodSync(probe, 0o755);
    rmSync(probe, { recursive: true, force: true });
  }
}

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'dist', 'bin', 'evalform.js')) && !existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
    throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
  }
  tmp = mkdtempSync(path.join(tmpdir(), 'evalform-out-'));
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('render: where the output goes', () => {
  it.each([
    ['--docx', '输出 文件夹/2023 年度 自评表.docx', 'PK'],
    ['--html', 'out dir/自评表 (final).html', '<'],
  ])('%s writes to a path with spaces and Chinese characters: %s', (flag, output, starts) => {
    mkdirSync(path.join(tmp, path.dirname(output)), { recursive: true });
    const r = evalform(['render', FORM, flag, '--output', output]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(tmp, output)).subarray(0, starts.length).toString('latin1')).toBe(starts);
    expectNoLeftovers(path.join(tmp, path.dirname(output)));
  });

  it('reads a form whose path has spaces and Chinese characters, and writes beside it by default', () => {
    const dir = path.join(tmp, '表单 2023');
    mkdirSync(dir);
    copyFileSync(FORM, path.join(dir, '农村公路 养护.yaml'));
    const r = evalform(['render', path.join('表单 2023', '农村公路 养护.yaml'), '--docx']);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, '农村公路 养护.docx'))).toBe(true);
  });

  it('never writes over an existing file without --force, and leaves it as it was', () => {
    const target = path.join(tmp, 'existing.html');
    writeFileSync(target, 'keep me');
    const refused = evalform(['render', FORM, '--html', '--output', 'existing.html']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--force');
    expect(refused.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(readFileSync(target, 'utf8')).toBe('keep me');

    const forced = evalform(['render', FORM, '--html', '--output', 'existing.html', '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(target, 'utf8')).toMatch(/^</);
    expectNoLeftovers(tmp);
  });

  it('a folder that does not exist is a clear exit 2', () => {
    const r = evalform(['render', FORM, '--docx', '--output', 'no such folder/a.docx']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^evalform: .*文件夹不存在/);
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(existsSync(path.join(tmp, 'no such folder'))).toBe(false);
  });

  it('a path through a file (unwritable even for root) is a clear exit 2', () => {
    writeFileSync(path.join(tmp, 'some-file.txt'), 'not a folder');
    const r = evalform(['render', FORM, '--docx', '--output', 'some-file.txt/out.docx']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('some-file.txt/out.docx');
    expect(r.stderr).not.toMatch(NO_STACK);
  });

  it('a read-only folder is a clear exit 2, and nothing is left in it', (ctx) => {
    if (!chmodProtects(tmp)) {
      ctx.skip(`this process (uid ${process.getuid?.()}) can write into a read-only folder, as root can; the path-through-a-file case above covers the failure`);
    }
    const dir = path.join(tmp, 'read-only');
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    try {
      const r = evalform(['render', FORM, '--docx', '--output', path.join('read-only', 'a.docx')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('没有写入权限');
      expect(r.stderr).not.toMatch(NO_STACK);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      chmodSync(dir, 0o755);
    }
  });
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
    expect(results.filter((r) => r.status === 'rejected').every((r) => (r as PromiseRejectedResult).reason instanceof UsageError)).toBe(true);
    expect(['a', 'b', 'c', 'd']).toContain(readFileSync(target, 'utf8'));
    expect(readdirSync(dir)).toEqual(['out.html']);
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
    expect(lines[0]).toBe('evalform: internal error: stdout exploded');
    expect(io.err).toMatch(/--debug/);
    expect(io.err).toMatch(/report/);
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(io.err).not.toMatch(NO_STACK);
  });

  it('prints the stack under --debug', async () => {
    const io = brokenIo();
    expect(await main(['score', FORM, '--debug'], io)).toBe(2);
    expect(io.err).toContain('evalform: internal error: stdout exploded');
    expect(io.err).toMatch(NO_STACK);
  });
});
