// Issue 9, items 6–9: writing output. No output may be one of the inputs, even with --force; a long output
// name; a full or closed stdout; a malformed glob; and a render too large to build in memory, refused before
// the work.
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_RENDER_FORMS } from '../src/cli/limits.js';
import { main } from '../src/cli/main.js';
import { ROOT } from './helpers.js';
import { fakeIo } from './render-helpers.js';

const BIN = path.join(ROOT, 'bin', 'evalform.js');
const CLEAN = readFileSync(path.join(ROOT, 'test', 'fixtures', 'bad', 'clean-form.yaml'), 'utf8');
const NO_STACK = /^\s+at\s/m;
let tmp = '';

function evalform(args: string[], cwd = tmp, shell?: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  delete env.GITHUB_ACTIONS;
  const r = shell === undefined
    ? spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8', timeout: 60_000 })
    : spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" ${args.join(' ')} ${shell}`], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** In-process, with the exit code and what was printed. */
async function run(args: string[], cwd: string) {
  const io = fakeIo(cwd);
  const code = await main(args, io);
  return { code, stdout: io.out.join(''), stderr: io.err.join('') };
}

function expectOneLine(r: { code: number | null; stdout?: string; stderr: string }, ...phrases: string[]): void {
  expect(r.stderr).not.toMatch(NO_STACK);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  for (const p of phrases) expect(r.stderr).toContain(p);
}

/** A fresh folder holding forms a.yaml and b.yaml, a YAML file that is not a form, rules and a template. */
function repo(name: string): string {
  const dir = path.join(tmp, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'a.yaml'), CLEAN);
  writeFileSync(path.join(dir, 'b.yaml'), CLEAN.replace('total: 99.5', 'total: 98'));
  writeFileSync(path.join(dir, 'notes.yaml'), 'reviewers: [张三]\n');
  writeFileSync(path.join(dir, 'evalform.config.yaml'), 'places: 2\n');
  writeFileSync(path.join(dir, 'rules.yaml'), 'places: 2\n');
  writeFileSync(path.join(dir, 'table.hbs'), '{{#each tables}}<p>{{project}}</p>{{/each}}\n');
  return dir;
}

/** The bytes and identity of every file in `dir`, to show nothing was touched. */
function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => {
    const s = statSync(path.join(dir, f));
    return [f, s.isFile() ? `${s.ino}:${readFileSync(path.join(dir, f), 'latin1')}` : 'dir'];
  }));
}

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'dist', 'bin', 'evalform.js'))) throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
  tmp = mkdtempSync(path.join(tmpdir(), 'evalform-trust-out-'));
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('no output is one of the inputs, even with --force (item 7)', () => {
  it.each([
    ['check -o a form it checks', ['check', '-o', 'b.yaml'], 'b.yaml'],
    ['check -o a form named on the command line', ['check', 'a.yaml', 'b.yaml', '-o', 'a.yaml', '--format', 'json'], 'a.yaml'],
    ['check -o a YAML file it looked at (not a form)', ['check', '-o', 'notes.yaml'], 'notes.yaml'],
    ['check -o the nearest rules file', ['check', 'a.yaml', '-o', 'evalform.config.yaml'], '规则文件'],
    ['check -o its --config', ['check', 'a.yaml', '--config', 'rules.yaml', '-o', 'rules.yaml'], '规则文件'],
    ['check -o a symlink to a form', ['check', '-o', 'link-to-b.json'], 'b.yaml'],
    ['check -o a hard link to a form', ['check', '-o', 'hard-b.json'], 'b.yaml'],
    ['render -o the form itself, --force', ['render', 'a.yaml', '--html', '-o', 'a.yaml', '--force'], '表单'],
    ['render -o a hard link to the form, --force', ['render', 'a.yaml', '--html', '-o', 'hard-a.html', '--force'], 'a.yaml'],
    ['render -o a symlink to the form, --force', ['render', 'a.yaml', '--docx', '-o', 'link-to-a.docx', '--force'], 'a.yaml'],
    ['render -o its --config, --force', ['render', 'a.yaml', '--html', '--config', 'rules.yaml', '-o', 'rules.yaml', '--force'], '规则文件'],
    ['render -o the nearest rules file through a link, --force', ['render', 'a.yaml', '--html', '-o', 'rules-link.html', '--force'], '规则文件'],
    ['render -o its template, --force', ['render', 'a.yaml', '--template', 'table.hbs', '-o', 'table.hbs', '--force'], '模板'],
  ])('%s: one line, exit 2, nothing touched', async (name, args, phrase) => {
    const dir = repo(name.replace(/\W+/g, '-'));
    symlinkSync('b.yaml', path.join(dir, 'link-to-b.json'));
    linkSync(path.join(dir, 'b.yaml'), path.join(dir, 'hard-b.json'));
    linkSync(path.join(dir, 'a.yaml'), path.join(dir, 'hard-a.html'));
    symlinkSync('a.yaml', path.join(dir, 'link-to-a.docx'));
    symlinkSync('evalform.config.yaml', path.join(dir, 'rules-link.html'));
    const before = snapshot(dir);
    const r = await run(args, dir);
    expectOneLine(r, '不能覆盖输入', phrase);
    expect(snapshot(dir)).toEqual(before);
  });

  it('check -o a new report, and over its own previous report, still works', async () => {
    const dir = repo('report-twice');
    expect((await run(['check', '-o', 'reports/check.json', '--format', 'json'], dir)).code).toBe(1);
    expect((await run(['check', '-o', 'reports/check.json', '--format', 'json'], dir)).code).toBe(1);
    expect(JSON.parse(readFileSync(path.join(dir, 'reports', 'check.json'), 'utf8'))).toHaveLength(2);
  });
});

