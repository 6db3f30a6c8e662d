// `evalform render FILE... --docx|--xlsx|--html`: the filled official table, one per form, in one document.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScoreResult } from '../model/types.js';
import { printable } from '../report/printable.js';
import type { ReportContext } from '../report/types.js';
import { ConfigResolver, colorFor, exists, hasErrors, loadEvaluations } from './common.js';
import { writeFileAtomic } from './files.js';
import { MAX_INPUT_LABEL, megabytes, readInput } from './input.js';
import { MAX_RENDER_FORMS } from './limits.js';
import { UsageError, type Io } from './io.js';
import { refuseInputAsOutput, type InputFile } from './outputs.js';
import { displayPath, toRaw } from './rawpath.js';
import { VERSION } from './version.js';

/** The extensions each format may be written under: a Word file named .html (or a page named .docx) opens as
 * garbage, and one named .yaml would be taken for a form. */
const EXTENSIONS: Readonly<Record<Format, readonly string[]>> = { docx: ['.docx'], xlsx: ['.xlsx'], html: ['.html', '.htm'] };
const NEVER = ['.yaml', '.yml', '.docx', '.doc', '.xlsx', '.xls', '.html', '.htm'];

type Format = 'docx' | 'xlsx' | 'html';

export interface RenderOptions {
  docx?: boolean;
  xlsx?: boolean;
  html?: boolean;
  output?: string;
  template?: string;
  force?: boolean;
  config?: string;
}

/** The default HTML template, shipped beside src/ and dist/ in the package. */
export const DEFAULT_TEMPLATE = fileURLToPath(new URL('../../templates/table.hbs', import.meta.url));

function formatOf(opts: RenderOptions): Format {
  const chosen = (['docx', 'xlsx', 'html'] as const).filter((f) => opts[f]);
  if (chosen.length > 1) {
    const flags = chosen.map((f) => `--${f}`);
    throw new UsageError(`${flags.slice(0, -1).join('、')} 和 ${flags.at(-1)} 只能选一个：每次写一个文件`);
  }
  if (opts.docx || opts.xlsx) {
    if (opts.template !== undefined) throw new UsageError('--template 只用于 --html');
    return opts.docx ? 'docx' : 'xlsx';
  }
  if (opts.html || opts.template !== undefined) return 'html';
  const ext = opts.output === undefined ? '' : path.extname(opts.output).toLowerCase();
  if (ext === '.docx') return 'docx';
  if (ext === '.xlsx') return 'xlsx';
  if (ext === '.html' || ext === '.htm') return 'html';
  throw new UsageError('请选择输出格式：--docx、--xlsx 或 --html');
}

/** Beside the first form, with the format's extension: forms/a.yaml → forms/a.docx. */
function defaultOutput(first: string, format: Format): string {
  const ext = path.extname(first);
  const base = /^\.(ya?ml|docx|xlsx|doc|wps|xls|et)$/i.test(ext) ? first.slice(0, -ext.length) : first;
  // A Word file rendered again as Word is written beside it, never over it: 申报.docx → 申报.evalform.docx.
  return ext.toLowerCase() === `.${format}` ? `${base}.evalform.${format}` : `${base}.${format}`;
}

/** The output's extension must fit the format. A custom --template may write any text (Markdown, XML), so
 * then only the extensions of the other formats and of forms are refused. */
function checkExtension(outputArg: string, format: Format, customTemplate: boolean): void {
  const ext = path.extname(outputArg).toLowerCase();
  const fits = EXTENSIONS[format].includes(ext) || (format === 'html' && customTemplate && !NEVER.includes(ext));
  if (!fits) {
    const want = EXTENSIONS[format].join(' 或 ');
    throw new UsageError(`输出文件 ${printable(outputArg)} 的扩展名与格式不符：--${format} 写的文件应以 ${want} 结尾`);
  }
}

