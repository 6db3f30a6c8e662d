// Issue 9, item 3: a form, rules file or template that is not a regular file (a device, a FIFO, a link to one)
// used to be read until memory ran out or forever. Refused in one line with exit 2 when named or found as the
// nearest rules file; passed over inside a walked folder; and a regular file is read only up to 10 MB.
// Through the real binary (test/cli/spawn.ts), each run with a timeout so that a hang fails the test instead of
// hanging it: not the case table, whose in-process runs a FIFO read forever would stop.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES, readInput } from '../src/cli/input.js';
import { ensureBuilt, evalformSync, type Run } from './cli/spawn.js';
import { ROOT } from './helpers.js';

const CLEAN = path.join(ROOT, 'test', 'fixtures', 'bad', 'clean-form.yaml');
const NO_STACK = /^\s+at\s/m;
// FIFOs and /dev/zero: POSIX only.
const posix = process.platform !== 'win32' && existsSync('/dev/zero');
let tmp = '';

function evalform(args: string[], cwd = tmp): Run {
  // 20 s: far more than any of these takes, far less than reading /dev/zero into memory would.
  return evalformSync(args, { cwd, timeout: 20_000, node: ['--max-old-space-size=512'] });
}

/** Exit 2, one line on stderr naming what the path is, nothing on stdout, no stack. */
function expectRefused(r: Run, ...phrases: string[]): void {
  expect(r.signal, 'not killed by the timeout').toBeNull();
  expect(r.stderr).not.toMatch(NO_STACK);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  for (const p of phrases) expect(r.stderr).toContain(p);
}

