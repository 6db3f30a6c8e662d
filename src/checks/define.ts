// The shape every check module exports (src/checks/<code>.ts), after ESLint's rules and publint's messages.
import type { Decimal } from 'decimal.js';
import type { Form, Method, RawFinding, Rules, Severity } from '../model/types.js';
import type { Computed, IndicatorComputed, Reading } from '../score/compute.js';
import type { Ratio } from '../score/exact.js';

/** A finding as a check reports it, where and what; its code and severity are added where findings are collected. */
export type Report = Omit<RawFinding, 'code' | 'severity'>;

/** A check on one computed form as a whole. */
export type FormRun = (result: Computed, rules: Rules, form: Form) => Report[];

/** How an indicator's target and actual read (src/score/compute.ts, Reading). */
export type ReadingKind = Reading['kind'];

/** A check on one indicator at a time. `runChecks` makes one pass over a form's indicators for every check, and
 * calls `run` only on the indicators the filters let through: most checks concern a few methods or readings, and
 * a call per check and indicator would cost more than the judgement itself. */
export interface IndicatorCheck {
  /** Only the indicators scored by one of these methods; all when absent. */
  methods?: readonly Method[];
  /** Only the indicators whose target and actual read as one of these; all when absent. */
  readings?: readonly ReadingKind[];
  /** Only the indicators on which this computed value is there (most have none). */
  has?: 'band' | 'scoreCheck' | 'directionConflict';
  /** The finding on one indicator the filters let through, or undefined. It narrows `i.reading` itself where it
   * needs its fields: the filters are not types. */
  run: (i: IndicatorComputed, rules: Rules, result: Computed) => Report | undefined;
}

/** What a check module writes (`defineCheck`'s argument). */
export interface CheckSpec<C extends string = string> {
  /** The stable code of FORMAT.md §5, which is also the module's file name. */
  code: C;
  /** The default; `rules.severity` may change it or turn the check `off`, unless `fixed`. */
  severity: Severity;
  /** Chinese, one line: when it fires (the README's table, the SARIF rule's description). */
  summary: string;
  /** Chinese: what to do about it (the SARIF rule's help). */
  help: string;
  /** `rules.severity` cannot re-rank it or turn it off (the schemas allow only `error` there). */
  fixed?: true;
  /** The check on the form as a whole (funds, totals, weights). A message is built only for a finding produced. */
  run?: FormRun;
  /** The check on each indicator it concerns; its findings follow those of `run`. */
  indicator?: IndicatorCheck;
  /** Only for a check on a stated value that evalform computes (a mismatch): the value to write at the path of
   * one of its findings, for `--fix`; undefined when it cannot say. Judgements and facts from the paper (amounts,
   * targets, weights, qualitative scores) never have one. */
  fix?: (result: Computed, rules: Rules, path: string) => FixValue | undefined;
}

/** A check as the registry holds it: the spec, with `run` the whole check. */
export interface CheckModule<C extends string = string> extends Omit<CheckSpec<C>, 'run'> {
  /** The whole check on one computed form: the reports of the spec's `run`, then those of `indicator` on each
   * indicator it concerns, in order. Absent when the findings come from elsewhere (the loader, the schema
   * validator, `evaluate`): the module then says where. */
  run?: FormRun;
  /** The spec's own `run`, on the form as a whole, for `runChecks`. */
  onForm?: FormRun;
}

/** The value evalform computes for a stated one (`--fix`, src/fix/): an amount is written exactly; a score or
 * a rate is rounded (by rules.rounding) to the decimals the form wrote, or to `places` where it wrote none; a
 * text (a grade) replaces the text. */
export type FixValue =
  | { kind: 'exact'; value: Decimal }
  | { kind: 'rounded'; value: Decimal | Ratio; places: number }
  | { kind: 'text'; value: string };

/** Keeps the code's literal type, so that `CheckCode` is the union of the modules' codes. */
export function defineCheck<const C extends string>(spec: CheckSpec<C>): CheckModule<C> {
  const { run, indicator, ...rest } = spec;
  if (indicator === undefined) return run === undefined ? rest : { ...rest, run, onForm: run };
  return { ...rest, indicator, run: wholeCheck(run, indicator), ...(run === undefined ? {} : { onForm: run }) };
}

/** Does an indicator check concern this indicator? */
export function concerns(check: IndicatorCheck, method: Method, reading: ReadingKind): boolean {
  return (
    (check.methods === undefined || check.methods.includes(method)) && (check.readings === undefined || check.readings.includes(reading))
  );
}

/** A check with an indicator part, run on its own: `run`'s reports, then the indicator part's on each indicator. */
function wholeCheck(run: FormRun | undefined, indicator: IndicatorCheck): FormRun {
  return (result, rules, form) => {
    const reports = run === undefined ? [] : run(result, rules, form);
    for (const i of result.indicators) {
      if (!concerns(indicator, i.method, i.reading.kind) || (indicator.has !== undefined && i[indicator.has] === undefined)) continue;
      const report = indicator.run(i, rules, result);
      if (report !== undefined) reports.push(report);
    }
    return reports;
  };
}

/** Every method and every reading, for the tables `runChecks` makes (the types below fail when one is added). */
export const METHODS = ['positive', 'negative', 'equal', 'qualitative', 'deadline', 'not-applicable'] as const satisfies readonly Method[];
export const READING_KINDS = [
  'not-applicable',
  'prose',
  'actual-not-quantity',
  'unit-mismatch',
  'fraction-for-percent',
  'quantities',
  'dates',
  'date',
] as const satisfies readonly ReadingKind[];
type Exhaustive<T extends never> = T;
export type AllMethods = Exhaustive<Exclude<Method, (typeof METHODS)[number]>>;
export type AllReadings = Exhaustive<Exclude<ReadingKind, (typeof READING_KINDS)[number]>>;
