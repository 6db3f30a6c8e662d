// `npm run lint`: the import rules Biome cannot say, read from the import lines of src/**/*.ts. Biome's
// noRestrictedImports and noRestrictedGlobals (biome.jsonc) keep fs, threads, processes, chalk, commander and
// `process` in src/cli; this keeps the layers pointing one way (README "Development": cli → report/render/score/
// validate → model, nothing imports cli) and the library's run-time imports within package.json's dependencies.
//   node scripts/check-boundaries.mjs [--root DIR]
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { root: { type: 'string' } } });
const root = path.resolve(values.root ?? path.join(import.meta.dirname, '..'));
const src = path.join(root, 'src');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const dependencies = new Set(Object.keys(pkg.dependencies ?? {}));

/** The layer of a file under src/: the command line, the two kinds of output, or the core everything else is. */
function layerOf(file) {
  const [top] = path.relative(src, file).split(path.sep);
  return top === 'cli' || top === 'report' || top === 'render' || top === 'import' ? top : 'core';
}

/** Every import and export-from of a file, static or dynamic, with its line and whether only types come in. */
function importsOf(text) {
  const found = [];
  const lineAt = (index) => text.slice(0, index).split('\n').length;
  const statement = /^[ \t]*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm;
  for (const m of text.matchAll(statement)) {
    if (m[1] === 'export' && !/\sfrom\s/.test(m[0])) continue;
    found.push({ specifier: m[3], typeOnly: Boolean(m[2]), line: lineAt(m.index) });
  }
  for (const m of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    if (/^\s*(\/\/|\*)/.test(text.slice(lineStart, m.index))) continue;
    found.push({ specifier: m[1], typeOnly: false, line: lineAt(m.index) });
  }
  return found;
}

/** The package a bare specifier names: `docx`, `@scope/name`; undefined for a node: builtin or a relative path. */
function packageOf(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(full);
    else if (/\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) yield full;
  }
}

const problems = [];
for (const file of sourceFiles(src)) {
  const from = layerOf(file);
  const where = (line) => `${path.relative(root, file)}:${line}`;
  for (const { specifier, typeOnly, line } of importsOf(readFileSync(file, 'utf8'))) {
    if (specifier.startsWith('.')) {
      const target = path.resolve(path.dirname(file), specifier);
      if (!target.startsWith(src + path.sep)) continue;
      const to = layerOf(target);
      if (to === 'cli' && from !== 'cli')
        problems.push(`${where(line)}: imports ${specifier}: nothing outside src/cli imports the command line`);
      if (from === 'core' && (to === 'report' || to === 'render' || to === 'import')) {
        problems.push(`${where(line)}: imports ${specifier}: the core (load, validate, score, model…) does not depend on src/${to}`);
      }
      continue;
    }
    const name = packageOf(specifier);
    // The library (dist/index.js) is the core as tsc compiles it: what it loads must be installed with evalform.
    if (from === 'core' && name && !typeOnly && !dependencies.has(name)) {
      problems.push(
        `${where(line)}: imports ${specifier} at run time, which is not in package.json's dependencies: the library would fail ` +
          'where evalform is installed (the command line bundles its packages; the core may only import types from others)',
      );
    }
  }
}

if (problems.length > 0) {
  console.error(`check-boundaries: ${problems.length} import${problems.length === 1 ? '' : 's'} across a boundary\n${problems.join('\n')}`);
  process.exitCode = 1;
}
