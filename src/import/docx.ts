// A .docx file's tables as Grids: word/document.xml read with saxes, every w:tbl a Grid with its horizontal
// (w:gridSpan, w:gridBefore) and vertical (w:vMerge) merges resolved, the paragraphs around it kept as its
// caption (before) and trailing text (after). Pure: bytes in, data out.
// The browser build: the same synchronous unzip, without the node build's worker_threads require (the bundle
// imports nothing but node: builtins).
import { unzipSync } from 'fflate/browser';
import { SaxesParser } from 'saxes';
import { DocumentError, type Grid, type GridCell } from './grid.js';

interface CellBuild {
  paragraphs: string[];
  span: number;
  vMerge?: 'restart' | 'continue';
}

interface TableBuild {
  rows: { before: number; cells: CellBuild[] }[];
  name: string;
  caption?: string;
  nested: number;
  /** A nested table: the top-level table it is in, and the cell paragraphs that follow it (its trailing text). */
  top?: TableBuild;
  cell?: CellBuild;
  from?: number;
}

/** A built table as a Grid, merges resolved. */
function buildGrid(t: TableBuild, after: string | undefined): Grid {
  const rows: (GridCell | undefined)[][] = [];
  for (const [r, row] of t.rows.entries()) {
    const out: (GridCell | undefined)[] = [];
    let col = row.before;
    for (const c of row.cells) {
      const span = Math.max(1, c.span);
      const above = rows[r - 1]?.[col];
      let cell: GridCell;
      if (c.vMerge === 'continue' && above !== undefined && above.col === col && above.colSpan === span) {
        cell = above;
        cell.rowSpan = r - cell.row + 1;
      } else {
        cell = { text: c.paragraphs.join('\n'), row: r, col, rowSpan: 1, colSpan: span };
      }
      for (let k = 0; k < span; k++) out[col + k] = cell;
      col += span;
    }
    rows.push(out);
  }
  const width = rows.reduce((n, r) => Math.max(n, r.length), 0);
  const grid = rows.map((r) => Array.from({ length: width }, (_, c) => r[c]));
  return {
    name: t.name,
    ...(t.caption === undefined ? {} : { caption: t.caption }),
    ...(after === undefined ? {} : { after }),
    rows: grid,
    rowLabel: (r) => `第${r + 1}行`,
    colLabel: () => '',
  };
}

/** The text of word/document.xml, or a DocumentError saying why not. */
function documentXml(bytes: Uint8Array): string {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name === 'word/document.xml' });
  } catch {
    throw new DocumentError('不是有效的 .docx 文件（无法按 zip 解开）：请用 Word 或 WPS 另存为 .docx 后再导入');
  }
  const xml = files['word/document.xml'];
  if (xml === undefined) throw new DocumentError('这个 zip 文件里没有 word/document.xml，不是 Word 文档（.docx）');
  return new TextDecoder('utf-8').decode(xml);
}

/** Every table of the document in order; a table inside a cell is a Grid of its own (named 表1之1), and its text
 * is also part of the outer cell's text. */
