// A small .xlsx writer on fflate: sheets of cells (text or exact numbers) with styles, merges, column widths, row
// heights, frozen panes, print titles and A4 page setup. Values only, no formulas. The official table
// (src/render/xlsx.ts) and any other sheet evalform writes (a department summary) go through it.
//
//   writeWorkbook({ sheets: [{ name: '汇总', cells: [{ row: 0, col: 0, text: '项目' }, { row: 0, col: 1, number: '12.50',
//     style: { numFmt: '0.00', border: true } }], columns: [20, 10], printTitleRows: { first: 0, last: 0 } }] })
//
// Numbers are written as the decimal text given (the `<v>` is that text, never a binary float's), so 0.09 stays
// 0.09; the style's number format says how it is shown. Every text goes through src/xml.ts: characters no
// document may hold are dropped. Output is byte-identical for the same input (fixed zip dates).
// fflate's build without Node's worker_threads: only zipSync is used, and the bundle imports no bare Node module.
import { zipSync } from 'fflate/browser';
import { documentText, xmlEscape } from '../xml.js';

export interface CellStyle {
  /** Font name, size in points, bold; the workbook's default font where not given. */
  font?: { name?: string; size?: number; bold?: boolean };
  horizontal?: 'left' | 'center' | 'right' | 'justify';
  vertical?: 'top' | 'center' | 'bottom';
  wrap?: boolean;
  /** A thin black border on all four sides. */
  border?: boolean;
  /** A number format code ('0.00', '0.00%', '#,##0.00', 'yyyy-mm-dd'); General when not given. */
  numFmt?: string;
}

/** One cell, 0-based; exactly one of `text` and `number` (neither: an empty, styled cell). A text longer than
 * MAX_CELL_TEXT is cut there: past it Excel refuses the whole file. */
export interface SheetCell {
  row: number;
  col: number;
  text?: string;
  /** An exact decimal as text ('1234.5', '-0.0125', '3E-7'); written as stored, shown through `style.numFmt`. */
  number?: string;
  style?: CellStyle;
}

/** A merged range from (row, col), `rows` × `cols` cells; the covered cells take the top-left cell's style, so
 * borders run round the whole range in every reader. */
export interface SheetMerge {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface SheetSpec {
  /** Made valid for Excel (no []:*?/\, at most 31 characters, unique in the workbook) by writeWorkbook. */
  name: string;
  cells: SheetCell[];
  merges?: SheetMerge[];
  /** Column widths in Excel's units (characters of the default font's digits), from column A. */
  columns?: number[];
  /** Row heights in points by 0-based row; rows not given keep the default height. */
  rowHeights?: (number | undefined)[];
  /** Rows and columns kept in view when scrolling. */
  freeze?: { rows: number; cols: number };
  /** Rows repeated at the top of every printed page, 0-based, inclusive. */
  printTitleRows?: { first: number; last: number };
  /** Print setup: A4, portrait unless landscape, scaled to one page wide (as many pages tall as needed). */
  page?: {
    landscape?: boolean;
    fitToWidth?: boolean;
    centered?: boolean;
    /** Margins in centimetres. */
    margins?: { left: number; right: number; top: number; bottom: number; header: number; footer: number };
    /** The printed page footer in Excel's header/footer codes, e.g. '&C第 &P 页，共 &N 页'. */
    footer?: string;
  };
  /** Draw the sheet's grid lines on screen (default true); a form drawn with borders looks like paper without them. */
  gridLines?: boolean;
  /** Filter buttons on the range's first row (its header); the range runs down over the rows they filter. */
  autoFilter?: SheetMerge;
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  /** docProps/core.xml's title. */
  title?: string;
  /** Creation date in the properties and the zip entries; fixed for reproducible output (default 2000-01-01). */
  date?: Date;
  /** The workbook's default font (column widths are measured in its digits); 宋体 11 pt when not given. */
  defaultFont?: { name: string; size: number };
}

const NUMBER = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Names Excel accepts for a sheet: forbidden characters replaced, 31 characters at most, unique (case-insensitive). */
export function sheetNames(wanted: readonly string[]): string[] {
  const used = new Set<string>();
  return wanted.map((w, i) => {
    let base = [
      ...documentText(w)
        .replace(/[[\]:*?/\\\r\n\t]/g, '_')
        .replace(/^'+|'+$/g, ''),
    ]
      .slice(0, 31)
      .join('')
      .trim();
    if (base === '' || base.toLowerCase() === 'history') base = `Sheet${i + 1}`;
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) {
      const suffix = `(${n})`;
      name = [...base].slice(0, 31 - suffix.length).join('') + suffix;
    }
    used.add(name.toLowerCase());
    return name;
  });
}

