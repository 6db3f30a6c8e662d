// The reporters on hand-made evaluations: what each format says, and that machine formats parse.
import { terminalStyles } from '../src/cli/color.js';
import { homepageOf } from '../src/cli/version.js';
import { describe, expect, it } from 'vitest';
import { CHECK_CODES, CHECKS } from '../src/model/codes.js';
import { REPORTER_NAMES, REPORTERS, loadReporter, type ReportContext } from '../src/report/index.js';
import { stylish } from '../src/report/stylish.js';
import { json } from '../src/report/json.js';
import { jsonResult } from '../src/report/json-result.js';
import { junit } from '../src/report/junit.js';
import { escapeData, escapeProperty, github } from '../src/report/github.js';
import { ruleName, sarif } from '../src/report/sarif.js';
import { overview } from '../src/report/overview.js';
import { en } from '../src/report/messages.js';
import { summaryLine } from '../src/report/summary.js';
import { displayWidth, padEnd } from '../src/report/width.js';
import { broken, finding, scored } from './helpers/hand-made.js';
import { findAll, parseXml } from './helpers/xml.js';

const CWD = '/repo';
const ctx: ReportContext = { cwd: CWD, version: '9.9.9', skipped: ['/repo/notes.yaml'] };

const A = '/repo/forms/业务.yaml';
const B = '/repo/forms/b.yaml';
const C = '/repo/forms/clean.yaml';
const D = '/repo/forms/broken.yaml';

function sample() {
  return [
    scored(A, {
      project: '业务工作经费',
      total: '97.42',
      grade: '优',
      rate: '74.21952',
      money: { budget: '1983.98', executed: '1472.51' },
      findings: [
        finding(A, 'rate-mismatch', 12, 11, '执行率 75.45% ≠ 74.22%'),
        finding(A, 'rate-explanation-missing', 30, 3, 'rate below 90% needs a reason'),
        finding(A, 'total-mismatch', 105, 8, 'stated 97.5, computed 97.42'),
      ],
    }),
    scored(B, {
      project: 'Operations',
      total: '85.5',
      grade: '良',
      rate: '100',
      money: { budget: '288', executed: '288' },
      findings: [finding(B, 'deviation-missing', 7, 9, 'points lost')],
    }),
    scored(C, { project: 'Clean', total: '100', grade: '优', rate: '100', money: { budget: '100', executed: '100' } }),
    broken(D),
  ];
}

/** Display column where `needle` starts in `line`. */
function colOf(line: string, needle: string): number {
  return displayWidth(line.slice(0, line.indexOf(needle)));
}

describe('displayWidth', () => {
  it('counts CJK and full-width characters as two columns and colour escapes as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('业务工作经费')).toBe(12);
    expect(displayWidth('优 12 · 良 3')).toBe(12);
    expect(displayWidth('７５％')).toBe(6);
    expect(displayWidth('\u001b[31merror\u001b[39m')).toBe(5);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('😀')).toBe(2);
    expect(padEnd('中', 4)).toBe('中  ');
  });
});

describe('summary line', () => {
  it('counts forms, errors, warnings, skipped and unscored files, and every grade including zeros', () => {
    expect(summaryLine(sample(), ctx)).toBe('已检查 4 张表 · 3 个错误 · 2 个警告 · 跳过 1 个文件 · 1 张未评分 · 优 2 · 良 1 · 中 0 · 差 0');
    expect(summaryLine([], {})).toBe('已检查 0 张表 · 0 个错误 · 0 个警告 · 优 0 · 良 0 · 中 0 · 差 0');
  });
});

