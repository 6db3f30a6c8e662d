// Issue 9, output half: no character a form can carry makes a .docx, a JUnit report or an HTML page unreadable.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';
import type { ScoreResult } from '../src/model/types.js';
import { renderDocx } from '../src/render/docx.js';
import { renderHtml } from '../src/render/html.js';
import { tableView } from '../src/render/view.js';
import { json } from '../src/report/json.js';
import { junit } from '../src/report/junit.js';
import { sarif } from '../src/report/sarif.js';
import { documentText } from '../src/xml.js';
import { ensureBuilt, evalformSync } from './cli/spawn.js';
import { example, ROOT } from './helpers.js';
import { finding, scored } from './helpers/hand-made.js';
import { C1_AND_DEL, rewriteTexts, XML_FORBIDDEN } from './helpers/hostile.js';
import { findAll, forbiddenXmlChar, parseXml } from './helpers/xml.js';
import { docxTables, unzip } from './render-helpers.js';

const TEMPLATE = readFileSync(path.join(ROOT, 'templates', 'table.hbs'), 'utf8');

function seed(): ScoreResult {
  const ev = evaluate(example('hunan-2022-business.yaml'), 'hunan-2022-business.yaml');
  if (!ev.result) throw new Error('the seed was not scored');
  return ev.result;
}

/** Every field holds its own name around the character: `project<c>中<c>`; stripped, it reads `project中`. */
const around = (c: string) => (_: string, field: string) => `${field}${c}中${c}`;

/** Parses every XML part of a .docx with the strict reader; returns the parts by name. */
function xmlParts(docx: Uint8Array): Map<string, string> {
  const parts = new Map<string, string>();
  for (const [name, bytes] of unzip(docx)) {
    if (!/\.(xml|rels)$/.test(name)) continue;
    const text = bytes.toString('utf8');
    expect(() => parseXml(text), name).not.toThrow();
    parts.set(name, text);
  }
  expect([...parts.keys()]).toEqual(expect.arrayContaining(['word/document.xml', 'docProps/core.xml', '[Content_Types].xml']));
  return parts;
}

/** The text of every paragraph of word/document.xml, in order. */
function paragraphs(docx: Uint8Array): string[] {
  const doc = parseXml(unzip(docx).get('word/document.xml')!.toString('utf8'));
  return findAll(doc, 'w:p').map((p) =>
    findAll(p, 'w:t')
      .map((t) => t.text)
      .join(''),
  );
}

describe('documentText', () => {
  it('drops every character XML 1.0 forbids, and DEL and the C1 controls, keeping tab, line breaks and pairs', () => {
    for (const c of [...Object.values(XML_FORBIDDEN), ...Object.values(C1_AND_DEL)]) expect(documentText(`a${c}b`)).toBe('ab');
    expect(documentText('a\tb\nc\r\nd')).toBe('a\tb\nc\r\nd');
    expect(documentText('业务😀\u00a0≥95%')).toBe('业务😀\u00a0≥95%');
    expect(documentText('\udc00\ud83d\ude00\ud800')).toBe('😀');
  });
});

