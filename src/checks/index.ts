// Every check evalform runs, one module per check, in the order the README's table and the SARIF rules list them.
//
// How to add a check
// 1. Write src/checks/<code>.ts (the file is named after the code) exporting `defineCheck({ code, severity, summary,
//    help, run })`: `summary` one Chinese line (when it fires), `help` in Chinese (what to do); `run(result, rules,
//    form)` returns `{ path, message, atKey? }` for each finding, building the message only then. A check on the
//    indicators one by one gives `indicator: { methods?, readings?, has?, run(i, rules, result) }` instead (or
//    besides): `run` returns the finding on one indicator or undefined, and is called only on the indicators of
//    those methods and readings that carry the value `has` names, in one pass that all checks share
//    (src/checks/define.ts). It reads the computed values in `result` (src/score/compute.ts) and judges; if it needs
//    a value that is not there, compute it in computeScores, never in the check. Severity overrides are applied
//    here, not in the check.
// 2. Add it to CHECK_MODULES below, where its row should stand in the README's table.
// 3. Add test/fixtures/codes/<code>.yaml: a form on which it fires, with `# expect: <code> line:column` (and
//    `# config: {...}` for a config it needs); test/codes.test.ts fails until it exists.
// 4. Add the code to the `severity` properties of schemas/evalform.schema.json (evalform.config.schema.json refers
//    to them), with `enum: [error]` if it is `fixed`; test/schema.test.ts and test/checks-registry.test.ts fail until
//    they agree.
// 5. Run `npx vitest run test/checks-registry.test.ts`: it prints the README's "The checks" table as it must read.
import type { Form, Method, RawFinding, Rules, Severity } from '../model/types.js';
import type { Computed, IndicatorComputed } from '../score/compute.js';
import {
  type CheckModule,
  concerns,
  type FormRun,
  type IndicatorCheck,
  METHODS,
  READING_KINDS,
  type ReadingKind,
  type Report,
} from './define.js';
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

export type { CheckModule, CheckSpec, IndicatorCheck, Report } from './define.js';

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
 * is not run. The findings are in the order of CHECK_MODULES, each check's in the order its `run` gives them. */
export function runChecks(result: Computed, rules: Rules, form: Form): RawFinding[] {
  const findings: RawFinding[] = [];
  const plan = planOf(rules);
  // Indexed loops, not for…of: most forms of a run are checked before V8 optimises this, and in its interpreter
  // an array iterator costs more than most checks.
  const { onForm } = plan;
  for (let c = 0; c < onForm.length; c++) {
    const step = onForm[c] as FormStep;
    const reports = step.run(result, rules, form);
    for (let r = 0; r < reports.length; r++) findings.push(finding(reports[r] as Report, step.code, step.severity));
  }
  // One pass over the indicators for every check, each indicator given only to the checks that concern it.
  const { indicators } = result;
  const { byMethod } = plan;
  for (let n = 0; n < indicators.length; n++) {
    const i = indicators[n] as IndicatorComputed;
    const steps = byMethod[i.method][i.reading.kind];
    for (let c = 0; c < steps.length; c++) {
      const step = steps[c] as IndicatorStep;
      if (step.has !== undefined && i[step.has] === undefined) continue;
      const report = step.run(i, rules, result);
      if (report !== undefined) findings.push(finding(report, step.code, step.severity));
    }
  }
  // Back in the checks' order (a stable sort: each check's findings keep theirs); most forms have one finding or none.
  return findings.length > 1 ? findings.sort(byCheck) : findings;
}

/** A report with its check's code and severity. Written out, not spread: V8's interpreter copies a spread object
 * by a generic path, dearer than making the four or five fields. */
function finding(report: Report, code: CheckCode, severity: Severity): RawFinding {
  const { path, message, atKey } = report;
  return atKey === undefined ? { path, message, code, severity } : { path, atKey, message, code, severity };
}

/** The place of each check in CHECK_MODULES. */
const RANK = Object.fromEntries(CHECK_MODULES.map((c, n) => [c.code, n])) as Record<CheckCode, number>;

function byCheck(a: RawFinding, b: RawFinding): number {
  return RANK[a.code] - RANK[b.code];
}

interface FormStep {
  code: CheckCode;
  severity: Severity;
  run: FormRun;
}

interface IndicatorStep {
  code: CheckCode;
  severity: Severity;
  has: IndicatorCheck['has'];
  run: IndicatorCheck['run'];
}

/** How the checks run under one Rules: the checks on the form as a whole, and for each method and reading the
 * indicator checks that concern an indicator of them, in CHECK_MODULES order. */
interface Plan {
  onForm: FormStep[];
  byMethod: Record<Method, Record<ReadingKind, IndicatorStep[]>>;
}

/** Forms share their Rules (one per config): the checks that run under them, at their severity, are planned once
 * per Rules rather than looked up for every form; and Rules that give every check the same severity (a form's own
 * rules that change something else) share one plan. */
const plans = new WeakMap<Rules, Plan>();
const plansBySeverity = new Map<string, Plan>();

/** The Rules asked about last, and their plan: a run's forms mostly share one. */
let lastRules: Rules | undefined;
let lastPlan: Plan | undefined;

function planOf(rules: Rules): Plan {
  if (rules === lastRules && lastPlan !== undefined) return lastPlan;
  let plan = plans.get(rules);
  if (plan === undefined) {
    const severities = CHECK_MODULES.map((check) => severityOf(check, rules));
    const key = severities.join(' ');
    plan = plansBySeverity.get(key);
    if (plan === undefined) {
      plan = makePlan(severities);
      plansBySeverity.set(key, plan);
    }
    plans.set(rules, plan);
  }
  lastRules = rules;
  lastPlan = plan;
  return plan;
}

/** The plan for the checks at these severities (one per check, in CHECK_MODULES order). */
function makePlan(severities: (Severity | 'off')[]): Plan {
  const onForm: FormStep[] = [];
  const byMethod = {} as Plan['byMethod'];
  for (const method of METHODS) {
    byMethod[method] = {} as Record<ReadingKind, IndicatorStep[]>;
    for (const reading of READING_KINDS) byMethod[method][reading] = [];
  }
  CHECK_MODULES.forEach((check: CheckModule<CheckCode>, n) => {
    const severity = severities[n];
    if (severity === undefined || severity === 'off') return;
    const { code, onForm: run, indicator } = check;
    if (run !== undefined) onForm.push({ code, severity, run });
    if (indicator === undefined) return;
    for (const method of METHODS) {
      for (const reading of READING_KINDS) {
        if (concerns(indicator, method, reading))
          byMethod[method][reading].push({ code, severity, has: indicator.has, run: indicator.run });
      }
    }
  });
  return { onForm, byMethod };
}