describe('stylish', () => {
  const out = stylish(sample(), ctx);
  const lines = out.split('\n');

  it('groups findings under each file, relative to the working directory, and leaves clean files out', () => {
    expect(lines[0]).toBe('forms/业务.yaml');
    expect(out).toContain('\nforms/b.yaml\n');
    expect(out).toContain('\nforms/broken.yaml\n');
    expect(out).not.toContain('clean.yaml');
  });

  it('aligns location, severity, message and code columns, counting Chinese as two columns', () => {
    const rows = lines.slice(1, 4);
    expect(rows.map((r) => r.slice(0, 2))).toEqual(['  ', '  ', '  ']);
    expect(new Set(rows.map((r) => colOf(r, r.includes('错误') ? '错误' : '警告'))).size).toBe(1);
    const codes = ['rate-mismatch', 'rate-explanation-missing', 'total-mismatch'];
    expect(new Set(rows.map((r, i) => colOf(r, codes[i]!))).size).toBe(1);
    expect(rows[0]).toMatch(/^ {2}12:11 {2}错误 {2}执行率 75\.45% ≠ 74\.22% +rate-mismatch$/);
    expect(rows[1]).toMatch(/^ {2}30:3 {3}警告 {2}rate below/);
  });

  it('names the severity in Chinese, and in English with --lang en', () => {
    expect(out).not.toMatch(/\b(error|warning)\b/);
    const english = stylish(sample(), { ...ctx, messages: en }).split('\n');
    expect(english[1]).toMatch(/^ {2}12:11 {2}error {4}执行率 75\.45% ≠ 74\.22% +rate-mismatch$/);
    expect(english[2]).toMatch(/^ {2}30:3 {3}warning {2}rate below/);
  });

  it('lists skipped files and ends with the problem count and the summary line', () => {
    expect(out).toContain('跳过 1 个不是自评表的文件（YAML 没有顶层 `evalform:` 键，或 Word、Excel 文件中没有自评表）：\n  notes.yaml\n');
    expect(lines.at(-3)).toBe('✖ 5 个问题（3 个错误，2 个警告）');
    expect(lines.at(-2)).toBe('已检查 4 张表 · 3 个错误 · 2 个警告 · 跳过 1 个文件 · 1 张未评分 · 优 2 · 良 1 · 中 0 · 差 0');
  });

  it('colours only when asked', () => {
    expect(out).not.toContain('\u001b[');
    const coloured = stylish(sample(), { ...ctx, styles: terminalStyles() });
    expect(coloured).toContain('\u001b[31m');
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(out);
  });

  it('says so when every form is clean', () => {
    expect(stylish([scored(C, { project: 'Clean', total: '100', grade: '优' })], { cwd: CWD, version: '1' })).toBe(
      '✔ 已检查 1 张表 · 0 个错误 · 0 个警告 · 优 1 · 良 0 · 中 0 · 差 0\n',
    );
  });
});

describe('json', () => {
  it('prints the §6 object per form with numbers rounded as the rules say', () => {
    const parsed = JSON.parse(json(sample(), ctx)) as ReturnType<typeof jsonResult>[];
    expect(parsed).toHaveLength(4);
    const [a, , , d] = parsed;
    expect(a).toMatchObject({
      file: 'forms/业务.yaml',
      year: 2022,
      project: '业务工作经费',
      funds: { weight: 10, rate: 74.22, score: 7.42 },
      total: 97.42,
      grade: '优',
    });
    expect(a!.indicators[0]).toEqual({
      path: '/indicators/output/quantity/0',
      level1: 'output',
      level2: 'quantity',
      name: '信访总量下降',
      weight: 10,
      score: 10,
      method: 'positive',
    });
    expect(a!.indicators[1]).toMatchObject({ weight: 0, score: null, method: 'not-applicable' });
    expect(a!.findings.map((f) => [f.code, f.severity, f.line, f.column, f.file])).toEqual([
      ['rate-mismatch', 'error', 12, 11, 'forms/业务.yaml'],
      ['rate-explanation-missing', 'warning', 30, 3, 'forms/业务.yaml'],
      ['total-mismatch', 'error', 105, 8, 'forms/业务.yaml'],
    ]);
    expect(d).toEqual({
      file: 'forms/broken.yaml',
      year: null,
      project: null,
      funds: null,
      indicators: [],
      total: null,
      grade: null,
      findings: [expect.objectContaining({ code: 'yaml-syntax', line: 3, column: 5 })],
    });
  });

  it('keeps file names as given without a working directory', () => {
    expect(jsonResult(broken(D)).file).toBe(D);
  });

  it('rounds with the rules: half-even and one place', () => {
    const ev = scored(C, { project: 'x', total: '88.25', grade: '良', rate: '88.25' });
    ev.result!.rules = { ...ev.result!.rules, places: 1, rate_places: 1, rounding: 'half-even' };
    const r = jsonResult(ev);
    expect(r.total).toBe(88.2);
    expect(r.funds!.rate).toBe(88.2);
  });
});

