// The real binary: `score`, `init`, `schema`, exit codes and --format json (FORMAT.md §6), as a user runs them.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const BIN = path.join(ROOT, 'bin', 'evalform.js');
const BUSINESS = 'examples/hunan-2022-business.yaml';
const OPERATIONS = 'examples/hunan-2022-operations.yaml';
const QUANTITATIVE = 'examples/quantitative.yaml';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function evalform(args: string[], cwd = ROOT, env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', ...env }, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function json<T = Record<string, unknown>>(r: Run): T {
  return JSON.parse(r.stdout) as T;
}

let tmp = '';

beforeAll(() => {
  // `npm test` builds first; build here only when run on its own on a fresh clone.
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) {
    const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
  }
  tmp = mkdtempSync(path.join(tmpdir(), 'evalform-cli-'));
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('score, table', () => {
  it('seed table 1: exit 1, 74.22% / 7.42 / 97.42 / 优, each disagreeing stated value marked', () => {
    const r = evalform(['score', BUSINESS]);
    expect(r.status).toBe(1);
    expect(r.stdout).not.toMatch(/\x1b\[/);
    expect(r.stdout).toContain('业务工作经费');
    expect(r.stdout).toMatch(/年度资金总额.*74\.22% ✗ 表中 75\.45%.*7\.42 ✗ 表中 7\.5/);
    expect(r.stdout).toMatch(/当年财政拨款.*74\.22% ✗ 表中 75\.45%/);
    expect(r.stdout).toMatch(/总分\s+100\s+97\.42 ✗ 表中 97\.5\s+等级\s+优/);
    expect(r.stdout.match(/✗/g)).toHaveLength(4);
    // The findings, ESLint-style: line:column, severity, message, code.
    for (const [at, severity, code] of [['25:11', 'error', 'rate-mismatch'], ['32:11', 'error', 'rate-mismatch'], ['33:10', 'error', 'funds-score-mismatch'], ['34:14', 'warning', 'rate-explanation-missing'], ['107:8', 'error', 'total-mismatch']]) {
      expect(r.stdout).toMatch(new RegExp(`^\\s+${at}\\s+${severity}\\s.*${code}$`, 'm'));
    }
    expect(r.stdout).toContain('5 problems (4 errors, 1 warning)');
  });

  it('seed table 2: exit 0, 90.10% / 9.01 / 99.01 / 优, nothing marked', () => {
    const r = evalform(['score', OPERATIONS]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/年度资金总额.*90\.10%\s+9\.01/);
    expect(r.stdout).toMatch(/总分\s+100\s+99\.01\s+等级\s+优/);
    expect(r.stdout).not.toContain('✗');
  });

  it('quantitative example: exit 0, 95.69, each method named', () => {
    const r = evalform(['score', QUANTITATIVE]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/总分\s+100\s+95\.69\s+等级\s+优/);
    expect(r.stdout).toMatch(/新增安全防护设施.*7\s+6\.01\s+正向/);
    expect(r.stdout).toMatch(/危桥改造成本.*8\s+7\.68\s+反向/);
    expect(r.stdout).toMatch(/危桥改造\s.*5\s+5\.00\s+等值/);
    expect(r.stdout).toMatch(/生态修复.*不适用/);
    expect(r.stdout).not.toContain('✗');
  });

  it('several files: exit 1 when any has errors, each form named', () => {
    const r = evalform(['score', OPERATIONS, BUSINESS, QUANTITATIVE]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('运行维护经费');
    expect(r.stdout).toContain('业务工作经费');
    expect(r.stdout).toContain('农村公路日常养护及危桥改造');
    expect(evalform(['score', OPERATIONS, QUANTITATIVE]).status).toBe(0);
  });

  it('NO_COLOR wins over FORCE_COLOR; FORCE_COLOR alone colours', () => {
    expect(evalform(['score', BUSINESS], ROOT, { FORCE_COLOR: '1' }).stdout).not.toMatch(/\x1b\[/);
    const coloured = spawnSync(process.execPath, [BIN, 'score', BUSINESS], { cwd: ROOT, env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '1' }, encoding: 'utf8' });
    expect(coloured.stdout).toMatch(/\x1b\[/);
  });
});

describe('score --format json (FORMAT.md §6)', () => {
  it('writes C1 controls, separators and bidi overrides from the form as \\u escapes: the same data, nothing a terminal acts on', () => {
    const file = path.join(tmp, 'c1.yaml');
    writeFileSync(file, 'evalform: 1\nyear: 2022\nproject: "x\\u009b2J\\u2028\\u202ey"\n');
    const r = evalform(['score', file, '--format', 'json']);
    expect(r.stdout).not.toMatch(/[\u0080-\u009f\u2028\u202e]/);
    expect(json(r).project).toBe('x\u009b2J\u2028\u202ey');
  });

  const TOP = ['file', 'year', 'project', 'funds', 'indicators', 'total', 'grade', 'findings'];
  const FINDING = ['code', 'severity', 'message', 'file', 'path', 'line', 'column'];
  // §6 lists path, level1, level2, name, weight, score, method; the labels are added detail.
  const INDICATOR = ['path', 'level1', 'level2', 'name', 'weight', 'score', 'method'];

  it('one file gives one object of exactly the §6 shape', () => {
    const r = evalform(['score', BUSINESS, '--format', 'json']);
    expect(r.status).toBe(1);
    const out = json(r);
    expect(Object.keys(out).sort()).toEqual([...TOP].sort());
    expect(out).toMatchObject({ file: BUSINESS, year: 2022, project: '业务工作经费', funds: { weight: 10, rate: 74.22, score: 7.42 }, total: 97.42, grade: '优' });
    expect(Object.keys(out.funds as object).sort()).toEqual(['rate', 'score', 'weight']);
    const indicators = out.indicators as Record<string, unknown>[];
    expect(indicators).toHaveLength(9);
    for (const i of indicators) expect(Object.keys(i).sort()).toEqual([...INDICATOR].sort());
    expect(indicators[0]).toEqual({
      path: '/indicators/output/quantity/0', level1: 'output', level2: 'quantity',
      name: '数量指标', weight: 10, score: 10, method: 'qualitative',
    });
    const findings = out.findings as Record<string, unknown>[];
    for (const f of findings) expect(Object.keys(f).sort()).toEqual([...FINDING].sort());
    expect(findings.map((f) => [f.code, f.severity, f.file, f.path, f.line, f.column])).toEqual([
      ['rate-mismatch', 'error', BUSINESS, '/funds/appropriation/rate', 25, 11],
      ['rate-mismatch', 'error', BUSINESS, '/funds/total/rate', 32, 11],
      ['funds-score-mismatch', 'error', BUSINESS, '/funds/score', 33, 10],
      ['rate-explanation-missing', 'warning', BUSINESS, '/funds/deviation', 34, 14],
      ['total-mismatch', 'error', BUSINESS, '/total', 107, 8],
    ]);
  });

  it('numbers are JSON numbers, rounded as in §3', () => {
    const text = evalform(['score', BUSINESS, '--format', 'json']).stdout;
    expect(text).toMatch(/"rate": 74\.22,/);
    expect(text).toMatch(/"score": 7\.42\n/);
    expect(text).toMatch(/"total": 97\.42,/);
    const ops = json(evalform(['score', OPERATIONS, '--format', 'json']));
    expect(ops).toMatchObject({ funds: { weight: 10, rate: 90.1, score: 9.01 }, total: 99.01, grade: '优', findings: [] });
  });

  it('methods and not-applicable indicators', () => {
    const out = json<{ indicators: { path: string; weight: number; score: number | null; method: string }[]; total: number }>(evalform(['score', QUANTITATIVE, '--format', 'json']));
    expect(out.total).toBe(95.69);
    const byPath = Object.fromEntries(out.indicators.map((i) => [i.path, [i.method, i.weight, i.score]]));
    expect(byPath['/indicators/output/quantity/1']).toEqual(['positive', 7, 6.01]);
    expect(byPath['/indicators/output/quantity/2']).toEqual(['equal', 5, 5]);
    expect(byPath['/indicators/output/timeliness/1']).toEqual(['negative', 4, 3.33]);
    expect(byPath['/indicators/outcome/economic/0']).toEqual(['qualitative', 5, 3.5]);
    expect(byPath['/indicators/outcome/ecological/0']).toEqual(['not-applicable', 0, null]);
  });

  it('two files give an array, in the order given', () => {
    const r = evalform(['score', OPERATIONS, BUSINESS, '--format', 'json']);
    expect(r.status).toBe(1);
    const out = json<unknown>(r);
    expect(Array.isArray(out)).toBe(true);
    const list = out as { file: string; total: number }[];
    expect(list.map((o) => [o.file, o.total])).toEqual([[OPERATIONS, 99.01], [BUSINESS, 97.42]]);
  });

  it('a form that cannot be read still gives the object, with nulls', () => {
    const r = evalform(['score', 'test/fixtures/codes/yaml-syntax.yaml', '--format', 'json']);
    expect(r.status).toBe(1);
    expect(json(r)).toEqual({
      file: 'test/fixtures/codes/yaml-syntax.yaml', year: null, project: null, funds: null, indicators: [], total: null, grade: null,
      findings: [expect.objectContaining({ code: 'yaml-syntax', severity: 'error', path: '', line: 5, column: 15 })],
    });
  });

  it('a GBK file is an encoding finding (exit 1), located at its first bad byte', () => {
    const r = evalform(['score', 'test/fixtures/codes/encoding.yaml', '--format', 'json']);
    expect(r.status).toBe(1);
    expect((json(r).findings as unknown[])).toEqual([expect.objectContaining({ code: 'encoding', line: 5, column: 10 })]);
  });
});

describe('evalform.config.yaml', () => {
  function project(name: string, config?: string, git = false): string {
    const dir = path.join(tmp, name);
    mkdirSync(path.join(dir, 'forms'), { recursive: true });
    copyFileSync(path.join(ROOT, BUSINESS), path.join(dir, 'forms', 'business.yaml'));
    if (config !== undefined) writeFileSync(path.join(dir, 'evalform.config.yaml'), config);
    if (git) mkdirSync(path.join(dir, 'forms', '.git'));
    return dir;
  }
  const codesOf = (r: Run) => (json(r).findings as { code: string; severity: string }[]).map((f) => `${f.code}:${f.severity}`);

  it('the nearest one above the form applies', () => {
    const dir = project('nearest', 'severity:\n  rate-explanation-missing: off\n  total-mismatch: warning\n');
    const r = evalform(['score', 'forms/business.yaml', '--format', 'json'], dir);
    expect(codesOf(r)).toEqual(['rate-mismatch:error', 'rate-mismatch:error', 'funds-score-mismatch:error', 'total-mismatch:warning']);
  });

  it('the search stops at the folder that holds .git', () => {
    const dir = project('stops', 'severity:\n  rate-explanation-missing: off\n', true);
    const r = evalform(['score', 'forms/business.yaml', '--format', 'json'], dir);
    expect(codesOf(r)).toContain('rate-explanation-missing:warning');
  });

  it('--config FILE is used instead', () => {
    const dir = project('explicit', 'severity:\n  rate-explanation-missing: off\n');
    writeFileSync(path.join(dir, 'strict.yaml'), 'explain_rate_below: 50\n');
    const r = evalform(['score', 'forms/business.yaml', '--format', 'json', '--config', 'strict.yaml'], dir);
    expect(codesOf(r)).toEqual(['rate-mismatch:error', 'rate-mismatch:error', 'funds-score-mismatch:error', 'total-mismatch:error']);
  });

  it('a bad config exits 2 and says where it is wrong', () => {
    const dir = project('bad', 'places: 2\nrounding: sometimes\n');
    const r = evalform(['score', 'forms/business.yaml'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('evalform.config.yaml:2:11');
    expect(r.stdout).toBe('');
  });

  it('a missing --config file exits 2', () => {
    const dir = project('missing-config');
    const r = evalform(['score', 'forms/business.yaml', '--config', 'nope.yaml'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('nope.yaml');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('init and schema', () => {
  it('init prints a commented blank form that validates and scores: exit 1, only the blanks still to fill', () => {
    const init = evalform(['init', '--year', '2023']);
    expect(init.status).toBe(0);
    expect(init.stdout).toMatch(/^# yaml-language-server: \$schema=/);
    expect(init.stdout).toContain('year: 2023');
    const file = path.join(tmp, 'blank.yaml');
    writeFileSync(file, init.stdout);
    const r = evalform(['score', file, '--format', 'json']);
    expect(r.status).toBe(1);
    const out = json(r);
    // Nine qualitative indicators without a score, and no budget yet (FORMAT.md §3 1.1); nothing else.
    expect(new Set((out.findings as { code: string }[]).map((f) => f.code))).toEqual(new Set(['score-missing', 'zero-budget']));
    expect(out.findings).toHaveLength(10);
    expect(out).toMatchObject({ year: 2023, funds: { weight: 10, rate: null, score: 0 }, total: 0 });
  });

  it('init FILE writes the form, refuses to overwrite it (exit 2), and --force does', () => {
    const file = path.join(tmp, 'new.yaml');
    const first = evalform(['init', file]);
    expect(first.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('evalform: 1');
    expect(readFileSync(file, 'utf8')).toMatch(/^# yaml-language-server: \$schema=.*schemas\/evalform\.schema\.json/);
    writeFileSync(file, '# my work\n');
    const again = evalform(['init', file]);
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('--force');
    expect(readFileSync(file, 'utf8')).toBe('# my work\n');
    const forced = evalform(['init', file, '--force']);
    expect(forced.status).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('evalform: 1');
  });

  it('init FILE in a folder that does not exist exits 2 with a message', () => {
    const r = evalform(['init', path.join(tmp, 'no', 'such', 'dir', 'form.yaml')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^evalform: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('schema prints the JSON Schema', () => {
    const r = evalform(['schema']);
    expect(r.status).toBe(0);
    const schema = JSON.parse(r.stdout) as { $id: string; required: string[]; properties: Record<string, unknown> };
    expect(schema.$id).toBe('evalform.schema.json');
    expect(schema.required).toEqual(expect.arrayContaining(['evalform', 'year', 'project', 'funds', 'indicators']));
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['funds', 'indicators', 'rules', 'signoff']));
  });
});

describe('exit codes and messages', () => {
  it.each<[string, string[]]>([
    ['an unknown command', ['frobnicate']],
    ['an unknown option', ['score', '--bogus', BUSINESS]],
    ['an unknown format', ['score', BUSINESS, '--format', 'xml']],
    ['score without a file', ['score']],
  ])('%s exits 2', (_, args) => {
    const r = evalform(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/error|evalform:/);
    expect(r.stdout).toBe('');
  });

  it('a missing file exits 2 with a message and no stack trace', () => {
    const r = evalform(['score', 'no-such-form.yaml']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('no-such-form.yaml');
    expect(r.stderr).toContain('文件不存在');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('a folder given as a file exits 2', () => {
    const r = evalform(['score', 'examples']);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--help and --version exit 0', () => {
    const help = evalform(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: evalform');
    expect(help.stdout).toMatch(/Exit codes:[\s\S]*0[\s\S]*1[\s\S]*2/);
    const scoreHelp = evalform(['score', '--help']);
    expect(scoreHelp.status).toBe(0);
    expect(scoreHelp.stdout).toContain('--format');
    const version = evalform(['--version']);
    expect(version.status).toBe(0);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version.stdout.trim()).toBe(pkg.version);
  });

  // Bug: src/cli/io.ts processIo writes to process.stdout with no 'error' handler, so when the reader closes
  // the pipe early (`evalform schema | head`) Node throws an unhandled EPIPE with a stack trace.
  it('a reader that closes the pipe early (| head) gets no stack trace', async () => {
    const child = spawn(process.execPath, [BIN, 'schema'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
  });
});
