// The one summary line every reporter ends with: forms, errors, warnings, skipped files, grades.
import type { Evaluation } from '../model/types.js';
import { printable } from './printable.js';
import { messagesOf } from './messages.js';
import type { ReportContext } from './types.js';

export interface Counts {
  forms: number;
  errors: number;
  warnings: number;
  /** Forms without a score (invalid YAML, schema faults). */
  unscored: number;
  /** Grade → number of forms, in the order of rules.grades (best first), zeros included. */
  grades: Map<string, number>;
}

/** The grades a distribution lists when no form was scored (the default rules'). */
export const DEFAULT_GRADES: readonly string[] = ['优', '良', '中', '差'];

export function countAll(evals: readonly Evaluation[]): Counts {
  const grades = new Map<string, number>();
  let errors = 0;
  let warnings = 0;
  let unscored = 0;
  let seenRules = false;
  for (const ev of evals) {
    for (const f of ev.findings) {
      if (f.severity === 'error') errors++;
      else warnings++;
    }
    const r = ev.result;
    if (!r) {
      unscored++;
      continue;
    }
    seenRules = true;
    for (const g of r.rules.grades) if (!grades.has(g.grade)) grades.set(g.grade, 0);
    grades.set(r.grade, (grades.get(r.grade) ?? 0) + 1);
  }
  if (!seenRules) for (const g of DEFAULT_GRADES) grades.set(g, 0);
  return { forms: evals.length, errors, warnings, unscored, grades };
}

/** "优 12 · 良 3 · 中 1 · 差 0" */
export function gradeDistribution(grades: ReadonlyMap<string, number>): string {
  // Grade names come from a config: text a terminal must not act on.
  return [...grades].map(([g, n]) => `${printable(g)} ${n}`).join(' · ');
}

/** "已检查 16 张表 · 2 个错误 · 1 个警告 · 跳过 1 个文件 · 优 12 · 良 3 · 中 1 · 差 0" */
export function summaryLine(
  evals: readonly Evaluation[],
  ctx: Pick<ReportContext, 'skipped' | 'counts' | 'messages'>,
  verb: 'checked' | 'scored' = 'checked',
): string {
  const m = messagesOf(ctx);
  const c = ctx.counts ?? countAll(evals);
  const parts = [m.forms(c.forms, verb), m.errors(c.errors), m.warnings(c.warnings)];
  const skipped = ctx.skipped?.length ?? 0;
  if (skipped > 0) parts.push(m.skipped(skipped));
  if (c.unscored > 0) parts.push(m.unscored(c.unscored));
  parts.push(gradeDistribution(c.grades));
  return parts.join(' · ');
}
