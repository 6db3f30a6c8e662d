// `evalform check` as a user runs it: the built binary over a fixture repository, every reporter and exit code.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECK_CODES } from '../src/model/codes.js';
import { findAll, parseXml } from './helpers/xml.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'evalform.js');
const REPO = path.join(ROOT, 'test', 'fixtures', 'repo');
const BAD_CONFIG = path.join(ROOT, 'test', 'fixtures', 'check-bad-config');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function evalform(args: string[], opts: { cwd?: string; env?: Record<string, string> } = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...opts.env };
  // The suite may itself run inside GitHub Actions, which would switch the default reporter.
  if (!opts.env?.GITHUB_ACTIONS) delete env.GITHUB_ACTIONS;
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? REPO, env, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const FORMS = [
  'forms/2022/broken-yaml.yaml',
  'forms/2022/business.yaml',
  'forms/2022/operations.yaml',
  'forms/2023/roads.yml',
  'forms/2023/养护-warnings.yaml',
  'strict/roads-strict.yaml',
];

const BUSINESS_CODES = ['rate-mismatch', 'rate-mismatch', 'funds-score-mismatch', 'rate-explanation-missing', 'total-mismatch'];

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
});

describe('check with the default reporter', () => {
  const run = evalform(['check']);
  const lines = run.stdout.trimEnd().split('\n');

  it('checks every form under the working directory and exits 1 on errors', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const headers = lines.filter((l) => /^\S.*\.ya?ml$/.test(l));
    expect(headers).toEqual(['forms/2022/broken-yaml.yaml', 'forms/2022/business.yaml', 'forms/2023/养护-warnings.yaml', 'strict/roads-strict.yaml']);
  });

  it('skips node_modules and dot-folders, and lists YAML files that are not forms', () => {
    expect(run.stdout).not.toContain('node_modules');
    expect(run.stdout).not.toContain('.archive');
    expect(run.stdout).toContain('Skipped 1 file without a top-level `evalform:` key:\n  notes/checklist.yaml\n');
    expect(run.stdout).not.toContain('evalform.config.yaml');
  });

  it('prints one row per finding under its file, with line, column, severity and code', () => {
    const start = lines.indexOf('forms/2022/business.yaml');
    const rows = lines.slice(start + 1, start + 1 + BUSINESS_CODES.length);
    expect(rows.map((r) => r.trim().split(/\s+/).at(-1))).toEqual(BUSINESS_CODES);
    expect(rows.map((r) => /^ {2}(\d+:\d+) +(error|warning) /.exec(r)?.slice(1))).toEqual([
      ['25:11', 'error'],
      ['32:11', 'error'],
      ['33:10', 'error'],
      ['34:14', 'warning'],
      ['107:8', 'error'],
    ]);
  });

  it('applies the nearest evalform.config.yaml: the strict folder makes a missing reason an error', () => {
    expect(run.stdout).toMatch(/forms\/2023\/养护-warnings\.yaml\n {2}81:20 {2}warning .*deviation-missing\n/);
    expect(run.stdout).toMatch(/strict\/roads-strict\.yaml\n {2}81:20 {2}error .*deviation-missing\n/);
  });

  it('ends with the count and the summary line', () => {
    expect(lines.at(-2)).toBe('✖ 8 problems (6 errors, 2 warnings)');
    expect(lines.at(-1)).toBe('6 forms checked · 6 errors · 2 warnings · 1 skipped · 1 not scored · 优 5 · 良 0 · 中 0 · 差 0');
  });
});

