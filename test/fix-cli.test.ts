// src/cli/fix.ts on what the CLI cases cannot arrange between a read and a write: a form changed on disk after it
// was read is not overwritten, and one removed meanwhile is reported; either makes the run fail (exit 2).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigResolver, type Loaded } from '../src/cli/common.js';
import { fixLoaded } from '../src/cli/fix.js';
import type { Io } from '../src/cli/io.js';
import { toRaw } from '../src/cli/rawpath.js';
import { MESSAGES } from '../src/report/messages.js';

const FORM = readFileSync(new URL('./fixtures/codes/total-mismatch.yaml', import.meta.url), 'utf8');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function setUp(): { dir: string; io: Io; err: string[]; out: string[]; loaded: Loaded[]; file: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'evalform-fix-'));
  dirs.push(dir);
  const file = path.join(dir, 'form.yaml');
  writeFileSync(file, FORM);
  const err: string[] = [];
  const out: string[] = [];
  const io: Io = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), cwd: dir, env: {}, isTTY: false };
  return { dir, io, err, out, file, loaded: [{ raw: toRaw(file), file: 'form.yaml', text: FORM }] };
}

describe('fixLoaded', () => {
  it('does not overwrite a form that changed on disk after it was read', async () => {
    const { io, err, loaded, file } = setUp();
    const edited = FORM.replace('project: 测试项目', 'project: 改过的项目');
    writeFileSync(file, edited);
    const run = await fixLoaded(loaded, new ConfigResolver(), io, 'write', io.stdout);
    expect(run).toMatchObject({ dryRun: false, values: 0, forms: 0, failed: true });
    expect(err.join('')).toBe('evalform: form.yaml 在读取后被改动过，未写入修正：请重新运行 --fix\n');
    expect(readFileSync(file, 'utf8')).toBe(edited);
    // The loaded text is left as read: the report says what the file still says.
    expect(loaded[0]?.text).toBe(FORM);
  });

  it('says it in English with --lang en', async () => {
    const { io, err, loaded, file } = setUp();
    writeFileSync(file, `${FORM}\n`);
    const run = await fixLoaded(loaded, new ConfigResolver(), { ...io, messages: MESSAGES.en }, 'write', io.stdout);
    expect(run.failed).toBe(true);
    expect(err.join('')).toBe('evalform: form.yaml changed after it was read; its fixes were not written: run --fix again\n');
    rmSync(file);
    await fixLoaded(loaded, new ConfigResolver(), { ...io, messages: MESSAGES.en }, 'write', io.stdout);
    expect(err.at(-1)).toMatch(/^evalform: the fixes of form\.yaml were not written: .+\n$/);
  });

  it('says why a fix could not be written when the form is gone', async () => {
    const { io, err, loaded, file } = setUp();
    rmSync(file);
    const run = await fixLoaded(loaded, new ConfigResolver(), io, 'write', io.stdout);
    expect(run.failed).toBe(true);
    expect(err.join('')).toMatch(/^evalform: 未写入 form\.yaml 的修正：.+\n$/);
  });

  it('writes the fix when the file is as it was read', async () => {
    const { io, err, loaded, file } = setUp();
    const run = await fixLoaded(loaded, new ConfigResolver(), io, 'write', io.stdout);
    expect(run).toMatchObject({ dryRun: false, values: 1, forms: 1, failed: false });
    expect(err).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(FORM.replace('total: 99.6', 'total: 99.5'));
  });
});
