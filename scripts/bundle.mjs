// Bundles the command line into dist/bin/: the entry, one `core` chunk with everything `score` and `check` run, and
// the heavy modules (docx, handlebars, the document readers, --fix) in chunks loaded only when used. Measured in
// bench/: each module Node's ESM loader resolves, reads and links costs about a millisecond, and `check` of one
// form took 155 ms in some 30 chunks and 130 ms with them in one (`score`: 150 and 145).
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { build } from 'rolldown';

const dir = new URL('../dist/bin/', import.meta.url);
/** Kept out of the core chunk: what `score` and `check` of YAML forms never run, and colour (chalk), which only a
 * terminal needs. bin.ts and worker.ts are the entries themselves (bin.ts awaits the command at top level, so a
 * command's chunk importing a chunk that held bin.ts would wait on itself). */
const HEAVY =
  /node_modules[\\/](docx|handlebars|source-map|saxes|xmlchars|fflate|chalk)[\\/]|src[\\/](render|import|fix)[\\/]|src[\\/]report[\\/](dashboard|summary-xlsx)\.ts|src[\\/]cli[\\/](bin|worker|color)\.ts/;
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
await rm(dir, { recursive: true, force: true });
await build({
  input: {
    evalform: new URL('../src/cli/bin.ts', import.meta.url).pathname,
    worker: new URL('../src/cli/worker.ts', import.meta.url).pathname,
  },
  platform: 'node',
  external: [/^node:/],
  logLevel: 'warn',
  // With the commands in one chunk, their `import()`s no longer split anything, as intended.
  onLog(level, log, handler) {
    if (log.code !== 'INEFFECTIVE_DYNAMIC_IMPORT') handler(level, log);
  },
  output: {
    // Two folders below the package root, like src/cli and dist/cli, so paths to templates/ and schemas/ hold.
    dir: dir.pathname,
    format: 'cjs',
    entryFileNames: '[name].cjs',
    chunkFileNames: '[name]-[hash].cjs',
    codeSplitting: { groups: [{ name: 'core', test: (id) => !HEAVY.test(id) }] },
    // For `--debug` stacks that name src/ lines (bin/evalform.js turns source maps on only then). Without the
    // sources' text: a stack needs the mappings alone.
    sourcemap: true,
    sourcemapExcludeSources: true,
    // Code evalform did not write by hand: packages, and the validators generated from schemas/.
    sourcemapIgnoreList: (source) => source.includes('node_modules') || source.endsWith('src/validate/compiled.js'),
  },
});

// The maps keep only the lines of evalform's own sources: those into packages and the generated validators (the
// ignore list) were nine tenths of their size and say little in a bug report; a frame there keeps its place in
// the bundle instead.
for (const name of await readdir(dir)) {
  if (!name.endsWith('.map')) continue;
  const file = new URL(name, dir);
  await writeFile(file, JSON.stringify(ownMappingsOnly(JSON.parse(await readFile(file, 'utf8')))));
}

/** A source map without the mappings into its ignore-listed sources. Where a run of them starts, a segment with
 * no source ends the mapping before it, so positions in a package never read as the evalform line before them. */
function ownMappingsOnly(map) {
  const ignored = new Set(map.ignoreList ?? []);
  if (ignored.size === 0) return map;
  const index = [];
  const sources = [];
  map.sources.forEach((source, i) => {
    index[i] = ignored.has(i) ? -1 : sources.push(source) - 1;
  });
  // Decoding state runs on through the whole map (the generated column restarts on each line), as does encoding.
  const at = { source: 0, line: 0, column: 0, name: 0 };
  const out = { source: 0, line: 0, column: 0, name: 0 };
  const mappings = map.mappings.split(';').map((text) => {
    let column = 0;
    let written = 0;
    let inGap = false;
    const segments = [];
    for (const segment of text === '' ? [] : text.split(',')) {
      const [dColumn = 0, dSource, dLine = 0, dOriginalColumn = 0, dName] = decode(segment);
      column += dColumn;
      if (dSource !== undefined) {
        at.source += dSource;
        at.line += dLine;
        at.column += dOriginalColumn;
        if (dName !== undefined) at.name += dName;
      }
      if (dSource === undefined || index[at.source] === -1) {
        if (!inGap) {
          segments.push(vlq(column - written));
          written = column;
          inGap = true;
        }
        continue;
      }
      inGap = false;
      let s = vlq(column - written) + vlq(index[at.source] - out.source) + vlq(at.line - out.line) + vlq(at.column - out.column);
      if (dName !== undefined) s += vlq(at.name - out.name);
      segments.push(s);
      written = column;
      Object.assign(out, { source: index[at.source], line: at.line, column: at.column }, dName === undefined ? {} : { name: at.name });
    }
    return segments.join(',');
  });
  const { ignoreList: _, ...rest } = map;
  return { ...rest, sources, mappings: mappings.join(';') };
}

function decode(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) * 2 ** shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value % 2 === 1 ? -(value - 1) / 2 : value / 2);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

function vlq(n) {
  let value = n < 0 ? -n * 2 + 1 : n * 2;
  let out = '';
  do {
    let digit = value % 32;
    value = Math.floor(value / 32);
    if (value > 0) digit |= 32;
    out += BASE64[digit];
  } while (value > 0);
  return out;
}
