// The entry of the bundled command line (bin/evalform.js sets V8's flags and loads its build, dist/bin/evalform.cjs).
import { processIo } from './io.js';
import { main } from './main.js';

void main(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