export function readDocx(bytes: Uint8Array): Grid[] {
  const xml = documentXml(bytes);
  const parser = new SaxesParser({ xmlns: false, position: false });
  const tables: TableBuild[] = [];
  /** The open cell of each open table, innermost last. */
  const cells: CellBuild[] = [];
  let para: string[] | undefined;
  let inText = false;
  let skip = 0;
  let topCount = 0;
  /** Body paragraphs since the last top-level table closed. */
  let bodyParas: string[] = [];
  let lastTop: { t: TableBuild; index: number } | undefined;
  const finished: { t: TableBuild; after?: string }[] = [];
  let fault: string | undefined;

  const closeTopAfter = () => {
    if (lastTop === undefined) return;
    const after = bodyParas.filter((p) => p.trim() !== '').join('\n');
    finished[lastTop.index] = { t: lastTop.t, ...(after === '' ? {} : { after }) };
    lastTop = undefined;
  };

  parser.on('error', (e) => {
    fault ??= e.message;
  });
  parser.on('opentag', (tag) => {
    const n = tag.name;
    if (skip > 0) {
      if (!tag.isSelfClosing) skip++;
      return;
    }
    const attr = (k: string): string | undefined => {
      const v = tag.attributes[k];
      return typeof v === 'string' ? v : undefined;
    };
    switch (n) {
      case 'mc:Fallback':
      case 'w:del':
      case 'w:delText':
      case 'w:instrText':
      case 'w:rPr':
      case 'w:pPr':
      case 'w:sdtPr':
      case 'w:footnoteReference':
        if (!tag.isSelfClosing) skip = 1;
        return;
      case 'w:tbl': {
        const outer = tables[tables.length - 1];
        let name: string;
        let caption: string | undefined;
        if (outer === undefined) {
          closeTopAfter();
          topCount++;
          name = `表${topCount}`;
          const text = bodyParas.filter((p) => p.trim() !== '');
          caption = text.length > 0 ? text.slice(-3).join('\n') : undefined;
          bodyParas = [];
        } else {
          outer.nested++;
          name = `${outer.name}之${outer.nested}`;
          // A form laid out inside a table: its title is the text above it in the same cell, else the outer one's.
          const above = (cells[cells.length - 1]?.paragraphs ?? []).filter((p) => p.trim() !== '');
          caption = above.length > 0 ? above.slice(-3).join('\n') : tables[0]?.caption;
        }
        tables.push({
          rows: [],
          name,
          ...(caption === undefined ? {} : { caption }),
          nested: 0,
          ...(outer === undefined ? {} : { top: tables[0], cell: cells[cells.length - 1] }),
        });
        return;
      }
      case 'w:tr':
        tables[tables.length - 1]?.rows.push({ before: 0, cells: [] });
        return;
      case 'w:gridBefore': {
        const t = tables[tables.length - 1];
        const row = t?.rows[t.rows.length - 1];
        if (row && row.cells.length === 0) row.before = Number(attr('w:val') ?? '0') || 0;
        return;
      }
      case 'w:tc': {
        const t = tables[tables.length - 1];
        const c: CellBuild = { paragraphs: [], span: 1 };
        t?.rows[t.rows.length - 1]?.cells.push(c);
        cells.push(c);
        return;
      }
      case 'w:gridSpan': {
        const c = cells[cells.length - 1];
        if (c && c.paragraphs.length === 0) c.span = Number(attr('w:val') ?? '1') || 1;
        return;
      }
      case 'w:vMerge': {
        const c = cells[cells.length - 1];
        if (c && c.paragraphs.length === 0 && para === undefined) c.vMerge = attr('w:val') === 'restart' ? 'restart' : 'continue';
        return;
      }
      case 'w:p':
        if (para === undefined) para = [];
        else para.push('\n'); // a paragraph inside a paragraph (a text box): its own line
        return;
      case 'w:t':
        inText = true;
        return;
      case 'w:tab':
        para?.push('\t');
        return;
      case 'w:br':
      case 'w:cr':
        para?.push('\n');
        return;
      case 'w:noBreakHyphen':
        para?.push('-');
        return;
      default:
        return;
    }
  });
  parser.on('text', (text) => {
    if (inText && skip === 0) para?.push(text);
  });
  parser.on('closetag', (tag) => {
    if (skip > 0) {
      // saxes closes a self-closing tag too; only a tag that was opened counts.
      if (!tag.isSelfClosing) skip--;
      return;
    }
    switch (tag.name) {
      case 'w:t':
        inText = false;
        return;
      case 'w:p': {
        if (para === undefined) return;
        const text = para.join('');
        para = undefined;
        const c = cells[cells.length - 1];
        if (c) c.paragraphs.push(text);
        else bodyParas.push(text);
        return;
      }
      case 'w:tc': {
        const c = cells.pop();
        // A nested table's text belongs to the cell around it too.
        const outer = cells[cells.length - 1];
        if (c && outer && tables.length > 1) outer.paragraphs.push(...c.paragraphs);
        return;
      }
      case 'w:tbl': {
        const t = tables.pop();
        if (t === undefined) return;
        if (tables.length === 0) {
          const index = finished.length;
          finished.push({ t });
          lastTop = { t, index };
        } else {
          t.from = t.cell?.paragraphs.length ?? 0;
          finished.push({ t });
        }
        return;
      }
      default:
        return;
    }
  });
  try {
    parser.write(xml).close();
  } catch (e) {
    fault ??= e instanceof Error ? e.message : String(e);
  }
  if (fault !== undefined) throw new DocumentError(`word/document.xml 不是有效的 XML（${fault.split('\n')[0]}），文件可能已损坏`);
  closeTopAfter();
  const afterOf = new Map(finished.map((f) => [f.t, f.after]));
  return finished.map((f) => {
    if (f.t.top === undefined) return buildGrid(f.t, f.after);
    const inCell = (f.t.cell?.paragraphs ?? []).slice(f.t.from ?? 0);
    const after = [...inCell, afterOf.get(f.t.top) ?? ''].filter((p) => p.trim() !== '').join('\n');
    return buildGrid(f.t, after === '' ? undefined : after);
  });
}
