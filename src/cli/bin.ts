// The entry of the bundled command line (bin/evalform.js loads its build).
import { main } from './main.js';
import { processIo } from './io.js';

process.exitCode = await main(process.argv.slice(2), processIo());
