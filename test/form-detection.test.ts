// Issue 9, items 4 and 5: `check` recognises a form by what it parses to — a mapping whose `evalform` key is
// present, however the YAML writes it and in any encoding it can tell (FORMAT §6) — and a file whose name is not
// UTF-8 is checked like any other. Before, a file was skipped unless a line began with `evalform:`, so forms in
// JSON, flow style, UTF-16 … passed CI unchecked, and one GBK file name aborted the whole run with ENOENT.
// A corpus in one folder rather than a table of cases; run in-process (test/cli/in-process.ts), as the table is.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runMain } from './cli/in-process.js';
import { ROOT, utf32 } from './helpers.js';

const CLEAN = readFileSync(path.join(ROOT, 'test', 'fixtures', 'bad', 'clean-form.yaml'), 'utf8');
const GBK = readFileSync(path.join(ROOT, 'test', 'fixtures', 'bad', 'gbk.yaml'));
const NO_STACK = /^\s+at\s/m;
let tmp = '';

interface Entry {
  file: string;
  total: number | null;
  findings: { code: string; message: string; line: number; column: number }[];
}

const evalform = (args: string[], cwd: string) => runMain(args, { cwd });

const data = parse(CLEAN) as Record<string, unknown>;
const { evalform: _version, ...rest } = data;
const json = JSON.stringify(data);
/** The clean form's body after its first line, for variants that spell the key differently. */
const body = CLEAN.slice(CLEAN.indexOf('\n') + 1);

/** Files that are forms, each written another way; all must be checked, with the clean form's scores. */
const FORMS: Record<string, string | Buffer> = {
  'json.yaml': JSON.stringify(data, null, 2),
  'json-one-line.yml': json,
  'flow.yaml': `{evalform: 1, ${JSON.stringify(rest).slice(1)}\n`,
  'anchored.yaml': `&v evalform: 1\n${body}`,
  'tagged.yaml': `!!str evalform: 1\n${body}`,
  'explicit-key.yaml': `? evalform\n: 1\n${body}`,
  'quoted-key.yaml': `'evalform': 1\n${body}`,
  'key-last.yaml': `${body}evalform: 1\n`,
  'escaped-key.yaml': `"\\x65valform": 1\n${body}`,
  'unicode-escaped-key.yaml': `"\\u0065val\\u0066orm": 1\n${body}`,
  'bom.yaml': `\uFEFF${CLEAN}`,
};

/** Forms that cannot be read as they are: each must be reported with the finding named, never skipped. */
const BROKEN: Record<string, [string | Buffer, string, string]> = {
  'utf16le-bom.yaml': [Buffer.from(`\uFEFF${CLEAN}`, 'utf16le'), 'encoding', 'UTF-16LE'],
  'utf16le.yaml': [Buffer.from(CLEAN, 'utf16le'), 'encoding', 'UTF-16LE'],
  'utf16be-bom.yaml': [Buffer.from(`\uFEFF${CLEAN}`, 'utf16le').swap16(), 'encoding', 'UTF-16BE'],
  'utf16be.yaml': [Buffer.from(`# 表\n${CLEAN}`, 'utf16le').swap16(), 'encoding', 'UTF-16BE'],
  'utf32le-bom.yaml': [utf32(`\uFEFF${CLEAN}`, true), 'encoding', 'UTF-32LE'],
  'utf32le.yaml': [utf32(CLEAN, true), 'encoding', 'UTF-32LE'],
  'utf32be-bom.yaml': [utf32(`\uFEFF${CLEAN}`, false), 'encoding', 'UTF-32BE'],
  'utf32be.yaml': [utf32(CLEAN, false), 'encoding', 'UTF-32BE'],
  'gbk.yaml': [GBK, 'encoding', 'GBK'],
  'broken-yaml.yaml': [`${CLEAN}year: [2022\n`, 'yaml-syntax', 'YAML'],
  'json-broken.yaml': [json.slice(0, -1), 'yaml-syntax', 'YAML'],
  'binary-key.yaml': [`? !!binary ZXZhbGZvcm0=\n: 1\n${body}`, 'schema', '!!binary'],
};

/** YAML files that are not forms: listed as skipped. */
const OTHERS: Record<string, string | Buffer> = {
  'nested.yaml': 'reviewers:\n  - name: 张三\n    evalform: 1\n',
  'comment.yaml': '# evalform: 1\nname: 清单\n',
  'list.yaml': '- evalform: 1\n',
  'scalar.yaml': 'evalform\n',
  'empty.yaml': '',
  'ci.yml': 'on: push\njobs:\n  check:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npx evalform check\n',
  'broken-other.yaml': 'name: [清单\n',
  'windows-path.yaml': 'path: "C:\\\\forms\\\\2022"\n',
  'gbk-other.yaml': Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3a, 0x20, 0xc7, 0xe5, 0xb5, 0xa5, 0x0a]),
  'utf16-other.yaml': Buffer.from('\uFEFFname: 清单\n', 'utf16le'),
};

