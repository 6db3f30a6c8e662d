#!/usr/bin/env node
// `npm run fuzz [-- --runs N --seed S]`: test/fuzz.test.ts, test/properties.test.ts and test/fast-path.test.ts for much longer than in
// `npm test`, with a fresh seed each time (or the one given), printed so that any failure can be replayed.
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20000' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(
    'usage: npm run fuzz -- [--runs N] [--seed S]\n  --runs  mutated and generated forms each (default 20000); properties get a tenth\n  --seed  replay a run (default: a new random seed)',
  );
  process.exit(0);
}
const runs = Number(values.runs);
const seed = values.seed === undefined ? randomInt(2 ** 31) : Number(values.seed);
if (!Number.isInteger(runs) || runs < 1 || !Number.isInteger(seed)) {
  console.error('evalform fuzz: --runs and --seed take whole numbers');
  process.exit(2);
}

const vitest = path.join(path.dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');
console.log(`evalform fuzz: seed ${seed}, ${runs} mutated and ${runs} generated forms, ${Math.ceil(runs / 10)} runs per property`);
const started = Date.now();
const result = spawnSync(process.execPath, [vitest, 'run', 'test/fuzz.test.ts', 'test/properties.test.ts', 'test/fast-path.test.ts'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    EVALFORM_FUZZ_SEED: String(seed),
    EVALFORM_FUZZ_RUNS: String(runs),
    EVALFORM_FUZZ_DOCX_EVERY: '1',
    EVALFORM_PROPERTY_RUNS: String(Math.ceil(runs / 10)),
  },
});
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
if (result.status === 0) {
  console.log(`evalform fuzz: passed in ${minutes} min (seed ${seed})`);
} else {
  console.error(
    `\nevalform fuzz: FAILED after ${minutes} min with seed ${seed}.\nReplay it: npm run fuzz -- --seed ${seed} --runs ${runs}`,
  );
}
process.exitCode = result.status ?? 1;
