// An .xlsx workbook as Grids (src/import/grid.ts): one Grid per table-like block of each visible sheet, merged
// ranges as spans, numbers kept exactly as stored (`<v>` text, never a binary float) and shown as the sheet shows
// them, through the cell's number format with exact decimal arithmetic. Hidden sheets are skipped: they hold
// lookups and helper data, never the printed 自评表. Formulas are read through their cached values.
import { Decimal } from 'decimal.js';
// fflate's build without Node's worker_threads (only its synchronous functions are used): the bundle imports no
// bare Node module.
import { unzipSync } from 'fflate/browser';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { DocumentError, type Grid, type GridCell } from './grid.js';

/** A file that is no workbook (no zip, no xl/workbook.xml, XML that does not parse); the message is for users. */
export class XlsxError extends DocumentError {
  override name = 'XlsxError';
}

/** Past this many grid positions a block is no form (a stray border at XFD1048576): refused, not allocated. */
const MAX_POSITIONS = 2_000_000;

const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -1000, toExpPos: 1000 });
type Dec = InstanceType<typeof D>;

// ---------------------------------------------------------------------------------------------------------------
// XML

interface Tag {
  /** Local name, without a namespace prefix (`x:c` → `c`). */
  name: string;
  attrs: Record<string, string>;
}

function local(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Streams `xml` through saxes: open and close by local name, text with the stack of open tags. */
function sax(
  xml: string,
  part: string,
  on: {
    open?: (t: Tag, stack: string[]) => void;
    close?: (name: string, stack: string[]) => void;
    text?: (s: string, stack: string[]) => void;
  },
): void {
  const parser = new SaxesParser({ xmlns: false });
  const stack: string[] = [];
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const t = { name: local(tag.name), attrs: tag.attributes as Record<string, string> };
    stack.push(t.name);
    on.open?.(t, stack);
    if (tag.isSelfClosing) {
      stack.pop();
      on.close?.(t.name, stack);
    }
  });
  parser.on('closetag', (tag) => {
    if (tag.isSelfClosing) return;
    const name = stack.pop() ?? local(tag.name);
    on.close?.(name, stack);
  });
  const text = (s: string): void => on.text?.(s, stack);
  parser.on('text', text);
  parser.on('cdata', text);
  try {
    parser.write(xml).close();
  } catch (e) {
    throw new XlsxError(`${part} 不是有效的 XML：${(e as Error).message.split('\n')[0]}`);
  }
}

/** OOXML escapes characters XML cannot hold as _xHHHH_ (Excel writes a CR as _x000D_); a line end, CRLF or
 * CR, is then one '\n' as a line break in a cell is. */
function unescapeOoxml(s: string): string {
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))).replace(/\r\n?/g, '\n');
}

// ---------------------------------------------------------------------------------------------------------------
// Number formats

/** Built-in format ids (ECMA-376 §18.8.30, with the zh-CN ids 27–36 and 50–58 as dates). */
const BUILTIN: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  5: '"¥"#,##0;"¥"\\-#,##0',
  6: '"¥"#,##0;[Red]"¥"\\-#,##0',
  7: '"¥"#,##0.00;"¥"\\-#,##0.00',
  8: '"¥"#,##0.00;[Red]"¥"\\-#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'yyyy-mm-dd',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'yyyy-mm-dd h:mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00;(#,##0.00)',
  40: '#,##0.00;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mm:ss.0',
  48: '##0.0E+0',
  49: '@',
};
for (const id of [27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58]) BUILTIN[id] = 'yyyy"年"m"月"d"日"';
for (const id of [32, 33, 34, 35, 55, 56]) BUILTIN[id] = 'h"时"mm"分"ss"秒"';

