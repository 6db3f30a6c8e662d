// The shape every check module exports (src/checks/<code>.ts), after ESLint's rules and publint's messages.
import type { Form, RawFinding, Rules, Severity } from '../model/types.js';
import type { Computed } from '../score/compute.js';

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
}

/** Keeps the code's literal type, so that `CheckCode` is the union of the modules' codes. */
export function defineCheck<const C extends string>(check: CheckModule<C>): CheckModule<C> {
  return check;
}

/** The reports of `one` on each item that gives one, in order (a loop: checks run on every form of a large run). */
export function each<T>(items: readonly T[], one: (item: T) => Report | undefined): Report[] {
  const reports: Report[] = [];
  for (const item of items) {
    const report = one(item);
    if (report !== undefined) reports.push(report);
  }
  return reports;
}