/** 0 → 'A', 26 → 'AA'. */
function letters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const ref = (row: number, col: number): string => `${letters(col)}${row + 1}`;
const rangeRef = (m: SheetMerge): string => `${ref(m.row, m.col)}:${ref(m.row + m.rows - 1, m.col + m.cols - 1)}`;
/** A range as a defined name gives it: $A$1:$F$9. */
const absoluteRef = (m: SheetMerge): string => `$${letters(m.col)}$${m.row + 1}:$${letters(m.col + m.cols - 1)}$${m.row + m.rows}`;

/** Text for a `<t>`: line ends as LF, and text that reads as an OOXML escape (_x000D_) escaped itself. */
function cellText(text: string): string {
  return xmlEscape(text.replace(/\r\n?/g, '\n').replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1'));
}

/** Excel opens no file with a cell of more than 32,767 characters (it offers to repair it and drops the text). */
export const MAX_CELL_TEXT = 32767;

/** A text cut to what a cell holds, never inside a surrogate pair. */
function fitCell(text: string): string {
  if (text.length <= MAX_CELL_TEXT) return text;
  const cut = text.slice(0, MAX_CELL_TEXT);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

const BUILTIN_FORMATS: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10 };

class StyleTable {
  fonts: string[] = [];
  formats = new Map<string, number>();
  xfs: string[] = [];
  private byKey = new Map<string, number>();
  private defaultFont: { name: string; size: number };

  constructor(defaultFont: { name: string; size: number }) {
    this.font({ name: defaultFont.name, size: defaultFont.size });
    this.xfs.push('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>');
    this.byKey.set('{}', 0);
    this.defaultFont = defaultFont;
  }

  private font(f: { name: string; size: number; bold?: boolean }): number {
    const xml = `<font>${f.bold ? '<b/>' : ''}<sz val="${f.size}"/><name val="${xmlEscape(f.name)}"/><charset val="134"/></font>`;
    let i = this.fonts.indexOf(xml);
    if (i < 0) i = this.fonts.push(xml) - 1;
    return i;
  }

  private format(code: string): number {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    let id = this.formats.get(code);
    if (id === undefined) {
      id = 164 + this.formats.size;
      this.formats.set(code, id);
    }
    return id;
  }

  /** The cellXfs index of a style. */
  index(style: CellStyle | undefined): number {
    const key = JSON.stringify(style ?? {});
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const s = style ?? {};
    const fontId = this.font({
      name: s.font?.name ?? this.defaultFont.name,
      size: s.font?.size ?? this.defaultFont.size,
      bold: s.font?.bold ?? false,
    });
    const numFmtId = this.format(s.numFmt ?? 'General');
    const align =
      s.horizontal || s.vertical || s.wrap
        ? `<alignment${s.horizontal ? ` horizontal="${s.horizontal}"` : ''}${s.vertical ? ` vertical="${s.vertical}"` : ''}${s.wrap ? ' wrapText="1"' : ''}/>`
        : '';
    const attrs =
      `numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="${s.border ? 1 : 0}" xfId="0"` +
      `${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${s.border ? ' applyBorder="1"' : ''}${align ? ' applyAlignment="1"' : ''}`;
    const i = this.xfs.push(align ? `<xf ${attrs}>${align}</xf>` : `<xf ${attrs}/>`) - 1;
    this.byKey.set(key, i);
    return i;
  }

  xml(): string {
    const side = (n: string): string => `<${n} style="thin"><color rgb="FF000000"/></${n}>`;
    const numFmts =
      this.formats.size === 0
        ? ''
        : `<numFmts count="${this.formats.size}">${[...this.formats]
            .map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlEscape(code)}"/>`)
            .join('')}</numFmts>`;
    return (
      `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">${numFmts}` +
      `<fonts count="${this.fonts.length}">${this.fonts.join('')}</fonts>` +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border>${side('left')}${side('right')}${side('top')}${side('bottom')}<diagonal/></border></borders>` +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${this.xfs.length}">${this.xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>'
    );
  }
}

class StringTable {
  list: string[] = [];
  private index = new Map<string, number>();
  count = 0;

  add(text: string): number {
    this.count++;
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.list.push(text) - 1;
      this.index.set(text, i);
    }
    return i;
  }

  xml(): string {
    const items = this.list.map((t) => `<si><t xml:space="preserve">${cellText(t)}</t></si>`).join('');
    return `${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.list.length}">${items}</sst>`;
  }
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

