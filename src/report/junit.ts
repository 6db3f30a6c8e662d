// `--format junit`: one testsuite, one testcase per form, a <failure> per error; warnings go to system-out.
import type { Finding } from '../model/types.js';
import { messagesOf } from './messages.js';
import type { Reporter } from './types.js';
import { xmlEscape } from '../xml.js';
import { displayPath } from './paths.js';
import { printable } from './printable.js';

function attrs(a: Record<string, string | number>): string {
  return Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');
}

function located(f: Finding, file: string): string {
  return `${file}:${f.place ?? `${f.line}:${f.column}`} ${f.code}: ${printable(f.message)}`;
}

export const junit: Reporter = (evals, ctx) => {
  const skipped = ctx.skipped ?? [];
  const cases: string[] = [];
  let failing = 0;
  for (const ev of evals) {
    // CI pages and people read these: text from forms and file names with its controls shown, never acted on.
    const file = printable(displayPath(ev.file, ctx.cwd));
    const project = ev.result && printable(ev.result.form.project);
    const errors = ev.findings.filter((f) => f.severity === 'error');
    const warnings = ev.findings.filter((f) => f.severity === 'warning');
    if (errors.length > 0) failing++;
    const body: string[] = errors.map(
      (f) =>
        `      <failure${attrs({ type: f.code, message: printable(f.message), ...(f.place === undefined ? { line: f.line, column: f.column } : { place: f.place }) })}>${xmlEscape(located(f, file))}</failure>`,
    );
    if (warnings.length > 0) {
      body.push(`      <system-out>${xmlEscape(warnings.map((f) => `warning ${located(f, file)}`).join('\n'))}</system-out>`);
    }
    const head = `    <testcase${attrs({
      classname: file.replace(/\.ya?ml$/i, '').replaceAll('/', '.'),
      name: project ? `${project} (${file})` : file,
      file,
      time: 0,
    })}`;
    cases.push(body.length === 0 ? `${head}/>` : `${head}>\n${body.join('\n')}\n    </testcase>`);
  }
  for (const s of skipped) {
    const file = printable(displayPath(s, ctx.cwd));
    cases.push(
      `    <testcase${attrs({ classname: file.replace(/\.ya?ml$/i, '').replaceAll('/', '.'), name: file, file, time: 0 })}>\n` +
        `      <skipped${attrs({ message: messagesOf(ctx).notAForm })}/>\n    </testcase>`,
    );
  }
  const totals = { tests: evals.length + skipped.length, failures: failing, errors: 0, skipped: skipped.length, time: 0 };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: 'evalform', ...totals })}>`,
    `  <testsuite${attrs({ name: 'evalform', ...totals })}>`,
    `    <properties>`,
    `      <property${attrs({ name: 'evalform.version', value: ctx.version })}/>`,
    `    </properties>`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
};