/** Splits a format code at `;` outside quotes and escapes. */
function sections(code: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < code.length; i++) {
    const ch = code[i]!;
    if (ch === '"') {
      const end = code.indexOf('"', i + 1);
      const stop = end < 0 ? code.length : end + 1;
      cur += code.slice(i, stop);
      i = stop - 1;
    } else if (ch === '\\' && i + 1 < code.length) {
      cur += code.slice(i, i + 2);
      i++;
    } else if (ch === ';') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

interface Token {
  literal?: string;
  code?: string;
}

/** A section as literal text and format characters; [Red], [$-804] and conditions dropped, [$¥-804] → ¥. */
function tokens(section: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < section.length; i++) {
    const ch = section[i]!;
    if (ch === '"') {
      const end = section.indexOf('"', i + 1);
      const stop = end < 0 ? section.length : end;
      out.push({ literal: section.slice(i + 1, stop) });
      i = stop;
    } else if (ch === '\\' && i + 1 < section.length) {
      out.push({ literal: section[i + 1]! });
      i++;
    } else if (ch === '_' && i + 1 < section.length) {
      // Room the width of the next character (accounting formats' _) ): no text.
      i++;
    } else if (ch === '*' && i + 1 < section.length) {
      i++;
    } else if (ch === '[') {
      const end = section.indexOf(']', i + 1);
      const stop = end < 0 ? section.length : end;
      const inner = section.slice(i + 1, stop);
      const currency = /^\$([^-]*)/.exec(inner);
      if (currency?.[1]) out.push({ literal: currency[1] });
      else if (/^h+$|^m+$|^s+$/i.test(inner)) out.push({ code: `[${inner.toLowerCase()}]` });
      i = stop;
    } else out.push({ code: ch });
  }
  return out;
}

function isDateSection(ts: Token[]): boolean {
  return ts.some((t) => t.code !== undefined && /[ymdhs]/i.test(t.code)) && !ts.some((t) => t.code === 'E' || t.code === 'e');
}

/** What a number format shows for a stored number, as Excel shows it (date formats as ISO dates). */
export function formatNumber(stored: string, code: string, date1904 = false): string {
  let value: Dec;
  try {
    value = new D(stored.trim());
  } catch {
    return stored;
  }
  if (!value.isFinite()) return stored;
  const secs = sections(code);
  if (secs.length === 0 || /^\s*(General|@)?\s*$/i.test(secs[0]!)) return general(value);
  let section = secs[0]!;
  let v = value;
  if (value.isNegative() && !value.isZero() && secs.length >= 2 && secs[1]!.trim() !== '') {
    section = secs[1]!;
    v = value.abs();
  } else if (value.isZero() && secs.length >= 3 && secs[2]!.trim() !== '') section = secs[2]!;
  if (/^\s*General\s*$/i.test(section)) return (v === value ? '' : '-') + general(v);
  const ts = tokens(section);
  if (isDateSection(ts)) return formatDate(value, ts, date1904);
  return formatDecimal(v, ts) ?? general(value);
}

/** Excel's General: the shortest text of the value to 15 significant digits; scientific past 1E+15 or below 1E-9. */
function general(v: Dec): string {
  if (v.isZero()) return '0';
  const r = v.toSignificantDigits(15, Decimal.ROUND_HALF_UP);
  const e = r.e;
  if (e >= 15 || e < -9) {
    const [mant = '', exp = '0'] = r.toExponential().split('e');
    const n = Number(exp);
    return `${mant}E${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(2, '0')}`;
  }
  return r.toFixed();
}

