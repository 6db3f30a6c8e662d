// The printed page, worked out before any renderer draws it: how wide each column is, how tall each row will be,
// and which rows go on which A4 page. The .docx and the HTML page both follow this plan, so they paginate alike and
// the HTML preview can draw the pages as they will print.
//
// Every length is in twips (1/20 pt). Text is measured in ems of the 10.5 pt body font: a CJK character or a
// full-width sign is 1 em in every CJK font, Latin letters and digits about half. Lines are set at an exact
// 15 pt, so a row's height does not depend on which font the reader has. Estimates err on the tall side: a page
// planned here holds a little less than it could, never more.

/** A4 with the margins of the official table (2.2 cm top, 2 cm bottom, 1.8 cm sides). */
export const PAGE_TWIPS = { width: 11906, height: 16838, top: 1247, bottom: 1134, left: 1020, right: 1020 } as const;
/** The text width the table fills: 9866 twips (17.4 cm). */
export const TEXT_WIDTH = PAGE_TWIPS.width - PAGE_TWIPS.left - PAGE_TWIPS.right;
/** The height a page gives the title, the table and the lines under it. */
export const TEXT_HEIGHT = PAGE_TWIPS.height - PAGE_TWIPS.top - PAGE_TWIPS.bottom;
/** Body text: 10.5 pt on an exact 15 pt line. */
export const EM = 210;
export const LINE = 300;
/** Cell margins (left/right, top/bottom) and the least height of a row. */
export const CELL_X = 85;
export const CELL_Y = 28;
export const MIN_ROW = 454;
/** What a row's borders add to its height, as LibreOffice and Chromium draw them. */
const RULE = 0;
/** The title: 18 pt on an exact 28 pt line, 12 pt after. */
export const TITLE_LINE = 560;
export const TITLE_AFTER = 240;
/** 备注 and the signoff lines: space before each. */
export const NOTE_BEFORE = 120;
export const SIGNOFF_BEFORE = 60;
/** The thin paragraph that separates one page's table from the next (Word joins two tables that touch). */
export const SEPARATOR_LINE = 20;
/** Room kept free on every page for what this estimate cannot know (font hinting, border rounding). */
const SLACK = 360;

/** Characters that may not start a line (closing punctuation) or end one (opening punctuation). */
const NO_START = new Set([...'，。、；：？！）》」』】〕”’%％,.;:?!)]}…—·～']);
const NO_END = new Set([...'（《「『【〔“‘([{']);

