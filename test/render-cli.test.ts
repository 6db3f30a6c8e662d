// What `render` is built on: the atomic write of its output, and the heavy libraries loaded only by it. The
// command itself, as a user runs it, is in the case table (test/cli/cases.ts).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../src/cli/files.js';
import { UsageError } from '../src/cli/io.js';
import { ROOT } from './helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'evalform-render-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

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
    const importers = (lib: string): string[] =>
      files('.')
        .filter((f) => staticImport(lib).test(src(f)))
        .map((f) => f.split(path.sep).join('/'));
    expect(importers('docx')).toEqual(['render/docx.ts']);
    expect(importers('handlebars')).toEqual(['render/html.ts']);
    // Nothing but the render command reaches those modules, and only through import().
    // (src/import/docx.ts, the Word reader, is another module of that name.)
    expect(files('.').filter((f) => !f.startsWith('import') && /from '(\.\.?\/)+(render\/)?(docx|html)\.js'/.test(src(f)))).toEqual([]);
    expect(src('cli/render.ts')).toContain("await import('../render/docx.js')");
    expect(src('cli/main.ts')).toContain("await import('./render.js')");
  });
});
