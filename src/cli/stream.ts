// `check` over many forms in bounded memory (issue #12): the forms are read in slices, so that no more than two
// slices' texts are held at once; each is evaluated on the worker threads (src/cli/pool.ts) while this thread reads
// the next, and only what the reporter needs of each is kept (src/cli/kept.ts); the summary's counts are taken as
// the forms come back.
import path from 'node:path';
import type { Evaluation } from '../model/types.js';
import { type Counts, DEFAULT_GRADES } from '../report/summary.js';
import { type ConfigResolver, evaluateLoaded, formText, jobsOf, type Loaded, loadedForms } from './common.js';
import type { Found } from './discover.js';
import { readInput } from './input.js';
import type { Io } from './io.js';
import type { KeepSpec, Kept } from './kept.js';
import { Pool, type PoolOptions } from './pool.js';
import { fsPath } from './rawpath.js';

/** Forms read per slice: their texts are all that is held at once. */
export const SLICE = 1000;

/** The counts of the run, as countAll gives them, taken from each form as it is kept. */
export class Tally {
  private readonly total: Counts = { forms: 0, errors: 0, warnings: 0, unscored: 0, grades: new Map() };

  count(k: Kept): void {
    this.total.forms++;
    for (const f of k.ev.findings) {
      if (f.severity === 'error') this.total.errors++;
      else this.total.warnings++;
    }
    if (!k.grade) {
      this.total.unscored++;
      return;
    }
    const grades = this.total.grades;
    // Each form's grades in its rules' order, best first, as countAll lists them.
    for (const name of k.grade.names) if (!grades.has(name)) grades.set(name, 0);
    grades.set(k.grade.grade, (grades.get(k.grade.grade) ?? 0) + 1);
  }

  counts(): Counts {
    return this.total.grades.size > 0 ? this.total : { ...this.total, grades: new Map(DEFAULT_GRADES.map((g) => [g, 0])) };
  }
}

export interface FoundOptions {
  /** Forms read per slice (SLICE). */
  slice?: number;
  /** For Word and Excel files found: their 自评表 tables are imported in memory (src/cli/import.ts). */
  io?: Io;
  /** Called with each slice's forms before they are evaluated (`--fix` rewrites their texts there). */
  prepare?: (loaded: Loaded[]) => Promise<unknown>;
  /** The threads to evaluate on (a Pool, which keepFound closes when done), or how to make them. */
  pool?: Pool | PoolOptions;
}

export interface KeepOptions extends FoundOptions {
  /** Given each form's Kept in order, as it comes; the run then keeps none (a report printed form by form). */
  onKept?: (k: Kept) => void;
  /** Awaited after each slice's forms have been given to `onKept` (the report written so far). */
  afterSlice?: () => Promise<void>;
}

/** A file of the slice: read as text (Loaded), or, when nothing here needs its text, its bytes for the thread that
 * evaluates it to decode. */
type Indexed = (Loaded | (Omit<Loaded, 'text'> & { bytes: Buffer })) & { index: number };

/** What `check` keeps of the forms found, in order (src/cli/kept.ts); which files were forms; the run's counts. */
export async function keepFound(
  found: Found[],
  resolver: ConfigResolver,
  spec: KeepSpec,
  { slice = SLICE, io, prepare, pool: poolOptions, onKept, afterSlice }: KeepOptions = {},
): Promise<{ kept: Kept[]; isForm: boolean[]; counts: Counts }> {
  // Every folder's rules first: a rules file that cannot be used stops the run before any of the report is out.
  const dirs = new Set<string>();
  for (const f of found) {
    const dir = path.dirname(f.raw);
    if ((f.detect || f.document) && !dirs.has(dir)) {
      dirs.add(dir);
      await resolver.rulesFor(f.raw);
    }
  }
  const isForm: boolean[] = found.map(() => false);
  const tally = new Tally();
  const kept: Kept[] = [];
  const take = (loaded: Indexed[], results: (Kept | undefined)[]) => {
    results.forEach((k, i) => {
      if (k === undefined) return;
      // A finding cloned from a worker holds its own copy of the file name: one copy is enough.
      for (const f of k.ev.findings) if (f.file === k.ev.file) f.file = k.ev.file;
      tally.count(k);
      isForm[(loaded[i] as Indexed).index] = true;
      if (onKept) onKept(k);
      else {
        // Counted: the report needs no grade.
        k.grade = undefined;
        kept.push(k);
      }
    });
  };
  const pool = poolOptions instanceof Pool ? poolOptions : new Pool(found.length, poolOptions);
  type Pending = { loaded: Indexed[]; results: Promise<(Kept | undefined)[]> };
  const finish = async ({ loaded, results }: Pending) => {
    take(loaded, await results);
    await afterSlice?.();
  };
  try {
    // While the workers evaluate one slice, this thread reads the next.
    let pending: Pending | undefined;
    for (let from = 0; from < found.length; from += slice) {
      const loaded = await readSlice(found, from, Math.min(from + slice, found.length), io, prepare === undefined);
      await prepare?.(loaded as Loaded[]);
      const results = keepLoaded(loaded, resolver, pool, spec);
      // Not yet awaited: a rejection is taken when its turn comes, and not reported as unhandled before.
      results.catch(() => undefined);
      if (pending) await finish(pending);
      pending = { loaded, results };
    }
    if (pending) await finish(pending);
  } finally {
    await pool.close();
  }
  return { kept, isForm, counts: tally.counts() };
}