/** Width of one character in ems: 1 for CJK and full-width, about half for Latin, digits and signs. */
export function charEm(ch: string): number {
  const c = ch.codePointAt(0) ?? 0;
  if (c < 0x80) {
    // Wide enough for Times New Roman, Liberation Serif and DejaVu Serif (the substitute on many Linux desktops).
    if (c === 0x20) return 0.35;
    if (ch === '%') return 0.95;
    if (ch === 'W' || ch === 'M' || ch === 'm' || ch === 'w') return 1;
    if (/[A-Z]/.test(ch)) return 0.8;
    if (/[.,:;'|!il]/.test(ch)) return 0.4;
    return 0.65;
  }
  // General punctuation (— … ‘ ’ “ ”), math (≥ ≤), shapes (★) and everything CJK: a full em in CJK fonts.
  return 1;
}

/** Width of a text in ems, as one line. */
export function textEm(text: string): number {
  let w = 0;
  for (const ch of text) w += charEm(ch);
  return w;
}

function isLatin(ch: string): boolean {
  const c = ch.charCodeAt(0);
  return c > 0x20 && c < 0x7f && !NO_START.has(ch) && !NO_END.has(ch);
}

/** The unbreakable pieces of a paragraph: one CJK character, or a run of Latin letters and digits, with the
 * punctuation that may not start or end a line held to its neighbour. */
function pieces(line: string): string[] {
  const out: string[] = [];
  let glueNext = false;
  for (const ch of line) {
    const last = out.length - 1;
    if (ch === ' ') {
      if (last >= 0) out[last] += ch;
      glueNext = false;
      continue;
    }
    const joinLatin = last >= 0 && isLatin(ch) && isLatin(out[last]!.slice(-1));
    if (last >= 0 && (glueNext || NO_START.has(ch) || joinLatin)) out[last] += ch;
    else out.push(ch);
    glueNext = NO_END.has(ch);
  }
  return out;
}

/** A paragraph measured once: the widths in ems of its unbreakable pieces, their sum and the widest. */
export interface MeasuredParagraph {
  pieces: number[];
  total: number;
  widest: number;
}

/** Texts measured lately: a form's goals are measured at many widths while its columns are sized. */
const measured = new Map<string, MeasuredParagraph[]>();

/** A text measured once, paragraph by paragraph ('\n' starts one). */
export function measure(text: string): MeasuredParagraph[] {
  const known = measured.get(text);
  if (known) return known;
  const m = text.split('\n').map((para) => {
    const widths = pieces(para).map(textEm);
    return { pieces: widths, total: widths.reduce((a, b) => a + b, 0), widest: widths.reduce((a, b) => Math.max(a, b), 0) };
  });
  if (measured.size >= 512) measured.clear();
  measured.set(text, m);
  return m;
}

/** Paragraphs longer than this many pieces are counted by bound, not piece by piece: a line then holds at least
 * the room less its widest piece, so the count never comes out short, and a 5 MB goal is measured quickly. */
const LONG_PARAGRAPH = 400;
/** A text of more pieces than this (pages of them) is counted by bound in every paragraph. */
const LONG_TEXT = 4000;

/** Lines a measured text takes in a column `width` twips wide (cell margins included). */
export function linesOf(paragraphs: readonly MeasuredParagraph[], width: number): number {
  const room = (width - 2 * CELL_X) / EM;
  let count = 0;
  for (const para of paragraphs) count += para.pieces.length;
  const bound = count > LONG_TEXT;
  let lines = 0;
  for (const para of paragraphs) {
    if ((bound || para.pieces.length > LONG_PARAGRAPH) && para.widest < room / 2) {
      lines += Math.max(1, Math.ceil(para.total / (room - para.widest)));
      continue;
    }
    lines += 1;
    let used = 0;
    for (const w of para.pieces) {
      if (used > 0 && used + w > room + 1e-9) {
        lines += 1;
        used = 0;
      }
      if (w > room) {
        // A piece longer than the line (a long number) is broken anywhere, as Word and Chromium do.
        const extra = Math.ceil(w / room) - 1;
        lines += extra;
        used = w - extra * room;
      } else {
        used += w;
      }
    }
  }
  return lines;
}

/** Lines a text takes in a column `width` twips wide (cell margins included); '\n' starts a paragraph. */
export function lineCount(text: string, width: number): number {
  return linesOf(measure(text), width);
}

/** One cell of a row to measure: the grid columns it covers and its text. */
export interface MeasureCell {
  from: number;
  to: number;
  text: string;
}

/** Height of a cell's text in a column of `width` twips. */
export function cellHeight(text: string, width: number): number {
  return text === '' ? 0 : lineCount(text, width) * LINE + 2 * CELL_Y;
}

/** Height of a row: its tallest cell, at least `min`, and its border. */
export function rowHeight(cells: readonly MeasureCell[], grid: readonly number[], min = MIN_ROW): number {
  let h = min;
  for (const c of cells) h = Math.max(h, cellHeight(c.text, spanWidth(grid, c.from, c.to)));
  return h + RULE;
}

export function spanWidth(grid: readonly number[], from: number, to: number): number {
  let w = 0;
  for (let i = from; i < to; i++) w += grid[i] ?? 0;
  return w;
}

/** A row to lay out: its cells and least height. */
export interface MeasureRow {
  cells: MeasureCell[];
  min?: number;
  /** Headings: each line of a cell is kept whole, and the column made wide enough for it. */
  whole?: boolean;
}

/** Widths of the grid's columns from what they hold: `fixed` columns keep their width, the others start at
 * the widest word they hold (a number, or two characters) and then share the rest of the width where it makes
 * the table shortest, a half character at a time. Sums to the text width. */
export function fitGrid(
  base: readonly number[],
  fixed: ReadonlySet<number>,
  rows: readonly MeasureRow[],
  floors: readonly number[] = [],
): number[] {
  const total = base.reduce((a, b) => a + b, 0);
  const flexible = base.map((_, i) => i).filter((i) => !fixed.has(i));
  const step = EM / 2;
  // Start each flexible column at its widest unbreakable word and at least its floor in characters (one less when
  // the layout has too many columns for the floors).
  const start = (less: number): number[] => {
    const g = [...base];
    for (const i of flexible) {
      let least = Math.max(2, (floors[i] ?? 3) - less) * EM;
      for (const r of rows)
        for (const c of r.cells)
          if (c.from === i && c.to === i + 1)
            for (const p of c.text.split('\n').flatMap((line) => (r.whole ? [line] : pieces(line))))
              least = Math.max(least, textEm(p.trim()) * EM);
      g[i] = Math.ceil((least + 2 * CELL_X) / 10) * 10;
    }
    return g;
  };
  const sumOf = (g: readonly number[]): number => g.reduce((x, y) => x + y, 0);
  const first = start(0);
  const grid = sumOf(first) <= total ? first : start(1);
  const least = [...grid];
  /** A column narrower than its widest word would break the word. */
  const breaksWord = (i: number, w: number): boolean => w < least[i]!;
  // What a step of width is worth: the rows' heights, and a quarter of every cell's lines, so a column whose cells
  // wrap less is preferred even where another cell of the row is taller still.
  // Line counts by cell and width: the search below measures the same cells at the same widths many times.
  const cache = new Map<number, number>();
  const cells = rows.map((r, k) => r.cells.map((c, j) => ({ ...c, id: k * 64 + j, measured: measure(c.text) })));
  const height = (g: readonly number[]): number => {
    let h = 0;
    cells.forEach((row, k) => {
      let tallest = rows[k]!.min ?? MIN_ROW;
      let all = 0;
      for (const c of row) {
        if (c.text === '') continue;
        const width = spanWidth(g, c.from, c.to);
        const key = c.id * 32768 + width;
        let n = cache.get(key);
        if (n === undefined) {
          n = linesOf(c.measured, width);
          cache.set(key, n);
        }
        all += n;
        tallest = Math.max(tallest, n * LINE + 2 * CELL_Y);
      }
      h += tallest + (all * LINE) / 4;
    });
    return h;
  };
  let left = total - sumOf(grid);
  if (left < 0 || flexible.length === 0) return [...base];
  /** How much text a column holds beyond one line: where leftover width goes once no row gets shorter. */
  const demand = (g: readonly number[], i: number): number =>
    rows.reduce((d, r) => {
      const c = r.cells.find((x) => x.from <= i && i < x.to);
      if (!c || c.text === '') return d;
      const need = Math.max(...c.text.split('\n').map(textEm)) * EM + 2 * CELL_X;
      return d + Math.max(0, need - spanWidth(g, c.from, c.to));
    }, 0);
  let h = height(grid);
  while (left >= step) {
    // The best gain per twip over a half, one and two characters more: a column often gains only at a whole
    // character, so a half step alone would never be chosen.
    let best = -1;
    let bestStep = step;
    let bestRate = 0;
    for (const i of flexible) {
      for (const d of [step, 2 * step, 4 * step]) {
        if (d > left) continue;
        grid[i]! += d;
        const rate = (h - height(grid)) / d;
        grid[i]! -= d;
        if (rate > bestRate + 1e-9) {
          best = i;
          bestStep = d;
          bestRate = rate;
        }
      }
    }
    if (best < 0) {
      // No step shortens the table: give a half character to the column with the most text still wrapped.
      let most = 0;
      bestStep = step;
      for (const i of flexible) {
        const d = demand(grid, i);
        if (d > most) {
          most = d;
          best = i;
        }
      }
      if (best < 0) break;
    }
    grid[best]! += bestStep;
    h = height(grid);
    left -= bestStep;
  }
  // Then move width between two columns while that makes the table shorter: the steps above never take back.
  for (let round = 0; round < 200; round++) {
    let move: [number, number, number] | undefined;
    let bestH = h;
    for (const i of flexible)
      for (const j of flexible) {
        if (i === j) continue;
        for (const d of [step, 2 * step, 4 * step]) {
          grid[i]! += d;
          grid[j]! -= d;
          const t = height(grid);
          grid[i]! -= d;
          grid[j]! += d;
          if (t < bestH - 1e-9 && !breaksWord(j, grid[j]! - d)) {
            bestH = t;
            move = [i, j, d];
          }
        }
      }
    if (!move) break;
    grid[move[0]]! += move[2];
    grid[move[1]]! -= move[2];
    h = bestH;
  }
  // The rest, less than a step or left over when every text fits on its line: spread over the flexible columns.
  const share = Math.floor(left / flexible.length);
  for (const i of flexible) grid[i]! += share;
  grid[flexible[flexible.length - 1]!]! += total - sumOf(grid);
  // Never taller than the layout's own grid.
  const plain = (g: readonly number[]): number => rows.reduce((x, r) => x + rowHeight(r.cells, g, r.min), 0);
  return plain(grid) <= plain(base) ? grid : [...base];
}

/** Packs the indicators onto pages. `groups` lists the indicators (by index) of each 二级 group in order; a
 * group stays whole on a page when it fits one, else it is split at its indicators. The last indicators stay with
 * the 总分, footer rows, 备注 and signoff (`tail`). `front` is what page 1 holds before its first indicator (title,
 * header rows, funds, goals, the column header), `repeat` what every later page holds before its indicators (the
 * repeated header rows), and `block(units)` the height of a page's indicator rows, labels included. Returns the
 * indicators of each page. */
export function planPages(
  groups: readonly (readonly number[])[],
  front: number,
  repeat: number,
  tail: number,
  block: (units: readonly number[]) => number,
): number[][] {
  const room = TEXT_HEIGHT - SLACK;
  const pages: number[][] = [[]];
  const head = (p: number): number => (p === 0 ? front : repeat);
  const fits = (p: number, extra: readonly number[], after = 0): boolean => head(p) + block([...pages[p]!, ...extra]) + after <= room;
  for (const g of groups) {
    const p = pages.length - 1;
    if (fits(p, g)) {
      pages[p]!.push(...g);
      continue;
    }
    // Not on this page: whole on the next one when it fits there; but page 1 starts the indicators when one fits
    // under the goals (split, with the label again on the next page), and holds none only when the goals fill it.
    const opening = p === 0 && pages[0]!.length === 0;
    if ((opening ? !fits(0, g.slice(0, 1)) : true) && repeat + block(g) <= room) {
      pages.push([...g]);
      continue;
    }
    // Longer than a page: split at its indicators, starting where the page has room for one.
    for (const u of g) {
      const q = pages.length - 1;
      if (pages[q]!.length > 0 && !fits(q, [u])) pages.push([]);
      pages[pages.length - 1]!.push(u);
    }
  }
  // The 总分, footer rows, 备注 and signoff never start a page alone: when they do not fit under the last
  // indicators, the last group goes with them to a new page (or its last indicator, when the group fills the page).
  const last = pages.length - 1;
  const page = pages[last]!;
  if (page.length > 1 && !fits(last, [], tail)) {
    const g = groups.find((x) => x.includes(page[page.length - 1]!)) ?? [];
    const start = page.indexOf(g[0]!);
    const take = start > 0 && repeat + block(page.slice(start)) + tail <= room ? page.length - start : 1;
    pages.push(page.splice(page.length - take, take));
  }
  return pages;
}

/** The signoff fields laid out in lines of the text width: a field never breaks, fields are set apart by three
 * ideographic spaces, or fewer when that keeps them on one line. */
export function signoffLayout(fields: readonly string[], width = TEXT_WIDTH): { text: string; fields: string[] }[] {
  const room = width / EM;
  const lines: string[][] = [];
  for (const f of fields) {
    const line = lines[lines.length - 1];
    if (line && textEm([...line, f].join('　')) <= room) line.push(f);
    else lines.push([f]);
  }
  return lines.map((line) => {
    const gap = ['　　　', '　　'].find((g) => textEm(line.join(g)) <= room) ?? '　';
    return { text: line.join(gap), fields: line };
  });
}