describe('exit codes', () => {
  it('0 for clean forms, with a one-line summary', () => {
    const run = evalform(['check', 'forms/2022/operations.yaml', 'forms/2023/roads.yml']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('✔ 2 forms checked · 0 errors · 0 warnings · 优 2 · 良 0 · 中 0 · 差 0\n');
  });

  it('0 for warnings only, 1 when they exceed --max-warnings', () => {
    expect(evalform(['check', 'forms/2023']).code).toBe(0);
    expect(evalform(['check', 'forms/2023', '--max-warnings', '1']).code).toBe(0);
    const over = evalform(['check', 'forms/2023', '--max-warnings', '0']);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('too many warnings');
  });

  it('--quiet reports errors only, yet --max-warnings still counts the warnings', () => {
    const quiet = evalform(['check', '--quiet']);
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).not.toMatch(/ warning /);
    expect(quiet.stdout).not.toContain('养护-warnings.yaml');
    expect(quiet.stdout).toContain('✖ 6 problems (6 errors, 0 warnings)');
    expect(evalform(['check', 'forms/2023', '--quiet']).code).toBe(0);
    expect(evalform(['check', 'forms/2023', '--quiet', '--max-warnings', '0']).code).toBe(1);
  });

  it('--config replaces the nearest rules file', () => {
    expect(evalform(['check', 'strict']).code).toBe(1);
    expect(evalform(['check', 'strict', '--config', 'evalform.config.yaml']).code).toBe(0);
    expect(evalform(['check', 'forms/2023', '--config', 'strict/evalform.config.yaml']).code).toBe(1);
  });

  it('2 when evalform cannot run: a pattern matching nothing, an unknown reporter, a bad option, a bad config', () => {
    const nothing = evalform(['check', 'forms/**/*.json']);
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toContain('forms/**/*.json');
    expect(evalform(['check', 'missing-folder']).code).toBe(2);
    const format = evalform(['check', '--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('stylish');
    expect(evalform(['check', '--max-warnings', 'many']).code).toBe(2);
    const config = evalform(['check'], { cwd: BAD_CONFIG });
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/evalform\.config\.yaml:2:\d+/);
    expect(config.stdout).toBe('');
  });

  it('walks a named dot-folder, and a quoted glob into node_modules, only when asked', () => {
    const archived = evalform(['check', '.archive']);
    expect(archived.code).toBe(1);
    expect(archived.stdout).toContain('.archive/old.yaml');
    const vendored = evalform(['check', 'node_modules/**/*.yaml']);
    expect(vendored.code).toBe(1);
    expect(vendored.stdout).toContain('node_modules/some-package/forms/broken.yaml');
  });

  it('expands a quoted glob itself', () => {
    const run = evalform(['check', 'forms/*/*.{yaml,yml}', '--format', 'json']);
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as { file: string }[]).map((r) => r.file)).toEqual(FORMS.slice(0, 5));
  });
});

