// Every case of test/cli/cases.ts but the binary-only ones, through main(argv, io) in this process: fast, and
// measured by the coverage run.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { CASES } from './cases.js';
import { runCase } from './harness.js';
import { runMain } from './in-process.js';

const tmp = mkdtempSync(path.join(tmpdir(), 'evalform-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('evalform in-process: main(argv, io)', () => {
  for (const c of CASES.filter((k) => k.binaryOnly === undefined)) {
    const skip = c.skip?.();
    it.skipIf(skip !== undefined)(
      skip === undefined ? c.name : `${c.name} (skipped: ${skip})`,
      () => runCase(c, tmp, 'in-process', (args, cwd, env) => runMain(args, { cwd, env, isTTY: c.isTTY })),
      c.timeout,
    );
  }
});
