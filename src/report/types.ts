// The reporter contract: a pure function from evaluations to text.
import type { Evaluation } from '../model/types.js';

/** What reporters know beyond the evaluations. `skipped`: files passed over because they are not forms. */
export interface ReportContext {
  color: boolean;
  cwd: string;
  version: string;
  skipped?: readonly string[];
  /** false: leave out the closing summary line (the caller prints its own). */
  summary?: boolean;
}

export type Reporter = (evals: readonly Evaluation[], ctx: ReportContext) => string;
