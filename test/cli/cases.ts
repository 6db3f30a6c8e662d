// The command line's cases, each defined once: test/cli/in-process.test.ts runs every one through main(argv, io),
// test/cli/binary.test.ts the smoke subset and the binary-only ones through bin/evalform.js (as markdownlint-cli2's
// test/markdownlint-cli2-test-cases.mjs does). A case names its arguments, its folder, the exit code and what
// it must print and write; test/cli/harness.ts says what each field means. Every run is also checked for a stack
// trace (never) and, in a temporary folder, for temporary files left behind (none).
import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { expect } from 'vitest';
import { MAX_RENDER_FORMS } from '../../src/cli/limits.js';
import { evaluate } from '../../src/evaluate.js';
import { CHECK_CODES } from '../../src/model/codes.js';
import { displayWidth } from '../../src/report/width.js';
import { ROOT } from '../helpers.js';
import { findAll, parseXml } from '../helpers/xml.js';
import { docxTables, texts, unzip } from '../render-helpers.js';
import type { CliCase, FileSpec, Fragment } from './harness.js';
import type { Run } from './spawn.js';

const BUSINESS = 'examples/hunan-2022-business.yaml';
const OPERATIONS = 'examples/hunan-2022-operations.yaml';
const QUANTITATIVE = 'examples/quantitative.yaml';
const CLEAN = 'test/fixtures/bad/clean-form.yaml';
const CLEAN_TEXT = readFileSync(path.join(ROOT, CLEAN), 'utf8');
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const posix = process.platform !== 'win32';

const json = <T = Record<string, unknown>>(r: Run): T => JSON.parse(r.stdout) as T;
const startsWith = (prefix: string) => (bytes: Buffer) => expect(bytes.subarray(0, prefix.length).toString('latin1')).toBe(prefix);
const PK = startsWith('PK');

// ---------------------------------------------------------------------------------------------------------
// score: the table, several forms, colour

/** The findings of seed table 1, ESLint-style: line:column, severity, message, code. */
const BUSINESS_ROWS: Fragment[] = [
  ['25:11', '错误', 'rate-mismatch'],
  ['32:11', '错误', 'rate-mismatch'],
  ['33:10', '错误', 'funds-score-mismatch'],
  ['34:14', '警告', 'rate-explanation-missing'],
  ['107:8', '错误', 'total-mismatch'],
].map(([at, severity, code]) => new RegExp(`^\\s+${at}\\s+${severity}\\s.*${code}$`, 'm'));

