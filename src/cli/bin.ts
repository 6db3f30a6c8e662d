// The entry of the bundled command line (bin/evalform.js loads its build).
import { setFlagsFromString } from 'node:v8';
import { processIo } from './io.js';
import { main } from './main.js';

// The heap may at most double between full collections (V8 lets it grow up to fourfold). What evalform keeps is
// small (some tens of MB) and the rest dies young, so the default only costs memory: `check` over 100,000 forms
// peaked at 340 MB with it and 255 MB without, in the same time (bench/README.md). V8 reads the factor at each
// collection, so setting it here, before any work, takes effect for every thread.
setFlagsFromString('--heap-growing-percent=100');
// The young generation starts small and doubles after each collection that finds much alive, so a short run spends
// its first dozen collections at sizes it soon outgrows; growing sixteenfold instead, it reaches its ceiling (the
// same as before) at once. `check` of 992 forms: 28 young collections taking 78 ms → 19 taking 56 ms (means of 4).
setFlagsFromString('--semi-space-growth-factor=16');

process.exitCode = await main(process.argv.slice(2), processIo());
