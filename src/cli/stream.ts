// `check` over many forms in bounded memory (issue #12): the forms are read in slices, so that no more than a
// slice's texts are held at once, and each evaluation is kept only as far as the reporter needs it; the summary's
// counts are taken as the forms are read.
import type { Evaluation } from '../model/types.js';
import { type Counts, countAll } from '../report/summary.js';
import { type ConfigResolver, evaluateLoaded, formText, type Loaded, loadedForms } from './common.js';
import type { Found } from './discover.js';
import { readInput } from './input.js';
import type { Io } from './io.js';
import { fsPath } from './rawpath.js';

/** Forms read per slice: their texts are all that is held at once. */
export const SLICE = 1000;
/** Reporters that print only each form's findings (and the summary's counts): the scores of a form need not be
 * kept for them. */
export const FINDINGS_ONLY: ReadonlySet<string> = new Set(['stylish', 'github', 'sarif']);

/** The counts of the run, as countAll gives them, from evaluations that may have been kept without their scores. */
export class Tally {
  /** The grades each kept evaluation adds to the distribution, noted before its scores may be dropped. */
  private readonly grades = new WeakMap<Evaluation, Counts['grades']>();
  private readonly total: Counts = { forms: 0, errors: 0, warnings: 0, unscored: 0, grades: new Map() };
  private scored = false;

  keep(ev: Evaluation, kept: Evaluation): Evaluation {
    if (ev.result) this.grades.set(kept, countAll([ev]).grades);
    return kept;
  }

  /** Each form in the order of the report, so that grades appear in the order countAll gives them. */
  count(ev: Evaluation): void {
    const c = countAll([{ file: ev.file, findings: ev.findings }]);
    this.total.forms++;
    this.total.errors += c.errors;
    this.total.warnings += c.warnings;
    const grades = this.grades.get(ev);
    if (!grades) {
      this.total.unscored++;
      return;
    }
    this.scored = true;
    for (const [grade, n] of grades) this.total.grades.set(grade, (this.total.grades.get(grade) ?? 0) + n);
  }

  counts(): Counts {
    return this.scored ? this.total : { ...this.total, grades: countAll([]).grades };
  }
}

export interface FoundOptions {
  /** Forms read per slice (SLICE). */
  slice?: number;
  /** For Word and Excel files found: their 自评表 tables are imported in memory (src/cli/import.ts). */
  io?: Io;
  /** Called with each slice's forms before they are evaluated (`--fix` rewrites their texts there). */
  prepare?: (loaded: Loaded[]) => Promise<unknown>;
}

/** The evaluations of the forms found, in order, as the reporter `format` needs them; which files were forms;
 * and the counts of the run. */
export async function evaluateFound(
  found: Found[],
  resolver: ConfigResolver,
  format: string,
  { slice = SLICE, io, prepare }: FoundOptions = {},
): Promise<{ evals: Evaluation[]; isForm: boolean[]; counts: Counts }> {
  const isForm: boolean[] = found.map(() => false);
  // The forms are read in slices, so that no more than a slice's texts are held at once; each evaluation
  // is counted as it is made and, for a reporter that prints only findings, kept without its scores.
  const tally = new Tally();
  const compact = FINDINGS_ONLY.has(format);
  const keep = (ev: Evaluation): Evaluation =>
    tally.keep(
      ev,
      !compact
        ? ev
        : ev.meta === undefined
          ? { file: ev.file, findings: ev.findings }
          : { file: ev.file, findings: ev.findings, meta: ev.meta },
    );
  const evals: Evaluation[] = [];
  for (let from = 0; from < found.length; from += slice) {
    const loaded: (Loaded & { index: number })[] = [];
    for (let index = from; index < Math.min(from + slice, found.length); index++) {
      const f = found[index] as (typeof found)[number];
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
      const text = formText('tooLarge' in input ? { tooLarge: input.tooLarge } : input, f.file);
      // Bytes that name evalform only through an escape and are not even text are not a form.
      if (typeof text !== 'string' && f.detect === 'maybe') continue;
      loaded.push({ raw: f.raw, file: f.file, text, detect: f.detect, index });
    }
    await prepare?.(loaded);
    const results = await evaluateLoaded(loaded, resolver, keep);
    results.forEach((ev, k) => {
      if (ev === undefined) return;
      evals.push(ev);
      tally.count(ev);
      isForm[(loaded[k] as { index: number }).index] = true;
    });
  }
  return { evals, isForm, counts: tally.counts() };
}