/** What is kept of each loaded file: its read error, or its evaluation's. */
async function keepLoaded(loaded: Indexed[], resolver: ConfigResolver, pool: Pool, spec: KeepSpec): Promise<(Kept | undefined)[]> {
  const { jobs, at } = await jobsOf(loaded, resolver);
  const out: (Kept | undefined)[] = [];
  for (const item of loaded) {
    out.push(
      'text' in item && typeof item.text !== 'string'
        ? await pool.keepHere({ file: item.file, findings: [item.text.error] }, spec)
        : undefined,
    );
  }
  (await pool.keep(jobs, spec)).forEach((k, i) => {
    out[at[i] as number] = k;
  });
  return out;
}

/** The whole evaluations of the forms found, in order, and which files were forms (`evalform summary`, which
 * needs every score). */
export async function evaluateFound(
  found: Found[],
  resolver: ConfigResolver,
  { slice = SLICE, io }: Pick<FoundOptions, 'slice' | 'io'> = {},
): Promise<{ evals: Evaluation[]; isForm: boolean[] }> {
  const isForm: boolean[] = found.map(() => false);
  const evals: Evaluation[] = [];
  for (let from = 0; from < found.length; from += slice) {
    const loaded = (await readSlice(found, from, Math.min(from + slice, found.length), io, false)) as (Loaded & { index: number })[];
    (await evaluateLoaded(loaded, resolver)).forEach((ev, k) => {
      if (ev === undefined) return;
      evals.push(ev);
      isForm[(loaded[k] as Indexed).index] = true;
    });
  }
  return { evals, isForm };
}

/** The found files from `from` to `to` read as forms: YAML as text (or as bytes, with `asBytes`), Word and Excel
 * files as the forms imported from them; a file that cannot be a form is left out. Each file's bytes are let go
 * once read. */
async function readSlice(found: Found[], from: number, to: number, io: Io | undefined, asBytes: boolean): Promise<Indexed[]> {
  const loaded: Indexed[] = [];
  for (let index = from; index < to; index++) {
    const f = found[index] as Found;
    if (f.document && io) {
      // A Word or Excel file: its 自评表 tables imported in memory; one without any is skipped and listed.
      if (f.tooLarge !== undefined) {
        loaded.push({ raw: f.raw, file: f.file, text: formText({ tooLarge: f.tooLarge }, f.file), index });
        continue;
      }
      const { importFound } = await import('./import.js');
      const got = await importFound(fsPath(f.raw).toString(), f.file, f.bytes, io);
      f.bytes = undefined;
      if ('result' in got) for (const item of loadedForms(f.raw, f.file, got.result.forms)) loaded.push({ ...item, index });
      continue;
    }
    if (!f.detect) continue;
    const input =
      f.tooLarge !== undefined
        ? { tooLarge: f.tooLarge }
        : f.bytes !== undefined
          ? { bytes: f.bytes }
          : readInput(fsPath(f.raw), f.file, '表单');
    f.bytes = undefined;
    if (asBytes && 'bytes' in input) {
      loaded.push({ raw: f.raw, file: f.file, bytes: input.bytes, detect: f.detect, index });
      continue;
    }
    const text = formText('tooLarge' in input ? { tooLarge: input.tooLarge } : input, f.file);
    // Bytes that name evalform only through an escape and are not even text are not a form.
    if (typeof text !== 'string' && f.detect === 'maybe') continue;
    loaded.push({ raw: f.raw, file: f.file, text, detect: f.detect, index });
  }
  return loaded;
}
