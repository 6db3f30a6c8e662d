// `evalform render` as a user runs it: where it writes, what it refuses, what it prints, how it exits.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../src/cli/files.js';
import { UsageError } from '../src/cli/io.js';
import { runRender } from '../src/cli/render.js';
import { docxTables, fakeIo, texts } from './render-helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLES = path.join(ROOT, 'examples');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'evalform-render-'));
  for (const name of ['hunan-2022-business.yaml', 'hunan-2022-operations.yaml', 'quantitative.yaml']) {
    copyFileSync(path.join(EXAMPLES, name), path.join(dir, name));
  }
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const listing = (): string[] => readdirSync(dir).sort();

describe('evalform render', () => {
  it('writes one .docx beside the first form, tables in the order given, and says where', async () => {
    const io = fakeIo(dir);
    const code = await runRender(['hunan-2022-operations.yaml', 'hunan-2022-business.yaml'], { docx: true }, io);
    const out = path.join(dir, 'hunan-2022-operations.docx');
    expect(existsSync(out)).toBe(true);
    const tables = docxTables(readFileSync(out));
    expect(tables.map((t) => texts(t)[0]![1])).toEqual(['运行维护经费', '业务工作经费']);
    expect(io.out.join('')).toContain('已写入 hunan-2022-operations.docx（2 张表）');
    // Table 1's stated 75.45% / 7.5 / 97.5 are errors: the document is still written, and the exit code is 1.
    expect(code).toBe(1);
    expect(io.out.join('')).toMatch(/hunan-2022-business\.yaml\n.*rate-mismatch/s);
    expect(io.out.join('')).toContain('total-mismatch');
  });

  it('exits 0 when the forms have no errors (warnings allowed)', async () => {
    const io = fakeIo(dir);
    expect(await runRender(['quantitative.yaml'], { html: true, output: 'out.html' }, io)).toBe(0);
    expect(readFileSync(path.join(dir, 'out.html'), 'utf8')).toContain('农村公路日常养护及危桥改造');
  });

  it('takes the format from the --output extension when neither flag is given', async () => {
    const io = fakeIo(dir);
    await runRender(['quantitative.yaml'], { output: 'roads.docx' }, io);
    expect(readFileSync(path.join(dir, 'roads.docx')).subarray(0, 2).toString()).toBe('PK');
    await runRender(['quantitative.yaml'], { output: 'roads.html' }, io);
    expect(readFileSync(path.join(dir, 'roads.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('refuses to overwrite an existing file without --force, and overwrites it with --force', async () => {
    writeFileSync(path.join(dir, 'quantitative.docx'), 'keep me');
    await expect(runRender(['quantitative.yaml'], { docx: true }, fakeIo(dir))).rejects.toThrow(/quantitative\.docx 已存在：加 --force 覆盖它/);
    expect(readFileSync(path.join(dir, 'quantitative.docx'), 'utf8')).toBe('keep me');
    expect(await runRender(['quantitative.yaml'], { docx: true, force: true }, fakeIo(dir))).toBe(0);
    expect(readFileSync(path.join(dir, 'quantitative.docx')).subarray(0, 2).toString()).toBe('PK');
    expect(listing()).toEqual(['hunan-2022-business.yaml', 'hunan-2022-operations.yaml', 'quantitative.docx', 'quantitative.yaml']);
  });

  it('writes nothing and exits 1 with the findings when a form cannot be read as a form', async () => {
    writeFileSync(path.join(dir, 'broken.yaml'), 'evalform: 1\nyear: [2022\n');
    const io = fakeIo(dir);
    expect(await runRender(['quantitative.yaml', 'broken.yaml'], { docx: true }, io)).toBe(1);
    expect(io.out.join('')).toContain('yaml-syntax');
    expect(io.err.join('')).toContain('未写入文件');
    expect(existsSync(path.join(dir, 'quantitative.docx'))).toBe(false);
    expect(listing()).not.toContain('broken.docx');
  });

  it('rejects unusable options and files with a usage error (exit 2)', async () => {
    const io = fakeIo(dir);
    await expect(runRender(['quantitative.yaml'], { docx: true, html: true }, io)).rejects.toThrow(UsageError);
    await expect(runRender(['quantitative.yaml'], {}, io)).rejects.toThrow(/--docx 或 --html/);
    await expect(runRender(['quantitative.yaml'], { docx: true, template: 'x.hbs' }, io)).rejects.toThrow(/--template 只用于 --html/);
    await expect(runRender(['missing.yaml'], { docx: true }, io)).rejects.toThrow(UsageError);
    await expect(runRender(['quantitative.yaml'], { html: true, template: 'missing.hbs' }, io)).rejects.toThrow(/无法读取模板/);
    await expect(runRender(['quantitative.yaml'], { docx: true, output: 'no/such/folder/out.docx' }, io)).rejects.toThrow(/无法写入 .*文件夹不存在/);
    expect(listing()).toEqual(['hunan-2022-business.yaml', 'hunan-2022-operations.yaml', 'quantitative.yaml']);
  });

  it('runs from the built binary', () => {
    const bin = path.join(ROOT, 'bin', 'evalform.js');
    const r = spawnSync(process.execPath, [bin, 'render', 'quantitative.yaml', '--html'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('已写入 quantitative.html（1 张表）');
    const again = spawnSync(process.execPath, [bin, 'render', 'quantitative.yaml', '--html'], { cwd: dir, encoding: 'utf8' });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('已存在');
  });
});

describe('writeFileAtomic', () => {
  it('writes the data and leaves no temporary file', async () => {
    const file = path.join(dir, 'a.bin');
    await writeFileAtomic(file, new Uint8Array([1, 2, 3]));
    expect([...readFileSync(file)]).toEqual([1, 2, 3]);
    await writeFileAtomic(file, 'new', { force: true });
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(readdirSync(dir).filter((f) => f.includes('a.bin'))).toEqual(['a.bin']);
  });

  it('refuses an existing file without force, and leaves no temporary file behind', async () => {
    const file = path.join(dir, 'a.txt');
    writeFileSync(file, 'old');
    await expect(writeFileAtomic(file, 'new')).rejects.toThrow(UsageError);
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(dir).filter((f) => f.includes('a.txt'))).toEqual(['a.txt']);
  });

  it('says clearly when the folder cannot be written to', async () => {
    await expect(writeFileAtomic(path.join(dir, 'nope', 'a.txt'), 'x')).rejects.toThrow(/无法写入 .*a\.txt：文件夹不存在/);
    writeFileSync(path.join(dir, 'plain'), '');
    await expect(writeFileAtomic(path.join(dir, 'plain', 'a.txt'), 'x')).rejects.toThrow(/路径中有一段不是文件夹/);
    mkdirSync(path.join(dir, 'sub'));
    await expect(writeFileAtomic(path.join(dir, 'sub'), 'x', { force: true })).rejects.toThrow(UsageError);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('lazy loading', () => {
  it('imports docx and handlebars only from the render modules, which the CLI loads on demand', () => {
    const src = (p: string): string => readFileSync(path.join(ROOT, 'src', p), 'utf8');
    const staticImport = (lib: string): RegExp => new RegExp(`^import[^;]*from '${lib}'`, 'm');
    const files = (d: string): string[] =>
      readdirSync(path.join(ROOT, 'src', d), { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(path.join(d, e.name)) : e.name.endsWith('.ts') ? [path.join(d, e.name)] : [],
      );
    const importers = (lib: string): string[] => files('.').filter((f) => staticImport(lib).test(src(f))).map((f) => f.split(path.sep).join('/'));
    expect(importers('docx')).toEqual(['render/docx.ts']);
    expect(importers('handlebars')).toEqual(['render/html.ts']);
    // Nothing but the render command reaches those modules, and only through import().
    expect(files('.').filter((f) => /from '(\.\.?\/)+(render\/)?(docx|html)\.js'/.test(src(f)))).toEqual([]);
    expect(src('cli/render.ts')).toContain("await import('../render/docx.js')");
    expect(src('cli/main.ts')).toContain("await import('./render.js')");
  });
});