describe('junit', () => {
  const doc = parseXml(junit(sample(), ctx));

  it('is one testsuite with a testcase per form and per skipped file', () => {
    expect(doc.name).toBe('testsuites');
    const suites = findAll(doc, 'testsuite');
    expect(suites).toHaveLength(1);
    const suite = suites[0]!;
    expect(suite.attrs).toMatchObject({ tests: '5', failures: '2', skipped: '1', errors: '0' });
    expect(findAll(suite, 'skipped').map((s) => s.attrs.message)).toEqual(['不是自评表：YAML 没有顶层 evalform: 键，或文档中没有自评表']);
    const english = findAll(parseXml(junit(sample(), { ...ctx, messages: en })), 'skipped');
    expect(english.map((s) => s.attrs.message)).toEqual([
      'not a form: YAML without a top-level evalform: key, or a document without a 自评表',
    ]);
    const cases = findAll(suite, 'testcase');
    expect(cases.map((c) => c.attrs.name)).toEqual([
      '业务工作经费 (forms/业务.yaml)',
      'Operations (forms/b.yaml)',
      'Clean (forms/clean.yaml)',
      'forms/broken.yaml',
      'notes.yaml',
    ]);
    expect(findAll(cases[4]!, 'skipped')).toHaveLength(1);
    expect(findAll(suite, 'property')[0]!.attrs).toEqual({ name: 'evalform.version', value: '9.9.9' });
  });

  it('gives a form with errors one failure holding every finding of the form, a line each', () => {
    const cases = findAll(doc, 'testcase');
    const failures = findAll(cases[0]!, 'failure');
    expect(failures).toHaveLength(1);
    expect(failures[0]!.attrs).toEqual({ type: 'rate-mismatch,total-mismatch', message: '2 个错误：rate-mismatch、total-mismatch' });
    expect(failures[0]!.text.split('\n')).toEqual([
      '错误 forms/业务.yaml:12:11 rate-mismatch: 执行率 75.45% ≠ 74.22%',
      '警告 forms/业务.yaml:30:3 rate-explanation-missing: rate below 90% needs a reason',
      '错误 forms/业务.yaml:105:8 total-mismatch: stated 97.5, computed 97.42',
    ]);
    expect(findAll(cases[0]!, 'system-out')).toHaveLength(0);
    // Every testcase has at most one failure, as Jenkins and GitLab expect.
    for (const tc of cases) expect(findAll(tc, 'failure').length).toBeLessThanOrEqual(1);
    expect(findAll(cases[3]!, 'failure')[0]!.attrs.message).toBe('1 个错误：yaml-syntax');
  });

  it('passes a form with warnings only, its warnings in system-out, and a clean form with nothing inside', () => {
    const cases = findAll(doc, 'testcase');
    expect(findAll(cases[1]!, 'failure')).toHaveLength(0);
    expect(findAll(cases[1]!, 'system-out')[0]!.text).toBe('警告 forms/b.yaml:7:9 deviation-missing: points lost');
    expect(cases[2]!.children).toEqual([]);
  });

  it('speaks English with the English messages', () => {
    const english = findAll(parseXml(junit(sample(), { ...ctx, messages: en })), 'failure');
    expect(english[0]!.attrs.message).toBe('2 errors: rate-mismatch, total-mismatch');
    expect(english[0]!.text).toContain('\nwarning forms/业务.yaml:30:3 rate-explanation-missing: ');
  });

  it('escapes markup, shows controls as visible escapes and drops characters XML cannot hold', () => {
    const ev = scored(C, { project: 'a<b>&"c\'', total: '90', grade: '优', findings: [finding(C, 'schema', 1, 1, 'x < y & "z"\u0007')] });
    const parsed = parseXml(junit([ev], { cwd: CWD, version: '1' }));
    const tc = findAll(parsed, 'testcase')[0]!;
    expect(tc.attrs.name).toBe('a<b>&"c\' (forms/clean.yaml)');
    expect(findAll(tc, 'failure')[0]!.text).toBe('错误 forms/clean.yaml:1:1 schema: x < y & "z"\\u0007');
  });
});

