// The default reporter, grouped by file like ESLint's stylish: a header per file, aligned rows, a count.
import { styles } from './styles.js';
import type { Reporter } from './types.js';
import { displayPath } from './paths.js';
import { printable } from './printable.js';
import { messagesOf } from './messages.js';
import { countAll, summaryLine } from './summary.js';
import { columnWidths, padEnd } from './width.js';

export const stylish: Reporter = (evals, ctx) => {
  const c = styles(ctx);
  const m = messagesOf(ctx);
  const out: string[] = [];
  for (const ev of evals) {
    if (ev.findings.length === 0) continue;
    const rows = ev.findings.map((f) => ({
      f,
      loc: f.place ?? `${f.line}:${f.column}`,
      message: printable(f.message.replace(/\s*[\r\n]+\s*/g, ' ')),
    }));
    const [locW = 0, sevW = 0, msgW = 0] = columnWidths(rows.map((r) => [r.loc, m.severity[r.f.severity], r.message]));
    out.push(c.underline(printable(displayPath(ev.file, ctx.cwd))));
    for (const { f, loc, message } of rows) {
      // Pad the plain text, then colour it: escapes must not count as width.
      const sev = padEnd(m.severity[f.severity], sevW);
      out.push(
        `  ${c.dim(padEnd(loc, locW))}  ${f.severity === 'error' ? c.red(sev) : c.yellow(sev)}  ${padEnd(message, msgW)}  ${c.dim(f.code)}`,
      );
    }
    out.push('');
  }
  const skipped = ctx.skipped ?? [];
  if (skipped.length > 0) {
    out.push(c.dim(m.skippedHeader(skipped.length)));
    for (const file of skipped) out.push(c.dim(`  ${printable(displayPath(file, ctx.cwd))}`));
    out.push('');
  }
  const n = countAll(evals);
  const problems = n.errors + n.warnings;
  if (problems > 0) {
    const paint = (text: string): string => (n.errors > 0 ? c.red(c.bold(text)) : c.yellow(c.bold(text)));
    out.push(paint(m.problems(problems, n.errors, n.warnings)));
    if (ctx.summary !== false) out.push(summaryLine(evals, ctx));
  } else if (ctx.summary !== false) {
    out.push(ctx.passed === false ? summaryLine(evals, ctx) : `${c.green('✔')} ${summaryLine(evals, ctx)}`);
  }
  return `${out.join('\n')}\n`;
};
