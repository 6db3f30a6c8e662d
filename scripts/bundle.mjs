// Bundles the command line into dist/bin/: one file to load at start, each command's heavy modules
// (docx, handlebars, the reporters) in chunks loaded only when used. Measured in bench/: fewer module
// loads are most of what `score` costs beyond the floor.
import { rm } from 'node:fs/promises';
import { build } from 'rolldown';

const dir = new URL('../dist/bin/', import.meta.url);
await rm(dir, { recursive: true, force: true });
await build({
  input: {
    evalform: new URL('../src/cli/bin.ts', import.meta.url).pathname,
    worker: new URL('../src/cli/worker.ts', import.meta.url).pathname,
  },
  platform: 'node',
  external: [/^node:/],
  logLevel: 'warn',
  output: {
    // Two folders below the package root, like src/cli and dist/cli, so paths to templates/ and schemas/ hold.
    dir: dir.pathname,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: '[name]-[hash].js',
    // For `--debug` stacks that name src/ lines (bin/evalform.js turns source maps on only then). Without the
    // sources' text: a stack needs the mappings alone, and the package stays small.
    sourcemap: true,
    sourcemapExcludeSources: true,
  },
});
