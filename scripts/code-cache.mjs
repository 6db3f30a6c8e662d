// Writes V8's code cache beside each chunk of the bundle (dist/bin/*.cjs.cache), read by bin/evalform.js: the
// bytecode of every function a `check` of the examples and of a form for each finding code compiles (the code that
// scores, and the code that words each finding), so that a run starts without parsing the core chunk and without
// compiling those functions on their first call. Run by `npm run build` after the bundle.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const r = spawnSync(process.execPath, ['bin/evalform.js', 'check', 'examples', 'test/fixtures/codes', '--format', 'json'], {
  cwd: root,
  env: { ...process.env, EVALFORM_WRITE_CODE_CACHE: '1', NO_COLOR: '1' },
  encoding: 'utf8',
});
// 1: those forms have findings on purpose.
if (r.status !== 0 && r.status !== 1)
  throw new Error(`code-cache: check of the examples and test/fixtures/codes failed (${r.status}):\n${r.stderr}`);
const written = readdirSync(new URL('../dist/bin/', import.meta.url)).filter((f) => f.endsWith('.cjs.cache'));
if (written.length === 0) throw new Error('code-cache: no cache was written');
