// `evalform score` over several files: one aligned line per form, then the totals — a department's overview.
import { styles } from './styles.js';
import { Decimal } from 'decimal.js';
import { totalText } from '../score/number.js';
import type { Evaluation } from '../model/types.js';
import type { Reporter } from './types.js';
import { displayPath } from './paths.js';
import { printable, printableLine } from './printable.js';
import { messagesOf } from './messages.js';
import { summaryLine } from './summary.js';
import { columnWidths, padEnd, padStart } from './width.js';

// Numeric columns line up on the right.
const RIGHT = new Set([1, 2, 4, 5]);

function row(ev: Evaluation, cwd: string): string[] {
  const r = ev.result;
  const errors = ev.findings.filter((f) => f.severity === 'error').length;
  return [
    printableLine(r?.form.project ?? ev.meta?.project ?? '—'),
    String(r?.form.year ?? ev.meta?.year ?? '—'),
    r ? totalText(r.total, r.rules.places) : '—',
    printableLine(r?.grade ?? '—'),
    String(errors),
    String(ev.findings.length - errors),
    printable(displayPath(ev.file, cwd)),
  ];
}

/** The mean of the scored forms' totals, at the places of the first form's rules. */
function average(evals: readonly Evaluation[]): string | undefined {
  const scored = evals.flatMap((ev) => (ev.result ? [ev.result] : []));
  const first = scored[0];
  if (!first) return undefined;
  const sum = scored.reduce((acc, r) => acc.plus(r.total), new Decimal(0));
  return sum.div(scored.length).toFixed(first.rules.places, Decimal.ROUND_HALF_UP);
}

export const overview: Reporter = (evals, ctx) => {
  const c = styles(ctx);
  const m = messagesOf(ctx);
  const rows = [[...m.overviewHead], ...evals.map((ev) => row(ev, ctx.cwd))];
  const widths = columnWidths(rows);
  const lines = rows.map((cells, r) => {
    const text = cells
      .map((cell, i) => {
        if (i === cells.length - 1) return cell;
        return RIGHT.has(i) ? padStart(cell, widths[i] ?? 0) : padEnd(cell, widths[i] ?? 0);
      })
      .join('  ');
    if (r === 0) return c.bold(text);
    const ev = evals[r - 1]!;
    return ev.findings.some((f) => f.severity === 'error') ? c.red(text) : text;
  });
  const avg = average(evals);
  lines.push('', summaryLine(evals, ctx, 'scored') + (avg === undefined ? '' : ` · ${m.average(avg)}`));
  return `${lines.join('\n')}\n`;
};
