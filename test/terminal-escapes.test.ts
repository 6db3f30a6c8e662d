// Issue 9, output half: text from a form or a file name never acts on a terminal or forges a line of a CI log.
import { terminalStyles } from '../src/cli/color.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';
import type { Evaluation } from '../src/model/types.js';
import type { ReportContext } from '../src/report/types.js';
import { github } from '../src/report/github.js';
import { json } from '../src/report/json.js';
import { junit } from '../src/report/junit.js';
import { overview } from '../src/report/overview.js';
import { sarif } from '../src/report/sarif.js';
import { stylish } from '../src/report/stylish.js';
import { summaryLine } from '../src/report/summary.js';
import { scoreTable } from '../src/report/table.js';
import { ensureBuilt, evalformSync } from './cli/spawn.js';
import { example } from './helpers.js';
import { broken, finding } from './helpers/hand-made.js';
import { RAW_CONTROL, rewriteTexts, TERMINAL_HOSTILE } from './helpers/hostile.js';
import { findAll, parseXml } from './helpers/xml.js';

const H = TERMINAL_HOSTILE;
const CWD = '/repo';
const FILE = `/repo/forms/evil\n::error file=a.yaml,line=1::forged by a file name\u001b[2J\u0007.yaml`;
const BROKEN = `/repo/forms/broken\r::warning::forged\u009b2J.yaml`;
const SKIPPED = `/repo/notes\n::warning::forged by a skipped file\u001b]0;t\u0007.yaml`;

/** The seed form with every text hostile, a hostile file name, a stated grade, hostile grade names in the rules, and
 * findings whose messages quote hostile values; and a form that could not be read, with a hostile message. */
function hostileEvals(): Evaluation[] {
  const ev = evaluate(example('hunan-2022-business.yaml'), FILE);
  const r = ev.result!;
  const rules = { ...r.rules, grades: r.rules.grades.map((g, i) => (i === 0 ? { ...g, grade: `优${H}` } : g)) };
  const hostile = rewriteTexts({ ...r, rules, grade: `优${H}`, gradeCheck: { stated: '良', agrees: false } }, (s) => `${s}${H}`);
  const findings = [
    ...ev.findings,
    finding(FILE, 'grade-mismatch', 107, 8, `等级应为“优”，表中为“${H}”`),
    finding(FILE, 'deviation-missing', 50, 9, `指标“${H}”扣分 1`),
  ];
  return [{ file: FILE, findings, result: hostile }, broken(BROKEN, `缩进有误${H}`)];
}

const ctx: ReportContext = { cwd: CWD, version: '1', skipped: [SKIPPED] };

/** No raw control from user text, and no line a CI runner would read as a workflow command. */
function expectSafe(out: string, what: string): void {
  const raw = RAW_CONTROL.exec(out);
  expect(raw, `${what}: raw U+${raw?.[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${raw?.index}`).toBeNull();
  // The runner trims a line before it looks for '::'.
  expect(out, what).not.toMatch(/^\s*::/m);
  expect(out, what).not.toMatch(/^\s*forged/m);
}

