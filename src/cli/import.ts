// `evalform import FILE.docx|FILE.xlsx [-o OUT.yaml | --out-dir DIR] [--force]`: the 自评表 tables of a Word (or
// Excel) file as YAML forms. Also the one place the CLI turns a document into forms in memory, for score, check
// and render: old binary formats (.doc, .wps, .et, .xls) through LibreOffice when soffice is on the PATH.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportResult } from '../import/index.js';
import { printable } from '../report/printable.js';
import { writeFileAtomic } from './files.js';
import { MAX_INPUT_LABEL, megabytes, readInput } from './input.js';
import { UsageError, type Io } from './io.js';
import { refuseInputAsOutput } from './outputs.js';
import { toRaw } from './rawpath.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SCHEMA = path.join(ROOT, 'schemas', 'evalform.schema.json');

/** What each document extension is read as; the old binary formats are converted first. */
const KINDS: Record<string, { kind: 'docx' | 'xlsx'; convert?: string }> = {
  '.docx': { kind: 'docx' },
  '.xlsx': { kind: 'xlsx' },
  '.doc': { kind: 'docx', convert: 'Word 97-2003（.doc）' },
  '.wps': { kind: 'docx', convert: 'WPS 文字（.wps）' },
  '.xls': { kind: 'xlsx', convert: 'Excel 97-2003（.xls）' },
  '.et': { kind: 'xlsx', convert: 'WPS 表格（.et）' },
};

/** Whether a path names a document evalform can import (by its extension). */
export function isDocumentPath(file: string): boolean {
  return Object.hasOwn(KINDS, path.extname(file).toLowerCase());
}

/** How long LibreOffice may take to convert one file. */
const CONVERT_TIMEOUT_MS = 120_000;

