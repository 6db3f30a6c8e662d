// What `npm pack` ships is what runs (publint's question): the bin, the bundle and its maps, the library with
// everything it imports, the schemas and templates, and nothing else; the library loads with `dependencies`
// alone; --debug stacks name src/ lines through the maps, which a normal start never reads.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
let packed = new Set<string>();

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'dist', 'bin', 'evalform.cjs')))
    throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`npm pack failed:\n${r.stderr}`);
  const [report] = JSON.parse(r.stdout) as { files: { path: string }[] }[];
  packed = new Set(report?.files.map((f) => f.path));
}, 60_000);

/** Every module specifier a built file imports, static or dynamic (TypeScript's scanner: not those in comments). */
function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(path.join(ROOT, file), 'utf8'), true, true).importedFiles.map((f) => f.fileName);
}

/** The files a module loads, following relative imports, and the bare specifiers it reaches. */
function closure(entry: string): { files: Set<string>; bare: Set<string> } {
  const files = new Set<string>();
  const bare = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const specifier of importsOf(file)) {
      if (specifier.startsWith('.')) visit(path.posix.join(path.posix.dirname(file), specifier));
      else bare.add(specifier);
    }
  };
  visit(entry);
  return { files, bare };
}

const packageOf = (specifier: string): string =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

describe('the packed files', () => {
  it('ship the bin, the bundle with its maps, the library, schemas, templates, README and LICENSE', () => {
    for (const file of [
      'bin/evalform.js',
      // Says bin/evalform.js is CommonJS (the package's own files are ES modules).
      'bin/package.json',
      'dist/bin/evalform.cjs',
      'dist/bin/evalform.cjs.map',
      'dist/bin/worker.cjs',
      'dist/index.js',
      'dist/index.d.ts',
    ]) {
      expect(packed, file).toContain(file);
    }
    // V8's code cache of the core chunk (scripts/code-cache.mjs), which bin/evalform.js reads.
    expect([...packed].filter((f) => /^dist\/bin\/core-[\w-]+\.cjs\.cache$/.test(f))).toHaveLength(1);
    for (const file of [
      'schemas/evalform.schema.json',
      'schemas/evalform.config.schema.json',
      'templates/table.hbs',
      'templates/init.yaml',
    ]) {
      expect(packed, file).toContain(file);
    }
    for (const file of ['README.md', 'LICENSE', 'package.json']) expect(packed, file).toContain(file);
  });

  it('leave out tests, bench, sources, scripts and the tsc copies of what the bundle holds', () => {
    const stray = [...packed].filter((f) => /^(test|bench|src|scripts|docs|examples|dist\/(cli|render|report))\/|^dist\/xml\./.test(f));
    expect(stray).toEqual([]);
    expect([...packed].filter((f) => f.endsWith('.map') && !f.startsWith('dist/bin/'))).toEqual([]);
  });

  it('hold everything the library loads, which needs only node: builtins and `dependencies`', () => {
    const { files, bare } = closure('dist/index.js');
    expect([...files].filter((f) => !packed.has(f))).toEqual([]);
    const outside = [...bare].filter((s) => !s.startsWith('node:') && !(packageOf(s) in pkg.dependencies));
    expect(outside).toEqual([]);
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['decimal.js', 'yaml']);
  });

  it("hold a bundle that requires nothing but Node's builtins", () => {
    for (const entry of ['dist/bin/evalform.cjs', 'dist/bin/worker.cjs']) {
      const { files, bare } = closure(entry);
      expect(
        [...files].filter((f) => !packed.has(f)),
        entry,
      ).toEqual([]);
      expect(
        // CommonJS packages in the bundle (commander) require some builtins without the node: prefix.
        [...bare].filter((s) => !s.startsWith('node:') && !builtinModules.includes(s)),
        entry,
      ).toEqual([]);
    }
  });
});

describe('--debug', () => {
  const BIN = path.join(ROOT, 'bin', 'evalform.js');
  // An internal error on demand: standard output that throws as the table is printed.
  const THROW = 'data:text/javascript,process.stdout.write=()=>{throw new Error("boom")}';
  const MAPS = 'data:text/javascript,process.on("exit",()=>process.stderr.write("maps:"+process.sourceMapsEnabled+"\\n"))';
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', THROW, '--import', MAPS, BIN, ...args, 'score', 'examples/hunan-2022-business.yaml'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });

  it('names the src/ lines of an internal error, through the source maps', () => {
    const r = run('--debug');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('evalform: 内部错误：boom');
    expect(r.stderr).toMatch(/\bsrc\/cli\/main\.ts:\d+:\d+/);
    expect(r.stderr).toMatch(/\bsrc\/cli\/score\.ts:\d+:\d+/);
    expect(r.stderr).toContain('maps:true');
  });

  it('is the only start that reads the maps', () => {
    const r = run();
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('请加 --debug 重新运行');
    expect(r.stderr).not.toMatch(/\.ts:\d+/);
    expect(r.stderr).toContain('maps:false');
  });
});