/** A numeric section: literal prefix, digits with grouping, decimals and %, literal suffix. */
function formatDecimal(value: Dec, ts: Token[]): string | undefined {
  const isPlace = (t: Token): boolean => t.code === '0' || t.code === '#' || t.code === '?';
  const first = ts.findIndex(isPlace);
  if (first < 0) {
    // No digits at all: the literal text of the format (e.g. "-" for zero).
    return ts.map((t) => t.literal ?? (t.code === '%' ? '%' : (t.code ?? ''))).join('');
  }
  let last = first;
  ts.forEach((t, i) => {
    if (isPlace(t)) last = i;
  });
  const body = ts.slice(first, last + 1);
  if (body.some((t) => t.code === '/' || t.code === 'E' || t.code === 'e')) {
    if (body.some((t) => t.code === '/')) return undefined;
    return formatScientific(value, ts, first, last);
  }
  let scale = 0;
  let k = last + 1;
  while (ts[k]?.code === ',') {
    scale++;
    k++;
  }
  const percents = ts.filter((t) => t.code === '%').length;
  const point = body.findIndex((t) => t.code === '.');
  const intPart = point < 0 ? body : body.slice(0, point);
  const fracPart = point < 0 ? [] : body.slice(point + 1);
  const places = fracPart.filter(isPlace).length;
  const minPlaces = fracPart.filter((t) => t.code === '0' || t.code === '?').length;
  const minInt = intPart.filter((t) => t.code === '0' || t.code === '?').length;
  const grouped = intPart.some((t) => t.code === ',');
  let v = value.times(new D(100).pow(percents)).div(new D(1000).pow(scale));
  v = v.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
  const negative = v.isNegative() && !v.isZero();
  let [int = '0', frac = ''] = v.abs().toFixed(places).split('.');
  while (frac.length > minPlaces && frac.endsWith('0')) frac = frac.slice(0, -1);
  if (int === '0' && minInt === 0) int = '';
  int = int.padStart(minInt, '0');
  if (grouped) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  // Literals inside the digit run (e.g. 0" "000) are rare; they are kept after the number.
  const inner = body.filter((t) => t.literal !== undefined).map((t) => t.literal);
  const number = int + (frac !== '' || (point >= 0 && places > 0 && minPlaces > 0) ? `.${frac}` : '') + inner.join('');
  const text = (from: number, to: number): string =>
    ts
      .slice(from, to)
      .map((t) => t.literal ?? (t.code === ',' ? '' : (t.code ?? '')))
      .join('');
  return (negative ? '-' : '') + text(0, first) + number + text(k, ts.length);
}

function formatScientific(value: Dec, ts: Token[], first: number, last: number): string {
  const body = ts.slice(first, last + 1);
  const e = body.findIndex((t) => t.code === 'E' || t.code === 'e');
  const mant = body.slice(0, e);
  const expDigits = body.slice(e + 1).filter((t) => t.code === '0' || t.code === '#').length;
  const point = mant.findIndex((t) => t.code === '.');
  const places = point < 0 ? 0 : mant.slice(point + 1).filter((t) => t.code === '0' || t.code === '#').length;
  const [m = '0', x = '0'] = value.toExponential(places, Decimal.ROUND_HALF_UP).split('e');
  const n = Number(x);
  const lit = (from: number, to: number): string =>
    ts
      .slice(from, to)
      .map((t) => t.literal ?? '')
      .join('');
  return `${lit(0, first)}${m}E${n < 0 ? '-' : '+'}${String(Math.abs(n)).padStart(Math.max(1, expDigits), '0')}${lit(last + 1, ts.length)}`;
}

const MS_DAY = 86_400_000;

/** A date serial as the ISO date (and time, when the format shows one): 1900 system with Excel's 1900-02-29, or 1904. */
function formatDate(value: Dec, ts: Token[], date1904: boolean): string {
  const codes = ts.map((t) => (t.code ?? '').toLowerCase()).join('');
  const hasDate = /[yd]/.test(codes) || (/m/.test(codes) && !/[hs]/.test(codes));
  const hasTime = /[hs]/.test(codes);
  const showSeconds = /s/.test(codes);
  // [h]: elapsed hours, past 24.
  const elapsed = codes.includes('[h');
  let days = value.floor();
  let seconds = value.minus(days).times(86400).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber();
  if (seconds >= 86400) {
    days = days.plus(1);
    seconds -= 86400;
  }
  const time = (): string => {
    const hours = Math.floor(seconds / 3600) + (elapsed && !hasDate ? days.toNumber() * 24 : 0);
    const hh = String(hours).padStart(2, '0');
    const mm = String(Math.floor((seconds % 3600) / 60)).padStart(2, '0');
    const ss = String(seconds % 60).padStart(2, '0');
    return showSeconds ? `${hh}:${mm}:${ss}` : `${hh}:${mm}`;
  };
  if (!hasDate) return time();
  const d = days.toNumber();
  if (d < 0 || d > 2_958_465) return general(value);
  let iso: string;
  if (!date1904 && d === 60) iso = '1900-02-29';
  else {
    const base = date1904 ? Date.UTC(1904, 0, 1) : d < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
    iso = new Date(base + d * MS_DAY).toISOString().slice(0, 10);
  }
  return hasTime ? `${iso} ${time()}` : iso;
}

