// The shape every check module exports (src/checks/<code>.ts), after ESLint's rules and publint's messages.
import type { Decimal } from 'decimal.js';
import type { Form, RawFinding, Rules, Severity } from '../model/types.js';
import type { Computed } from '../score/compute.js';
import type { Ratio } from '../score/exact.js';

/** A finding as a check reports it, where and what; its code and severity are added where findings are collected. */
export type Report = Omit<RawFinding, 'code' | 'severity'>;

export interface CheckModule<C extends string = string> {
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
  /** The check on one computed form. A message is built only for a finding produced. Absent when the findings come
   * from elsewhere (the loader, the schema validator, `evaluate`): the module then says where. */
  run?: (result: Computed, rules: Rules, form: Form) => Report[];
  /** Only for a check on a stated value that evalform computes (a mismatch): the value to write at the path of
   * one of its findings, for `--fix`; undefined when it cannot say. Judgements and facts from the paper (amounts,
   * targets, weights, qualitative scores) never have one. */
  fix?: (result: Computed, rules: Rules, path: string) => FixValue | undefined;
}

/** The value evalform computes for a stated one (`--fix`, src/fix/): an amount is written exactly; a score or
 * a rate is rounded (by rules.rounding) to the decimals the form wrote, or to `places` where it wrote none; a
 * text (a grade) replaces the text. */
export type FixValue =
  | { kind: 'exact'; value: Decimal }
  | { kind: 'rounded'; value: Decimal | Ratio; places: number }
  | { kind: 'text'; value: string };

/** Keeps the code's literal type, so that `CheckCode` is the union of the modules' codes. */
export function defineCheck<const C extends string>(check: CheckModule<C>): CheckModule<C> {
  return check;
}

/** The reports of `one` on each item that gives one, in order (an indexed loop: checks run on every form of a large
 * run, most of them before V8 optimises this, and its interpreter pays for an array iterator). */
export function each<T>(items: readonly T[], one: (item: T) => Report | undefined): Report[] {
  const reports: Report[] = [];
  for (let i = 0; i < items.length; i++) {
    const report = one(items[i] as T);
    if (report !== undefined) reports.push(report);
  }
  return reports;
}