describe('machine-readable reporters', () => {
  it('json: the §6 object for every form', () => {
    const run = evalform(['check', '--format', 'json']);
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as {
      file: string;
      project: string | null;
      funds: { weight: number; rate: number | null; score: number } | null;
      total: number | null;
      grade: string | null;
      indicators: { method: string }[];
      findings: { code: string; severity: string; line: number; column: number }[];
    }[];
    expect(results.map((r) => r.file)).toEqual(FORMS);
    const business = results[1]!;
    expect(business).toMatchObject({ project: '业务工作经费', funds: { weight: 10, rate: 74.22, score: 7.42 }, total: 97.42, grade: '优' });
    expect(business.findings.map((f) => f.code)).toEqual(BUSINESS_CODES);
    expect(business.findings[0]).toMatchObject({ severity: 'error', line: 25, column: 11 });
    expect(results[0]).toMatchObject({ project: null, funds: null, total: null, grade: null, indicators: [] });
    expect(results[3]!.indicators.some((i) => i.method === 'positive')).toBe(true);
  });

  it('junit: one testsuite, one testcase per form, a failure per error', () => {
    const run = evalform(['check', '--format', 'junit']);
    expect(run.code).toBe(1);
    const doc = parseXml(run.stdout);
    const suites = findAll(doc, 'testsuite');
    expect(suites).toHaveLength(1);
    expect(suites[0]!.attrs).toMatchObject({ tests: '7', failures: '3', skipped: '1' });
    const cases = findAll(doc, 'testcase');
    expect(cases.map((c) => c.attrs.file)).toEqual([...FORMS, 'notes/checklist.yaml']);
    const byFile = new Map(cases.map((c) => [c.attrs.file, c]));
    const business = byFile.get('forms/2022/business.yaml')!;
    expect(business.attrs.name).toBe('业务工作经费 (forms/2022/business.yaml)');
    expect(findAll(business, 'failure').map((f) => [f.attrs.type, f.attrs.line, f.attrs.column])).toEqual([
      ['rate-mismatch', '25', '11'],
      ['rate-mismatch', '32', '11'],
      ['funds-score-mismatch', '33', '10'],
      ['total-mismatch', '107', '8'],
    ]);
    expect(findAll(business, 'system-out')[0]!.text).toContain('rate-explanation-missing');
    expect(findAll(byFile.get('forms/2022/operations.yaml')!, 'failure')).toHaveLength(0);
    expect(findAll(byFile.get('forms/2023/养护-warnings.yaml')!, 'failure')).toHaveLength(0);
    expect(findAll(byFile.get('forms/2022/broken-yaml.yaml')!, 'failure')[0]!.attrs.type).toBe('yaml-syntax');
    expect(findAll(byFile.get('notes/checklist.yaml')!, 'skipped')).toHaveLength(1);
  });

  it('sarif: 2.1.0 with the rules and a located result per finding', () => {
    const run = evalform(['check', '--format', 'sarif']);
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);
    expect(log.version).toBe('2.1.0');
    const [only] = log.runs;
    expect(log.runs).toHaveLength(1);
    const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(only.tool.driver).toMatchObject({ name: 'evalform', version });
    expect(only.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(CHECK_CODES);
    for (const rule of only.tool.driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.help.text.length).toBeGreaterThan(0);
    }
    expect(only.results).toHaveLength(8);
    const files = only.results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
      decodeURIComponent(r.locations[0]!.physicalLocation.artifactLocation.uri),
    );
    expect(new Set(files)).toEqual(new Set(['forms/2022/broken-yaml.yaml', 'forms/2022/business.yaml', 'forms/2023/养护-warnings.yaml', 'strict/roads-strict.yaml']));
    const warn = only.results.find((r: { ruleId: string; level: string }) => r.ruleId === 'deviation-missing' && r.level === 'warning');
    expect(warn.locations[0].physicalLocation.region).toEqual({ startLine: 81, startColumn: 20 });
    expect(warn.locations[0].physicalLocation.artifactLocation.uri).toBe(`forms/2023/${encodeURIComponent('养护-warnings.yaml')}`);
    expect(only.tool.driver.rules[warn.ruleIndex].id).toBe('deviation-missing');
  });

  it('github: chosen inside GitHub Actions, one annotation per finding', () => {
    const run = evalform(['check'], { env: { GITHUB_ACTIONS: 'true' } });
    expect(run.code).toBe(1);
    const annotations = run.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toHaveLength(8);
    expect(annotations).toContain('::warning file=forms/2023/养护-warnings.yaml,line=81,col=20,title=deviation-missing::' +
      '指标“新增安全防护设施”扣分 0.99（得分 6.01 / 分值 7），需填写偏差原因分析及改进措施');
    const first = /^::error file=forms\/2022\/broken-yaml\.yaml,line=5,col=1,title=yaml-syntax::/.test(annotations[0]!);
    expect(first).toBe(true);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/^6 forms checked · 6 errors/);
    expect(evalform(['check', '--format', 'stylish'], { env: { GITHUB_ACTIONS: 'true' } }).stdout).not.toContain('::error');
  });
});

describe('--output', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'evalform-check-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the report to the file and prints the summary', () => {
    const target = path.join(dir, 'reports', 'junit.xml');
    const run = evalform(['check', '--format', 'junit', '--output', target]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('6 forms checked · 6 errors · 2 warnings');
    expect(run.stdout).toContain('junit report written to');
    expect(findAll(parseXml(readFileSync(target, 'utf8')), 'testcase')).toHaveLength(7);
    // The next CI run replaces the report in place.
    expect(evalform(['check', 'forms/2023', '--format', 'junit', '--output', target]).code).toBe(0);
    expect(findAll(parseXml(readFileSync(target, 'utf8')), 'testcase')).toHaveLength(2);
  });

  it('writes stylish without colour escapes even when colour is forced', () => {
    const target = path.join(dir, 'report.txt');
    const run = evalform(['check', 'forms/2023', '--output', target], { env: { FORCE_COLOR: '1', NO_COLOR: '' } });
    expect(run.code).toBe(0);
    const text = readFileSync(target, 'utf8');
    expect(text).toContain('forms/2023/养护-warnings.yaml\n');
    expect(text).not.toContain('\u001b[');
  });
});