// ---------------------------------------------------------------------------------------------------------------
// Workbook parts

interface Styles {
  /** Per cellXfs index: the number format code and whether the cell has a border. */
  xf: { format: string; bordered: boolean }[];
}

function readStyles(xml: string | undefined): Styles {
  if (xml === undefined) return { xf: [] };
  const fmts = new Map<number, string>();
  const borders: boolean[] = [];
  const xf: { format: string; bordered: boolean }[] = [];
  const rawXf: { numFmtId: number; borderId: number }[] = [];
  let inBorder = false;
  let border = false;
  sax(xml, 'xl/styles.xml', {
    open(t, stack) {
      if (t.name === 'numFmt' && t.attrs.numFmtId !== undefined) fmts.set(Number(t.attrs.numFmtId), t.attrs.formatCode ?? 'General');
      else if (t.name === 'border' && stack.at(-2) === 'borders') {
        inBorder = true;
        border = false;
      } else if (inBorder && t.attrs.style !== undefined && t.attrs.style !== 'none') border = true;
      else if (t.name === 'xf' && stack.at(-2) === 'cellXfs')
        rawXf.push({ numFmtId: Number(t.attrs.numFmtId ?? 0), borderId: Number(t.attrs.borderId ?? 0) });
    },
    close(name) {
      if (name === 'border' && inBorder) {
        borders.push(border);
        inBorder = false;
      }
    },
  });
  for (const x of rawXf)
    xf.push({ format: fmts.get(x.numFmtId) ?? BUILTIN[x.numFmtId] ?? 'General', bordered: borders[x.borderId] ?? false });
  return { xf };
}

/** Shared strings: each `<si>`'s text, rich text runs joined, phonetic guides (`<rPh>`) left out. */
function readSharedStrings(xml: string | undefined): string[] {
  if (xml === undefined) return [];
  const out: string[] = [];
  let cur = '';
  sax(xml, 'xl/sharedStrings.xml', {
    open(t) {
      if (t.name === 'si') cur = '';
    },
    close(name) {
      if (name === 'si') out.push(unescapeOoxml(cur));
    },
    text(s, stack) {
      if (stack.at(-1) === 't' && !stack.includes('rPh')) cur += s;
    },
  });
  return out;
}

/** 'F' → 5; 'AA' → 26. */
function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 5 → 'F'. */
export function columnLetters(col: number): string {
  let s = '';
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function parseRef(ref: string): { row: number; col: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m) return undefined;
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]!) };
}

interface SheetCell {
  text: string;
  number?: { stored: string; format?: string };
  bordered: boolean;
}

interface Sheet {
  cells: Map<number, Map<number, SheetCell>>;
  merges: { r0: number; c0: number; r1: number; c1: number }[];
}

