// The smoke subset of test/cli/cases.ts, and the cases only a real process can show, through bin/evalform.js
// in the clean environment of test/cli/spawn.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { CASES } from './cases.js';
import { runCase } from './harness.js';
import { ensureBuilt, evalform } from './spawn.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'evalform-bin-'));
beforeAll(ensureBuilt, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('evalform through bin/evalform.js', () => {
  for (const c of CASES.filter((k) => k.smoke || k.binaryOnly !== undefined)) {
    const skip = c.skip?.();
    const name = c.binaryOnly === undefined ? c.name : `${c.name} (binary only: ${c.binaryOnly})`;
    it.skipIf(skip !== undefined)(
      skip === undefined ? name : `${name} (skipped: ${skip})`,
      () =>
        runCase(c, tmp, 'binary', (args, cwd, env, first) =>
          evalform(args, { cwd, env, ...(first ? { shell: c.shell, closeStdout: c.closeStdout } : {}) }),
        ),
      c.timeout,
    );
  }
});
