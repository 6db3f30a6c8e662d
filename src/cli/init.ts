// `evalform init [FILE] [--layout central|sichuan|yunnan]`: a commented blank form that validates, never written over an existing file.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printable } from '../report/printable.js';
import { writeFileAtomic } from './files.js';
import { UsageError, type Io } from './io.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The years a form may be for: --year is written into the form as it is given. */
export const YEARS = { min: 1990, max: 2100 };

function checkYear(year: string): string {
  if (!/^[0-9]{4}$/.test(year) || Number(year) < YEARS.min || Number(year) > YEARS.max) {
    throw new UsageError(`--year 需要 ${YEARS.min} 到 ${YEARS.max} 之间的四位年份，收到 “${printable(year)}”`);
  }
  return year;
}

/** The layouts `init --layout` writes a blank form for, each with its template (docs/format.md §7). */
export const INIT_LAYOUTS = { central: 'init.yaml', sichuan: 'init-sichuan.yaml', yunnan: 'init-yunnan.yaml' } as const;
export type InitLayout = keyof typeof INIT_LAYOUTS;

function checkLayout(layout: string): InitLayout {
  if (!Object.hasOwn(INIT_LAYOUTS, layout)) {
    throw new UsageError(`--layout 需要 ${Object.keys(INIT_LAYOUTS).join('、')} 之一，收到 “${printable(layout)}”`);
  }
  return layout as InitLayout;
}

export async function runInit(
  file: string | undefined,
  opts: { force?: boolean; year?: string; layout?: string },
  io: Io,
): Promise<number> {
  const year = checkYear(opts.year ?? String(new Date().getFullYear() - 1));
  const layout = checkLayout(opts.layout ?? 'central');
  const template = await readFile(path.join(ROOT, 'templates', INIT_LAYOUTS[layout]), 'utf8');
  const target = file === undefined ? undefined : path.resolve(io.cwd, file);
  const schema =
    target === undefined
      ? path.join(ROOT, 'schemas', 'evalform.schema.json')
      : path
          .relative(path.dirname(target), path.join(ROOT, 'schemas', 'evalform.schema.json'))
          .split(path.sep)
          .join('/');
  const text = template.replaceAll('{{SCHEMA}}', schema).replaceAll('{{YEAR}}', year);
  if (target === undefined) {
    io.stdout(text);
    return 0;
  }
  await writeFileAtomic(target, text, { force: opts.force ?? false });
  io.stderr(`已写入 ${printable(file ?? target)}：填写后运行 evalform score ${printable(file ?? target)}\n`);
  return 0;
}

export async function runSchema(io: Io): Promise<number> {
  io.stdout(await readFile(path.join(ROOT, 'schemas', 'evalform.schema.json'), 'utf8'));
  return 0;
}
