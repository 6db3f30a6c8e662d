// The default reporter, grouped by file like ESLint's stylish: a header per file, aligned rows, a count.
import { formByFormReporter } from './form-by-form.js';
import { messagesOf } from './messages.js';
import { displayPath } from './paths.js';
import { printable } from './printable.js';
import { styles } from './styles.js';
import { summaryLine } from './summary.js';
import type { FormByForm } from './types.js';
import { columnWidths, padEnd } from './width.js';

/** A block per form with findings (its rows aligned within it), then the files skipped, the problem count and the
 * summary line. */
export const stylishForms: FormByForm = {
  part: (ev, ctx) => {
    if (ev.findings.length === 0) return '';
    const c = styles(ctx);
    const m = messagesOf(ctx);
    const rows = ev.findings.map((f) => ({
      f,
      loc: f.place ?? `${f.line}:${f.column}`,
      message: printable(f.message.replace(/\s*[\r\n]+\s*/g, ' ')),
    }));
    const [locW = 0, sevW = 0, msgW = 0] = columnWidths(rows.map((r) => [r.loc, m.severity[r.f.severity], r.message]));
    const out = [c.underline(printable(displayPath(ev.file, ctx.cwd)))];
    for (const { f, loc, message } of rows) {
      // Pad the plain text, then colour it: escapes must not count as width.
      const sev = padEnd(m.severity[f.severity], sevW);
      out.push(
        `  ${c.dim(padEnd(loc, locW))}  ${f.severity === 'error' ? c.red(sev) : c.yellow(sev)}  ${padEnd(message, msgW)}  ${c.dim(f.code)}`,
      );
    }
    return `${out.join('\n')}\n\n`;
  },
  start: '',
  between: '',
  end: (ctx, shown) => {
    const c = styles(ctx);
    const m = messagesOf(ctx);
    const out: string[] = [];
    const skipped = ctx.skipped ?? [];
    if (skipped.length > 0) {
      out.push(c.dim(m.skippedHeader(skipped.length)));
      for (const file of skipped) out.push(c.dim(`  ${printable(displayPath(file, ctx.cwd))}`));
      out.push('');
    }
    const problems = shown.errors + shown.warnings;
    if (problems > 0) {
      const paint = (text: string): string => (shown.errors > 0 ? c.red(c.bold(text)) : c.yellow(c.bold(text)));
      out.push(paint(m.problems(problems, shown.errors, shown.warnings)));
      if (ctx.summary !== false) out.push(summaryLine([], ctx));
    } else if (ctx.summary !== false) {
      out.push(ctx.passed === false ? summaryLine([], ctx) : `${c.green('✔')} ${summaryLine([], ctx)}`);
    }
    return `${out.join('\n')}\n`;
  },
};

export const stylish = formByFormReporter(stylishForms);
