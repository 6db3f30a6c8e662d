// Reading back what `render` wrote: a zip reader on node:zlib and the tables of word/document.xml.
import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { findAll, parseXml, type XmlElement } from './helpers/xml.js';

/** The files of a zip archive by name, read through its central directory. */
export function unzip(zip: Uint8Array): Map<string, Buffer> {
  const buf = Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + compressed);
    files.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return files;
}

export interface DocxCell {
  /** Paragraphs joined with '\n'. */
  text: string;
  gridSpan: number;
  vMerge?: 'restart' | 'continue';
  /** w:tcW in twips, with its type. */
  width: { w: number; type: string };
}

export interface DocxTable {
  gridCols: number[];
  tableWidth: { w: number; type: string };
  rows: { cells: DocxCell[]; header: boolean; cantSplit: boolean }[];
}

function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

function paragraphText(p: XmlElement): string {
  return findAll(p, 'w:t')
    .map((t) => t.text)
    .join('');
}

function readCell(tc: XmlElement): DocxCell {
  const pr = child(tc, 'w:tcPr');
  const tcW = pr && child(pr, 'w:tcW');
  const vMerge = pr && child(pr, 'w:vMerge');
  const span = pr && child(pr, 'w:gridSpan');
  return {
    text: tc.children
      .filter((c) => c.name === 'w:p')
      .map(paragraphText)
      .join('\n'),
    gridSpan: span ? Number(span.attrs['w:val']) : 1,
    ...(vMerge ? { vMerge: (vMerge.attrs['w:val'] ?? 'continue') as 'restart' | 'continue' } : {}),
    width: { w: Number(tcW?.attrs['w:w'] ?? NaN), type: tcW?.attrs['w:type'] ?? '' },
  };
}

export function documentXml(docx: Uint8Array): XmlElement {
  const xml = unzip(docx).get('word/document.xml');
  if (!xml) throw new Error('no word/document.xml');
  return parseXml(xml.toString('utf8'));
}

function readTable(tbl: XmlElement): DocxTable {
  const pr = child(tbl, 'w:tblPr');
  const tblW = pr && child(pr, 'w:tblW');
  return {
    gridCols: findAll(child(tbl, 'w:tblGrid')!, 'w:gridCol').map((g) => Number(g.attrs['w:w'])),
    tableWidth: { w: Number(tblW?.attrs['w:w']), type: tblW?.attrs['w:type'] ?? '' },
    rows: tbl.children
      .filter((c) => c.name === 'w:tr')
      .map((tr) => {
        const trPr = child(tr, 'w:trPr');
        return {
          cells: tr.children.filter((c) => c.name === 'w:tc').map(readCell),
          header: Boolean(trPr && child(trPr, 'w:tblHeader')),
          cantSplit: Boolean(trPr && child(trPr, 'w:cantSplit')),
        };
      }),
  };
}

/** The tables of the document as printed on one page each, in order (a form of three pages gives three). */
export function docxPageTables(docx: Uint8Array): DocxTable[] {
  return findAll(documentXml(docx), 'w:tbl').map(readTable);
}

/** One table per form: a form's page tables (separated only by empty paragraphs) joined, without the rows a
 * later page repeats (the 项目支出名称 row, and the column header once it has been seen). */
export function docxTables(docx: Uint8Array): DocxTable[] {
  const body = findAll(documentXml(docx), 'w:body')[0]!;
  const out: DocxTable[] = [];
  let joined = false;
  for (const el of body.children) {
    if (el.name === 'w:p') {
      if (paragraphText(el) !== '') joined = false;
      continue;
    }
    if (el.name !== 'w:tbl') continue;
    const t = readTable(el);
    const prev = out[out.length - 1];
    if (joined && prev) {
      const seen = new Set(prev.rows.map((r) => JSON.stringify(r.cells.map((c) => c.text))));
      prev.rows.push(...t.rows.filter((r) => !(r.header && seen.has(JSON.stringify(r.cells.map((c) => c.text))))));
    } else {
      out.push(t);
    }
    joined = true;
  }
  return out;
}

