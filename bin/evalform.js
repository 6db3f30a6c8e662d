#!/usr/bin/env node
// With --debug an internal error's stack names the src/ lines, through the bundle's source maps; they are read
// only then, before the bundle loads, so a normal start does not pay for them.
if (process.argv.includes('--debug')) process.setSourceMapsEnabled(true);
await import('../dist/bin/evalform.js');