describe('github', () => {
  it('prints one workflow command per finding, then the summary', () => {
    const lines = github(sample(), ctx).trimEnd().split('\n');
    expect(lines[0]).toBe('::error file=forms/业务.yaml,line=12,col=11,title=rate-mismatch::执行率 75.45%25 ≠ 74.22%25');
    expect(lines[1]).toBe('::warning file=forms/业务.yaml,line=30,col=3,title=rate-explanation-missing::rate below 90%25 needs a reason');
    expect(lines.filter((l) => l.startsWith('::'))).toHaveLength(5);
    expect(lines.at(-1)).toMatch(/^已检查 4 张表/);
  });

  it('escapes data and properties as the Actions toolkit does', () => {
    expect(escapeData('50% done\r\nnext')).toBe('50%25 done%0D%0Anext');
    expect(escapeProperty('a,b:c%')).toBe('a%2Cb%3Ac%25');
    const ev = broken('/repo/a,b:c.yaml', 'line one\nline two: 100%');
    expect(github([ev], { cwd: CWD, version: '1' })).toContain(
      '::error file=a%2Cb%3Ac.yaml,line=3,col=5,title=yaml-syntax::line one%0Aline two: 100%25\n',
    );
  });
});

describe('sarif', () => {
  const log = JSON.parse(sarif(sample(), ctx));

  it('is SARIF 2.1.0 with every check listed as a rule with its help text', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const driver = log.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: 'evalform', version: '9.9.9' });
    expect(driver.rules.map((r: { id: string }) => r.id)).toEqual(CHECK_CODES);
    const rule = driver.rules.find((r: { id: string }) => r.id === 'rate-mismatch');
    expect(rule.name).toBe('RateMismatch');
    expect(rule.shortDescription.text).toBe(CHECKS['rate-mismatch'].summary);
    expect(rule.help.text).toBe(`${CHECKS['rate-mismatch'].summary}\n怎么改：${CHECKS['rate-mismatch'].help}`);
    expect(rule.help.markdown).toContain('**rate-mismatch**（默认错误）');
    expect(rule.defaultConfiguration.level).toBe('error');
    for (const r of driver.rules) {
      expect(r.name).not.toBe(r.id);
      expect(r.name).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(r.help.text).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(ruleName('form-rules-denied')).toBe('FormRulesDenied');
  });

  it('takes the address from package.json: homepage, else the repository URL, never a non-web one', () => {
    expect(homepageOf({ homepage: 'https://example.org/evalform' })).toBe('https://example.org/evalform');
    expect(homepageOf({ repository: { type: 'git', url: 'git+https://example.org/a/evalform.git' } })).toBe(
      'https://example.org/a/evalform',
    );
    expect(homepageOf({ repository: 'https://example.org/b/evalform' })).toBe('https://example.org/b/evalform');
    expect(homepageOf({ repository: 'github:a/evalform' })).toBeUndefined();
    expect(homepageOf({})).toBeUndefined();
  });

  it('names the repository as informationUri when the package has a homepage, and leaves it out when not', () => {
    expect(log.runs[0].tool.driver).not.toHaveProperty('informationUri');
    const withHome = JSON.parse(sarif(sample(), { ...ctx, homepage: 'https://example.org/evalform' }));
    expect(withHome.runs[0].tool.driver.informationUri).toBe('https://example.org/evalform');
  });

  it('gives each result its rule, level, message and a relative, encoded location', () => {
    const { results, originalUriBaseIds } = log.runs[0];
    expect(results).toHaveLength(5);
    const first = results[0];
    expect(first.ruleId).toBe('rate-mismatch');
    expect(log.runs[0].tool.driver.rules[first.ruleIndex].id).toBe('rate-mismatch');
    expect(first.level).toBe('error');
    expect(first.message.text).toBe('执行率 75.45% ≠ 74.22%');
    const loc = first.locations[0].physicalLocation;
    expect(loc.artifactLocation.uri).toBe('forms/%E4%B8%9A%E5%8A%A1.yaml');
    expect(decodeURIComponent(loc.artifactLocation.uri)).toBe('forms/业务.yaml');
    expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%');
    expect(loc.region).toEqual({ startLine: 12, startColumn: 11 });
    expect(results[1].level).toBe('warning');
    expect(originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///repo/');
  });
});