function findOnPath(name: string, env: Io['env']): string | undefined {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    const full = path.join(dir, name);
    try {
      accessSync(full, constants.X_OK);
      return full;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** An old binary document converted by LibreOffice into a temporary folder, read, and the folder removed. */
function convert(abs: string, shown: string, to: 'docx' | 'xlsx', what: string, io: Io): Uint8Array {
  const soffice = findOnPath('soffice', io.env);
  const save = to === 'docx' ? '.docx' : '.xlsx';
  if (soffice === undefined) {
    throw new UsageError(
      `${printable(shown)} 是 ${what}旧格式，需要 LibreOffice（soffice）转换，但 PATH 中没有找到：请在 Word 或 WPS 中另存为 ${save} 后再导入`,
    );
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'evalform-convert-'));
  try {
    const profile = `file://${path.join(dir, 'profile')}`;
    const out = path.join(dir, 'out');
    const r = spawnSync(soffice, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', to, '--outdir', out, abs], {
      timeout: CONVERT_TIMEOUT_MS,
      stdio: 'ignore',
      env: { ...io.env, HOME: dir } as NodeJS.ProcessEnv,
    });
    const made = (() => {
      try {
        return readdirSync(out).find((f) => f.toLowerCase().endsWith(save));
      } catch {
        return undefined;
      }
    })();
    if (r.error || made === undefined) {
      const why =
        r.error && (r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT' ? `${CONVERT_TIMEOUT_MS / 1000} 秒内没有完成` : '没有生成文件';
      throw new UsageError(`LibreOffice 转换 ${printable(shown)} 失败（${why}）：请在 Word 或 WPS 中另存为 ${save} 后再导入`);
    }
    return readFileSync(path.join(out, made));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A document's 自评表 tables as forms, in memory; a UsageError (exit 2) when the file cannot be read at all. */
export async function importFile(abs: string, shown: string, io: Io, schema = SCHEMA): Promise<ImportResult> {
  const ext = path.extname(abs).toLowerCase();
  const spec = KINDS[ext];
  if (spec === undefined) throw new UsageError(`${printable(shown)} 不是 .docx 或 .xlsx 文件，无法导入`);
  let bytes: Uint8Array;
  if (spec.convert !== undefined) {
    readInput(abs, shown, '表单');
    bytes = convert(abs, shown, spec.kind, spec.convert, io);
  } else {
    const input = readInput(abs, shown, '表单');
    if ('tooLarge' in input) throw new UsageError(`${printable(shown)} 有 ${megabytes(input.tooLarge)}，超过 ${MAX_INPUT_LABEL} 的上限`);
    bytes = input.bytes;
  }
  const { importDocument, DocumentError } = await import('../import/index.js');
  try {
    return await importDocument(bytes, spec.kind, { schema, source: path.basename(shown) });
  } catch (e) {
    if (e instanceof DocumentError) throw new UsageError(`${printable(shown)}：${e.message}`);
    throw e;
  }
}

/** A document `check` found, imported in memory: its forms, or why it holds none (not a Word or Excel file, no
 * 自评表 in it). Old binary formats named on the command line are converted as `import` does. */
export async function importFound(
  abs: string,
  shown: string,
  bytes: Uint8Array | undefined,
  io: Io,
): Promise<{ result: ImportResult } | { reason: string }> {
  const spec = KINDS[path.extname(abs).toLowerCase()];
  if (spec === undefined) return { reason: '不是 .docx 或 .xlsx 文件' };
  if (spec.convert !== undefined || bytes === undefined) return { result: await importFile(abs, shown, io) };
  const { importDocument, DocumentError } = await import('../import/index.js');
  try {
    return { result: await importDocument(bytes, spec.kind, { schema: SCHEMA, source: path.basename(shown) }) };
  } catch (e) {
    if (e instanceof DocumentError) return { reason: e.message };
    throw e;
  }
}

/** The `$schema` of a written form: relative to where it is written, as `init` writes it. */
function schemaFor(target: string | undefined): string {
  if (target === undefined) return SCHEMA;
  return path.relative(path.dirname(target), SCHEMA).split(path.sep).join('/');
}

export async function runImport(file: string, opts: { output?: string; outDir?: string; force?: boolean }, io: Io): Promise<number> {
  if (opts.output !== undefined && opts.outDir !== undefined) throw new UsageError('-o 与 --out-dir 只能用一个');
  const abs = path.resolve(io.cwd, file);
  const outDir = opts.outDir === undefined ? undefined : path.resolve(io.cwd, opts.outDir);
  const output = opts.output === undefined ? undefined : path.resolve(io.cwd, opts.output);
  // The modeline depends on where the form goes; every form of one file goes to one folder.
  const schemaDir = output ?? (outDir === undefined ? undefined : path.join(outDir, 'x.yaml'));
  const result = await importFile(abs, file, io, schemaFor(schemaDir));
  for (const s of result.skipped) io.stderr(`${printable(file)}${s.table === '' ? '' : ` ${s.table}`}：${s.reason}，已跳过\n`);
  const n = result.forms.length;
  if (n === 0) {
    io.stderr(`${printable(file)} 中没有找到项目支出绩效自评表，没有导入任何内容\n`);
    return 2;
  }
  if (output === undefined && outDir === undefined) {
    if (n > 1) {
      throw new UsageError(`${printable(file)} 中有 ${n} 张自评表：用 --out-dir 文件夹 把每张写成一个 YAML 文件`);
    }
    io.stdout(result.forms[0]!.yaml);
    return 0;
  }
  const inputs = [{ raw: toRaw(abs), what: '文档', shown: file }];
  const base = path.basename(abs, path.extname(abs));
  const targets =
    output !== undefined
      ? (() => {
          if (n > 1) throw new UsageError(`${printable(file)} 中有 ${n} 张自评表，-o 只能写一个文件：请改用 --out-dir 文件夹`);
          return [{ abs: output, shown: opts.output! }];
        })()
      : result.forms.map((f) => {
          const name = n === 1 ? `${base}.yaml` : `${base}-${f.table}.yaml`;
          return { abs: path.join(outDir!, name), shown: path.join(opts.outDir!, name) };
        });
  for (const t of targets) refuseInputAsOutput(t.abs, t.shown, inputs);
  if (outDir !== undefined) await mkdir(outDir, { recursive: true });
  for (const [i, t] of targets.entries()) {
    const form = result.forms[i]!;
    await writeFileAtomic(t.abs, form.yaml, { force: opts.force ?? false });
    const guesses = (form.yaml.match(/# 导入时推测：/g) ?? []).length;
    const note = guesses === 0 ? '' : `，${guesses} 处推测（见文件中的“# 导入时推测”注释）`;
    io.stderr(`已导入 ${printable(file)} ${form.table} → ${printable(t.shown)}${note}\n`);
  }
  io.stderr(`下一步：evalform score ${targets.map((t) => printable(t.shown)).join(' ')}\n`);
  return 0;
}
