// Every check evalform runs, one module per check, in the order the README's table and the SARIF rules list them.
//
// How to add a check
// 1. Write src/checks/<code>.ts (the file is named after the code) exporting `defineCheck({ code, severity, summary,
//    help, run })`: `summary` one Chinese line (when it fires), `help` in Chinese (what to do); `run(result, rules,
//    form)` returns `{ path, message, atKey? }` for each finding, building the message only then. It reads the
//    computed values in `result` (src/score/compute.ts) and judges; if it needs a value that is not there, compute
//    it in computeScores, never in the check. Severity overrides are applied here, not in the check.
// 2. Add it to CHECK_MODULES below, where its row should stand in the README's table.
// 3. Add test/fixtures/codes/<code>.yaml: a form on which it fires, with `# expect: <code> line:column` (and
//    `# config: {...}` for a config it needs); test/codes.test.ts fails until it exists.
// 4. Add the code to the `severity` properties of schemas/evalform.schema.json (evalform.config.schema.json refers
//    to them), with `enum: [error]` if it is `fixed`; test/schema.test.ts and test/checks-registry.test.ts fail until
//    they agree.
// 5. Run `npx vitest run test/checks-registry.test.ts`: it prints the README's "The checks" table as it must read.
import type { Form, RawFinding, Rules, Severity } from '../model/types.js';
import type { Computed } from '../score/compute.js';
import type { CheckModule, Report } from './define.js';
import actualNotQuantity from './actual-not-quantity.js';
import deadlineMissed from './deadline-missed.js';
import deviationMissing from './deviation-missing.js';
import directionConflict from './direction-conflict.js';
import encoding from './encoding.js';
import formRulesDenied from './form-rules-denied.js';
import fractionForPercent from './fraction-for-percent.js';
import fundsScoreMismatch from './funds-score-mismatch.js';
import fundsTotalMismatch from './funds-total-mismatch.js';
import gradeMismatch from './grade-mismatch.js';
import initialAsBudget from './initial-as-budget.js';
import levelWeights from './level-weights.js';
import notApplicableWeight from './not-applicable-weight.js';
import overachievement from './overachievement.js';
import overspend from './overspend.js';
import rateExplanationMissing from './rate-explanation-missing.js';
import rateMismatch from './rate-mismatch.js';
import ratingBand from './rating-band.js';
import schema from './schema.js';
import scoreExceedsWeight from './score-exceeds-weight.js';
import scoreMismatch from './score-mismatch.js';
import scoreMissing from './score-missing.js';
import totalMismatch from './total-mismatch.js';
import unitMismatch from './unit-mismatch.js';
import weightsSum from './weights-sum.js';
import yamlSyntax from './yaml-syntax.js';
import zeroBudget from './zero-budget.js';

export type { CheckModule, Report } from './define.js';

export const CHECK_MODULES = [
  yamlSyntax,
  encoding,
  schema,
  weightsSum,
  levelWeights,
  notApplicableWeight,
  scoreExceedsWeight,
  scoreMissing,
  ratingBand,
  unitMismatch,
  directionConflict,
  actualNotQuantity,
  fractionForPercent,
  scoreMismatch,
  deadlineMissed,
  fundsTotalMismatch,
  rateMismatch,
  fundsScoreMismatch,
  totalMismatch,
  gradeMismatch,
  zeroBudget,
  overspend,
  initialAsBudget,
  deviationMissing,
  rateExplanationMissing,
  overachievement,
  formRulesDenied,
] as const;

export type CheckCode = (typeof CHECK_MODULES)[number]['code'];

/** What a check is, without its code and run. */
export type CheckInfo = Pick<CheckModule, 'severity' | 'summary' | 'help'>;

export const CHECK_CODES: CheckCode[] = CHECK_MODULES.map((c) => c.code);

/** The modules by code. */
export const CHECKS = Object.fromEntries(CHECK_MODULES.map((c) => [c.code, c])) as { readonly [C in CheckCode]: CheckModule<C> };

export function isCheckCode(s: string): s is CheckCode {
  return Object.hasOwn(CHECKS, s);
}

/** The severity `rules.severity` gives a check: its default unless re-ranked or turned off (never a fixed one). */
export function severityOf(check: CheckModule<CheckCode>, rules: Rules): Severity | 'off' {
  return (check.fixed ? undefined : rules.severity[check.code]) ?? check.severity;
}

/** Every check on one computed form, each finding at the severity the rules give its check; a check turned off
 * is not run. */
export function runChecks(result: Computed, rules: Rules, form: Form): RawFinding[] {
  const findings: RawFinding[] = [];
  const checks = activeChecks(rules);
  // Indexed loops, not for…of: most forms of a run are checked before V8 optimises this, and in its interpreter
  // an array iterator (one per check, most of them over no report) costs more than the check itself.
  for (let c = 0; c < checks.length; c++) {
    const { check, run, severity } = checks[c] as ActiveCheck;
    const reports = run(result, rules, form);
    for (let r = 0; r < reports.length; r++) findings.push({ ...(reports[r] as Report), code: check.code, severity });
  }
  return findings;
}

interface ActiveCheck {
  check: CheckModule<CheckCode>;
  run: NonNullable<CheckModule['run']>;
  severity: Severity;
}

/** Forms share their Rules (one per config): the checks that run under them, at their severity, are listed once
 * per Rules rather than looked up for every form. */
const active = new WeakMap<Rules, ActiveCheck[]>();

function activeChecks(rules: Rules): ActiveCheck[] {
  let list = active.get(rules);
  if (list === undefined) {
    list = [];
    for (const check of CHECK_MODULES) {
      const severity = severityOf(check, rules);
      if (check.run !== undefined && severity !== 'off') list.push({ check, run: check.run, severity });
    }
    active.set(rules, list);
  }
  return list;
}