describe('overview', () => {
  const out = overview(sample(), { cwd: CWD, version: '1' });
  const lines = out.trimEnd().split('\n');

  it('prints one aligned line per form with what a 财务 reviewer reads first, Chinese counted as two columns', () => {
    expect(lines[0]).toMatch(/^主管部门 +项目 +全年预算数（万元） +执行数（万元） +执行率 +总分 +等级 +错误 +文件$/);
    expect(lines).toHaveLength(8);
    const rateEnd = colOf(lines[0]!, '执行率') + 6;
    for (const line of lines.slice(1, 4)) expect(colOf(line, '%') + 1).toBe(rateEnd);
    expect(lines[1]).toMatch(/^湖南省信访局 +业务工作经费 +1983\.98 +1472\.51 +74\.22% +97\.42 +优 +2 +forms\/业务\.yaml$/);
    expect(lines[2]).toMatch(/^湖南省信访局 +Operations +288\.00 +288\.00 +100\.00% +85\.50 +良 +0 +forms\/b\.yaml$/);
    expect(lines[4]).toMatch(/^— +— +— +— +— +— +— +1 +forms\/broken\.yaml$/);
  });

  it('ends with the totals row, exact sums, the overall rate and the grades, then the summary line', () => {
    // 1983.98 + 288 + 100 = 2371.98; 1472.51 + 288 + 100 = 1860.51; 1860.51 ÷ 2371.98 = 78.437…%.
    expect(lines[5]).toMatch(/^合计 +4 张表（总分为平均） +2371\.98 +1860\.51 +78\.44% +94\.31 +3 +优 2 · 良 1 · 中 0 · 差 0$/);
    expect(lines.at(-1)).toBe('已评分 4 张表 · 3 个错误 · 2 个警告 · 1 张未评分 · 优 2 · 良 1 · 中 0 · 差 0 · 平均 94.31');
  });

  it('shows the year only when the forms span several, and converts 元 to 万元 exactly when units differ', () => {
    const a = scored(A, { project: 'a', total: '90', grade: '优', money: { unit: '元', budget: '12345.67', executed: '12345.67' } });
    const b = scored(B, { project: 'b', year: 2023, total: '80', grade: '良', money: { unit: '万元', budget: '1', executed: '0.5' } });
    const mixed = overview([a, b], { cwd: CWD, version: '1' }).split('\n');
    expect(mixed[0]).toMatch(/^主管部门 +项目 +年度 +全年预算数（万元）/);
    expect(mixed[1]).toMatch(/ 2022 +1\.234567 +1\.234567 /);
    expect(mixed[3]).toMatch(/ 2\.234567 +1\.734567 +77\.62% +85\.00 /);
    const yuan = overview([a], { cwd: CWD, version: '1' }).split('\n');
    expect(yuan[0]).toContain('全年预算数（元）');
    expect(yuan[1]).toMatch(/ 12345\.67 +12345\.67 +100\.00% /);
  });

  it('speaks English with the English messages in the context', () => {
    const english = overview(sample(), { cwd: CWD, version: '1', messages: en }).trimEnd().split('\n');
    expect(english[0]).toMatch(/^department +project +budget \(万元\) +executed \(万元\) +rate +total +grade +errors +file$/);
    expect(english[5]).toMatch(/^total +4 forms \(average total\) /);
    expect(english.at(-1)).toBe('4 forms scored · 3 errors · 2 warnings · 1 not scored · 优 2 · 良 1 · 中 0 · 差 0 · average 94.31');
    const text = stylish(sample(), { ...ctx, messages: en });
    expect(text).toContain(
      'Skipped 1 file that is not a form (YAML without a top-level `evalform:` key, or a Word or Excel file without a 自评表):\n  notes.yaml\n',
    );
    expect(text).toContain('✖ 5 problems (3 errors, 2 warnings)\n');
  });
});

describe('registry', () => {
  it('loads every reporter by name and nothing else', async () => {
    expect(REPORTER_NAMES).toEqual(['stylish', 'json', 'junit', 'github', 'sarif']);
    for (const name of REPORTER_NAMES) expect(typeof (await REPORTERS[name]!())).toBe('function');
    expect(await loadReporter('toString')).toBeUndefined();
    expect(await loadReporter('nope')).toBeUndefined();
  });
});
