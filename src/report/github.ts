// `--format github`: GitHub Actions workflow commands, which annotate the line in the pull request.
import type { Reporter } from './types.js';
import { displayPath } from './paths.js';
import { printable } from './printable.js';
import { summaryLine } from './summary.js';

// As @actions/core's command.ts escapes: data loses %, CR, LF; properties also ':' and ','. Every other control
// (ESC sequences the log viewer would colour or act on, bidi overrides) is shown as a visible escape first, so no
// text from a form or a file name can end the annotation's line or start a command of its own.
export function escapeData(text: string): string {
  return printable(text, { keepLineBreaks: true }).replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

export const github: Reporter = (evals, ctx) => {
  const out: string[] = [];
  for (const ev of evals) {
    for (const f of ev.findings) {
      const props = [
        `file=${escapeProperty(displayPath(f.file || ev.file, ctx.cwd))}`,
        ...(f.place === undefined ? [`line=${f.line}`, `col=${f.column}`] : []),
        `title=${escapeProperty(f.place === undefined ? f.code : `${f.code} ${f.place}`)}`,
      ].join(',');
      out.push(`::${f.severity} ${props}::${escapeData(f.place === undefined ? f.message : `${f.place}：${f.message}`)}`);
    }
  }
  out.push(summaryLine(evals, ctx));
  return `${out.join('\n')}\n`;
};
