// Reading the forms people already have: a .docx (or .xlsx) file's 自评表 tables as FORMAT 1.1 YAML forms. Loaded
// lazily by src/cli only for such files, so scoring a YAML form never loads the zip and XML readers.
import { readDocx } from './docx.js';
import { emitYaml } from './emit.js';
import type { Grid } from './grid.js';
import { type Continuation, continuation, joinGrids, opensForm, recognize } from './recognize.js';

export { DocumentError } from './grid.js';

export interface ImportedForm {
  table: string;
  yaml: string;
  places: Record<string, string>;
}
export interface ImportResult {
  forms: ImportedForm[];
  skipped: { table: string; reason: string }[];
}

export interface ImportOptions {
  /** The `$schema` of the modeline, as `init` writes it for the output's place. */
  schema?: string;
  /** The file's name, for the header comment. */
  source?: string;
}

/** The document readers by kind; each throws a DocumentError for a file it cannot read. */
const readers: Record<'docx' | 'xlsx', (bytes: Uint8Array) => Grid[] | Promise<Grid[]>> = {
  docx: readDocx,
  xlsx: async (bytes) => (await import('./xlsx.js')).readXlsx(bytes),
};

/** Every 自评表 table of the document as a form; other tables are listed as skipped, with why. */
export async function importDocument(bytes: Uint8Array, kind: 'docx' | 'xlsx', options: ImportOptions = {}): Promise<ImportResult> {
  const grids = await readers[kind](bytes);
  const result: ImportResult = { forms: [], skipped: [] };
  const schema = options.schema ?? 'https://unpkg.com/evalform/schemas/evalform.schema.json';
  const recognized = formsOf(grids, kind).map(({ first, parts }) => ({ grid: first, r: recognize(joinGrids(first, parts)) }));
  for (const { grid, r } of recognized) {
    if (!r.ok) {
      // A table that only lays out a form nested in it is no table of its own.
      if (!recognized.some((x) => x.r.ok && x.grid.name.startsWith(`${grid.name}之`))) {
        result.skipped.push({ table: grid.name, reason: r.reason });
      }
      continue;
    }
    const source = `${options.source ?? `.${kind}`} ${grid.name}`;
    result.forms.push({ table: grid.name, yaml: emitYaml(r.value.form, r.value.guesses, schema, source), places: r.value.places });
  }
  if (grids.length === 0) result.skipped.push({ table: '', reason: '文件中没有表格，不是自评表' });
  return result;
}

/** What may stand between two tables of one form: nothing but empty paragraphs and page breaks, or a 续表 line or
 * a page number. */
const BETWEEN = /^(?:[(（]?续表?\s*\d*[)）]?[:：]?|第\s*\d+\s*页.*|[-—－]?\s*\d+\s*[-—－]?)?$/u;

/**
 * The document's tables grouped into forms: a Word table that carries on the form of the table just before it
 * (a form split at a page break, or laid out by `render --docx` one table per page) joins that form as its `parts`
 * (see `continuation` in recognize.ts); every other table stands alone. Only top-level Word tables join, and only
 * when nothing but empty paragraphs, page breaks, a 续表 line or a page number stands between them.
 */
function formsOf(grids: readonly Grid[], kind: 'docx' | 'xlsx'): { first: Grid; parts: ({ grid: Grid } & Continuation)[] }[] {
  const out: { first: Grid; parts: ({ grid: Grid } & Continuation)[] }[] = [];
  let open: { first: Grid; parts: ({ grid: Grid } & Continuation)[] } | undefined;
  for (const grid of grids) {
    const top = kind === 'docx' && /^表\d+$/.test(grid.name);
    if (open !== undefined && top) {
      const previous = open.parts[open.parts.length - 1]?.grid ?? open.first;
      const between = (previous.after ?? '').split('\n').every((line) => BETWEEN.test(line.replace(/[\s\u3000]+/gu, '')));
      const how = between ? continuation(joinGrids(open.first, open.parts), grid) : undefined;
      if (how !== undefined) {
        open.parts.push({ grid, ...how });
        continue;
      }
    }
    const entry = { first: grid, parts: [] };
    out.push(entry);
    open = top && opensForm(grid) ? entry : undefined;
  }
  return out;
}
