// A table as a document reader finds it, before anything is guessed about what it means. The .docx reader
// (src/import/docx.ts) and the .xlsx reader (src/import/xlsx.ts) each turn a file into Grids; the recognizer
// turns a Grid that is a 自评表 into a form. Nothing here knows Word or Excel.

/** One cell of a table: a merged cell is one GridCell, found at every grid position it covers. */
export interface GridCell {
  /** The text as printed: runs joined, paragraphs joined with '\n', nothing trimmed or normalised. */
  text: string;
  /** 0-based grid row and column of the cell's top-left corner. */
  row: number;
  col: number;
  /** How many grid rows and columns it covers (1 when not merged). */
  rowSpan: number;
  colSpan: number;
  /** A spreadsheet number cell: the value exactly as stored in the file (its `<v>` text, never through a
   * binary float) and the number format code it is shown with, e.g. '0.00%'. The text above is then what the
   * sheet would show, as well as it can be told. Absent for .docx cells and text cells. */
  number?: { stored: string; format?: string };
}

export interface Grid {
  /** The table's place in its document, in words a user finds it by: '表1' for the first table of a .docx,
   * '工作表“自评表”' for a sheet. */
  name: string;
  /** The text just before the table (a .docx title paragraph such as “2023年度项目支出绩效自评表”), when any. */
  caption?: string;
  /** The text after the table up to the next one (a .docx's 备注 and 填表人 lines), paragraphs joined with '\n'. */
  after?: string;
  /** rows[r][c]: the cell covering grid position (r, c), or undefined where the table has no cell. Every row
   * has the same length. Empty rows are kept: a row's index is its place in the document. */
  rows: (GridCell | undefined)[][];
  /** How to name grid row r to a user: the 1-based row of the Word table, or the sheet's row number. */
  rowLabel(r: number): string;
  /** How to name grid column c to a user: '' for Word (a Word row is named by its label), 'F列' for a sheet. */
  colLabel(c: number): string;
}

/** A file that is not a document evalform can read (no zip, a part missing, XML that does not parse); the message
 * is the user's one line. Each reader throws its own kind of it. */
export class DocumentError extends Error {}
