// The reporter contract: a pure function from evaluations to text.
import type { Evaluation } from '../model/types.js';
import type { Styles } from './styles.js';
import type { Messages } from './messages.js';
import type { Counts } from './summary.js';

/** What reporters know beyond the evaluations. `skipped`: files passed over because they are not forms. */
export interface ReportContext {
  /** Terminal styles when colour is on (the command line passes chalk's); plain text without. */
  styles?: Styles;
  cwd: string;
  version: string;
  /** Where evalform's repository or docs are (package.json `homepage`), for SARIF's informationUri. */
  homepage?: string;
  skipped?: readonly string[];
  /** false: leave out the closing summary line (the caller prints its own). */
  summary?: boolean;
  /** The counts of the whole run when the evaluations shown are fewer (--quiet hides warnings that still count). */
  counts?: Counts;
  /** false: the run fails for a reason the findings shown do not tell (too many hidden warnings): no ✔. */
  passed?: boolean;
  /** The human-facing texts, in the language the command line chose (Chinese when absent). */
  messages?: Messages;
}

export type Reporter = (evals: readonly Evaluation[], ctx: ReportContext) => string;

/** The findings a report shows, after --quiet (the counts of ReportContext are of every finding). */
export interface Shown {
  errors: number;
  warnings: number;
}

/**
 * A reporter whose report is each form's text in turn, then an end: `check` prints it form by form as the forms
 * are evaluated, and keeps nothing of a form once its text is out. `part` is made where the form is evaluated
 * (another thread, for many forms), from what a report context can carry across: no functions but `styles`,
 * which that thread makes itself.
 */
export interface FormByForm {
  part(ev: Evaluation, ctx: Pick<ReportContext, 'cwd' | 'styles' | 'messages'>): string;
  /** Before the first part, and between two parts. */
  start: string;
  between: string;
  /** After the parts: `parts` is how many there were. */
  end(ctx: ReportContext, shown: Shown, parts: number): string;
}
