// What `check` keeps of each form's evaluation (issue #12): made where the form is evaluated (on a worker thread
// when there are many), as plain data, and no more than the run needs: the findings, the grade for the summary's
// counts, and the form's part of the report. The scores themselves (decimal.js
// values, which do not survive a thread boundary) never leave the thread that computed them.
import type { Evaluation } from '../model/types.js';
import { loadFormByForm } from '../report/index.js';
import { type Lang, MESSAGES } from '../report/messages.js';
import type { JunitPart } from '../report/junit.js';

/** How the run reports: the same on every thread. */
export interface KeepSpec {
  format: string;
  /** --quiet: a report part made here shows errors only (the findings kept are all of them: they are counted). */
  quiet: boolean;
  cwd: string;
  lang: Lang;
  /** Terminal colours in a report part (src/cli/color.ts), made on the thread that makes the part. */
  color: boolean;
}

export interface Kept {
  /** The file, every finding, and what could be read of a form that was not scored: what stylish, github and sarif
   * print, what the counts and --fix's summary count. */
  ev: Evaluation;
  /** A scored form's grade, and the grades of its rules best first (the summary lists them all, zeros included). */
  grade?: { grade: string; names: string[] };
  /** The form's part of the report: its text for a form-by-form reporter (stylish, json, github), its testcase for
   * junit; none for sarif, which is made from the findings. */
  part?: string | JunitPart;
}

export type Keeper = (ev: Evaluation) => Kept;

/** The function that keeps what `spec`'s reporter needs of each evaluation (the reporter's module loaded once). */
export async function keeper(spec: KeepSpec): Promise<Keeper> {
  const part = await partMaker(spec);
  return (ev) => {
    const r = ev.result;
    return {
      ev: ev.meta === undefined ? { file: ev.file, findings: ev.findings } : { file: ev.file, findings: ev.findings, meta: ev.meta },
      ...(r ? { grade: { grade: r.grade, names: r.rules.grades.map((g) => g.grade) } } : {}),
      ...(part ? { part: part(spec.quiet ? errorsOnly(ev) : ev) } : {}),
    };
  };
}

async function partMaker(spec: KeepSpec): Promise<((ev: Evaluation) => string | JunitPart) | undefined> {
  const messages = MESSAGES[spec.lang];
  if (spec.format === 'junit') {
    const { junitPart } = await import('../report/junit.js');
    return (ev) => junitPart(ev, { cwd: spec.cwd, messages });
  }
  const reporter = await loadFormByForm(spec.format);
  if (!reporter) return undefined;
  const styles = spec.color ? (await import('./color.js')).terminalStyles() : undefined;
  const ctx = { cwd: spec.cwd, messages, ...(styles ? { styles } : {}) };
  return (ev) => reporter.part(ev, ctx);
}

/** The evaluation as --quiet shows it: its errors only. */
export function errorsOnly(ev: Evaluation): Evaluation {
  return { ...ev, findings: ev.findings.filter((f) => f.severity === 'error') };
}