function readTemplate(file: string, shown: string): string {
  const input = readInput(file, shown, '模板');
  if ('tooLarge' in input) throw new UsageError(`模板 ${printable(shown)} 有 ${megabytes(input.tooLarge)}，超过 ${MAX_INPUT_LABEL} 的上限`);
  return input.bytes.toString('utf8');
}

export async function runRender(files: string[], opts: RenderOptions, io: Io): Promise<number> {
  const format = formatOf(opts);
  if (files.length === 0) throw new UsageError('请给出至少一个表单文件');
  // Refused before any work: a document past this would run out of memory after minutes.
  if (files.length > MAX_RENDER_FORMS[format]) {
    throw new UsageError(`一个 .${format} 文件最多 ${MAX_RENDER_FORMS[format]} 张表，收到 ${files.length} 个表单：请分几次生成`);
  }
  const outputArg = opts.output ?? defaultOutput(files[0]!, format);
  const output = path.resolve(io.cwd, outputArg);
  const templateFile = format === 'html' ? path.resolve(io.cwd, opts.template ?? DEFAULT_TEMPLATE) : undefined;
  const config = opts.config === undefined ? undefined : path.resolve(io.cwd, opts.config);
  const inputs: InputFile[] = [
    ...files.map((f) => ({ raw: toRaw(path.resolve(io.cwd, f)), what: '表单', shown: f })),
    ...(config ? [{ raw: toRaw(config), what: '规则文件', shown: opts.config as string }] : []),
    ...(templateFile ? [{ raw: toRaw(templateFile), what: '模板', shown: opts.template ?? templateFile }] : []),
  ];
  // Not even with --force: the output would replace what it is made from.
  refuseInputAsOutput(output, outputArg, inputs);
  if (opts.output !== undefined) checkExtension(outputArg, format, opts.template !== undefined);
  if (!opts.force && (await exists(output))) throw new UsageError(`${printable(outputArg)} 已存在：加 --force 覆盖它`);
  const template = templateFile === undefined ? undefined : readTemplate(templateFile, opts.template ?? templateFile);

  const resolver = new ConfigResolver(config);
  const evals = await loadEvaluations(files, io, { resolver });
  refuseInputAsOutput(
    output,
    outputArg,
    [...resolver.used].map((raw) => ({ raw, what: '规则文件', shown: displayPath(raw) })),
  );
  const ctx: ReportContext = { styles: await colorFor(io), cwd: io.cwd, version: VERSION };
  const report = async (): Promise<void> => {
    if (!evals.some((ev) => ev.findings.length > 0)) return;
    const { stylish } = await import('../report/stylish.js');
    io.stdout(stylish(evals, ctx));
  };
  const unreadable = evals.filter((ev) => ev.result === undefined);
  if (unreadable.length > 0) {
    await report();
    io.stderr(`evalform: 未写入文件：${unreadable.map((ev) => printable(ev.file)).join('、')} 无法读成表单\n`);
    return 1;
  }

  const { tableView } = await import('../render/view.js');
  const views = evals.map((ev) => tableView(ev.result as ScoreResult));
  let data: string | Uint8Array;
  if (format === 'docx') {
    const { renderDocx } = await import('../render/docx.js');
    data = await renderDocx(views);
  } else if (format === 'xlsx') {
    const { renderXlsx } = await import('../render/xlsx.js');
    data = renderXlsx(views);
  } else {
    const { renderHtml, TemplateError } = await import('../render/html.js');
    try {
      data = renderHtml(views, template ?? '', opts.template ?? 'templates/table.hbs');
    } catch (e) {
      if (e instanceof TemplateError) throw new UsageError(`模板有误：${printable(e.message)}`);
      throw e;
    }
  }
  await writeFileAtomic(output, data, { force: opts.force });
  await report();
  io.stdout(`已写入 ${printable(outputArg)}（${views.length} 张表）\n`);
  return hasErrors(evals) ? 1 : 0;
}
