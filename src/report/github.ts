// `--format github`: GitHub Actions workflow commands, which annotate the line in the pull request.
import { displayPath } from './paths.js';
import { printable } from './printable.js';
import { summaryLine } from './summary.js';
import { formByFormReporter } from './form-by-form.js';
import type { FormByForm } from './types.js';

// As @actions/core's command.ts escapes: data loses %, CR, LF; properties also ':' and ','. Every other control
// (ESC sequences the log viewer would colour or act on, bidi overrides) is shown as a visible escape first, so no
// text from a form or a file name can end the annotation's line or start a command of its own.
export function escapeData(text: string): string {
  return printable(text, { keepLineBreaks: true }).replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** A line per finding, then the summary line. */
export const githubForms: FormByForm = {
  part: (ev, ctx) =>
    ev.findings
      .map((f) => {
        const props = [
          `file=${escapeProperty(displayPath(f.file || ev.file, ctx.cwd))}`,
          ...(f.place === undefined ? [`line=${f.line}`, `col=${f.column}`] : []),
          `title=${escapeProperty(f.place === undefined ? f.code : `${f.code} ${f.place}`)}`,
        ].join(',');
        return `::${f.severity} ${props}::${escapeData(f.place === undefined ? f.message : `${f.place}：${f.message}`)}\n`;
      })
      .join(''),
  start: '',
  between: '',
  end: (ctx) => `${summaryLine([], ctx)}\n`,
};

export const github = formByFormReporter(githubForms);