const inches = (cm: number): string => (cm / 2.54).toFixed(3).replace(/\.?0+$/, '');

function sheetXml(s: SheetSpec, styles: StyleTable, strings: StringTable): string {
  // Merged ranges: the covered cells are written empty with the top-left cell's style.
  const byPos = new Map<string, SheetCell>();
  for (const c of s.cells) {
    if (c.row < 0 || c.col < 0 || !Number.isInteger(c.row) || !Number.isInteger(c.col))
      throw new RangeError(`bad cell position ${c.row},${c.col}`);
    if (c.number !== undefined && !NUMBER.test(c.number)) throw new RangeError(`not a decimal number: ${c.number}`);
    byPos.set(`${c.row},${c.col}`, c);
  }
  for (const m of s.merges ?? []) {
    const anchor = byPos.get(`${m.row},${m.col}`);
    for (let r = m.row; r < m.row + m.rows; r++) {
      for (let c = m.col; c < m.col + m.cols; c++) {
        if (r === m.row && c === m.col) continue;
        byPos.set(`${r},${c}`, { row: r, col: c, ...(anchor?.style ? { style: anchor.style } : {}) });
      }
    }
  }
  const rows = new Map<number, SheetCell[]>();
  for (const c of byPos.values()) {
    const line = rows.get(c.row) ?? [];
    rows.set(c.row, line);
    line.push(c);
  }
  const heights = s.rowHeights ?? [];
  const rowNumbers = new Set<number>([...rows.keys()]);
  heights.forEach((h, r) => {
    if (h !== undefined) rowNumbers.add(r);
  });
  const sorted = [...rowNumbers].sort((a, b) => a - b);
  let maxCol = 0;
  const data = sorted
    .map((r) => {
      const cells = (rows.get(r) ?? []).sort((a, b) => a.col - b.col);
      const h = heights[r];
      const body = cells
        .map((c) => {
          maxCol = Math.max(maxCol, c.col);
          const st = styles.index(c.style);
          const sAttr = st ? ` s="${st}"` : '';
          if (c.number !== undefined) return `<c r="${ref(r, c.col)}"${sAttr}><v>${c.number}</v></c>`;
          if (c.text !== undefined && c.text !== '')
            return `<c r="${ref(r, c.col)}"${sAttr} t="s"><v>${strings.add(fitCell(c.text))}</v></c>`;
          return `<c r="${ref(r, c.col)}"${sAttr}/>`;
        })
        .join('');
      return `<row r="${r + 1}"${h === undefined ? '' : ` ht="${Number(h.toFixed(2))}" customHeight="1"`}>${body}</row>`;
    })
    .join('');
  const lastRow = sorted.at(-1) ?? 0;
  const page = s.page;
  const pane =
    s.freeze && (s.freeze.rows > 0 || s.freeze.cols > 0)
      ? `<pane${s.freeze.cols ? ` xSplit="${s.freeze.cols}"` : ''}${s.freeze.rows ? ` ySplit="${s.freeze.rows}"` : ''} topLeftCell="${ref(s.freeze.rows, s.freeze.cols)}" activePane="${s.freeze.rows && s.freeze.cols ? 'bottomRight' : s.freeze.rows ? 'bottomLeft' : 'topRight'}" state="frozen"/>`
      : '';
  const cols = (s.columns ?? [])
    .map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${Number(w.toFixed(2))}" customWidth="1"/>`)
    .join('');
  const merges = (s.merges ?? []).filter((m) => m.rows > 1 || m.cols > 1);
  const af = s.autoFilter;
  const mg = page?.margins ?? { left: 1.8, right: 1.8, top: 2, bottom: 2, header: 0.8, footer: 0.8 };
  return (
    `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    (page?.fitToWidth ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '') +
    `<dimension ref="A1:${ref(lastRow, maxCol)}"/>` +
    `<sheetViews><sheetView workbookViewId="0"${s.gridLines === false ? ' showGridLines="0"' : ''}>${pane}</sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData>${data}</sheetData>` +
    (af ? `<autoFilter ref="${rangeRef(af)}"/>` : '') +
    (merges.length
      ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${rangeRef(m)}"/>`).join('')}</mergeCells>`
      : '') +
    (page?.centered ? '<printOptions horizontalCentered="1"/>' : '') +
    `<pageMargins left="${inches(mg.left)}" right="${inches(mg.right)}" top="${inches(mg.top)}" bottom="${inches(mg.bottom)}" header="${inches(mg.header)}" footer="${inches(mg.footer)}"/>` +
    `<pageSetup paperSize="9" orientation="${page?.landscape ? 'landscape' : 'portrait'}"${page?.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : ''}/>` +
    (page?.footer ? `<headerFooter><oddFooter>${xmlEscape(page.footer)}</oddFooter></headerFooter>` : '') +
    '</worksheet>'
  );
}

function quoteSheet(name: string): string {
  return `'${name.replaceAll("'", "''")}'`;
}