let dir = '';
let report: Entry[] = [];
let stylish = '';
let clean: Entry;

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), 'evalform-detect-'));
  dir = path.join(tmp, 'repo');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'clean.yaml'), CLEAN);
  for (const [name, content] of Object.entries(FORMS)) writeFileSync(path.join(dir, name), content);
  for (const [name, [content]] of Object.entries(BROKEN)) writeFileSync(path.join(dir, name), content);
  for (const [name, content] of Object.entries(OTHERS)) writeFileSync(path.join(dir, name), content);
  const json = await evalform(['check', '--format', 'json'], dir);
  expect(json.stderr).not.toMatch(NO_STACK);
  report = JSON.parse(json.stdout) as Entry[];
  stylish = (await evalform(['check'], dir)).stdout;
  clean = report.find((e) => e.file === 'clean.yaml') as Entry;
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('check recognises a form by its parsed content', () => {
  it.each(Object.keys(FORMS))('%s is checked, and scores as the block-style form does', (name) => {
    const entry = report.find((e) => e.file === name);
    expect(entry, `${name} was not checked`).toBeDefined();
    expect(entry?.total).toBe(clean.total);
    expect(entry?.findings.map((f) => f.code)).toEqual(clean.findings.map((f) => f.code));
  });

  it.each(Object.entries(BROKEN).map(([name, [, code, phrase]]) => [name, code, phrase]))(
    '%s is reported (%s, naming %s), not skipped',
    (name, code, phrase) => {
      const entry = report.find((e) => e.file === name);
      expect(entry, `${name} was not reported`).toBeDefined();
      expect(entry?.findings[0]?.code).toBe(code);
      expect(entry?.findings.map((f) => f.message).join('\n')).toContain(phrase);
    },
  );

  it('lists every other YAML file as skipped, and only those', () => {
    const skipped = stylish
      .slice(stylish.indexOf('跳过'))
      .split('\n')
      .slice(1)
      .map((l) => l.trim())
      .filter((l) => /\.ya?ml$/.test(l));
    expect(skipped.sort()).toEqual(Object.keys(OTHERS).sort());
    expect(report.map((e) => e.file).sort()).toEqual(['clean.yaml', ...Object.keys(FORMS), ...Object.keys(BROKEN)].sort());
  });

  it('gives each form the findings `score` gives it alone', async () => {
    for (const name of [...Object.keys(FORMS), ...Object.keys(BROKEN)]) {
      const alone = JSON.parse((await evalform(['score', '--format', 'json', name], dir)).stdout) as Entry;
      const entry = report.find((e) => e.file === name) as Entry;
      expect(entry.findings, name).toEqual(alone.findings);
    }
  });
});

describe('a file name that is not UTF-8', () => {
  // 中 and 表 in GBK, as unzip leaves a name from a Windows archive.
  const ZHONG = [0xd6, 0xd0];
  const BIAO = [0xb1, 0xed];
  const bytes = (...parts: (string | number[])[]) =>
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))));

  it.skipIf(process.platform === 'win32')(
    'is checked, shown with its bytes escaped, and the other forms go on; a folder so named still finds its rules',
    async () => {
      const root = path.join(tmp, 'names');
      mkdirSync(root);
      writeFileSync(path.join(root, 'a.yaml'), CLEAN);
      // A form with a finding, under a name that is not UTF-8.
      writeFileSync(bytes(root, '/', ZHONG, '.yaml'), CLEAN.replace('total: 99.5', 'total: 98'));
      writeFileSync(path.join(root, 'z.yaml'), CLEAN);
      // A folder named in GBK, holding the same faulty form and rules that turn its finding off.
      const folder = bytes(root, '/', BIAO, '-2022');
      mkdirSync(folder);
      writeFileSync(Buffer.concat([folder, Buffer.from('/form.yaml')]), CLEAN.replace('total: 99.5', 'total: 98'));
      writeFileSync(Buffer.concat([folder, Buffer.from('/evalform.config.yaml')]), 'severity: {total-mismatch: "off"}\n');

      const r = await evalform(['check', '--format', 'json'], root);
      expect(r.stderr).not.toMatch(NO_STACK);
      // The JSON on stdout, the summary line alone on stderr.
      expect(r.stderr).toBe('已检查 4 张表 · 1 个错误 · 0 个警告 · 优 4 · 良 0 · 中 0 · 差 0\n');
      const entries = JSON.parse(r.stdout) as Entry[];
      // Sorted by name as decoded, where a byte that is not UTF-8 reads as U+FFFD.
      expect(entries.map((e) => e.file)).toEqual(['a.yaml', 'z.yaml', '\\xB1\\xED-2022/form.yaml', '\\xD6\\xD0.yaml']);
      expect(entries.map((e) => e.findings.map((f) => f.code))).toEqual([[], [], [], ['total-mismatch']]);

      const text = await evalform(['check'], root);
      expect(text.code).toBe(1);
      expect(text.stdout).toContain('\\xD6\\xD0.yaml');
      expect(text.stdout).toContain('已检查 4 张表');
    },
  );
});