describe('render --docx with characters XML forbids in every field', () => {
  for (const [name, c] of Object.entries(XML_FORBIDDEN)) {
    it(`${name}: every part is well-formed XML and each field prints without the character`, async () => {
      const r = rewriteTexts(seed(), around(c));
      const docx = await renderDocx([tableView(r)]);
      const parts = xmlParts(docx);
      const cells = docxTables(docx)[0]!.rows.flatMap((row) => row.cells.map((cell) => cell.text));
      for (const field of [
        'project',
        'department',
        'implementer',
        'goals.expected',
        'goals.actual',
        'indicators.0.name',
        'indicators.0.target',
        'indicators.0.actual',
        'indicators.8.deviation',
      ]) {
        expect(cells, field).toContain(`${field}中`);
      }
      expect(cells).toContain('等级：grade中');
      const paras = paragraphs(docx);
      expect(paras).toContain('备注：note中');
      // The signoff fields, each whole on one of the signoff lines.
      const signoff = paras.filter((p) => p.startsWith('填表人：') || p.startsWith('单位负责人签字：') || p.includes('联系电话：'));
      for (const f of [
        '填表人：signoff.preparer中',
        '填报日期：signoff.date中',
        '联系电话：signoff.phone中',
        '单位负责人签字：signoff.head中',
      ])
        expect(
          signoff.some((p) => p.split(/　+/).includes(f)),
          f,
        ).toBe(true);
      const title = findAll(parseXml(parts.get('docProps/core.xml')!), 'dc:title')[0]!.text;
      expect(title).toBe('2022年度项目支出绩效自评表：project中');
    });
  }

  it('any line end in a field starts a new paragraph: no raw CR is left in a run', async () => {
    const r = rewriteTexts(seed(), (text, field) => (field === 'project' ? '第一行\r第二行\r\n第三行' : text));
    const docx = await renderDocx([tableView(r)]);
    expect(docxTables(docx)[0]!.rows[0]!.cells[1]!.text).toBe('第一行\n第二行\n第三行');
    expect(unzip(docx).get('word/document.xml')!.toString('utf8')).not.toContain('\r');
  });

  it('several forms in one document, one character each, stay well-formed', async () => {
    const views = Object.values(XML_FORBIDDEN).map((c) => tableView(rewriteTexts(seed(), around(c))));
    xmlParts(await renderDocx(views));
  });
});

describe('render --html with characters XML forbids, DEL and C1 controls', () => {
  it('prints each field without them; nothing else of the page changes', () => {
    const all = { ...XML_FORBIDDEN, ...C1_AND_DEL };
    for (const [name, c] of Object.entries(all)) {
      const page = renderHtml([tableView(rewriteTexts(seed(), around(c)))], TEMPLATE);
      expect(forbiddenXmlChar(page), name).toBeUndefined();
      expect(page, name).not.toMatch(/[\u007f-\u009f]/);
      for (const field of [
        'project',
        'department',
        'implementer',
        'goals.expected',
        'indicators.0.target',
        'indicators.3.deviation',
        'note',
        'signoff.head',
      ]) {
        expect(page, `${name} ${field}`).toContain(`${field}中`);
      }
    }
  });

  it('reports a broken user template without passing its control characters to the terminal', () => {
    expect(() => renderHtml([], '{{#each forms}}\u001b[2J{{/if}}', 'evil\u001b]0;t\u0007.hbs')).toThrow(
      /^evil\\u001B\]0;t\\u0007\.hbs: [^\u001b]*$/,
    );
  });

  it('gives a user template the cleaned text too', () => {
    const page = renderHtml(
      [tableView(rewriteTexts(seed(), around('\ufffe')))],
      '{{#each forms}}[{{project}}|{{department}}|{{note}}]{{/each}}',
    );
    expect(page).toBe('[project中|department中|note中]');
  });
});

describe('junit, json and sarif with those characters in messages, projects and file names', () => {
  const all = { ...XML_FORBIDDEN, ...C1_AND_DEL };
  const evals = Object.entries(all).map(([name, c], i) => {
    const file = `/repo/forms/f${i}${c}.yaml`;
    return scored(file, {
      project: `项目${c}${i}`,
      total: '90',
      grade: '优',
      findings: [finding(file, 'grade-mismatch', 1, 1, `等级应为“优”，表中为“${c}${name}”`)],
    });
  });
  const ctx = { cwd: '/repo', version: '1' };

  it('junit is well-formed XML with the characters dropped', () => {
    const out = junit(evals, ctx);
    const doc = parseXml(out);
    const names = findAll(doc, 'testcase').map((t) => t.attrs.name);
    expect(names).toHaveLength(evals.length);
    for (const n of names) expect(forbiddenXmlChar(n!)).toBeUndefined();
  });

  it('json and sarif keep the exact text, every control written as a JSON escape', () => {
    for (const out of [json(evals, ctx), sarif(evals, ctx)]) {
      expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufffe\uffff\u2028\u2029]/);
      expect(forbiddenXmlChar(out.replaceAll('\n', ' '))).toBeUndefined();
    }
    const parsed = JSON.parse(json(evals, ctx)) as { project: string; findings: { message: string; file: string }[] }[];
    expect(parsed.map((p) => p.project)).toEqual(evals.map((ev) => ev.result!.form.project));
    expect(parsed.map((p) => p.findings[0]!.message)).toEqual(evals.map((ev) => ev.findings[0]!.message));
    const log = JSON.parse(sarif(evals, ctx)) as { runs: { results: { message: { text: string } }[] }[] };
    expect(log.runs[0]!.results.map((r) => r.message.text)).toEqual(evals.map((ev) => ev.findings[0]!.message));
  });
});

const hasSoffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;
const hasPdftotext = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' }).error === undefined;

describe('the real binary: render a form whose fields hold YAML escapes of forbidden characters', () => {
  let dir = '';
  beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(path.join(tmpdir(), 'evalform-xml-'));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Every field that a document prints, each with every forbidden character as a YAML escape.
  const BAD = '\\x01\\b\\v\\f\\e\\x1F\\uFFFE\\uFFFF\\uD800.\\uDC00\\x7F\\x85\\x9B';
  const form = example('hunan-2022-business.yaml')
    .replace(/^project: .*$/m, `project: "业务${BAD}工作经费"`)
    .replace(/^department: .*$/m, `department: "湖南省${BAD}信访局"`)
    .replace(/^( +)- target: .*$/m, `$1- target: "目标${BAD}值"`)
    .replace(/^( +)deviation: .*$/m, `$1deviation: "偏差${BAD}原因"`)
    .replace(/^( +)expected: [|>].*\n.*$/m, `$1expected: "预期${BAD}目标"`)
    .replace(/^( +)preparer: .*$/m, `$1preparer: "范${BAD}建平"`)
    .replace(/^note: .*$/m, `note: "备${BAD}注"`);

  it('writes a document whose every part is well-formed, or writes nothing; never a corrupt file', () => {
    expect(form).toContain(`project: "业务${BAD}工作经费"`);
    expect(form).toContain(`preparer: "范${BAD}建平"`);
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(file, form);
    const out = path.join(dir, 'bad.docx');
    const r = evalformSync(['render', file, '--docx', '-o', out]);
    expect(r.code, r.stderr).not.toBe(2);
    expect(r.stderr).not.toMatch(/内部错误/);
    if (!existsSync(out)) {
      expect(r.code).toBe(1);
      return;
    }
    const docx = readFileSync(out);
    xmlParts(docx);
    expect(docxTables(docx)[0]!.rows[0]!.cells[1]!.text).toBe('业务.工作经费');
  });

  const skipped = hasSoffice ? '' : ' (skipped: LibreOffice is not installed; .ci/run installs it)';
  it.skipIf(!hasSoffice)(
    `LibreOffice opens a document holding every such character in every field${skipped}`,
    async () => {
      const views = Object.values({ ...XML_FORBIDDEN, ...C1_AND_DEL }).map((c) => tableView(rewriteTexts(seed(), around(c))));
      const work = path.join(dir, 'soffice');
      mkdirSync(work, { recursive: true });
      const docx = path.join(work, 'hostile.docx');
      writeFileSync(docx, await renderDocx(views));
      const profile = `file://${path.join(work, 'profile')}`;
      const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', work, docx], {
        encoding: 'utf8',
        timeout: 120_000,
      });
      // LibreOffice exits 0 even when it cannot load the file ("source file could not be loaded"): the PDF is the proof.
      expect(r.stderr).not.toMatch(/could not be loaded/);
      const pdf = path.join(work, 'hostile.pdf');
      expect(existsSync(pdf), r.stderr).toBe(true);
      if (!hasPdftotext) return;
      // pdftotext puts a space between Latin and CJK text.
      const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, '');
      for (const s of ['project中', 'department中', '97.42']) expect(text).toContain(s);
    },
    150_000,
  );
});