/** Every cell text of a table, row by row. */
export function texts(t: DocxTable): string[][] {
  return t.rows.map((r) => r.cells.map((c) => c.text));
}

/** The cell covering grid column `col` in a row. */
export function cellAt(row: { cells: DocxCell[] }, col: number): DocxCell | undefined {
  let at = 0;
  for (const c of row.cells) {
    if (col < at + c.gridSpan) return c;
    at += c.gridSpan;
  }
  return undefined;
}

// One fake Io for every in-process run, with the environment a spawned binary gets.
export { fakeIo, type FakeIo } from './cli/in-process.js';

// Printing through the real tools: LibreOffice for the .docx, Chromium for the HTML page, poppler to read the PDF.
const found = (cmd: string, args: string[]): boolean => spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000 }).error === undefined;
let chromium: string | undefined;
let tools: { soffice: boolean; calc: boolean; chromium: boolean; poppler: boolean } | undefined;

/** Which of the printing tools this machine has (looked up once, when a test first asks). `calc`: LibreOffice with
 * its spreadsheet part (libreoffice-calc), without which it cannot open an .xlsx. */
export function printTools(): { soffice: boolean; calc: boolean; chromium: boolean; poppler: boolean } {
  if (!tools) {
    chromium = ['chromium', 'chromium-browser', 'google-chrome'].find((c) => found(c, ['--version']));
    const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8', timeout: 60_000 }).status === 0;
    tools = {
      soffice,
      calc: soffice && hasCalc(),
      chromium: chromium !== undefined,
      poppler: found('pdfinfo', ['-v']) && found('pdftotext', ['-v']),
    };
  }
  return tools;
}

/** Whether the soffice on the PATH has Calc's library beside it. */
function hasCalc(): boolean {
  const soffice = (process.env.PATH ?? '')
    .split(path.delimiter)
    .map((d) => path.join(d, 'soffice'))
    .find((f) => existsSync(f));
  if (!soffice) return false;
  const program = path.dirname(realpathSync(soffice));
  return existsSync(path.join(program, 'libsclo.so')) || existsSync(path.join(program, 'sclo.dll'));
}

/** Converts a .docx to PDF with LibreOffice, in a profile of its own (a LibreOffice the user has open does not take
 * the job); returns the PDF's path. */
export function docxToPdf(docx: Uint8Array, dir: string, name: string): string {
  const file = path.join(dir, `${name}.docx`);
  writeFileSync(file, docx);
  const profile = `file://${path.join(dir, 'profile')}`;
  const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, file], {
    encoding: 'utf8',
    timeout: 180_000,
  });
  if (r.status !== 0) throw new Error(`soffice failed: ${r.stderr}`);
  return path.join(dir, `${name}.pdf`);
}

/** Prints an HTML page to PDF with Chromium, as the README tells users to (no header or footer). */
export function htmlToPdf(html: string, dir: string, name: string): string {
  const file = path.join(dir, `${name}.html`);
  writeFileSync(file, html);
  const pdf = path.join(dir, `${name}-html.pdf`);
  printTools();
  const r = spawnSync(
    chromium!,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
      `--user-data-dir=${path.join(dir, 'chromium')}`,
      '--no-pdf-header-footer',
      `--print-to-pdf=${pdf}`,
      `file://${file}`,
    ],
    { encoding: 'utf8', timeout: 180_000 },
  );
  if (r.status !== 0) throw new Error(`chromium failed: ${r.stderr}`);
  return pdf;
}

/** The PDF's number of pages and its page size in points. */
export function pdfInfo(pdf: string): { pages: number; size: string } {
  const out = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]), size: /^Page size:\s+(.*)$/m.exec(out)?.[1] ?? '' };
}

/** The text of page n (1-based) of a PDF, in reading order. */
export function pdfPageText(pdf: string, n: number): string {
  return spawnSync('pdftotext', ['-f', String(n), '-l', String(n), pdf, '-'], { encoding: 'utf8' }).stdout;
}