describe('a long output name (item 8)', () => {
  it('80 Chinese characters: written, with no temporary file left', async () => {
    const dir = repo('long-name');
    const name = `${'湖南省信访局业务工作经费项目支出绩效自评表'.repeat(4).slice(0, 80)}.html`;
    expect([...name]).toHaveLength(85);
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(255);
    const r = await run(['render', 'a.yaml', '--html', '-o', name], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(path.join(dir, name), 'utf8')).toContain('测试项目');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const report = `${'检'.repeat(80)}.json`;
    expect((await run(['check', 'a.yaml', '-o', report, '--format', 'json'], dir)).code).toBe(0);
    expect(existsSync(path.join(dir, report))).toBe(true);
  });
});

describe('output that cannot be written, and patterns that cannot be read (item 6)', () => {
  const full = process.platform !== 'win32' && existsSync('/dev/full');

  it.skipIf(!full).each([['schema'], ['score a.yaml'], ['check a.yaml'], ['init']])('evalform %s > /dev/full: one line on stderr, exit 2', (command) => {
    const dir = repo(`full-${command.replace(/\W+/g, '-')}`);
    const r = evalform(command.split(' '), dir, '> /dev/full');
    expect(r.stderr).not.toMatch(NO_STACK);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('磁盘空间不足');
  });

  it.skipIf(process.platform === 'win32')('a reader that stops early is not an error', () => {
    const r = evalform(['schema'], tmp, '| head -c 10');
    expect(r.stdout).toHaveLength(10);
    expect(r.stderr).toBe('');
  });

  it.skipIf(process.platform === 'win32')('an output that exists and is not a regular file is refused, not replaced, even with --force', async () => {
    const dir = repo('special-output');
    spawnSync('mkfifo', [path.join(dir, 'out.html')]);
    mkdirSync(path.join(dir, 'out.docx'));
    for (const args of [['render', 'a.yaml', '--html', '-o', 'out.html', '--force'], ['render', 'a.yaml', '--docx', '-o', 'out.docx', '--force'], ['check', 'a.yaml', '-o', 'out.html'], ['init', 'out.docx', '--force']]) {
      expectOneLine(await run(args, dir), '不是普通文件');
    }
    expect(statSync(path.join(dir, 'out.html')).isFIFO()).toBe(true);
    expect(statSync(path.join(dir, 'out.docx')).isDirectory()).toBe(true);
  });

  it.each(['[z-a].yaml', 'forms/[9-0]*.yml', '**/[b-a]/*.yaml'])('a malformed glob %s: a usage error, not a bug in evalform', async (pattern) => {
    const r = await run(['check', pattern], repo('globs'));
    expectOneLine(r, '通配符', pattern);
    expect(r.stderr).not.toContain('bug');
  });
});

describe('a render too large to build in memory (item 9)', () => {
  it.each([['docx', MAX_RENDER_FORMS.docx], ['html', MAX_RENDER_FORMS.html]] as const)('--%s of more than %i forms is refused before any work', async (format, limit) => {
    const dir = repo(`limit-${format}`);
    // The same form over and over: the refusal must come before reading even one.
    const files = Array.from({ length: limit + 1 }, () => 'a.yaml');
    const started = performance.now();
    const r = await run(['render', ...files, `--${format}`, '-o', `out.${format}`], dir);
    expectOneLine(r, `最多 ${limit} 张表`, `${limit + 1}`);
    expect(existsSync(path.join(dir, `out.${format}`))).toBe(false);
    // Nothing was evaluated: far below what reading 500 forms takes.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('render --help states the limits', async () => {
    const r = await run(['render', '--help'], tmp);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`at most ${MAX_RENDER_FORMS.docx} forms in one .docx`);
    expect(r.stdout).toContain('10 MB');
  });
});
