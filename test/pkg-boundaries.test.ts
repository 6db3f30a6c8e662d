// The architecture's import rules (README "Development") hold, and a deliberately bad import is caught: by
// scripts/check-boundaries.mjs (layers, the library's dependencies) and by Biome (fs, threads, processes, chalk,
// commander and `process` outside src/cli), each run on a scratch tree.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const scratch = mkdtempSync(path.join(tmpdir(), 'evalform-boundaries-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A scratch tree with these files under it (and evalform's package.json and biome.jsonc). */
function tree(name: string, files: Record<string, string>): string {
  const dir = path.join(scratch, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  copyFileSync(path.join(ROOT, 'package.json'), path.join(dir, 'package.json'));
  copyFileSync(path.join(ROOT, 'biome.jsonc'), path.join(dir, 'biome.jsonc'));
  return dir;
}

function boundaries(root: string): { status: number | null; problems: string[] } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'check-boundaries.mjs'), '--root', root], { encoding: 'utf8' });
  return { status: r.status, problems: r.stderr.split('\n').filter((l) => /^src\//.test(l)) };
}

describe('scripts/check-boundaries.mjs', () => {
  it('passes on evalform itself', () => {
    expect(boundaries(ROOT)).toEqual({ status: 0, problems: [] });
  });

  it('catches an import across a boundary, and only those', () => {
    const dir = tree('layers', {
      'src/score/bad.ts': "import { main } from '../cli/main.js';\n",
      'src/validate/bad.ts': "import {\n  renderHtml,\n} from '../render/html.js';\n",
      'src/checks/bad.ts': "export const load = async () => (await import('../report/stylish.js')).stylish;\n",
      'src/load/bad.ts':
        "import { Document } from 'docx';\nimport { Decimal } from 'decimal.js';\nimport type { DefinedError } from 'ajv';\n",
      'src/report/bad.ts': "export { runCheck } from '../cli/check.js';\n",
      // Allowed: the outputs use their own packages and each other; the CLI imports anything; the core imports
      // its dependencies, types from anywhere, and itself.
      'src/report/fine.ts': "import Handlebars from 'handlebars';\nimport { tableView } from '../render/view.js';\n",
      'src/render/fine.ts': "import { printable } from '../report/printable.js';\n",
      'src/cli/fine.ts':
        "import { readFileSync } from 'node:fs';\nimport { Command } from 'commander';\nimport { stylish } from '../report/stylish.js';\n",
      'src/evaluate.ts':
        "import { parse } from 'yaml';\nimport type { Document } from 'docx';\nimport { validateForm } from './validate/index.js';\n",
    });
    const { status, problems } = boundaries(dir);
    expect(status).toBe(1);
    expect(problems.map((p) => p.replace(/: imports [^ ]+: /, ': ')).sort()).toEqual([
      'src/checks/bad.ts:1: the core (load, validate, score, model…) does not depend on src/report',
      expect.stringMatching(/^src\/load\/bad\.ts:1: .*not in package\.json's dependencies/),
      'src/report/bad.ts:1: nothing outside src/cli imports the command line',
      'src/score/bad.ts:1: nothing outside src/cli imports the command line',
      'src/validate/bad.ts:1: the core (load, validate, score, model…) does not depend on src/render',
    ]);
    expect(problems.find((p) => p.startsWith('src/load/bad.ts'))).toContain('imports docx at run time');
  });
});

describe('Biome (biome.jsonc)', () => {
  const biome = path.join(ROOT, 'node_modules', '.bin', 'biome');
  const BAD =
    "import { readFileSync } from 'node:fs';\nimport chalk from 'chalk';\nexport const text = (): string => chalk.red(readFileSync(process.cwd(), 'utf8'));\n";

  it('keeps fs, chalk, commander, threads, processes and `process` in src/cli', () => {
    const dir = tree('biome', {
      'src/report/bad.ts': BAD,
      'src/score/bad.ts':
        "import { Worker } from 'node:worker_threads';\nimport { Command } from 'commander';\nimport { execFileSync } from 'child_process';\n",
      'src/cli/fine.ts': BAD,
    });
    const r = spawnSync(biome, ['lint', '--vcs-enabled=false', '--reporter=json', '.'], { cwd: dir, encoding: 'utf8' });
    const found = (
      JSON.parse(r.stdout) as { diagnostics: { category: string; location: { path: string; start?: { line: number } } }[] }
    ).diagnostics
      .filter((d) => /noRestricted/.test(d.category))
      .map((d) => `${d.location.path}:${d.location.start?.line} ${d.category}`)
      .sort();
    expect(found).toEqual([
      'src/report/bad.ts:1 lint/style/noRestrictedImports',
      'src/report/bad.ts:2 lint/style/noRestrictedImports',
      'src/report/bad.ts:3 lint/style/noRestrictedGlobals',
      'src/score/bad.ts:1 lint/style/noRestrictedImports',
      'src/score/bad.ts:2 lint/style/noRestrictedImports',
      'src/score/bad.ts:3 lint/style/noRestrictedImports',
    ]);
    expect(r.status).toBe(1);
  });
});
