// `--format junit`: one testsuite, one testcase per form. A form with errors has one <failure> (Jenkins and GitLab
// read one per testcase) holding every finding of the form, a line each; a form with warnings only passes, its
// warnings in <system-out>.
import type { Finding } from '../model/types.js';
import { type Messages, messagesOf } from './messages.js';
import type { Reporter } from './types.js';
import { xmlEscape } from '../xml.js';
import { displayPath } from './paths.js';
import { printable } from './printable.js';

function attrs(a: Record<string, string | number>): string {
  return Object.entries(a)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');
}

/** "错误 forms/a.yaml:25:11 rate-mismatch: 当年财政拨款执行率应为 …" */
function located(f: Finding, file: string, m: Messages): string {
  return `${m.severity[f.severity]} ${file}:${f.place ?? `${f.line}:${f.column}`} ${f.code}: ${printable(f.message)}`;
}

function classname(file: string): string {
  return file.replace(/\.ya?ml$/i, '').replaceAll('/', '.');
}

export const junit: Reporter = (evals, ctx) => {
  const m = messagesOf(ctx);
  const skipped = ctx.skipped ?? [];
  const cases: string[] = [];
  let failing = 0;
  for (const ev of evals) {
    // CI pages and people read these: text from forms and file names with its controls shown, never acted on.
    const file = printable(displayPath(ev.file, ctx.cwd));
    const project = ev.result && printable(ev.result.form.project);
    const errors = ev.findings.filter((f) => f.severity === 'error');
    const body: string[] = [];
    if (errors.length > 0) {
      failing++;
      const codes = [...new Set(errors.map((f) => f.code))];
      body.push(
        `      <failure${attrs({ type: codes.join(','), message: m.failure(errors.length, codes) })}>` +
          `${xmlEscape(ev.findings.map((f) => located(f, file, m)).join('\n'))}</failure>`,
      );
    } else if (ev.findings.length > 0) {
      body.push(`      <system-out>${xmlEscape(ev.findings.map((f) => located(f, file, m)).join('\n'))}</system-out>`);
    }
    const head = `    <testcase${attrs({ classname: classname(file), name: project ? `${project} (${file})` : file, file, time: 0 })}`;
    cases.push(body.length === 0 ? `${head}/>` : `${head}>\n${body.join('\n')}\n    </testcase>`);
  }
  for (const s of skipped) {
    const file = printable(displayPath(s, ctx.cwd));
    cases.push(
      `    <testcase${attrs({ classname: classname(file), name: file, file, time: 0 })}>\n` +
        `      <skipped${attrs({ message: m.notAForm })}/>\n    </testcase>`,
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