function folder(name: string): string {
  const dir = path.join(tmp, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function mkfifo(file: string): void {
  execFileSync('mkfifo', [file]);
}

beforeAll(() => {
  ensureBuilt();
  tmp = mkdtempSync(path.join(tmpdir(), 'evalform-inputs-'));
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(!posix)('a path that is not a regular file, named on the command line', () => {
  let dir = '';
  beforeAll(() => {
    dir = folder('named');
    copyFileSync(CLEAN, path.join(dir, 'form.yaml'));
    mkfifo(path.join(dir, 'fifo.yaml'));
    symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
    mkfifo(path.join(dir, 'rules.yaml'));
    mkfifo(path.join(dir, 'table.hbs'));
  });

  it.each([
    ['score /dev/zero', ['score', '/dev/zero'], ['/dev/zero', '字符设备']],
    ['score a FIFO', ['score', 'fifo.yaml'], ['fifo.yaml', '命名管道']],
    ['score a link to /dev/zero', ['score', 'zero.yaml'], ['zero.yaml', '指向 /dev/zero', '字符设备']],
    ['check /dev/zero', ['check', '/dev/zero'], ['字符设备']],
    ['check a FIFO', ['check', 'fifo.yaml'], ['命名管道']],
    ['check a link to /dev/zero', ['check', 'zero.yaml'], ['字符设备']],
    ['render a FIFO', ['render', 'fifo.yaml', '--html', '-o', 'out.html'], ['命名管道']],
    ['score --config /dev/zero', ['score', 'form.yaml', '--config', '/dev/zero'], ['规则文件', '字符设备']],
    ['check --config a FIFO', ['check', 'form.yaml', '--config', 'rules.yaml'], ['规则文件', '命名管道']],
    ['render --config /dev/zero', ['render', 'form.yaml', '--html', '-o', 'out.html', '--config', '/dev/zero'], ['规则文件', '字符设备']],
    ['render --template /dev/zero', ['render', 'form.yaml', '--html', '-o', 'out.html', '--template', '/dev/zero'], ['模板', '字符设备']],
    ['render --template a FIFO', ['render', 'form.yaml', '--html', '-o', 'out.html', '--template', 'table.hbs'], ['模板', '命名管道']],
    ['score a folder', ['score', '.'], ['文件夹']],
  ])('%s: one line, exit 2', (_name, args, phrases) => {
    expectRefused(evalform(args, dir), ...phrases);
    expect(existsSync(path.join(dir, 'out.html'))).toBe(false);
  });
});

describe.skipIf(!posix)('the nearest evalform.config.yaml is not a regular file', () => {
  it.each([
    ['a link to /dev/zero (as committed to a repository)', (file: string) => symlinkSync('/dev/zero', file), '字符设备'],
    ['a FIFO', (file: string) => mkfifo(file), '命名管道'],
  ])('%s: score, check and render refuse it in one line', (name, make, phrase) => {
    const dir = folder(`config-${name.length}`);
    copyFileSync(CLEAN, path.join(dir, 'form.yaml'));
    make(path.join(dir, 'evalform.config.yaml'));
    for (const args of [['score', 'form.yaml'], ['check'], ['check', 'form.yaml'], ['render', 'form.yaml', '--html', '-o', 'out.html']]) {
      expectRefused(evalform(args, dir), '规则文件', 'evalform.config.yaml', phrase);
    }
  });
});

describe.skipIf(!posix)('inside a walked folder', () => {
  it('FIFOs, devices and links to them are passed over, by a walk and by a glob', () => {
    const dir = folder('walked');
    copyFileSync(CLEAN, path.join(dir, 'form.yaml'));
    mkfifo(path.join(dir, 'fifo.yaml'));
    symlinkSync('/dev/zero', path.join(dir, 'zero.yaml'));
    symlinkSync('/dev/null', path.join(dir, 'null.yml'));
    mkdirSync(path.join(dir, 'sub'));
    mkfifo(path.join(dir, 'sub', 'deep.yaml'));
    for (const args of [['check'], ['check', '.'], ['check', '*.yaml'], ['check', '**/*.{yaml,yml}']]) {
      const r = evalform([...args, '--format', 'json'], dir);
      expect(r.signal, args.join(' ')).toBeNull();
      expect(r.code, r.stderr).toBe(0);
      expect((JSON.parse(r.stdout) as { file: string }[]).map((e) => e.file)).toEqual(['form.yaml']);
    }
  });
});

describe('the bytes of a file read', () => {
  it('have their memory to themselves, so a worker thread can be handed them whole (never a slice of the shared pool)', () => {
    for (const size of [0, 10, 3600, 70_000]) {
      const file = path.join(tmp, `bytes-${size}.yaml`);
      writeFileSync(file, 'x'.repeat(size));
      const input = readInput(file, file, '表单');
      if (!('bytes' in input)) throw new Error('expected bytes');
      expect(input.bytes.length).toBe(size);
      expect(input.bytes.byteOffset).toBe(0);
      expect(input.bytes.buffer.byteLength).toBeLessThanOrEqual(size + 1);
    }
  });
});

describe('files past the size limit', () => {
  it(`a form over ${MAX_INPUT_BYTES / 1024 / 1024} MB is a finding, read no further; a rules file or template that large is refused`, () => {
    const dir = folder('large');
    // Sparse: 200 MB on paper, nothing on disk. Read whole, each run would hold 200 MB.
    const big = path.join(dir, 'big.yaml');
    writeFileSync(big, `${readFileSync(CLEAN, 'utf8')}note: |\n`);
    truncateSync(big, 200 * 1024 * 1024);
    const score = evalform(['score', '--format', 'json', 'big.yaml'], dir);
    expect(score.signal).toBeNull();
    expect(score.code, score.stderr).toBe(1);
    const findings = (JSON.parse(score.stdout) as { findings: { code: string; message: string; line: number }[] }).findings;
    expect(findings).toEqual([expect.objectContaining({ code: 'yaml-syntax', line: 1, message: expect.stringContaining('10 MB') })]);
    expect(findings[0]?.message).toContain('200.0 MB');

    // In a walked folder: reported when its first 10 MB name evalform, passed over when they do not.
    writeFileSync(path.join(dir, 'zeros.yaml'), '');
    truncateSync(path.join(dir, 'zeros.yaml'), 50 * 1024 * 1024);
    const check = evalform(['check', '--format', 'json'], dir);
    expect(check.code, check.stderr).toBe(1);
    expect((JSON.parse(check.stdout) as { file: string }[]).map((e) => e.file)).toEqual(['big.yaml']);

    copyFileSync(CLEAN, path.join(dir, 'form.yaml'));
    writeFileSync(path.join(dir, 'rules.yaml'), 'places: 2\n');
    truncateSync(path.join(dir, 'rules.yaml'), 11 * 1024 * 1024);
    expectRefused(evalform(['score', 'form.yaml', '--config', 'rules.yaml'], dir), '规则文件', '10 MB');
    writeFileSync(path.join(dir, 'table.hbs'), '{{#each tables}}{{/each}}');
    truncateSync(path.join(dir, 'table.hbs'), 11 * 1024 * 1024);
    expectRefused(evalform(['render', 'form.yaml', '--template', 'table.hbs', '-o', 'out.html'], dir), '模板', '10 MB');
  });
});