const score: CliCase[] = [
  {
    name: 'score seed table 1: exit 1, 74.22% / 7.42 / 97.42 / 优, each disagreeing stated value marked, the findings listed',
    args: ['score', BUSINESS],
    exitCode: 1,
    smoke: true,
    stdout: [
      '业务工作经费',
      /年度资金总额.*74\.22% ✗ 表中 75\.45%.*7\.42 ✗ 表中 7\.5/,
      /当年财政拨款.*74\.22% ✗ 表中 75\.45%/,
      /总分\s+100\s+97\.42 ✗ 表中 97\.5\s+等级\s+优/,
      ...BUSINESS_ROWS,
      '5 个问题（4 个错误，1 个警告）',
    ],
    stdoutNot: [/\x1b\[/],
    check: (r) => expect(r.stdout.match(/✗/g)).toHaveLength(4),
  },
  {
    name: 'score seed table 2: exit 0, 90.10% / 9.01 / 99.01 / 优, nothing marked',
    args: ['score', OPERATIONS],
    exitCode: 0,
    stdout: [/年度资金总额.*90\.10%\s+9\.01/, /总分\s+100\s+99\.01\s+等级\s+优/],
    stdoutNot: ['✗'],
  },
  {
    name: 'score the quantitative example: exit 0, 95.69, each method named',
    args: ['score', QUANTITATIVE],
    exitCode: 0,
    stdout: [
      /总分\s+100\s+95\.69\s+等级\s+优/,
      /新增安全防护设施.*7\s+6\.01\s+正向/,
      /危桥改造成本.*8\s+7\.68\s+反向/,
      /危桥改造\s.*5\s+5\.00\s+等值/,
      /生态修复.*不适用/,
    ],
    stdoutNot: ['✗'],
  },
  {
    name: 'score several files: exit 1 when any has errors, each form named',
    args: ['score', OPERATIONS, BUSINESS, QUANTITATIVE],
    exitCode: 1,
    stdout: ['运行维护经费', '业务工作经费', '农村公路日常养护及危桥改造'],
  },
  { name: 'score several files without errors: exit 0', args: ['score', OPERATIONS, QUANTITATIVE], exitCode: 0 },
  {
    name: 'score: NO_COLOR wins over FORCE_COLOR',
    args: ['score', BUSINESS],
    env: { FORCE_COLOR: '1' },
    exitCode: 1,
    smoke: true,
    stdoutNot: [/\x1b\[/],
  },
  {
    name: 'score: FORCE_COLOR alone colours',
    args: ['score', BUSINESS],
    env: { NO_COLOR: '', FORCE_COLOR: '1' },
    exitCode: 1,
    smoke: true,
    stdout: [/\x1b\[/],
  },
  {
    name: 'score at a terminal colours; NO_COLOR turns it off',
    args: ['score', BUSINESS],
    env: { NO_COLOR: undefined },
    isTTY: true,
    exitCode: 1,
    stdout: [/\x1b\[/],
    // In-process only: a spawned binary's stdout is a pipe here, never a terminal.
    check: async (_r, ctx) => expect((await ctx.run(['score', BUSINESS], { env: { NO_COLOR: '1' } })).stdout).not.toMatch(/\x1b\[/),
  },
];

// ---------------------------------------------------------------------------------------------------------
// score --format json (FORMAT.md §6)

const TOP = ['file', 'year', 'project', 'funds', 'indicators', 'total', 'grade', 'findings'];
const FINDING = ['code', 'severity', 'message', 'file', 'path', 'line', 'column'];
// §6 lists path, level1, level2, name, weight, score, method; the labels are added detail.
const INDICATOR = ['path', 'level1', 'level2', 'name', 'weight', 'score', 'method'];

const scoreJson: CliCase[] = [
  {
    name: 'score --format json writes C1 controls, separators and bidi overrides from the form as \\u escapes: the same data, nothing a terminal acts on',
    args: ['score', 'c1.yaml', '--format', 'json'],
    files: { 'c1.yaml': 'evalform: 1\nyear: 2022\nproject: "x\\u009b2J\\u2028\\u202ey"\n' },
    exitCode: 1,
    stdoutNot: [/[\u0080-\u009f\u2028\u202e]/],
    check: (r) => expect(json(r).project).toBe('x\u009b2J\u2028\u202ey'),
  },
  {
    name: 'score --format json: one file gives one object of exactly the §6 shape; numbers are JSON numbers, rounded as in §3',
    args: ['score', BUSINESS, '--format', 'json'],
    exitCode: 1,
    smoke: true,
    stdout: [/"rate": 74\.22,/, /"score": 7\.42\n/, /"total": 97\.42,/],
    check: (r) => {
      const out = json(r);
      expect(Object.keys(out).sort()).toEqual([...TOP].sort());
      expect(out).toMatchObject({
        file: BUSINESS,
        year: 2022,
        project: '业务工作经费',
        funds: { weight: 10, rate: 74.22, score: 7.42 },
        total: 97.42,
        grade: '优',
      });
      expect(Object.keys(out.funds as object).sort()).toEqual(['rate', 'score', 'weight']);
      const indicators = out.indicators as Record<string, unknown>[];
      expect(indicators).toHaveLength(9);
      for (const i of indicators) expect(Object.keys(i).sort()).toEqual([...INDICATOR].sort());
      expect(indicators[0]).toEqual({
        path: '/indicators/output/quantity/0',
        level1: 'output',
        level2: 'quantity',
        name: '数量指标',
        weight: 10,
        score: 10,
        method: 'qualitative',
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
    },
  },
  {
    name: 'score --format json: seed table 2 as JSON numbers, no findings',
    args: ['score', OPERATIONS, '--format', 'json'],
    exitCode: 0,
    check: (r) =>
      expect(json(r)).toMatchObject({ funds: { weight: 10, rate: 90.1, score: 9.01 }, total: 99.01, grade: '优', findings: [] }),
  },
  {
    name: 'score --format json: methods and not-applicable indicators',
    args: ['score', QUANTITATIVE, '--format', 'json'],
    exitCode: 0,
    check: (r) => {
      const out = json<{ indicators: { path: string; weight: number; score: number | null; method: string }[]; total: number }>(r);
      expect(out.total).toBe(95.69);
      const byPath = Object.fromEntries(out.indicators.map((i) => [i.path, [i.method, i.weight, i.score]]));
      expect(byPath['/indicators/output/quantity/1']).toEqual(['positive', 7, 6.01]);
      expect(byPath['/indicators/output/quantity/2']).toEqual(['equal', 5, 5]);
      expect(byPath['/indicators/output/timeliness/1']).toEqual(['negative', 4, 3.33]);
      expect(byPath['/indicators/outcome/economic/0']).toEqual(['qualitative', 5, 3.5]);
      expect(byPath['/indicators/outcome/ecological/0']).toEqual(['not-applicable', 0, null]);
    },
  },
  {
    name: 'score --format json: two files give an array, in the order given; the summary line on stderr',
    args: ['score', OPERATIONS, BUSINESS, '--format', 'json'],
    exitCode: 1,
    stderr: '已评分 2 张表 · 4 个错误 · 1 个警告 · 优 2 · 良 0 · 中 0 · 差 0\n',
    check: (r) => {
      const out = json<unknown>(r);
      expect(Array.isArray(out)).toBe(true);
      expect((out as { file: string; total: number }[]).map((o) => [o.file, o.total])).toEqual([
        [OPERATIONS, 99.01],
        [BUSINESS, 97.42],
      ]);
    },
  },
  {
    name: 'score of several forms: the 财务 overview with exact totals; a 年初预算数-only budget marked and explained',
    args: ['score', OPERATIONS, 'test/fixtures/codes/initial-as-budget.yaml', 'test/fixtures/codes/yaml-syntax.yaml'],
    exitCode: 1,
    stdout: [
      /^主管部门 +项目 +全年预算数（万元） +执行数（万元） +执行率 +总分 +等级 +错误 +文件$/m,
      /^湖南省信访局 +运行维护经费 +288\.00 {2,}259\.49 +90\.10% +99\.01 +优 +0 +examples\/hunan-2022-operations\.yaml$/m,
      /^测试部门 +测试项目 +100\.00\* +92\.00 +92\.00% +99\.20 +优 +0 +test\/fixtures\/codes\/initial-as-budget\.yaml$/m,
      /^— +— +— +— +— +— +— +1 +test\/fixtures\/codes\/yaml-syntax\.yaml$/m,
      // 288 + 100 = 388; 259.49 + 92 = 351.49; 351.49 ÷ 388 = 90.5902…%; (99.01 + 99.2) ÷ 2 = 99.105.
      /^合计 +3 张表（总分为平均） +388\.00 {2,}351\.49 +90\.59% +99\.11 +1 +优 2 · 良 0 · 中 0 · 差 0$/m,
      '\n* 表中只有年初预算数：此数为年初预算数，执行率按它计算（initial-as-budget）。\n',
      /^已评分 3 张表 · 1 个错误 · 1 个警告 · 1 张未评分 · 优 2 · 良 0 · 中 0 · 差 0 · 平均 99\.11$/m,
    ],
    check: (r) => {
      // The decimal points of a column line up, the mark standing beside them.
      const rows = r.stdout.split('\n').filter((row) => /^(湖南|测试|合计)/.test(row));
      expect(rows).toHaveLength(3);
      expect(new Set(rows.map((row) => displayWidth(row.slice(0, row.indexOf('.00'))))).size).toBe(1);
    },
  },
  {
    name: 'score --format json: a form that cannot be read still gives the object, with nulls',
    args: ['score', 'test/fixtures/codes/yaml-syntax.yaml', '--format', 'json'],
    exitCode: 1,
    check: (r) =>
      expect(json(r)).toEqual({
        file: 'test/fixtures/codes/yaml-syntax.yaml',
        year: null,
        project: null,
        funds: null,
        indicators: [],
        total: null,
        grade: null,
        findings: [expect.objectContaining({ code: 'yaml-syntax', severity: 'error', path: '', line: 5, column: 15 })],
      }),
  },
  {
    name: 'score --format json: a GBK file is an encoding finding (exit 1), located at its first bad byte',
    args: ['score', 'test/fixtures/codes/encoding.yaml', '--format', 'json'],
    exitCode: 1,
    check: (r) => expect(json(r).findings).toEqual([expect.objectContaining({ code: 'encoding', line: 5, column: 10 })]),
  },
];

// ---------------------------------------------------------------------------------------------------------
// evalform.config.yaml: found, bounded by .git, replaced by --config, and refused when wrong

/** The seed's first table under forms/, and an evalform.config.yaml beside forms/ when given. */
function project(config?: string, more: Record<string, FileSpec> = {}): Record<string, FileSpec> {
  return { 'forms/business.yaml': { copy: BUSINESS }, ...(config === undefined ? {} : { 'evalform.config.yaml': config }), ...more };
}
const codesOf = (r: Run) => (json(r).findings as { code: string; severity: string }[]).map((f) => `${f.code}:${f.severity}`);

const config: CliCase[] = [
  {
    name: 'score: the nearest evalform.config.yaml above the form applies',
    args: ['score', 'forms/business.yaml', '--format', 'json'],
    files: project('severity:\n  rate-explanation-missing: off\n  total-mismatch: warning\n'),
    exitCode: 1,
    check: (r) =>
      expect(codesOf(r)).toEqual(['rate-mismatch:error', 'rate-mismatch:error', 'funds-score-mismatch:error', 'total-mismatch:warning']),
  },
  {
    name: 'score: the search for evalform.config.yaml stops at the folder that holds .git',
    args: ['score', 'forms/business.yaml', '--format', 'json'],
    files: project('severity:\n  rate-explanation-missing: off\n', { 'forms/.git': { dir: true } }),
    exitCode: 1,
    check: (r) => expect(codesOf(r)).toContain('rate-explanation-missing:warning'),
  },
  {
    name: 'score --config FILE is used instead of the nearest',
    args: ['score', 'forms/business.yaml', '--format', 'json', '--config', 'strict.yaml'],
    files: project('severity:\n  rate-explanation-missing: off\n', { 'strict.yaml': 'explain_rate_below: 50\n' }),
    exitCode: 1,
    check: (r) =>
      expect(codesOf(r)).toEqual(['rate-mismatch:error', 'rate-mismatch:error', 'funds-score-mismatch:error', 'total-mismatch:error']),
  },
  {
    name: 'score with a bad config: exit 2, and where it is wrong',
    args: ['score', 'forms/business.yaml'],
    files: project('places: 2\nrounding: sometimes\n'),
    exitCode: 2,
    smoke: true,
    stdout: '',
    stderr: ['evalform.config.yaml:2:11'],
  },
  {
    name: 'score --config with a missing file: exit 2, naming it',
    args: ['score', 'forms/business.yaml', '--config', 'nope.yaml'],
    files: project(),
    exitCode: 2,
    stderr: ['nope.yaml'],
  },
];

// ---------------------------------------------------------------------------------------------------------
// init and schema

const INIT_HEADER = /^# yaml-language-server: \$schema=/;
const BAD_YEARS = ['abc', '99999', '0', '22', '1989', '2101', '2022\n', '2022\nproject: x', ' 2022', '２０２２', '-2022', ''];

const init: CliCase[] = [
  {
    name: 'init prints a commented blank form that validates and scores: exit 1, only the blanks still to fill',
    args: ['init', '--year', '2023'],
    files: {},
    exitCode: 0,
    smoke: true,
    stdout: [INIT_HEADER, 'year: 2023'],
    check: async (r, ctx) => {
      writeFileSync(path.join(ctx.cwd, 'blank.yaml'), r.stdout);
      const scored = await ctx.run(['score', 'blank.yaml', '--format', 'json']);
      expect(scored.code).toBe(1);
      const out = json(scored);
      // Nine qualitative indicators without a score, and no budget yet (FORMAT.md §3 1.1); nothing else.
      expect(new Set((out.findings as { code: string }[]).map((f) => f.code))).toEqual(new Set(['score-missing', 'zero-budget']));
      expect(out.findings).toHaveLength(10);
      expect(out).toMatchObject({ year: 2023, funds: { weight: 10, rate: null, score: 0 }, total: 0 });
    },
  },
  // Issue 10: a blank form for each layout of docs/format.md §7, as valid a start as the central one.
  ...(['sichuan', 'yunnan'] as const).map(
    (layout): CliCase => ({
      name: `init --layout ${layout}: a blank ${layout} form that validates and scores like the central one (exit 1, only the blanks)`,
      args: ['init', '--layout', layout, '--year', '2023'],
      files: {},
      exitCode: 0,
      smoke: true,
      stdout: [INIT_HEADER, 'year: 2023', `layout: ${layout}`, /^ {8}unit: ""/m, /^ {8}# nature: /m],
      stdoutNot: [/^rules:/m],
      check: async (r, ctx) => {
        if (layout === 'sichuan') {
          for (const key of [
            'special_account:',
            'own:',
            'method_text: ""',
            'category:',
            'manager:',
            'overview:',
            'conclusion:',
            'remarks:',
            'finance_head:',
          ]) {
            expect(r.stdout).toContain(key);
          }
        }
        writeFileSync(path.join(ctx.cwd, 'blank.yaml'), r.stdout);
        const scored = await ctx.run(['score', 'blank.yaml', '--format', 'json']);
        expect(scored.code).toBe(1);
        const out = json(scored);
        expect(new Set((out.findings as { code: string }[]).map((f) => f.code))).toEqual(new Set(['score-missing', 'zero-budget']));
        expect(out.findings).toHaveLength(10);
        expect(out).toMatchObject({ year: 2023, layout, funds: { weight: 10, rate: null, score: 0 }, total: 0 });
        // Under Sichuan's preset (10 + 90) and form_rules: deny the blank is just as clean: it states no rules.
        writeFileSync(path.join(ctx.cwd, 'evalform.config.yaml'), 'preset: sichuan\nform_rules: deny\n');
        const denied = json(await ctx.run(['score', 'blank.yaml', '--format', 'json']));
        expect((denied.findings as unknown[]).length).toBe(10);
      },
    }),
  ),
  {
    name: 'init --help names --layout and its three layouts, and --year',
    args: ['init', '--help'],
    exitCode: 0,
    stdout: ['--layout <layout>', 'central（默认）、sichuan 或 yunnan', '--year <year>', '--force'],
  },
  {
    name: 'init --layout FILE writes that layout, with the schema line',
    args: ['init', 'new.yaml', '--layout', 'sichuan'],
    files: {},
    exitCode: 0,
    written: { 'new.yaml': ['layout: sichuan', 'special_account:', /^# yaml-language-server: \$schema=.*schemas\/evalform\.schema\.json/] },
  },
  ...['foo', 'Sichuan', '', 'central\n'].map(
    (layout): CliCase => ({
      name: `init FILE --layout ${JSON.stringify(layout)}: refused in one Chinese line, exit 2, nothing written`,
      args: ['init', 'form.yaml', '--layout', layout],
      files: {},
      exitCode: 2,
      oneLine: true,
      stderr: ['--layout', 'central', 'sichuan', 'yunnan', '收到'],
      listing: [],
    }),
  ),
  {
    name: 'init FILE writes the form, with the schema line',
    args: ['init', 'new.yaml'],
    files: {},
    exitCode: 0,
    written: { 'new.yaml': ['evalform: 1', /^# yaml-language-server: \$schema=.*schemas\/evalform\.schema\.json/] },
  },
  {
    name: 'init FILE refuses to overwrite a file (exit 2) and leaves it as it was',
    args: ['init', 'new.yaml'],
    files: { 'new.yaml': '# my work\n' },
    exitCode: 2,
    stderr: ['--force'],
    written: { 'new.yaml': '# my work\n' },
  },
  {
    name: 'init FILE --force overwrites it',
    args: ['init', 'new.yaml', '--force'],
    files: { 'new.yaml': '# my work\n' },
    exitCode: 0,
    written: { 'new.yaml': ['evalform: 1'] },
  },
  {
    name: 'init FILE in a folder that does not exist: exit 2 with a message',
    args: ['init', 'no/such/dir/form.yaml'],
    files: {},
    exitCode: 2,
    stderr: [/^evalform: /],
  },
  // Issue 9, item 10: a year that wrote a broken form.
  ...BAD_YEARS.flatMap((year): CliCase[] => [
    {
      name: `init FILE --year ${JSON.stringify(year)}: refused in one line, exit 2, nothing written`,
      args: ['init', 'form.yaml', '--year', year],
      files: {},
      exitCode: 2,
      oneLine: true,
      stderr: ['--year', '1990', '2100'],
      listing: [],
    },
    {
      name: `init --year ${JSON.stringify(year)}: refused in one line, exit 2`,
      args: ['init', '--year', year],
      files: {},
      exitCode: 2,
      oneLine: true,
      stderr: ['--year'],
    },
  ]),
  ...['1990', '2022', '2100'].map(
    (year): CliCase => ({
      name: `init FILE --year ${year}: taken, and the form it writes is a valid start`,
      args: ['init', 'form.yaml', '--year', year],
      files: {},
      exitCode: 0,
      written: {
        'form.yaml': (bytes) => {
          const text = bytes.toString('utf8');
          expect(text).toContain(`year: ${year}`);
          expect(evaluate(text, 'form.yaml').findings.filter((f) => f.code === 'yaml-syntax')).toEqual([]);
        },
      },
    }),
  ),
  {
    name: 'schema prints the JSON Schema',
    args: ['schema'],
    exitCode: 0,
    smoke: true,
    check: (r) => {
      const schema = json<{ $id: string; required: string[]; properties: Record<string, unknown> }>(r);
      expect(schema.$id).toBe('evalform.schema.json');
      expect(schema.required).toEqual(expect.arrayContaining(['evalform', 'year', 'project', 'funds', 'indicators']));
      expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['funds', 'indicators', 'rules', 'signoff']));
    },
  },
];

// ---------------------------------------------------------------------------------------------------------
// Exit codes, help and version

const usage: CliCase[] = [
  ...(
    [
      ['an unknown command', ['frobnicate']],
      ['an unknown option', ['score', '--bogus', BUSINESS]],
      ['an unknown format', ['score', BUSINESS, '--format', 'xml']],
      ['score without a file', ['score']],
    ] as const
  ).map(
    ([what, args]): CliCase => ({
      name: `${what} exits 2`,
      args: [...args],
      exitCode: 2,
      smoke: what === 'an unknown command',
      stdout: '',
      stderr: [/错误|evalform:/],
    }),
  ),
  {
    name: 'score a missing file: exit 2, naming it',
    args: ['score', 'no-such-form.yaml'],
    exitCode: 2,
    smoke: true,
    stdout: '',
    stderr: ['no-such-form.yaml', '文件不存在'],
  },
  { name: 'score a folder given as a file: exit 2', args: ['score', 'examples'], exitCode: 2 },
  {
    name: '--help: usage and the exit codes, exit 0',
    args: ['--help'],
    exitCode: 0,
    smoke: true,
    stdout: [/^用法： evalform/, /退出码：[\s\S]*0[\s\S]*1[\s\S]*2/],
  },
  { name: 'score --help: exit 0', args: ['score', '--help'], exitCode: 0, stdout: [/^用法： evalform score/, '--format'] },
  { name: '--version prints the package version, exit 0', args: ['--version'], exitCode: 0, smoke: true, stdout: `${VERSION}\n` },
  // Issue 9, item 10: `evalform help` exited 2.
  ...[['help'], ['help', 'render'], ['check', '--help']].map(
    (args): CliCase => ({
      name: `${args.join(' ')} prints help and exits 0`,
      args,
      exitCode: 0,
      stdout: [/^用法： evalform/],
    }),
  ),
  {
    name: 'help check prints the help of check and exits 0',
    args: ['help', 'check'],
    exitCode: 0,
    smoke: true,
    stdout: [/^用法： evalform/, '用法： evalform check'],
  },
  { name: 'help for a command that does not exist exits 2', args: ['help', 'nosuch'], exitCode: 2 },
  { name: 'no command at all exits 2', args: [], exitCode: 2 },
  {
    name: 'a reader that closes the pipe early gets no stack trace',
    args: ['schema'],
    exitCode: 0,
    closeStdout: true,
    binaryOnly: 'a closed stdout (EPIPE) is handled on process.stdout by processIo(), which a fake Io replaces',
    stderrNot: ['EPIPE'],
  },
  {
    name: 'a reader that stops early (| head -c 10) is not an error',
    args: ['schema'],
    files: {},
    shell: '| head -c 10',
    exitCode: 0,
    binaryOnly: 'EPIPE is handled on process.stdout by processIo(); the exit code is that of the pipeline (head)',
    skip: () => (posix ? undefined : 'needs sh and head'),
    stderr: '',
    check: (r) => expect(r.stdout).toHaveLength(10),
  },
  // Issue 9, item 6: a full disk.
  ...['schema', 'score a.yaml', 'check a.yaml', 'init'].map(
    (command): CliCase => ({
      name: `evalform ${command} > /dev/full: one line on stderr, exit 2`,
      args: command.split(' '),
      files: { 'a.yaml': { copy: CLEAN } },
      shell: '> /dev/full',
      exitCode: 2,
      oneLine: true,
      binaryOnly: 'a write that fails (ENOSPC) is an error event of process.stdout, handled by processIo()',
      skip: () => (posix && existsSync('/dev/full') ? undefined : 'needs /dev/full'),
      stderr: ['磁盘空间不足'],
    }),
  ),
];

// ---------------------------------------------------------------------------------------------------------
// check over test/fixtures/repo: the default reporter, exit codes, the other reporters, --output

const FORMS = [
  'forms/2022/broken-yaml.yaml',
  'forms/2022/business.yaml',
  'forms/2022/operations.yaml',
  'forms/2023/roads.yml',
  'forms/2023/养护-warnings.yaml',
  'strict/roads-strict.yaml',
];
const BUSINESS_CODES = ['rate-mismatch', 'rate-mismatch', 'funds-score-mismatch', 'rate-explanation-missing', 'total-mismatch'];
const REPO_SUMMARY = '已检查 6 张表 · 6 个错误 · 2 个警告 · 跳过 1 个文件 · 1 张未评分 · 优 5 · 良 0 · 中 0 · 差 0';
const WARNINGS_SUMMARY = '已检查 2 张表 · 0 个错误 · 1 个警告 · 优 2 · 良 0 · 中 0 · 差 0';
const lines = (r: Run) => r.stdout.trimEnd().split('\n');
const testcases = (file: string) => findAll(parseXml(readFileSync(file, 'utf8')), 'testcase');
/** forms/2023 of the fixture alone under forms/: no rules file of its own. */
const FORMS_2023: Record<string, FileSpec> = {
  'forms/roads.yml': { copy: 'test/fixtures/repo/forms/2023/roads.yml' },
  'forms/养护-warnings.yaml': { copy: 'test/fixtures/repo/forms/2023/养护-warnings.yaml' },
};

// ---------------------------------------------------------------------------------------------------------
// language: Chinese by default (the clean environment's C.UTF-8 included); English by --lang, EVALFORM_LANG or an en locale

const ENGLISH_SUMMARY = '6 forms checked · 6 errors · 2 warnings · 1 skipped · 1 not scored · 优 5 · 良 0 · 中 0 · 差 0';
const language: CliCase[] = [
  {
    name: 'check --lang en: the summary, the problem count and the skipped files in English',
    args: ['check', '--lang', 'en'],
    fixture: 'repo',
    exitCode: 1,
    stdout: [
      'Skipped 1 file that is not a form (YAML without a top-level `evalform:` key, or a Word or Excel file without a 自评表):\n  notes/checklist.yaml\n',
      '✖ 8 problems (6 errors, 2 warnings)\n',
    ],
    stdoutNot: ['已检查', '个问题'],
    check: (r) => expect(lines(r).at(-1)).toBe(ENGLISH_SUMMARY),
  },
  {
    name: '--lang=en before the command: English help, with its exit codes',
    args: ['--lang=en', '--help'],
    exitCode: 0,
    stdout: [/^Usage: evalform/, /Exit codes:[\s\S]*EVALFORM_LANG/],
  },
  {
    name: 'EVALFORM_LANG=en: English without --lang',
    args: ['check', '--max-warnings', '0', 'forms/2023'],
    fixture: 'repo',
    env: { EVALFORM_LANG: 'en' },
    exitCode: 1,
    stdout: ['2 forms checked · 0 errors · 1 warning'],
    stderr: ['evalform: too many warnings: 1 warning, at most 0 allowed (--max-warnings)'],
  },
  {
    name: 'LANG=en_US.UTF-8: English from the locale',
    args: ['score', 'forms/2022/operations.yaml', 'forms/2023/roads.yml'],
    fixture: 'repo',
    env: { LANG: 'en_US.UTF-8', LC_ALL: undefined },
    exitCode: 0,
    stdout: [
      /^department +project +year +budget \(万元\) +executed \(万元\) +rate +total +grade +errors +file$/m,
      /^total +2 forms \(average total\) /m,
      /^2 forms scored · 0 errors · 0 warnings .* · average /m,
    ],
  },
  {
    name: '--lang zh over LANG=en_US.UTF-8 and EVALFORM_LANG=en: the option wins',
    args: ['score', 'forms/2022/operations.yaml', 'forms/2023/roads.yml', '--lang', 'zh'],
    fixture: 'repo',
    env: { LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8', EVALFORM_LANG: 'en' },
    exitCode: 0,
    stdout: [
      /^主管部门 +项目 +年度 +全年预算数（万元） +执行数（万元） +执行率 +总分 +等级 +错误 +文件$/m,
      /^合计 +2 张表（总分为平均） /m,
      /^已评分 2 张表 · 0 个错误 · 0 个警告 .* · 平均 /m,
    ],
  },
  {
    name: 'commander errors in Chinese by default, in English with --lang en',
    args: ['check', '--bogus'],
    exitCode: 2,
    stderr: ["错误：未知的选项 '--bogus'"],
    check: async (_r, ctx) =>
      expect((await ctx.run(['check', '--bogus', '--lang', 'en'])).stderr).toContain("error: unknown option '--bogus'"),
  },
  {
    name: "commander's help extras and the hint after an error in Chinese",
    args: ['score', '--help'],
    exitCode: 0,
    stdout: ['输出格式（可选："table"、"json"；默认："table"）', '选项：', '参数：'],
    check: async (_r, ctx) => {
      const r = await ctx.run(['chk']);
      expect(r.stderr).toBe("错误：未知的命令 'chk'\n（是不是想用 check？）\n（加 --help 查看用法）\n");
    },
  },
  {
    name: 'an unknown --lang is a usage error: exit 2',
    args: ['--lang', 'fr', 'check'],
    exitCode: 2,
    stderr: ["'fr'"],
  },
];

const check: CliCase[] = [
  {
    name: 'check with the default reporter: every form under the working directory, exit 1 on errors',
    args: ['check'],
    fixture: 'repo',
    exitCode: 1,
    smoke: true,
    stderr: '',
    // node_modules and dot-folders are skipped; YAML files that are not forms are listed.
    stdout: [
      '跳过 1 个不是自评表的文件（YAML 没有顶层 `evalform:` 键，或 Word、Excel 文件中没有自评表）：\n  notes/checklist.yaml\n',
      // The nearest evalform.config.yaml applies: the strict folder makes a missing reason an error.
      /forms\/2023\/养护-warnings\.yaml\n {2}81:20 {2}警告 .*deviation-missing\n/,
      /strict\/roads-strict\.yaml\n {2}81:20 {2}错误 .*deviation-missing\n/,
    ],
    stdoutNot: ['node_modules', '.archive', 'evalform.config.yaml'],
    check: (r) => {
      const all = lines(r);
      expect(all.filter((l) => /^\S.*\.ya?ml$/.test(l))).toEqual([
        'forms/2022/broken-yaml.yaml',
        'forms/2022/business.yaml',
        'forms/2023/养护-warnings.yaml',
        'strict/roads-strict.yaml',
      ]);
      // One row per finding under its file, with line, column, severity and code.
      const start = all.indexOf('forms/2022/business.yaml');
      const rows = all.slice(start + 1, start + 1 + BUSINESS_CODES.length);
      expect(rows.map((row) => row.trim().split(/\s+/).at(-1))).toEqual(BUSINESS_CODES);
      expect(rows.map((row) => /^ {2}(\d+:\d+) +(错误|警告) /.exec(row)?.slice(1))).toEqual([
        ['25:11', '错误'],
        ['32:11', '错误'],
        ['33:10', '错误'],
        ['34:14', '警告'],
        ['107:8', '错误'],
      ]);
      // The count and the summary line.
      expect(all.at(-2)).toBe('✖ 8 个问题（6 个错误，2 个警告）');
      expect(all.at(-1)).toBe(REPO_SUMMARY);
    },
  },
  {
    name: 'check clean forms: exit 0, with a one-line summary',
    args: ['check', 'forms/2022/operations.yaml', 'forms/2023/roads.yml'],
    fixture: 'repo',
    exitCode: 0,
    smoke: true,
    stdout: '✔ 已检查 2 张表 · 0 个错误 · 0 个警告 · 优 2 · 良 0 · 中 0 · 差 0\n',
  },
  { name: 'check forms with warnings only: exit 0', args: ['check', 'forms/2023'], fixture: 'repo', exitCode: 0 },
  {
    name: 'check --max-warnings 1 over one warning: exit 0',
    args: ['check', 'forms/2023', '--max-warnings', '1'],
    fixture: 'repo',
    exitCode: 0,
  },
  {
    name: 'check --max-warnings 0 over one warning: exit 1, and why',
    args: ['check', 'forms/2023', '--max-warnings', '0'],
    fixture: 'repo',
    exitCode: 1,
    stderr: ['警告过多'],
  },
  {
    name: 'check --quiet reports errors only; the count line, and the summary with the warnings it hid',
    args: ['check', '--quiet'],
    fixture: 'repo',
    exitCode: 1,
    stdout: ['✖ 6 个问题（6 个错误，0 个警告）'],
    stdoutNot: [/ warning /, '养护-warnings.yaml'],
    check: (r) => {
      expect(lines(r).at(-2)).toBe('✖ 6 个问题（6 个错误，0 个警告）');
      expect(lines(r).at(-1)).toBe(REPO_SUMMARY);
    },
  },
  {
    name: 'check --quiet, passing: ✔ and the hidden warnings counted',
    args: ['check', 'forms/2023', '--quiet'],
    fixture: 'repo',
    exitCode: 0,
    stdout: `✔ ${WARNINGS_SUMMARY}\n`,
  },
  {
    name: 'check --quiet failing on --max-warnings: no ✔, the hidden warnings counted, the reason on stderr',
    args: ['check', 'forms/2023', '--quiet', '--max-warnings', '0'],
    fixture: 'repo',
    exitCode: 1,
    stdout: `${WARNINGS_SUMMARY}\n`,
    stderr: ['警告过多'],
  },
  {
    name: 'check --quiet --format github: the summary counts the hidden warnings',
    args: ['check', 'forms/2023', '--quiet', '--format', 'github'],
    fixture: 'repo',
    exitCode: 0,
    stdout: `${WARNINGS_SUMMARY}\n`,
  },
  {
    name: 'check --quiet --output: the summary counts the hidden warnings',
    args: ['check', 'forms', '--quiet', '-o', 'report.json', '--format', 'json'],
    files: FORMS_2023,
    exitCode: 0,
    check: (r) => expect(r.stdout.split('\n')[0]).toBe(WARNINGS_SUMMARY),
  },
  { name: 'check a folder with its own stricter rules: exit 1', args: ['check', 'strict'], fixture: 'repo', exitCode: 1 },
  {
    name: 'check --config replaces the nearest rules file (strict folder, lenient rules): exit 0',
    args: ['check', 'strict', '--config', 'evalform.config.yaml'],
    fixture: 'repo',
    exitCode: 0,
  },
  {
    name: 'check --config replaces the nearest rules file (lenient folder, strict rules): exit 1',
    args: ['check', 'forms/2023', '--config', 'strict/evalform.config.yaml'],
    fixture: 'repo',
    exitCode: 1,
  },
  {
    name: 'check a pattern matching nothing: exit 2, naming it',
    args: ['check', 'forms/**/*.json'],
    fixture: 'repo',
    exitCode: 2,
    stderr: ['forms/**/*.json'],
  },
  { name: 'check a missing folder: exit 2', args: ['check', 'missing-folder'], fixture: 'repo', exitCode: 2 },
  {
    name: 'check --format xml: exit 2, naming the reporters',
    args: ['check', '--format', 'xml'],
    fixture: 'repo',
    exitCode: 2,
    stderr: ['stylish'],
  },
  {
    name: 'check under a bad evalform.config.yaml: exit 2, and where it is wrong',
    args: ['check'],
    fixture: 'check-bad-config',
    exitCode: 2,
    smoke: true,
    stdout: '',
    stderr: [/evalform\.config\.yaml:2:\d+/],
  },
  {
    name: 'check walks a dot-folder when it is named',
    args: ['check', '.archive'],
    fixture: 'repo',
    exitCode: 1,
    stdout: ['.archive/old.yaml'],
  },
  {
    name: 'check follows a quoted glob into node_modules when asked',
    args: ['check', 'node_modules/**/*.yaml'],
    fixture: 'repo',
    exitCode: 1,
    stdout: ['node_modules/some-package/forms/broken.yaml'],
  },
  {
    name: 'check expands a quoted glob itself',
    args: ['check', 'forms/*/*.{yaml,yml}', '--format', 'json'],
    fixture: 'repo',
    exitCode: 1,
    check: (r) => expect(json<{ file: string }[]>(r).map((e) => e.file)).toEqual(FORMS.slice(0, 5)),
  },
  {
    name: 'check --format json: the §6 object for every form on stdout, the summary line on stderr',
    args: ['check', '--format', 'json'],
    fixture: 'repo',
    exitCode: 1,
    smoke: true,
    stderr: `${REPO_SUMMARY}\n`,
    check: (r) => {
      const results =
        json<
          {
            file: string;
            project: string | null;
            funds: { weight: number; rate: number | null; score: number } | null;
            total: number | null;
            grade: string | null;
            indicators: { method: string }[];
            findings: { code: string; severity: string; line: number; column: number }[];
          }[]
        >(r);
      expect(results.map((e) => e.file)).toEqual(FORMS);
      const business = results[1]!;
      expect(business).toMatchObject({
        project: '业务工作经费',
        funds: { weight: 10, rate: 74.22, score: 7.42 },
        total: 97.42,
        grade: '优',
      });
      expect(business.findings.map((f) => f.code)).toEqual(BUSINESS_CODES);
      expect(business.findings[0]).toMatchObject({ severity: 'error', line: 25, column: 11 });
      expect(results[0]).toMatchObject({ project: null, funds: null, total: null, grade: null, indicators: [] });
      expect(results[3]!.indicators.some((i) => i.method === 'positive')).toBe(true);
    },
  },
  {
    name: 'check --format junit: one testsuite, one testcase per form, one failure holding the findings of a form with errors; the summary on stderr',
    args: ['check', '--format', 'junit'],
    fixture: 'repo',
    exitCode: 1,
    stderr: `${REPO_SUMMARY}\n`,
    check: (r) => {
      const doc = parseXml(r.stdout);
      const suites = findAll(doc, 'testsuite');
      expect(suites).toHaveLength(1);
      expect(suites[0]!.attrs).toMatchObject({ tests: '7', failures: '3', skipped: '1' });
      const cases = findAll(doc, 'testcase');
      expect(cases.map((c) => c.attrs.file)).toEqual([...FORMS, 'notes/checklist.yaml']);
      const byFile = new Map(cases.map((c) => [c.attrs.file, c]));
      const business = byFile.get('forms/2022/business.yaml')!;
      expect(business.attrs.name).toBe('业务工作经费 (forms/2022/business.yaml)');
      // One failure per testcase, as Jenkins and GitLab read it: every finding of the form, a line each.
      const [failure, ...more] = findAll(business, 'failure');
      expect(more).toEqual([]);
      expect(failure!.attrs.message).toBe('4 个错误：rate-mismatch、funds-score-mismatch、total-mismatch');
      expect(failure!.text.split('\n').map((l) => l.split(' ').slice(0, 3).join(' '))).toEqual([
        '错误 forms/2022/business.yaml:25:11 rate-mismatch:',
        '错误 forms/2022/business.yaml:32:11 rate-mismatch:',
        '错误 forms/2022/business.yaml:33:10 funds-score-mismatch:',
        '警告 forms/2022/business.yaml:34:14 rate-explanation-missing:',
        '错误 forms/2022/business.yaml:107:8 total-mismatch:',
      ]);
      expect(findAll(byFile.get('forms/2023/养护-warnings.yaml')!, 'system-out')[0]!.text).toMatch(/^警告 .*deviation-missing/);
      expect(findAll(byFile.get('forms/2022/operations.yaml')!, 'failure')).toHaveLength(0);
      expect(findAll(byFile.get('forms/2023/养护-warnings.yaml')!, 'failure')).toHaveLength(0);
      expect(findAll(byFile.get('forms/2022/broken-yaml.yaml')!, 'failure')[0]!.attrs.type).toBe('yaml-syntax');
      expect(findAll(byFile.get('notes/checklist.yaml')!, 'skipped')).toHaveLength(1);
    },
  },
  {
    name: 'check --format sarif: 2.1.0 with the rules and a located result per finding; the summary on stderr',
    args: ['check', '--format', 'sarif'],
    fixture: 'repo',
    exitCode: 1,
    stderr: `${REPO_SUMMARY}\n`,
    check: (r) => {
      const log = JSON.parse(r.stdout);
      expect(log.version).toBe('2.1.0');
      const [only] = log.runs;
      expect(log.runs).toHaveLength(1);
      expect(only.tool.driver).toMatchObject({ name: 'evalform', version: VERSION });
      expect(only.tool.driver.rules.map((rule: { id: string }) => rule.id)).toEqual(CHECK_CODES);
      for (const rule of only.tool.driver.rules) {
        expect(rule.name).not.toBe(rule.id);
        expect(rule.shortDescription.text.length).toBeGreaterThan(0);
        expect(rule.help.text).toContain('怎么改：');
      }
      expect(only.results).toHaveLength(8);
      const files = only.results.map((res: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        decodeURIComponent(res.locations[0]!.physicalLocation.artifactLocation.uri),
      );
      expect(new Set(files)).toEqual(
        new Set(['forms/2022/broken-yaml.yaml', 'forms/2022/business.yaml', 'forms/2023/养护-warnings.yaml', 'strict/roads-strict.yaml']),
      );
      const warn = only.results.find(
        (res: { ruleId: string; level: string }) => res.ruleId === 'deviation-missing' && res.level === 'warning',
      );
      expect(warn.locations[0].physicalLocation.region).toEqual({ startLine: 81, startColumn: 20 });
      expect(warn.locations[0].physicalLocation.artifactLocation.uri).toBe(`forms/2023/${encodeURIComponent('养护-warnings.yaml')}`);
      expect(only.tool.driver.rules[warn.ruleIndex].id).toBe('deviation-missing');
    },
  },
  {
    name: 'check inside GitHub Actions: the github reporter, one annotation per finding',
    args: ['check'],
    fixture: 'repo',
    env: { GITHUB_ACTIONS: 'true' },
    exitCode: 1,
    smoke: true,
    check: (r) => {
      const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
      expect(annotations).toHaveLength(8);
      expect(annotations).toContain(
        '::warning file=forms/2023/养护-warnings.yaml,line=81,col=20,title=deviation-missing::' +
          '指标“新增安全防护设施”扣分 0.99（得分 6.01 / 分值 7），需填写偏差原因分析及改进措施',
      );
      expect(annotations[0]).toMatch(/^::error file=forms\/2022\/broken-yaml\.yaml,line=5,col=1,title=yaml-syntax::/);
      expect(lines(r).at(-1)).toMatch(/^已检查 6 张表 · 6 个错误/);
    },
  },
  {
    name: 'check --format stylish inside GitHub Actions: no annotations',
    args: ['check', '--format', 'stylish'],
    fixture: 'repo',
    env: { GITHUB_ACTIONS: 'true' },
    exitCode: 1,
    stdoutNot: ['::error'],
  },
  {
    name: 'check --output writes the report to the file and prints the summary; the next run replaces it',
    args: ['check', '--format', 'junit', '--output', 'reports/junit.xml'],
    fixture: 'repo',
    exitCode: 1,
    stdout: ['已检查 6 张表 · 6 个错误 · 2 个警告', 'junit 报告已写入'],
    written: { 'reports/junit.xml': (bytes) => expect(findAll(parseXml(bytes.toString('utf8')), 'testcase')).toHaveLength(7) },
    check: async (_r, ctx) => {
      const target = path.join(ctx.cwd, 'reports', 'junit.xml');
      expect((await ctx.run(['check', 'forms/2023', '--format', 'junit', '--output', target])).code).toBe(0);
      expect(testcases(target)).toHaveLength(2);
    },
  },
  {
    name: 'check --output writes stylish without colour escapes even when colour is forced',
    args: ['check', 'forms/2023', '--output', 'report.txt'],
    fixture: 'repo',
    env: { FORCE_COLOR: '1', NO_COLOR: '' },
    exitCode: 0,
    written: {
      'report.txt': (bytes) => {
        expect(bytes.toString('utf8')).toContain('forms/2023/养护-warnings.yaml\n');
        expect(bytes.toString('utf8')).not.toContain('\u001b[');
      },
    },
  },
  {
    name: 'check -o a new report, and over its own previous report',
    args: ['check', '-o', 'reports/check.json', '--format', 'json'],
    files: { 'a.yaml': CLEAN_TEXT, 'b.yaml': CLEAN_TEXT.replace('total: 99.5', 'total: 98') },
    exitCode: 1,
    check: async (_r, ctx) => {
      expect((await ctx.run(['check', '-o', 'reports/check.json', '--format', 'json'])).code).toBe(1);
      expect(JSON.parse(readFileSync(path.join(ctx.cwd, 'reports', 'check.json'), 'utf8'))).toHaveLength(2);
    },
  },
  // Issue 9, item 10: an empty --max-warnings was read as 0.
  ...['', ' ', '1e3', '-1', '0x10', '1.5', '+1', ' 1', 'abc', '１', 'many'].map(
    (value): CliCase => ({
      name: `check --max-warnings ${JSON.stringify(value)}: refused in one line, exit 2`,
      args: ['check', 'form.yaml', '--max-warnings', value],
      files: { 'form.yaml': CLEAN_TEXT },
      exitCode: 2,
      oneLine: true,
      stderr: ['--max-warnings', '非负整数'],
    }),
  ),
  ...['0', '7', '007'].map(
    (value): CliCase => ({
      name: `check --max-warnings ${JSON.stringify(value)}: taken`,
      args: ['check', 'form.yaml', '--max-warnings', value],
      files: { 'form.yaml': CLEAN_TEXT },
      exitCode: 0,
    }),
  ),
];

// ---------------------------------------------------------------------------------------------------------
// render: where it writes, what it refuses, what it prints, how it exits

const EXAMPLES: Record<string, FileSpec> = {
  'hunan-2022-business.yaml': { copy: BUSINESS },
  'hunan-2022-operations.yaml': { copy: OPERATIONS },
  'quantitative.yaml': { copy: QUANTITATIVE },
};
const EXAMPLE_NAMES = Object.keys(EXAMPLES).sort();
const FORM = path.join(ROOT, QUANTITATIVE);

const render: CliCase[] = [
  {
    name: 'render --docx writes one .docx beside the first form, tables in the order given, says where, and exits 1 on the errors of table 1',
    args: ['render', 'hunan-2022-operations.yaml', 'hunan-2022-business.yaml', '--docx'],
    files: EXAMPLES,
    exitCode: 1,
    smoke: true,
    // Table 1's stated 75.45% / 7.5 / 97.5 are errors: the document is still written.
    stdout: ['已写入 hunan-2022-operations.docx（2 张表）', /hunan-2022-business\.yaml\n.*rate-mismatch/s, 'total-mismatch'],
    written: {
      'hunan-2022-operations.docx': (bytes) =>
        expect(docxTables(bytes).map((t) => texts(t)[0]![1])).toEqual(['运行维护经费', '业务工作经费']),
    },
  },
  {
    name: 'render --html exits 0 when the forms have no errors',
    args: ['render', 'quantitative.yaml', '--html', '--output', 'out.html'],
    files: EXAMPLES,
    exitCode: 0,
    written: { 'out.html': ['农村公路日常养护及危桥改造'] },
  },
  {
    name: 'render --html from the built binary: beside the form, and says where',
    args: ['render', 'quantitative.yaml', '--html'],
    files: EXAMPLES,
    exitCode: 0,
    smoke: true,
    stdout: ['已写入 quantitative.html（1 张表）'],
    written: { 'quantitative.html': [/^<!DOCTYPE html>/] },
  },
  {
    name: 'render takes .docx from the --output extension',
    args: ['render', 'quantitative.yaml', '--output', 'roads.docx'],
    files: EXAMPLES,
    exitCode: 0,
    written: { 'roads.docx': PK },
  },
  {
    name: 'render takes .html from the --output extension',
    args: ['render', 'quantitative.yaml', '--output', 'roads.html'],
    files: EXAMPLES,
    exitCode: 0,
    written: { 'roads.html': [/^<!DOCTYPE html>/] },
  },
  {
    name: 'render refuses to overwrite an existing file without --force (exit 2) and leaves it as it was',
    args: ['render', 'quantitative.yaml', '--docx'],
    files: { ...EXAMPLES, 'quantitative.docx': 'keep me' },
    exitCode: 2,
    smoke: true,
    oneLine: true,
    stderr: [/quantitative\.docx 已存在：加 --force 覆盖它/],
    written: { 'quantitative.docx': 'keep me' },
  },
  {
    name: 'render --force overwrites an existing file, and writes nothing else',
    args: ['render', 'quantitative.yaml', '--docx', '--force'],
    files: { ...EXAMPLES, 'quantitative.docx': 'keep me' },
    exitCode: 0,
    written: { 'quantitative.docx': PK },
    listing: ['hunan-2022-business.yaml', 'hunan-2022-operations.yaml', 'quantitative.docx', 'quantitative.yaml'],
  },
  {
    name: 'render writes nothing and exits 1 with the findings when a form cannot be read as a form',
    args: ['render', 'quantitative.yaml', 'broken.yaml', '--docx'],
    files: { ...EXAMPLES, 'broken.yaml': 'evalform: 1\nyear: [2022\n' },
    exitCode: 1,
    stdout: ['yaml-syntax'],
    stderr: ['未写入文件'],
    written: { 'quantitative.docx': null, 'broken.docx': null },
  },
  ...(
    [
      ['--docx and --html together', ['--docx', '--html'], []],
      ['neither --docx nor --html', [], [/--docx、--xlsx 或 --html/]],
      ['--template with --docx', ['--docx', '--template', 'x.hbs'], [/--template 只用于 --html/]],
      ['a template that does not exist', ['--html', '--template', 'missing.hbs'], [/无法读取模板/]],
      ['an output folder that does not exist', ['--docx', '--output', 'no/such/folder/out.docx'], [/无法写入 .*文件夹不存在/]],
    ] as const
  ).map(
    ([what, options, phrases]): CliCase => ({
      name: `render with ${what}: exit 2, nothing written`,
      args: ['render', 'quantitative.yaml', ...options],
      files: EXAMPLES,
      exitCode: 2,
      oneLine: true,
      stderr: [/^evalform: /, ...phrases],
      stderrNot: ['内部错误'],
      listing: EXAMPLE_NAMES,
    }),
  ),
  {
    name: 'render a missing form: exit 2, nothing written',
    args: ['render', 'missing.yaml', '--docx'],
    files: EXAMPLES,
    exitCode: 2,
    oneLine: true,
    stderr: [/^evalform: /],
    stderrNot: ['内部错误'],
    listing: EXAMPLE_NAMES,
  },
  // Issue 5, items 3–4: paths with spaces and Chinese, never over an existing file, a clear exit 2.
  ...(
    [
      ['--docx', '输出 文件夹/2023 年度 自评表.docx', 'PK'],
      ['--html', 'out dir/自评表 (final).html', '<'],
    ] as const
  ).map(
    ([flag, output, starts]): CliCase => ({
      name: `render ${flag} writes to a path with spaces and Chinese characters: ${output}`,
      args: ['render', FORM, flag, '--output', output],
      files: { [path.dirname(output)]: { dir: true } },
      exitCode: 0,
      stderr: '',
      written: { [output]: startsWith(starts) },
    }),
  ),
  {
    name: 'render reads a form whose path has spaces and Chinese characters, and writes beside it by default',
    args: ['render', path.join('表单 2023', '农村公路 养护.yaml'), '--docx'],
    files: { '表单 2023/农村公路 养护.yaml': { copy: QUANTITATIVE } },
    exitCode: 0,
    smoke: true,
    written: { '表单 2023/农村公路 养护.docx': PK },
  },
  {
    name: 'render --output over an existing file without --force: one line, exit 2, the file as it was',
    args: ['render', FORM, '--html', '--output', 'existing.html'],
    files: { 'existing.html': 'keep me' },
    exitCode: 2,
    oneLine: true,
    stderr: ['--force'],
    written: { 'existing.html': 'keep me' },
  },
  {
    name: 'render --output over an existing file with --force: replaced',
    args: ['render', FORM, '--html', '--output', 'existing.html', '--force'],
    files: { 'existing.html': 'keep me' },
    exitCode: 0,
    written: { 'existing.html': [/^</] },
  },
  {
    name: 'render --output into a folder that does not exist: a clear exit 2, no folder made',
    args: ['render', FORM, '--docx', '--output', 'no such folder/a.docx'],
    files: {},
    exitCode: 2,
    stderr: [/^evalform: .*文件夹不存在/],
    listing: [],
  },
  {
    name: 'render --output through a file (unwritable even for root): a clear exit 2 in one line',
    args: ['render', FORM, '--docx', '--output', 'some-file.txt/out.docx'],
    files: { 'some-file.txt': 'not a folder' },
    exitCode: 2,
    oneLine: true,
    stderr: ['some-file.txt/out.docx'],
  },
  {
    name: 'render --output into a read-only folder: a clear exit 2, nothing left in it',
    args: ['render', FORM, '--docx', '--output', path.join('read-only', 'a.docx')],
    files: { 'read-only': { dir: true } },
    setup: (cwd) => {
      const dir = path.join(cwd, 'read-only');
      chmodSync(dir, 0o555);
      return () => chmodSync(dir, 0o755);
    },
    skip: () =>
      chmodProtects()
        ? undefined
        : `this process (uid ${process.getuid?.()}) can write into a read-only folder, as root can; the path-through-a-file case covers the failure`,
    exitCode: 2,
    stderr: ['没有写入权限'],
    check: (_r, ctx) => expect(readdirSync(path.join(ctx.cwd, 'read-only'))).toEqual([]),
  },
  // Issue 9, item 10: a Word file named .html.
  ...[
    ['--docx', '-o', 'x.html'],
    ['--docx', '-o', 'x.htm'],
    ['--docx', '-o', 'x'],
    ['--html', '-o', 'x.docx'],
    ['--html', '-o', 'x.yaml'],
    ['--html', '-o', 'x.DOCX'],
    ['--template', 'form.yaml', '-o', 'x.docx'],
  ].map(
    (options): CliCase => ({
      name: `render form.yaml ${options.join(' ')}: the extension does not fit the format, exit 2, nothing written`,
      args: ['render', 'form.yaml', ...options],
      files: { 'form.yaml': CLEAN_TEXT },
      exitCode: 2,
      oneLine: true,
      stderr: ['扩展名'],
      listing: ['form.yaml'],
    }),
  ),
  ...(
    [
      [['--docx', '-o', 'x.docx'], 'x.docx'],
      [['--docx', '-o', 'X.DOCX'], 'X.DOCX'],
      [['--html', '-o', 'x.htm'], 'x.htm'],
      [['--template', 'page.hbs', '-o', 'x.md'], 'x.md'],
    ] as const
  ).map(
    ([options, out]): CliCase => ({
      name: `render form.yaml ${options.join(' ')}: written`,
      args: ['render', 'form.yaml', ...options],
      files: { 'form.yaml': CLEAN_TEXT, 'page.hbs': '{{#each forms}}# {{project}}\n{{/each}}' },
      exitCode: 0,
      written: { [out]: out.endsWith('.md') ? '# 测试项目\n' : (bytes) => expect(bytes.length).toBeGreaterThan(0) },
    }),
  ),
];

/** Whether this process is kept out of a folder made read-only (root is not): tried once, in a folder of its own. */
let protects: boolean | undefined;
function chmodProtects(): boolean {
  if (protects !== undefined) return protects;
  const probe = mkdtempSync(path.join(tmpdir(), 'evalform-probe-'));
  chmodSync(probe, 0o555);
  try {
    writeFileSync(path.join(probe, 'x'), '');
    protects = false;
  } catch {
    protects = true;
  } finally {
    chmodSync(probe, 0o755);
    rmSync(probe, { recursive: true, force: true });
  }
  return protects;
}

// ---------------------------------------------------------------------------------------------------------
// Outputs (issue 9, items 6–9): never one of the inputs, a long name, special files, globs, limits

/** Forms a.yaml and b.yaml, a YAML file that is not a form, rules and a template, and links to them. */
const REPO_FILES: Record<string, FileSpec> = {
  'a.yaml': CLEAN_TEXT,
  'b.yaml': CLEAN_TEXT.replace('total: 99.5', 'total: 98'),
  'notes.yaml': 'reviewers: [张三]\n',
  'evalform.config.yaml': 'places: 2\n',
  'rules.yaml': 'places: 2\n',
  'table.hbs': '{{#each forms}}<p>{{project}}</p>{{/each}}\n',
};
const LINKS: Record<string, FileSpec> = {
  'link-to-b.json': { symlink: 'b.yaml' },
  'hard-b.json': { hardlink: 'b.yaml' },
  'hard-a.html': { hardlink: 'a.yaml' },
  'link-to-a.docx': { symlink: 'a.yaml' },
  'rules-link.html': { symlink: 'evalform.config.yaml' },
};

/** 80 Chinese characters and .html: 245 bytes, once too long for the temporary name beside it (item 8). */
const LONG_NAME = `${'湖南省信访局业务工作经费项目支出绩效自评表'.repeat(4).slice(0, 80)}.html`;

const outputs: CliCase[] = [
  ...(
    [
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
      [
        'render -o its --config, --force',
        ['render', 'a.yaml', '--html', '--config', 'rules.yaml', '-o', 'rules.yaml', '--force'],
        '规则文件',
      ],
      [
        'render -o the nearest rules file through a link, --force',
        ['render', 'a.yaml', '--html', '-o', 'rules-link.html', '--force'],
        '规则文件',
      ],
      ['render -o its template, --force', ['render', 'a.yaml', '--template', 'table.hbs', '-o', 'table.hbs', '--force'], '模板'],
    ] as const
  ).map(
    ([what, args, phrase]): CliCase => ({
      name: `${what}: no output is one of the inputs, one line, exit 2, nothing touched`,
      args: [...args],
      files: { ...REPO_FILES, ...LINKS },
      skip: () => (posix ? undefined : 'symbolic and hard links'),
      exitCode: 2,
      oneLine: true,
      stderr: ['不能覆盖输入', phrase],
      untouched: true,
    }),
  ),
  {
    name: 'render and check -o a long output name (80 Chinese characters): written, with no temporary file left',
    args: ['render', 'a.yaml', '--html', '-o', LONG_NAME],
    files: REPO_FILES,
    exitCode: 0,
    stderr: '',
    written: { [LONG_NAME]: ['测试项目'] },
    check: async (_r, ctx) => {
      expect([...LONG_NAME]).toHaveLength(85);
      expect(Buffer.byteLength(LONG_NAME)).toBeLessThanOrEqual(255);
      const report = `${'检'.repeat(80)}.json`;
      expect((await ctx.run(['check', 'a.yaml', '-o', report, '--format', 'json'])).code).toBe(0);
      expect(existsSync(path.join(ctx.cwd, report))).toBe(true);
    },
  },
  ...[
    ['render', 'a.yaml', '--html', '-o', 'out.html', '--force'],
    ['render', 'a.yaml', '--docx', '-o', 'out.docx', '--force'],
    ['check', 'a.yaml', '-o', 'out.html'],
    ['init', 'out.docx', '--force'],
  ].map(
    (args): CliCase => ({
      name: `${args.join(' ')} where the output is a FIFO or a folder: refused, not replaced, even with --force`,
      args,
      files: { ...REPO_FILES, 'out.html': { fifo: true }, 'out.docx': { dir: true } },
      skip: () => (posix ? undefined : 'mkfifo'),
      exitCode: 2,
      oneLine: true,
      stderr: ['不是普通文件'],
      check: (_r, ctx) => {
        expect(statSync(path.join(ctx.cwd, 'out.html')).isFIFO()).toBe(true);
        expect(statSync(path.join(ctx.cwd, 'out.docx')).isDirectory()).toBe(true);
      },
    }),
  ),
  ...['[z-a].yaml', 'forms/[9-0]*.yml', '**/[b-a]/*.yaml'].map(
    (pattern): CliCase => ({
      name: `check a malformed glob ${pattern}: a usage error, not a bug in evalform`,
      args: ['check', pattern],
      files: REPO_FILES,
      exitCode: 2,
      oneLine: true,
      stderr: ['通配符', pattern],
      stderrNot: ['bug'],
    }),
  ),
  ...(
    [
      ['docx', MAX_RENDER_FORMS.docx],
      ['html', MAX_RENDER_FORMS.html],
    ] as const
  ).map(
    ([format, limit]): CliCase => ({
      name: `render --${format} of more than ${limit} forms is refused before any work`,
      // A form that does not exist, over and over: refused for the count, never for the missing file, so nothing
      // was read before the refusal.
      args: ['render', ...Array.from({ length: limit + 1 }, () => 'absent.yaml'), `--${format}`, '-o', `out.${format}`],
      files: REPO_FILES,
      exitCode: 2,
      oneLine: true,
      stderr: [`最多 ${limit} 张表`, `${limit + 1}`],
      written: { [`out.${format}`]: null },
      check: (r) => expect(r.stderr).not.toContain('不存在'),
    }),
  ),
  {
    name: 'render --help states the limits',
    args: ['render', '--help'],
    exitCode: 0,
    stdout: [`一个 .docx 最多 ${MAX_RENDER_FORMS.docx} 张表`, '10 MB'],
  },
];

// ---------------------------------------------------------------------------------------------------------
// summary --html: the reviewing office's page over a folder of forms

const NOT_A_FORM = 'name: 其他配置\nitems: [1, 2]\n';

const summary: CliCase[] = [
  {
    name: 'summary --html over a folder: one page in the working directory, non-forms skipped, exit 1 on the errors of table 1',
    args: ['summary', 'forms', '--html'],
    files: {
      forms: { dir: true },
      'forms/hunan-2022-business.yaml': { copy: BUSINESS },
      'forms/hunan-2022-operations.yaml': { copy: OPERATIONS },
      'forms/quantitative.yaml': { copy: QUANTITATIVE },
      'forms/other.yaml': NOT_A_FORM,
    },
    exitCode: 1,
    smoke: true,
    stdout: ['已评分 3 张表 · 4 个错误 · 1 个警告 · 跳过 1 个文件 · 优 3', '已写入 summary.html（3 张表）'],
    written: {
      'summary.html': [
        /^<!DOCTYPE html>/,
        // 1983.98 + 288 = 2271.98 and 1472.51 + 259.49 = 1732 for 湖南省信访局: 76.23%.
        /data-department="湖南省信访局">.*data-key="budget">2271\.98<.*data-key="executed">1732\.00<.*data-key="rate">76\.23%</,
        'data-file="forms/quantitative.yaml"',
        'data-code="total-mismatch"',
      ],
    },
    check: (_r, ctx) => expect(readFileSync(path.join(ctx.cwd, 'summary.html'), 'utf8')).not.toContain('other.yaml'),
  },
  {
    name: 'summary of forms without errors exits 0, to the -o given',
    args: ['summary', 'hunan-2022-operations.yaml', 'quantitative.yaml', '--html', '-o', 'out/页面 汇总.html'],
    files: { ...EXAMPLES, out: { dir: true } },
    exitCode: 0,
    stdout: ['已写入 out/页面 汇总.html（2 张表）'],
    written: { 'out/页面 汇总.html': ['运行维护经费', '农村公路日常养护及危桥改造'] },
  },
  {
    name: 'summary takes --html from the -o extension, and links a form to the table rendered beside it',
    args: ['summary', '.', '-o', 'summary.htm'],
    files: { 'a b.yaml': CLEAN_TEXT, 'a b.html': '<!DOCTYPE html>', 'c.yaml': CLEAN_TEXT },
    exitCode: 0,
    written: {
      'summary.htm': [
        '<a href="a%20b.html">',
        /data-file="c\.yaml"><td class="num" data-key="index" data-v="2">2<\/td>.*data-key="project" data-v="[^"]*">[^<]/,
      ],
    },
    check: (_r, ctx) => expect(readFileSync(path.join(ctx.cwd, 'summary.htm'), 'utf8').match(/<a href=/g)).toHaveLength(1),
  },
  {
    name: 'summary applies the nearest evalform.config.yaml, as check does',
    args: ['summary', 'forms', '--html'],
    files: { forms: { dir: true }, 'forms/evalform.config.yaml': 'rate_places: 1\n', 'forms/ops.yaml': { copy: OPERATIONS } },
    exitCode: 0,
    // 259.49 ÷ 288 = 90.1006…%: 90.1% at one place.
    written: { 'summary.html': [/data-key="rate" data-v="90\.1">90\.1%</] },
  },
  {
    name: 'summary --config FILE applies those rules to every form',
    args: ['summary', 'ops.yaml', '--html', '--config', 'rules.yaml'],
    files: { 'rules.yaml': 'rate_places: 0\n', 'ops.yaml': { copy: OPERATIONS } },
    exitCode: 0,
    written: { 'summary.html': [/data-key="rate" data-v="90">90%</] },
  },
  {
    name: 'summary writes the page with a form that cannot be read as a form among the rows, and exits 1',
    args: ['summary', '.', '--html'],
    files: { 'ok.yaml': CLEAN_TEXT, 'broken.yaml': 'evalform: 1\nyear: [2022\n' },
    exitCode: 1,
    stdout: ['1 张未评分', '已写入 summary.html（2 张表）'],
    written: { 'summary.html': ['（无法读取的表）', '其中 1 张无法读取', 'yaml-syntax'] },
  },
  {
    name: 'summary refuses to overwrite an existing page without --force (exit 2) and leaves it as it was',
    args: ['summary', 'form.yaml', '--html'],
    files: { 'form.yaml': CLEAN_TEXT, 'summary.html': 'keep me' },
    exitCode: 2,
    oneLine: true,
    stderr: [/^evalform: summary\.html 已存在：加 --force 覆盖它/],
    untouched: true,
  },
  {
    name: 'summary --force replaces the page, and writes nothing else',
    args: ['summary', 'form.yaml', '--html', '--force'],
    files: { 'form.yaml': CLEAN_TEXT, 'summary.html': 'keep me' },
    exitCode: 0,
    written: { 'summary.html': [/^<!DOCTYPE html>/] },
    listing: ['form.yaml', 'summary.html'],
  },
  {
    name: 'summary never writes over an input, even with --force: a page name hard-linked to a form',
    args: ['summary', 'form.yaml', '--html', '-o', 'page.html', '--force'],
    files: { 'form.yaml': CLEAN_TEXT, 'page.html': { hardlink: 'form.yaml' } },
    exitCode: 2,
    oneLine: true,
    stderr: [/输出文件 page\.html（即表单 form\.yaml）是输入的表单/],
    untouched: true,
    skip: () => (posix ? undefined : 'hard links'),
  },
  ...(
    [
      ['without --html or an .html output', [], /请选择输出格式：--html/],
      ['an output that is not .html', ['--html', '-o', 'page.pdf'], /page\.pdf 的扩展名与格式不符/],
      ['a folder that does not exist', ['--html', 'missing'], /找不到 “missing”/],
      ['an output folder that does not exist', ['--html', '-o', 'no/such/page.html'], /无法写入 .*文件夹不存在/],
    ] as const
  ).map(
    ([what, options, phrase]): CliCase => ({
      name: `summary with ${what}: exit 2, nothing written`,
      args: ['summary', 'form.yaml', ...options],
      files: { 'form.yaml': CLEAN_TEXT },
      exitCode: 2,
      oneLine: true,
      stderr: [/^evalform: /, phrase],
      stderrNot: ['内部错误'],
      listing: ['form.yaml'],
    }),
  ),
  {
    name: 'summary of a folder with no form in it: exit 2, nothing written',
    args: ['summary', '.', '--html'],
    files: { 'other.yaml': NOT_A_FORM },
    exitCode: 2,
    oneLine: true,
    stderr: [/没有找到表单/],
    listing: ['other.yaml'],
  },
  {
    name: 'summary --help names --html, -o and --force',
    args: ['summary', '--help'],
    exitCode: 0,
    stdout: ['--html', '-o, --output <file>', '--force', '当前文件夹下的 summary.html'],
  },
];

// ---------------------------------------------------------------------------------------------------------
// --fix and --fix-dry-run (issue #16): the computed values written back in place, everything else as it was

const FIX_FORM = readFileSync(path.join(ROOT, 'test/fixtures/fix/crlf-bom.yaml'));
const FIX_BROKEN = readFileSync(path.join(ROOT, 'test/fixtures/codes/schema.yaml'), 'utf8');
const FIX_FILES: Record<string, FileSpec> = {
  'form.yaml': FIX_FORM,
  'broken.yaml': FIX_BROKEN,
  'notes.yaml': 'reviewers: [张三]\n',
};
/** The CRLF, BOM form after its fix: the BOM and every CRLF kept, the six values rewritten beside their comments. */
const FIXED_FORM = (bytes: Buffer) => {
  const text = bytes.toString('utf8');
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  expect(text).toContain('    rate: 95%         # 执行率, as stated\r\n');
  expect(text).toContain('total: 96.5           # 总分, as stated\r\n');
  expect(text).toContain('grade: 优             # 等级, as stated\r\n');
  expect(bytes.length).toBe(FIX_FORM.length);
};

const fix: CliCase[] = [
  {
    name: 'check --fix: the values rewritten in place (BOM, CRLF, comments kept), a form with a schema error untouched, the summary last',
    args: ['check', '--fix'],
    files: FIX_FILES,
    exitCode: 1,
    smoke: true,
    stdout: [
      /^broken\.yaml$/m,
      'schema',
      /已检查 2 张表 · 1 个错误/,
      /修正了 6 个值，涉及 1 张表；仍有 1 个问题（1 个错误，0 个警告），需人工核对\n$/,
    ],
    stdoutNot: ['rate-mismatch', 'form.yaml', '--- a/'],
    written: { 'form.yaml': FIXED_FORM, 'broken.yaml': FIX_BROKEN, 'notes.yaml': 'reviewers: [张三]\n' },
    check: async (_r, ctx) => {
      // A second run finds nothing more to fix and changes nothing.
      const before = readFileSync(path.join(ctx.cwd, 'form.yaml'));
      const again = await ctx.run(['check', '--fix', 'form.yaml']);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain('没有需要修正的计算值；没有剩下的问题');
      expect(readFileSync(path.join(ctx.cwd, 'form.yaml'))).toEqual(before);
    },
  },
  {
    name: 'check --fix-dry-run: a unified diff per form, the report of what would remain, nothing written',
    args: ['check', '--fix-dry-run'],
    files: FIX_FILES,
    exitCode: 1,
    untouched: true,
    stdout: [
      /^--- a\/form\.yaml\n\+\+\+ b\/form\.yaml\n@@ -10,14 \+10,14 @@\n/m,
      '\n-    rate: 96%         # 执行率, as stated\n+    rate: 95%         # 执行率, as stated\n',
      '\n-total: 99.6           # 总分, as stated\n-grade: 良             # 等级, as stated\n+total: 96.5           # 总分, as stated\n+grade: 优             # 等级, as stated\n',
      '可修正 6 个值，涉及 1 张表（--fix-dry-run：未写入文件）；仍有 1 个问题',
    ],
    stdoutNot: ['\r', '--- a/broken.yaml', 'rate-mismatch'],
  },
  {
    name: 'check --fix --format json: the report alone on stdout, the summary on stderr; --lang en says it in English',
    args: ['check', '--fix', '--format', 'json', '--lang', 'en', 'form.yaml'],
    files: FIX_FILES,
    exitCode: 0,
    // The summary line, as for any machine format on stdout, then what --fix did.
    stderr: '1 form checked · 0 errors · 0 warnings · 优 1 · 良 0 · 中 0 · 差 0\nfixed 6 values in 1 form; no problems left\n',
    written: { 'form.yaml': FIXED_FORM },
    check: (r) => {
      // The form's scores as fixed, not only its findings.
      const report = json<{ total: number | null; grade: string | null; funds: unknown }[]>(r);
      expect(report).toHaveLength(1);
      expect(report[0]?.total).toEqual(expect.any(Number));
      expect(report[0]?.funds).not.toBeNull();
      expect(report[0]?.grade).toBe('优');
    },
  },
  {
    name: 'score --fix: the form fixed, then its table with nothing marked; what remains is a warning for a person',
    args: ['score', '--fix', 'form.yaml'],
    files: { 'form.yaml': { copy: BUSINESS } },
    exitCode: 0,
    stdout: [
      /年度资金总额.*74\.22%\s+7\.42/,
      /总分\s+100\s+97\.42\s+等级\s+优/,
      '修正了 4 个值，涉及 1 张表；仍有 1 个问题（0 个错误，1 个警告），需人工核对',
    ],
    stdoutNot: ['✗'],
    written: {
      'form.yaml': [
        '    rate: 74.22%               # 执行率, as stated\n',
        '  score: 7.4                   # 得分, as stated\n',
        '\ntotal: 97.4\n',
      ],
    },
  },
  {
    name: 'score --fix keeps the file mode and rewrites the file a symbolic link names, not the link',
    args: ['score', '--fix', 'link.yaml', '--format', 'json'],
    files: { 'forms/form.yaml': { copy: 'test/fixtures/codes/total-mismatch.yaml' }, 'link.yaml': { symlink: 'forms/form.yaml' } },
    setup: (cwd) => {
      chmodSync(path.join(cwd, 'forms/form.yaml'), 0o640);
      return undefined;
    },
    exitCode: 0,
    stderr: '已评分 1 张表 · 0 个错误 · 0 个警告 · 优 1 · 良 0 · 中 0 · 差 0\n修正了 1 个值，涉及 1 张表；没有剩下的问题\n',
    written: { 'forms/form.yaml': ['\ntotal: 99.5\n'] },
    check: (r, ctx) => {
      expect(json(r).total).toBe(99.5);
      expect(lstatSync(path.join(ctx.cwd, 'link.yaml')).isSymbolicLink()).toBe(true);
      expect(statSync(path.join(ctx.cwd, 'forms/form.yaml')).mode & 0o777).toBe(0o640);
    },
  },
  {
    name: 'score --fix of one form named twice and through a link: fixed once, every name scored as fixed',
    args: ['score', '--fix', 'a.yaml', 'a.yaml', 'link.yaml'],
    files: { 'a.yaml': { copy: 'test/fixtures/codes/total-mismatch.yaml' }, 'link.yaml': { symlink: 'a.yaml' } },
    exitCode: 0,
    stdout: ['修正了 1 个值，涉及 1 张表；没有剩下的问题'],
    stderrNot: ['改动过'],
    written: { 'a.yaml': ['\ntotal: 99.5\n'] },
    check: (r) => expect(r.stdout.match(/99\.50/g)?.length).toBeGreaterThanOrEqual(3),
  },
  {
    name: 'score --fix-dry-run: the diff, then the table as the form would read, nothing written',
    args: ['score', '--fix-dry-run', 'form.yaml'],
    files: { 'form.yaml': { copy: 'test/fixtures/codes/grade-mismatch.yaml' } },
    exitCode: 0,
    untouched: true,
    stdout: ['--- a/form.yaml\n+++ b/form.yaml\n', '\n-grade: 良\n+grade: 优\n', /总分\s+100\s+99\.50\s+等级\s+优/, '可修正 1 个值'],
  },
  {
    name: 'check --fix-dry-run --lang en: the summary in English, counting the values it cannot rewrite in place',
    args: ['check', '--fix-dry-run', '--lang', 'en'],
    files: { 'form.yaml': FIX_FORM, 'stuck.yaml': { copy: 'test/fixtures/fix/stuck.yaml' } },
    exitCode: 1,
    untouched: true,
    stdout: [
      '--- a/form.yaml',
      'would fix 6 values in 1 form (--fix-dry-run: nothing written); 3 problems left (3 errors, 0 warnings) for a person to look at, 3 of them computed values that cannot be rewritten in place (behind an alias or anchor, or in a block scalar)\n',
    ],
    stdoutNot: ['--- a/stuck.yaml'],
  },
  {
    name: '--fix with --fix-dry-run is refused in one line, exit 2; in English with --lang en',
    args: ['score', '--fix', '--fix-dry-run', '--lang', 'en', 'form.yaml'],
    files: FIX_FILES,
    exitCode: 2,
    oneLine: true,
    untouched: true,
    stderr: ['--fix and --fix-dry-run cannot be used together'],
  },
  {
    name: '--fix with --fix-dry-run is refused in one line, exit 2',
    args: ['check', '--fix', '--fix-dry-run'],
    files: FIX_FILES,
    exitCode: 2,
    oneLine: true,
    untouched: true,
    stderr: ['--fix 与 --fix-dry-run 不能同时使用'],
  },
  {
    name: 'check --help names --fix and --fix-dry-run, and says --fix is not for CI',
    args: ['check', '--help'],
    exitCode: 0,
    stdout: ['--fix ', '--fix-dry-run', '不用于 CI'],
  },
];

// ---------------------------------------------------------------------------------------------------------
// summary --xlsx: the 汇总表 and 问题清单 workbook

/** The .xlsx's sheet `n` (1-based) as XML text, after checking it is a zip with both sheets. */
const xlsxSheet = (bytes: Buffer, n: number): string => {
  const files = unzip(bytes);
  expect([...files.keys()]).toEqual(expect.arrayContaining(['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']));
  return files.get(`xl/worksheets/sheet${n}.xml`)!.toString('utf8');
};

const summaryXlsx: CliCase[] = [
  {
    name: 'summary --xlsx over a folder: summary.xlsx in the working directory, subtotals as number cells, exit 1 on the errors of table 1',
    args: ['summary', 'forms', '--xlsx'],
    files: {
      forms: { dir: true },
      'forms/hunan-2022-business.yaml': { copy: BUSINESS },
      'forms/hunan-2022-operations.yaml': { copy: OPERATIONS },
      'forms/other.yaml': NOT_A_FORM,
    },
    exitCode: 1,
    smoke: true,
    stdout: ['已评分 2 张表 · 4 个错误 · 1 个警告 · 跳过 1 个文件', '已写入 summary.xlsx（2 张表）'],
    written: {
      'summary.xlsx': (bytes) => {
        const sheet = xlsxSheet(bytes, 1);
        // 湖南省信访局's subtotal: 1983.98 + 288 = 2271.98, 1472.51 + 259.49 = 1732, 76.23% as the fraction 0.7623.
        expect(sheet).toMatch(
          /<c r="E6" s="\d+"><v>2271\.98<\/v><\/c><c r="F6" s="\d+"><v>1732<\/v><\/c><c r="G6" s="\d+"><v>0\.7623<\/v><\/c>/,
        );
        expect(xlsxSheet(bytes, 2)).toContain('<autoFilter ref="A1:G6"/>');
      },
      'summary.html': null,
    },
  },
  {
    name: 'summary takes --xlsx from the -o extension, into the folder given',
    args: ['summary', 'hunan-2022-operations.yaml', '-o', 'out/部门 汇总.XLSX'],
    files: { 'hunan-2022-operations.yaml': { copy: OPERATIONS }, out: { dir: true } },
    exitCode: 0,
    stdout: ['已写入 out/部门 汇总.XLSX（1 张表）'],
    written: { 'out/部门 汇总.XLSX': (bytes) => expect(xlsxSheet(bytes, 1)).toContain('<v>259.49</v>') },
  },
  {
    name: 'summary --xlsx refuses to overwrite an existing workbook without --force (exit 2) and leaves it as it was',
    args: ['summary', 'form.yaml', '--xlsx'],
    files: { 'form.yaml': CLEAN_TEXT, 'summary.xlsx': 'keep me' },
    exitCode: 2,
    oneLine: true,
    stderr: [/^evalform: summary\.xlsx 已存在：加 --force 覆盖它/],
    untouched: true,
  },
  {
    name: 'summary --xlsx --force replaces the workbook, and writes nothing else',
    args: ['summary', 'form.yaml', '--xlsx', '--force'],
    files: { 'form.yaml': CLEAN_TEXT, 'summary.xlsx': 'keep me' },
    exitCode: 0,
    written: { 'summary.xlsx': PK },
    listing: ['form.yaml', 'summary.xlsx'],
  },
  {
    name: 'summary --xlsx never writes over an input, even with --force: a workbook name hard-linked to a form',
    args: ['summary', 'form.yaml', '--xlsx', '-o', 'book.xlsx', '--force'],
    files: { 'form.yaml': CLEAN_TEXT, 'book.xlsx': { hardlink: 'form.yaml' } },
    exitCode: 2,
    oneLine: true,
    stderr: [/输出文件 book\.xlsx（即表单 form\.yaml）是输入的表单/],
    untouched: true,
    skip: () => (posix ? undefined : 'hard links'),
  },
  ...(
    [
      ['--html and --xlsx together', ['--html', '--xlsx'], /--html 和 --xlsx 只能选一个：每次写一个文件/],
      ['--xlsx and an .html output', ['--xlsx', '-o', 'page.html'], /page\.html 的扩展名与格式不符：--xlsx 写的文件应以 \.xlsx 结尾/],
      [
        '--html and an .xlsx output',
        ['--html', '-o', 'book.xlsx'],
        /book\.xlsx 的扩展名与格式不符：--html 写的文件应以 \.html 或 \.htm 结尾/,
      ],
      ['an output of neither kind', ['-o', 'book.xls'], /请选择输出格式：--html 或 --xlsx/],
    ] as const
  ).map(
    ([what, options, phrase]): CliCase => ({
      name: `summary with ${what}: exit 2, nothing written`,
      args: ['summary', 'form.yaml', ...options],
      files: { 'form.yaml': CLEAN_TEXT },
      exitCode: 2,
      oneLine: true,
      stderr: [/^evalform: /, phrase],
      stderrNot: ['内部错误'],
      listing: ['form.yaml'],
    }),
  ),
  {
    name: 'summary --help names --xlsx and its default file, and says one output per run',
    args: ['summary', '--help'],
    exitCode: 0,
    stdout: ['--xlsx', '汇总表', '问题清单', 'summary.xlsx', '每次只写一种'],
  },
  {
    name: 'summary --help in English names --xlsx',
    args: ['summary', '--help', '--lang', 'en'],
    exitCode: 0,
    stdout: ['--xlsx', 'write an Excel workbook', 'summary.xlsx', 'per run'],
  },
];

// ---------------------------------------------------------------------------------------------------------
// import: Word files read back into forms; score, check and render of a .docx; positions in every reporter

const IMPORT_DIR = 'test/fixtures/import';
/** The hand-written document.xml as a .docx: its 培训人次 row (表1之1 第9行) states 50 where 45 is due. */
const NESTED_DOCX = Buffer.from(
  zipSync({ 'word/document.xml': strToU8(readFileSync(path.join(ROOT, IMPORT_DIR, 'nested-sdt.document.xml'), 'utf8')) }),
);
const MESSY = { copy: `${IMPORT_DIR}/central-messy.docx` };
const TWO = { copy: `${IMPORT_DIR}/yunnan-two-forms.docx` };
const LETTER = { copy: `${IMPORT_DIR}/letter.docx` };

/** Whether a program is on the PATH of this test run. */
function onPath(name: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir !== '' && existsSync(path.join(dir, name)));
}

const importing: CliCase[] = [
  {
    name: 'import a .docx of one form: the YAML on stdout, with the modeline, stated values and a comment on what was guessed',
    args: ['import', '城建.docx'],
    files: { '城建.docx': MESSY },
    exitCode: 0,
    smoke: true,
    stdout: [
      /^# yaml-language-server: \$schema=.*schemas\/evalform\.schema\.json$/m,
      'evalform: 1',
      'project: 城区道路养护经费',
      'executed: １２６８．４０',
      'weight: 10 # 导入时推测：表中写作“10分”',
      'total: 95.4',
      'grade: 优',
    ],
    check: (r) => expect(evaluate(r.stdout, 'x.yaml').result?.total.toString()).toBe('95.4'),
  },
  {
    name: 'import --out-dir writes one form per table, says where and what to run next',
    args: ['import', 'two.docx', '--out-dir', 'forms'],
    files: { 'two.docx': TWO },
    exitCode: 0,
    stderr: ['已导入 two.docx 表1 → forms/two-表1.yaml', '已导入 two.docx 表2 → forms/two-表2.yaml', '下一步：evalform score'],
    written: {
      'forms/two-表1.yaml': ['$schema=../', 'project: 农村饮水安全巩固提升', 'layout: yunnan'],
      'forms/two-表2.yaml': ['project: 小型水库安全运行'],
    },
  },
  {
    name: 'import of a document with two forms and no --out-dir: one line saying to use it, exit 2',
    args: ['import', 'two.docx'],
    files: { 'two.docx': TWO },
    exitCode: 2,
    oneLine: true,
    stderr: ['有 2 张自评表', '--out-dir'],
  },
  {
    name: 'import -o refuses to overwrite without --force, and overwrites with it',
    args: ['import', 'a.docx', '-o', 'a.yaml'],
    files: { 'a.docx': MESSY, 'a.yaml': 'mine\n' },
    exitCode: 2,
    oneLine: true,
    stderr: ['已存在'],
    written: { 'a.yaml': 'mine\n' },
    check: async (_r, ctx) => {
      const again = await ctx.run(['import', 'a.docx', '-o', 'a.yaml', '--force']);
      expect(again.code).toBe(0);
      expect(readFileSync(path.join(ctx.cwd, 'a.yaml'), 'utf8')).toContain('project: 城区道路养护经费');
    },
  },
  {
    name: 'import of a letter: reported as no 自评表, nothing written, exit 2',
    args: ['import', 'letter.docx', '--out-dir', 'out'],
    files: { 'letter.docx': LETTER },
    exitCode: 2,
    stderr: ['letter.docx 表1：不是项目支出绩效自评表', '没有找到项目支出绩效自评表'],
    written: { out: null },
  },
  {
    name: 'import of a file that is not a Word document: one line, exit 2',
    args: ['import', 'fake.docx'],
    files: { 'fake.docx': 'just text\n' },
    exitCode: 2,
    oneLine: true,
    stderr: ['fake.docx：不是有效的 .docx 文件'],
  },
  {
    name: 'import of a .doc without LibreOffice on the PATH: one line to save as .docx, exit 2',
    args: ['import', 'old.doc'],
    files: { 'old.doc': Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) },
    env: { PATH: '/nonexistent' },
    exitCode: 2,
    oneLine: true,
    stderr: ['old.doc 是 Word 97-2003（.doc）旧格式', '另存为 .docx'],
  },
  {
    name: 'import of a .doc with LibreOffice on the PATH: converted in a temporary folder, then read like the .docx',
    args: ['import', 'old.doc'],
    files: { 'old.doc': { copy: `${IMPORT_DIR}/central-messy.doc` } },
    skip: () => (onPath('soffice') ? undefined : 'LibreOffice (soffice) is not installed'),
    timeout: 120_000,
    exitCode: 0,
    stdout: ['project: 城区道路养护经费', 'total: 95.4'],
    listing: ['old.doc'],
  },
  {
    name: 'score of a .docx: scored in memory, each finding at its table, row and column',
    args: ['score', '申报.docx'],
    files: { '申报.docx': NESTED_DOCX },
    exitCode: 1,
    stdout: [
      '职业技能培训补贴',
      /^\s+表1之1 第9行 得分\s+错误\s.*45\.00.*score-mismatch$/m,
      /^\s+表1之1 第13行 得分\s+错误\s.*total-mismatch$/m,
    ],
  },
  {
    name: 'score of a .docx of two forms: two forms named by their tables',
    args: ['score', 'two.docx'],
    files: { 'two.docx': TWO },
    exitCode: 0,
    stdout: ['two.docx#表1', 'two.docx#表2', '农村饮水安全巩固提升', '小型水库安全运行'],
  },
  {
    name: 'score of a letter .docx: one line, no 自评表, exit 2',
    args: ['score', 'letter.docx'],
    files: { 'letter.docx': LETTER },
    exitCode: 2,
    oneLine: true,
    stderr: ['letter.docx 中没有项目支出绩效自评表'],
  },
  {
    name: 'check with no PATH picks up Word files that hold a 自评表, lists the others as skipped',
    args: ['check'],
    files: { '申报.docx': NESTED_DOCX, 'letter.docx': LETTER, '~$申报.docx': 'lock', 'form.yaml': { copy: OPERATIONS } },
    exitCode: 1,
    stdout: ['申报.docx', /表1之1 第9行 得分\s+错误/, 'letter.docx', '已检查 2 张表'],
    stdoutNot: ['~$'],
  },
  {
    name: 'check --format json of a .docx: the finding names the document and its place',
    args: ['check', '申报.docx', '--format', 'json'],
    files: { '申报.docx': NESTED_DOCX },
    exitCode: 1,
    check: (r) => {
      const findings = (json<{ findings: { code: string; file: string; place?: string }[] }[]>(r)[0]?.findings ?? []).filter(
        (f) => f.code === 'score-mismatch',
      );
      expect(findings).toEqual([expect.objectContaining({ file: '申报.docx', place: '表1之1 第9行 得分' })]);
    },
  },
  {
    name: 'check --format sarif of a .docx: the place as a logical location, no made-up line',
    args: ['check', '申报.docx', '--format', 'sarif'],
    files: { '申报.docx': NESTED_DOCX },
    exitCode: 1,
    check: (r) => {
      type Loc = { physicalLocation: { artifactLocation: { uri: string }; region?: unknown }; logicalLocations?: { name: string }[] };
      const results = json<{ runs: { results: { ruleId: string; message: { text: string }; locations: Loc[] }[] }[] }>(r).runs[0]!.results;
      const hit = results.find((x) => x.ruleId === 'score-mismatch')!;
      expect(hit.message.text).toMatch(/^表1之1 第9行 得分：/);
      expect(hit.locations[0]!.logicalLocations).toEqual([{ name: '表1之1 第9行 得分', kind: 'element' }]);
      expect(hit.locations[0]!.physicalLocation.region).toBeUndefined();
      expect(hit.locations[0]!.physicalLocation.artifactLocation.uri).toMatch(/docx$/);
    },
  },
  {
    name: 'check --format github of a .docx: an annotation on the file, no line, the place in title and message',
    args: ['check', '申报.docx', '--format', 'github'],
    files: { '申报.docx': NESTED_DOCX },
    exitCode: 1,
    stdout: [/^::error file=申报\.docx,title=score-mismatch 表1之1 第9行 得分::表1之1 第9行 得分：/m],
    stdoutNot: [/line=/],
  },
  {
    name: 'check --fix of a .docx: the Word file is never written, its findings stay, its grade is counted',
    args: ['check', '--fix', '申报.docx'],
    files: { '申报.docx': NESTED_DOCX },
    exitCode: 1,
    stdout: [/表1之1 第9行 得分\s+错误/, '已检查 1 张表 · 2 个错误 · 2 个警告 · 优 1', '没有需要修正的计算值'],
    written: { '申报.docx': (bytes) => expect(bytes.equals(NESTED_DOCX)).toBe(true) },
  },
  {
    name: 'summary over a folder with a Word file: its form is a row of the page, its findings at their places',
    args: ['summary', '.', '--html'],
    files: { '申报.docx': NESTED_DOCX, 'a.yaml': { copy: BUSINESS } },
    exitCode: 1,
    stdout: ['已评分 2 张表', '已写入 summary.html（2 张表）'],
    written: { 'summary.html': ['data-file="申报.docx"', '表1之1 第9行 得分', 'data-file="a.yaml"'] },
  },
  {
    name: 'check --format junit of a .docx: the place instead of line and column',
    args: ['check', '申报.docx', '--format', 'junit'],
    files: { '申报.docx': NESTED_DOCX },
    exitCode: 1,
    stdout: [
      /<failure type="score-mismatch,total-mismatch" message="2 个错误[^"]*">[^<]*\n错误 申报\.docx:表1之1 第9行 得分 score-mismatch:/,
    ],
  },
  {
    name: 'render --html of a .docx: the table redrawn beside it from the imported form',
    args: ['render', 'two.docx', '--html'],
    files: { 'two.docx': TWO },
    exitCode: 0,
    written: { 'two.html': ['农村饮水安全巩固提升', '小型水库安全运行'] },
  },
  {
    name: 'import with both -o and --out-dir: one line, exit 2',
    args: ['import', 'a.docx', '-o', 'a.yaml', '--out-dir', 'forms'],
    files: { 'a.docx': MESSY },
    exitCode: 2,
    oneLine: true,
    stderr: ['-o 与 --out-dir 只能用一个'],
    written: { 'a.yaml': null, forms: null },
  },
  {
    name: 'import -o of a document with two forms: one line pointing to --out-dir, nothing written',
    args: ['import', 'two.docx', '-o', 'two.yaml'],
    files: { 'two.docx': TWO },
    exitCode: 2,
    oneLine: true,
    stderr: ['-o 只能写一个文件', '--out-dir'],
    written: { 'two.yaml': null },
  },
  {
    name: 'import -o onto the document itself: refused even with --force, the document kept',
    args: ['import', 'a.docx', '-o', 'a.docx', '--force'],
    files: { 'a.docx': MESSY },
    exitCode: 2,
    oneLine: true,
    stderr: ['是输入的文档'],
    written: { 'a.docx': PK },
  },
  {
    name: 'import of a file that is no document by its name: one line, exit 2',
    args: ['import', 'notes.txt'],
    files: { 'notes.txt': 'x\n' },
    exitCode: 2,
    oneLine: true,
    stderr: ['notes.txt 不是 .docx 或 .xlsx 文件'],
  },
  {
    name: 'import --help is in Chinese',
    args: ['import', '--help'],
    exitCode: 0,
    stdout: ['把 Word（.docx）或 Excel（.xlsx）文件中的每张自评表读成 YAML 表', '--out-dir'],
  },
];

export const CASES: CliCase[] = [
  ...score,
  ...scoreJson,
  ...config,
  ...init,
  ...usage,
  ...language,
  ...check,
  ...render,
  ...outputs,
  ...summary,
  ...fix,
  ...summaryXlsx,
  ...importing,
];

// A name is the case's identity in both runners' reports.
const seen = new Set<string>();
for (const c of CASES) {
  if (seen.has(c.name)) throw new Error(`two cases named ${c.name}`);
  seen.add(c.name);
  if (c.binaryOnly === undefined && (c.shell !== undefined || c.closeStdout))
    throw new Error(`${c.name}: a shell or a closed stdout needs binaryOnly`);
  if (c.isTTY && (c.smoke || c.binaryOnly)) throw new Error(`${c.name}: a spawned binary's stdout is never a terminal`);
}
