// Reading the forms people already have: a .docx (or .xlsx) file's 自评表 tables as FORMAT 1.1 YAML forms. Loaded
// lazily by src/cli only for such files, so scoring a YAML form never loads the zip and XML readers.
import { readDocx } from './docx.js';
import { emitYaml } from './emit.js';
import type { Grid } from './grid.js';
import { recognize } from './recognize.js';

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
  const recognized = grids.map((grid) => ({ grid, r: recognize(grid) }));
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