function readSheet(xml: string, part: string, strings: string[], styles: Styles, date1904: boolean): Sheet {
  const cells = new Map<number, Map<number, SheetCell>>();
  const merges: Sheet['merges'] = [];
  let row = -1;
  let col = -1;
  let cell: { row: number; col: number; type: string; style: number; v: string; is: string; hasV: boolean } | undefined;
  sax(xml, part, {
    open(t, stack) {
      if (t.name === 'row' && stack.at(-2) === 'sheetData') {
        row = t.attrs.r !== undefined ? Number(t.attrs.r) - 1 : row + 1;
        col = -1;
      } else if (t.name === 'c' && stack.at(-2) === 'row') {
        const at = t.attrs.r === undefined ? undefined : parseRef(t.attrs.r);
        const r = at?.row ?? row;
        col = at?.col ?? col + 1;
        cell = { row: r, col, type: t.attrs.t ?? 'n', style: Number(t.attrs.s ?? 0), v: '', is: '', hasV: false };
      } else if (t.name === 'v' && cell) cell.hasV = true;
      else if (t.name === 'mergeCell' && t.attrs.ref !== undefined) {
        const [a, b] = t.attrs.ref.split(':');
        const from = a === undefined ? undefined : parseRef(a);
        const to = b === undefined ? from : parseRef(b);
        if (from && to) {
          merges.push({
            r0: Math.min(from.row, to.row),
            c0: Math.min(from.col, to.col),
            r1: Math.max(from.row, to.row),
            c1: Math.max(from.col, to.col),
          });
        }
      }
    },
    text(s, stack) {
      if (!cell) return;
      const top = stack.at(-1);
      if (top === 'v') cell.v += s;
      else if (top === 't' && stack.includes('is') && !stack.includes('rPh')) cell.is += s;
    },
    close(name) {
      if (name !== 'c' || !cell) return;
      const c = cell;
      cell = undefined;
      const xf = styles.xf[c.style];
      const sc = toCell(c, strings, xf, date1904);
      if (sc === undefined) return;
      const line = cells.get(c.row) ?? new Map<number, SheetCell>();
      cells.set(c.row, line);
      line.set(c.col, sc);
    },
  });
  return { cells, merges };
}