/** The .xlsx bytes of the workbook. Pure. Throws RangeError on a cell position or number that is not one. */
export function writeWorkbook(spec: WorkbookSpec): Uint8Array {
  const date = spec.date ?? new Date(Date.UTC(2000, 0, 1));
  const styles = new StyleTable(spec.defaultFont ?? { name: '宋体', size: 11 });
  const strings = new StringTable();
  const names = sheetNames(spec.sheets.map((s) => s.name));
  const sheets = spec.sheets.map((s) => sheetXml(s, styles, strings));
  const definedNames = spec.sheets
    .map(
      (s, i) =>
        // Excel keeps a filter's range in this hidden name too, and writes it beside every <autoFilter>.
        (s.autoFilter
          ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${xmlEscape(quoteSheet(names[i]!))}!${absoluteRef(s.autoFilter)}</definedName>`
          : '') +
        (s.printTitleRows
          ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlEscape(quoteSheet(names[i]!))}!$${s.printTitleRows.first + 1}:$${s.printTitleRows.last + 1}</definedName>`
          : ''),
    )
    .join('');
  const workbook =
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><workbookPr/>` +
    '<bookViews><workbookView/></bookViews>' +
    `<sheets>${names.map((n, i) => `<sheet name="${xmlEscape(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets>` +
    (definedNames ? `<definedNames>${definedNames}</definedNames>` : '') +
    '</workbook>';
  const n = sheets.length;
  const rel = (id: string, type: string, target: string): string =>
    `<Relationship Id="${id}" Type="${NS_REL}/${type}" Target="${target}"/>`;
  const workbookRels =
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
    sheets.map((_, i) => rel(`rId${i + 1}`, 'worksheet', `worksheets/sheet${i + 1}.xml`)).join('') +
    rel(`rId${n + 1}`, 'styles', 'styles.xml') +
    rel(`rId${n + 2}`, 'sharedStrings', 'sharedStrings.xml') +
    '</Relationships>';
  const when = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const core =
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `${spec.title ? `<dc:title>${xmlEscape(spec.title)}</dc:title>` : ''}<dc:creator>evalform</dc:creator><cp:lastModifiedBy>evalform</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>';
  const contentTypes =
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheets
      .map(
        (_, i) =>
          `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      )
      .join('') +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '</Types>';
  const rootRels =
    `${XML_HEAD}<Relationships xmlns="${NS_PKG_REL}">` +
    rel('rId1', 'officeDocument', 'xl/workbook.xml') +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    '</Relationships>';
  const enc = new TextEncoder();
  // Zip times are local times: the same calendar date at noon reads back the same in every time zone.
  const mtime = new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 12);
  const files: Record<string, [Uint8Array, { mtime: Date }]> = {};
  const add = (path: string, text: string): void => {
    files[path] = [enc.encode(text), { mtime }];
  };
  add('[Content_Types].xml', contentTypes);
  add('_rels/.rels', rootRels);
  add('docProps/core.xml', core);
  add('xl/workbook.xml', workbook);
  add('xl/_rels/workbook.xml.rels', workbookRels);
  for (const [i, xml] of sheets.entries()) add(`xl/worksheets/sheet${i + 1}.xml`, xml);
  // After the sheets: their cells fill the style and string tables.
  add('xl/styles.xml', styles.xml());
  add('xl/sharedStrings.xml', strings.xml());
  return zipSync(files, { level: 6, mtime });
}