describe('every human-facing reporter with a hostile form and file names', () => {
  const evals = hostileEvals();

  it('stylish: file headers, messages and skipped files escaped', () => {
    const out = stylish(evals, ctx);
    expectSafe(out, 'stylish');
    expect(out).toContain('forms/evil\\n::error file=a.yaml,line=1::forged by a file name\\u001B[2J\\u0007.yaml\n');
    expect(out).toContain('\\u001B]0;pwned\\u0007\\u001B[2J\\u009B31m');
    expect(out).toContain('  notes\\n::warning::forged by a skipped file\\u001B]0;t\\u0007.yaml\n');
  });

  it('stylish in colour adds only its own colour codes', () => {
    const out = stylish(evals, { ...ctx, styles: terminalStyles() });
    expectSafe(out.replace(/\u001b\[[0-9;]*m/g, ''), 'stylish in colour');
  });

  it('the score table: title, file, project, department, indicators, stated values', () => {
    const out = scoreTable(evals.slice(0, 1), ctx);
    expectSafe(out, 'table');
    expect(out).toContain('业务工作经费\\u001B]0;pwned');
    expect(out).toContain('湖南省信访局\\u001B]0;pwned');
    expectSafe(scoreTable(evals.slice(0, 1), { ...ctx, styles: terminalStyles() }).replace(/\u001b\[[0-9;]*m/g, ''), 'table in colour');
  });

  it('the overview and the summary line: projects, file names and grade names', () => {
    expectSafe(overview(evals, ctx), 'overview');
    expectSafe(summaryLine(evals, ctx), 'summary');
    expect(summaryLine(evals, ctx)).toContain('优\\u001B]0;pwned');
  });

  it('github: one annotation per finding, each on its own line with GitHub escaping; nothing else starts a command', () => {
    const out = github(evals, ctx);
    expect(RAW_CONTROL.exec(out)).toBeNull();
    const lines = out.trimEnd().split('\n');
    const commands = lines.filter((l) => /^\s*::/.test(l));
    expect(commands).toHaveLength(evals.reduce((n, ev) => n + ev.findings.length, 0));
    for (const l of commands) expect(l).toMatch(/^::(error|warning) file=[^,:\n]*,line=\d+,col=\d+,title=[a-z-]+::[^\n]*$/);
    expect(lines.filter((l) => !/^::/.test(l))).toEqual([lines.at(-1)]);
    expect(lines.at(-1)).toMatch(/^已检查 2 张表/);
    expect(out).toContain('file=forms/evil%0A%3A%3Aerror file=a.yaml%2Cline=1%3A%3Aforged by a file name\\u001B[2J\\u0007.yaml,');
    expect(out).toContain(
      '表中为“\\u001B]0;pwned\\u0007\\u001B[2J\\u009B31m%0A::warning file=x.yaml,line=1::forged%0D::error::forged too\\u202Eevil',
    );
  });

  it('junit: names, messages and skipped files escaped for whoever reads them', () => {
    const out = junit(evals, ctx);
    const doc = parseXml(out);
    expectSafe(out.replace(/^\s*</gm, '<'), 'junit');
    for (const tc of findAll(doc, 'testcase')) {
      expect(RAW_CONTROL.exec(tc.attrs.name!)).toBeNull();
      expect(tc.attrs.name).not.toContain('\n');
      for (const f of findAll(tc, 'failure')) {
        expect(f.attrs.message).not.toMatch(/[\n\r]/);
        // One line per finding, each starting with its severity and file: no text from the form starts a line.
        const file = tc.attrs.file!;
        for (const line of f.text.split('\n')) expect(line.startsWith(`错误 ${file}:`) || line.startsWith(`警告 ${file}:`)).toBe(true);
        expect(f.text).not.toMatch(/\r/);
      }
      for (const s of findAll(tc, 'system-out')) for (const line of s.text.split('\n')) expect(line).toMatch(/^警告 /);
    }
    expect(out).toContain('notes\\n::warning::forged by a skipped file\\u001B]0;t\\u0007.yaml');
  });

  it('json and sarif keep the exact text as JSON escapes', () => {
    for (const out of [json(evals, ctx), sarif(evals, ctx)]) expectSafe(out, 'json/sarif');
    const parsed = JSON.parse(json(evals, ctx)) as { project: string; file: string }[];
    expect(parsed[0]!.project).toBe(`业务工作经费${H}`);
    expect(parsed[0]!.file).toBe(FILE.slice('/repo/'.length));
  });

  it('a grade name from a config and a stated grade are escaped in the table', () => {
    const [ev] = hostileEvals();
    const r = ev!.result!;
    const out = scoreTable([{ ...ev!, result: { ...r, gradeCheck: { stated: H, agrees: false }, total: new Decimal('97.42') } }], ctx);
    expectSafe(out, 'table with a stated grade');
    expect(out).toContain('✗ 表中 \\u001B]0;pwned');
  });
});

describe('the real binary: hostile forms and file names under check and score', () => {
  let dir = '';
  // YAML escapes: an OSC title change, a screen clear, an 8-bit CSI, a forged workflow command, CR, bidi overrides.
  const Y = '\\e]0;pwned\\a\\e[2J\\x9B31m\\n::warning file=x.yaml,line=1::forged\\r::error::forged too\\u202Eevil\\u2066';
  const form = example('hunan-2022-business.yaml')
    .replace(/^project: .*$/m, `project: "业务工作经费${Y}"`)
    .replace(/^department: .*$/m, `department: "湖南省信访局${Y}"`)
    .replace(/^( +)- target: .*$/m, `$1- name: "指标${Y}"\n$1  target: "≥95%${Y}"`)
    .replace(/^total: .*$/m, `total: 97.5\ngrade: "良${Y}"`);
  const unknownKey = `evalform: 1\n"bad\\e[2J\\n::error::forged-key": 1\n`;
  const evilName = 'evil\n::warning file=a.yaml::forged by a name\u001b[2J\u0007.yaml';
  const skippedName = 'note\n::error::forged by a skipped name\u001b]0;t\u0007.yaml';

  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(path.join(tmpdir(), 'evalform-term-'));
    mkdirSync(path.join(dir, 'forms'));
    writeFileSync(path.join(dir, 'forms', evilName), form);
    writeFileSync(path.join(dir, 'forms', 'key.yaml'), unknownKey);
    writeFileSync(path.join(dir, 'forms', skippedName), 'title: not a form\n');
    mkdirSync(path.join(dir, '.git'));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = (args: string[], env: Record<string, string> = {}) => evalformSync(args, { cwd: dir, env });

  it('the form is read as meant: its texts hold the escapes', () => {
    expect(form).toContain(`project: "业务工作经费${Y}"`);
    expect(form).toContain(`grade: "良${Y}"`);
    const r = run(['check', '--format', 'json']);
    const out = JSON.parse(r.stdout) as { project: string | null; findings: { code: string; message: string }[] }[];
    expect(out.map((f) => f.project)).toContain(
      '业务工作经费\u001b]0;pwned\u0007\u001b[2J\u009b31m\n::warning file=x.yaml,line=1::forged\r::error::forged too\u202eevil\u2066',
    );
    expect(out.flatMap((f) => f.findings.map((x) => x.code))).toEqual(expect.arrayContaining(['grade-mismatch', 'schema']));
  });

  for (const format of ['stylish', 'junit', 'sarif', 'json']) {
    it(`check --format ${format}`, () => {
      const r = run(['check', '--format', format]);
      expect(r.code).toBe(1);
      expectSafe(r.stdout, format);
      expectSafe(r.stderr, `${format} stderr`);
    });
  }

  it('check under GitHub Actions prints annotations no form or file name can forge', () => {
    const r = run(['check'], { GITHUB_ACTIONS: 'true' });
    expect(r.code).toBe(1);
    expect(RAW_CONTROL.exec(r.stdout)).toBeNull();
    const commands = r.stdout.split('\n').filter((l) => /^\s*::/.test(l));
    expect(commands.length).toBeGreaterThan(3);
    for (const l of commands) expect(l).toMatch(/^::(error|warning) file=[^,:\n]*,line=\d+,col=\d+,title=[a-z-]+::[^\n]*$/);
  });

  it('score: the table, and the overview of several forms', () => {
    const one = run(['score', path.join('forms', evilName)]);
    expect(one.stdout).toContain('业务工作经费\\u001B]0;pwned');
    expectSafe(one.stdout, 'score table');
    const many = run(['score', path.join('forms', evilName), path.join('forms', 'key.yaml')]);
    expectSafe(many.stdout, 'score overview');
  });
});
