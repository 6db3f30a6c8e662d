// Issue 9, item 10: options that were read wrongly or not at all — a year that wrote a broken form, an empty
// --max-warnings read as 0, a Word file named .html, `evalform help` exiting 2, and --quiet printing ✔ over a
// run that failed on the warnings it hid.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';
import { evaluate } from '../src/evaluate.js';
import { ROOT } from './helpers.js';
import { fakeIo } from './render-helpers.js';

const BIN = path.join(ROOT, 'bin', 'evalform.js');
const CLEAN = readFileSync(path.join(ROOT, 'test', 'fixtures', 'bad', 'clean-form.yaml'), 'utf8');
const REPO = path.join(ROOT, 'test', 'fixtures', 'repo');
const NO_STACK = /^\s+at\s/m;
let tmp = '';

async function run(args: string[], cwd = tmp) {
  const io = fakeIo(cwd);
  const code = await main(args, io);
  return { code, stdout: io.out.join(''), stderr: io.err.join('') };
}

function expectOneLine(r: { code: number; stderr: string }, ...phrases: string[]): void {
  expect(r.stderr).not.toMatch(NO_STACK);
  expect(r.code, r.stderr).toBe(2);
  expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  for (const p of phrases) expect(r.stderr).toContain(p);
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'evalform-options-'));
  writeFileSync(path.join(tmp, 'form.yaml'), CLEAN);
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('init --year', () => {
  it.each(['abc', '99999', '0', '22', '1989', '2101', '2022\n', '2022\nproject: x', ' 2022', '２０２２', '-2022', ''])('refuses %j: exit 2, nothing written', async (year) => {
    const dir = mkdtempSync(path.join(tmp, 'init-'));
    expectOneLine(await run(['init', 'form.yaml', '--year', year], dir), '--year', '1990', '2100');
    expect(readdirSync(dir)).toEqual([]);
    expectOneLine(await run(['init', '--year', year], dir), '--year');
  });

  it.each(['1990', '2022', '2100'])('takes %s, and the form it writes is a valid start', async (year) => {
    const dir = mkdtempSync(path.join(tmp, 'init-'));
    expect((await run(['init', 'form.yaml', '--year', year], dir)).code).toBe(0);
    const text = readFileSync(path.join(dir, 'form.yaml'), 'utf8');
    expect(text).toContain(`year: ${year}`);
    expect(evaluate(text, 'form.yaml').findings.filter((f) => f.code === 'yaml-syntax')).toEqual([]);
  });
});

describe('--max-warnings', () => {
  it.each(['', ' ', '1e3', '-1', '0x10', '1.5', '+1', ' 1', 'abc', '１'])('refuses %j: exit 2', async (value) => {
    expectOneLine(await run(['check', 'form.yaml', '--max-warnings', value]), '--max-warnings', '非负整数');
  });

  it.each(['0', '7', '007'])('takes %j', async (value) => {
    expect((await run(['check', 'form.yaml', '--max-warnings', value])).code).toBe(0);
  });
});

describe('render: the output extension fits the format', () => {
  it.each([
    [['--docx', '-o', 'x.html']],
    [['--docx', '-o', 'x.htm']],
    [['--docx', '-o', 'x']],
    [['--html', '-o', 'x.docx']],
    [['--html', '-o', 'x.yaml']],
    [['--html', '-o', 'x.DOCX']],
    [['--template', 'form.yaml', '-o', 'x.docx']],
  ])('refuses render form.yaml %j: exit 2, nothing written', async (args) => {
    const dir = mkdtempSync(path.join(tmp, 'ext-'));
    writeFileSync(path.join(dir, 'form.yaml'), CLEAN);
    expectOneLine(await run(['render', 'form.yaml', ...args], dir), '扩展名');
    expect(readdirSync(dir)).toEqual(['form.yaml']);
  });

  it.each([
    [['--docx', '-o', 'x.docx'], 'x.docx'],
    [['--docx', '-o', 'X.DOCX'], 'X.DOCX'],
    [['--html', '-o', 'x.htm'], 'x.htm'],
    [['--template', 'page.hbs', '-o', 'x.md'], 'x.md'],
  ])('writes render form.yaml %j', async (args, out) => {
    const dir = mkdtempSync(path.join(tmp, 'ext-'));
    writeFileSync(path.join(dir, 'form.yaml'), CLEAN);
    writeFileSync(path.join(dir, 'page.hbs'), '{{#each tables}}# {{project}}\n{{/each}}');
    expect((await run(['render', 'form.yaml', ...args], dir)).code).toBe(0);
    expect(existsSync(path.join(dir, out))).toBe(true);
  });
});

describe('evalform help', () => {
  it.each([[['help']], [['help', 'check']], [['help', 'render']], [['--help']], [['check', '--help']]])('%j prints help and exits 0', async (args) => {
    const r = await run(args);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: evalform/);
  });

  it('help for a command that does not exist, or no command at all, exits 2', async () => {
    expect((await run(['help', 'nosuch'])).code).toBe(2);
    expect((await run([])).code).toBe(2);
  });

  it('the binary: `evalform help` exits 0', () => {
    if (!existsSync(path.join(ROOT, 'dist', 'bin', 'evalform.js'))) throw new Error('dist/ is missing: run `npm run build` first');
    const r = spawnSync(process.execPath, [BIN, 'help', 'check'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: evalform check');
  });
});

describe('check --quiet: the summary still counts the warnings it hid', () => {
  // forms/2023 holds two forms and one warning between them, no error.
  it('passing: ✔ and the warnings counted', async () => {
    const r = await run(['check', 'forms/2023', '--quiet'], REPO);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('✔ 2 forms checked · 0 errors · 1 warning · 优 2 · 良 0 · 中 0 · 差 0\n');
  });

  it('failing on --max-warnings: no ✔, the warnings counted, the reason on stderr', async () => {
    const r = await run(['check', 'forms/2023', '--quiet', '--max-warnings', '0'], REPO);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain('✔');
    expect(r.stdout).toBe('2 forms checked · 0 errors · 1 warning · 优 2 · 良 0 · 中 0 · 差 0\n');
    expect(r.stderr).toContain('too many warnings');
  });

  it('with errors: the errors listed, the count line, and the summary with the hidden warnings', async () => {
    const r = await run(['check', '--quiet'], REPO);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.at(-2)).toBe('✖ 6 problems (6 errors, 0 warnings)');
    expect(lines.at(-1)).toBe('6 forms checked · 6 errors · 2 warnings · 1 skipped · 1 not scored · 优 5 · 良 0 · 中 0 · 差 0');
  });

  it('--format github and --output: the summary counts them too', async () => {
    const github = await run(['check', 'forms/2023', '--quiet', '--format', 'github'], REPO);
    expect(github.stdout).toBe('2 forms checked · 0 errors · 1 warning · 优 2 · 良 0 · 中 0 · 差 0\n');
    const dir = mkdtempSync(path.join(tmp, 'quiet-'));
    mkdirSync(path.join(dir, 'forms'));
    for (const f of readdirSync(path.join(REPO, 'forms', '2023'))) writeFileSync(path.join(dir, 'forms', f), readFileSync(path.join(REPO, 'forms', '2023', f)));
    const out = await run(['check', 'forms', '--quiet', '-o', 'report.json', '--format', 'json'], dir);
    expect(out.stdout.split('\n')[0]).toBe('2 forms checked · 0 errors · 1 warning · 优 2 · 良 0 · 中 0 · 差 0');
  });
});
