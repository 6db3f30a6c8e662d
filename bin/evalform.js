#!/usr/bin/env node
// The command's start. It loads the bundle (dist/bin/*.cjs, made by scripts/bundle.mjs) with V8's code cache: the
// bytecode of the functions a check ran, written beside each chunk at build time by scripts/code-cache.mjs. Without
// it V8 parses the ~1 MB core chunk anew on every start and compiles each function on its first call, most of what
// a short run costs beyond Node's own start (bench/README.md, start-up). A cache V8 finds stale (another Node,
// other flags, another length of text) is refused by V8 itself, and the chunk is compiled as it would be anyway.
// CommonJS (bin/package.json says so): an ES module entry would start Node's ES module loader, some 7 ms of every run.
const { readFileSync, renameSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { setFlagsFromString } = require('node:v8');
const vm = require('node:vm');

// Set before any code is compiled: a code cache is valid only under the flags it was made with.
// The heap may at most double between full collections (V8 lets it grow up to fourfold). What evalform keeps is
// small (some tens of MB) and the rest dies young, so the default only costs memory: `check` over 100,000 forms
// peaked at 340 MB with it and 255 MB without, in the same time (bench/README.md).
setFlagsFromString('--heap-growing-percent=100');
// The young generation starts small and doubles after each collection that finds much alive, so a short run spends
// its first dozen collections at sizes it soon outgrows; growing sixteenfold instead, it reaches its ceiling (the
// same as before) at once. `check` of 992 forms: 28 young collections taking 78 ms → 19 taking 56 ms (means of 4).
setFlagsFromString('--semi-space-growth-factor=16');
// TurboFan compiles on V8's own threads while the forms are evaluated; with inlining it spent some 400 ms of CPU on
// a check of 992 forms (as long as the run itself), so on two cores most optimised code came too late to matter.
// Without inlining it compiles half as much, and sooner: 992 forms 632 → 562 ms (medians of 21, interleaved),
// 10,000 forms the same wall time with less CPU.
setFlagsFromString('--no-turbo-inlining');

const bundle = path.join(__dirname, '..', 'dist', 'bin') + path.sep;
// With --debug an internal error's stack names the src/ lines through the bundle's source maps, which Node's own
// loader reads; the code cache is left aside then.
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
else useCodeCache(bundle, process.env.EVALFORM_WRITE_CODE_CACHE === '1');
try {
  require('../dist/bin/evalform.cjs');
} catch (e) {
  // A checkout without its build: say so rather than print a stack.
  if (e?.code !== 'MODULE_NOT_FOUND' || !String(e.message).includes('evalform.cjs')) throw e;
  process.stderr.write('evalform：找不到构建好的程序（dist/bin/evalform.cjs）：请先运行 npm install 或 npm run build\n');
  process.exitCode = 2;
}

/** Chunks of the bundle (named with a hash of their text, `core-3xAbC.cjs`) are compiled with their cache, and with
 * `write` their caches are written anew when the process ends. */
function useCodeCache(dir, write) {
  const compile = Module.prototype._compile;
  const scripts = new Map();
  Module.prototype._compile = function compileCached(content, filename, ...rest) {
    if (path.dirname(filename) + path.sep !== dir || !/-[\w-]+\.cjs$/.test(filename)) return compile.call(this, content, filename, ...rest);
    const cache = `${filename}.cache`;
    let cachedData;
    try {
      cachedData = write ? undefined : readFileSync(cache);
    } catch {
      // No cache (a build without one): compiled as usual.
    }
    const script = new vm.Script(Module.wrap(content), { filename, cachedData });
    if (write) scripts.set(cache, script);
    const run = script.runInThisContext();
    return run.call(this.exports, this.exports, Module.createRequire(filename), this, filename, path.dirname(filename));
  };
  if (write)
    process.on('exit', () => {
      for (const [cache, script] of scripts) {
        writeFileSync(`${cache}.tmp`, script.createCachedData());
        renameSync(`${cache}.tmp`, cache);
      }
    });
}