function toCell(
  c: { type: string; v: string; is: string; hasV: boolean },
  strings: string[],
  xf: { format: string; bordered: boolean } | undefined,
  date1904: boolean,
): SheetCell | undefined {
  const bordered = xf?.bordered ?? false;
  switch (c.type) {
    case 's': {
      const i = Number(c.v.trim());
      return { text: Number.isInteger(i) ? (strings[i] ?? '') : '', bordered };
    }
    case 'inlineStr':
      return { text: unescapeOoxml(c.is), bordered };
    case 'str':
      return { text: unescapeOoxml(c.hasV ? c.v : c.is), bordered };
    case 'b':
      return { text: c.v.trim() === '1' ? 'TRUE' : c.v.trim() === '0' ? 'FALSE' : c.v, bordered };
    case 'e':
      return { text: c.v, bordered };
    case 'd': {
      // An ISO 8601 date-time stored as text (strict OOXML): its date part.
      const m = /^(\d{4}-\d{2}-\d{2})/.exec(c.v.trim());
      return { text: m ? m[1]! : c.v, bordered };
    }
    default: {
      if (!c.hasV || c.v.trim() === '') return bordered ? { text: '', bordered } : undefined;
      const stored = c.v.trim();
      const format = xf?.format ?? 'General';
      return { text: formatNumber(stored, format, date1904), number: { stored, format }, bordered };
    }
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Blocks

function blockGrids(sheet: Sheet, sheetName: string): Grid[] {
  const { cells, merges } = sheet;
  // A row belongs to a table when a cell in it has text or a border, or a merged range covers it.
  const occupied = new Set<number>();
  for (const [r, line] of cells) {
    for (const c of line.values()) {
      if (c.text !== '' || c.bordered) {
        occupied.add(r);
        break;
      }
    }
  }
  for (const m of merges) for (let r = m.r0; r <= m.r1; r++) occupied.add(r);
  const rows = [...occupied].sort((a, b) => a - b);
  const blocks: [number, number][] = [];
  for (const r of rows) {
    const last = blocks.at(-1);
    if (last && r === last[1] + 1) last[1] = r;
    else blocks.push([r, r]);
  }
  // Each merged range lies within one block (its rows are occupied): found by binary search on its first row.
  const byBlock: Sheet['merges'][] = blocks.map(() => []);
  for (const m of merges) {
    let lo = 0;
    let hi = blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (blocks[mid]![0] <= m.r0) lo = mid;
      else hi = mid - 1;
    }
    byBlock[lo]?.push(m);
  }
  const name = `工作表“${sheetName}”`;
  const grids: Grid[] = [];
  blocks.forEach(([top, bottom], i) => {
    const grid = blockGrid(sheet, byBlock[i]!, name, top, bottom);
    if (grid) grids.push(grid);
  });
  return grids;
}

function blockGrid(sheet: Sheet, blockMerges: Sheet['merges'], name: string, blockTop: number, blockBottom: number): Grid | undefined {
  const { cells } = sheet;
  // Borders drawn ahead on empty rows and columns round a table are no part of it: the Grid runs from the first
  // to the last row and column with text, and takes in whole every merged range it touches.
  const hasText = (cell: SheetCell | undefined): boolean => cell !== undefined && cell.text !== '';
  let top = Number.POSITIVE_INFINITY;
  let bottom = -1;
  let left = Number.POSITIVE_INFINITY;
  let right = -1;
  for (let r = blockTop; r <= blockBottom; r++) {
    for (const [c, cell] of cells.get(r) ?? []) {
      if (!hasText(cell)) continue;
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, c);
      right = Math.max(right, c);
    }
  }
  if (bottom < 0) return undefined;
  const taken = new Set<Sheet['merges'][number]>();
  for (let grown = true; grown; ) {
    grown = false;
    for (const m of blockMerges) {
      if (taken.has(m) || m.r1 < top || m.r0 > bottom || m.c1 < left || m.c0 > right) continue;
      taken.add(m);
      grown = true;
      top = Math.min(top, m.r0);
      bottom = Math.max(bottom, m.r1);
      left = Math.min(left, m.c0);
      right = Math.max(right, m.c1);
    }
  }
  if (right < 0) return undefined;
  const height = bottom - top + 1;
  const width = right - left + 1;
  if (height * width > MAX_POSITIONS) {
    throw new XlsxError(`${name} 的第${top + 1}–${bottom + 1}行、${columnLetters(left)}–${columnLetters(right)}列太大，不像一张表`);
  }
  const grid: (GridCell | undefined)[][] = Array.from({ length: height }, () => new Array<GridCell | undefined>(width).fill(undefined));
  for (const m of taken) {
    const src = cells.get(m.r0)?.get(m.c0);
    const gc: GridCell = {
      text: src?.text ?? '',
      row: m.r0 - top,
      col: m.c0 - left,
      rowSpan: m.r1 - m.r0 + 1,
      colSpan: m.c1 - m.c0 + 1,
      ...(src?.number ? { number: src.number } : {}),
    };
    for (let r = m.r0; r <= m.r1; r++)
      for (let c = m.c0; c <= m.c1; c++) if (grid[r - top]![c - left] === undefined) grid[r - top]![c - left] = gc;
  }
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      if (grid[r]![c] !== undefined) continue;
      const src = cells.get(top + r)?.get(left + c);
      grid[r]![c] = { text: src?.text ?? '', row: r, col: c, rowSpan: 1, colSpan: 1, ...(src?.number ? { number: src.number } : {}) };
    }
  }
  // Title lines above the table (one text cell alone in its row, e.g. a title merged across, with no border):
  // the caption. A line inside the borders is the table's own.
  let start = 0;
  const captions: string[] = [];
  const bordered = (r: number): boolean => [...(cells.get(top + r)?.values() ?? [])].some((c) => c.bordered);
  while (start < height - 1 && !bordered(start)) {
    const distinct = new Set(grid[start]!.filter((g) => g !== undefined && g.text.trim() !== ''));
    const only = [...distinct][0];
    if (distinct.size !== 1 || only?.number !== undefined || only!.rowSpan > 1) break;
    captions.push(only!.text);
    start++;
  }
  const body = grid.slice(start);
  if (start > 0) {
    // Row indices are the Grid's own: the cells below the caption move up by its rows (each GridCell once).
    const seen = new Set<GridCell>();
    for (const line of body) {
      for (const g of line) {
        if (g === undefined || seen.has(g)) continue;
        seen.add(g);
        g.row -= start;
      }
    }
  }
  const first = top + start;
  return {
    name,
    ...(captions.length > 0 ? { caption: captions.join('\n') } : {}),
    rows: body,
    rowLabel: (r: number) => `第${first + r + 1}行`,
    colLabel: (c: number) => `${columnLetters(left + c)}列`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Workbook

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** Every table-like block of every visible worksheet, in the workbook's sheet order. Throws XlsxError when the
 * bytes are no workbook. */
export function readXlsx(bytes: Uint8Array): Grid[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    throw new XlsxError(`不是 .xlsx 文件（无法按 zip 读取：${(e as Error).message}）`);
  }
  // Zip entry names are case-insensitive in practice; some writers use xl/SharedStrings.xml.
  const byLower = new Map(Object.entries(files).map(([k, v]) => [k.replace(/\\/g, '/').toLowerCase(), v]));
  const decoder = new TextDecoder('utf-8');
  const part = (name: string): string | undefined => {
    const data = byLower.get(name.toLowerCase());
    return data === undefined ? undefined : decoder.decode(data);
  };
  const workbookPath = workbookPart(part('_rels/.rels'));
  const workbook = part(workbookPath);
  if (workbook === undefined) throw new XlsxError('不是 .xlsx 文件：缺少 xl/workbook.xml');
  const relsPath = resolveTarget(workbookPath, `_rels/${workbookPath.split('/').at(-1)}.rels`);
  const rels = new Map<string, { target: string; type: string }>();
  const relsXml = part(relsPath);
  if (relsXml !== undefined) {
    sax(relsXml, relsPath, {
      open(t) {
        if (t.name === 'Relationship' && t.attrs.Id !== undefined && t.attrs.Target !== undefined) {
          rels.set(t.attrs.Id, { target: resolveTarget(workbookPath, t.attrs.Target), type: t.attrs.Type ?? '' });
        }
      },
    });
  }
  const sheets: { name: string; rid: string; hidden: boolean }[] = [];
  let date1904 = false;
  sax(workbook, workbookPath, {
    open(t) {
      if (t.name === 'workbookPr') date1904 = t.attrs.date1904 === '1' || t.attrs.date1904 === 'true';
      else if (t.name === 'sheet') {
        const rid = Object.entries(t.attrs).find(([k]) => local(k) === 'id')?.[1] ?? '';
        sheets.push({ name: t.attrs.name ?? '', rid, hidden: t.attrs.state === 'hidden' || t.attrs.state === 'veryHidden' });
      }
    },
  });
  const relOfType = (suffix: string): string | undefined => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target;
  const strings = readSharedStrings(part(relOfType('/sharedStrings') ?? 'xl/sharedStrings.xml'));
  const styles = readStyles(part(relOfType('/styles') ?? 'xl/styles.xml'));
  const grids: Grid[] = [];
  sheets.forEach((s, i) => {
    if (s.hidden) return;
    const rel = rels.get(s.rid);
    if (rel && !rel.type.endsWith('/worksheet')) return;
    const path = rel?.target ?? `xl/worksheets/sheet${i + 1}.xml`;
    const xml = part(path);
    if (xml === undefined) return;
    grids.push(...blockGrids(readSheet(xml, path, strings, styles, date1904), s.name));
  });
  return grids;
}

function workbookPart(rels: string | undefined): string {
  let found = 'xl/workbook.xml';
  if (rels === undefined) return found;
  sax(rels, '_rels/.rels', {
    open(t) {
      if (t.name === 'Relationship' && (t.attrs.Type ?? '').endsWith('/officeDocument') && t.attrs.Target !== undefined) {
        found = resolveTarget('', t.attrs.Target);
      }
    },
  });
  return found;
}
