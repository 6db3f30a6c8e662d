// `--format junit`: one testsuite, one testcase per form. A form with errors has one <failure> (Jenkins and GitLab
// read one per testcase) holding every finding of the form, a line each; a form with warnings only passes, its
// warnings in <system-out>.
import type { Evaluation, Finding } from '../model/types.js';
import { type Messages, messagesOf } from './messages.js';
import type { ReportContext, Reporter } from './types.js';
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

/** One form's testcase, and whether it fails: `check` makes it where the form is evaluated, so that only this is
 * kept of each form. */
export interface JunitPart {
  text: string;
  failing: boolean;
}

export function junitPart(ev: Evaluation, ctx: Pick<ReportContext, 'cwd' | 'messages'>): JunitPart {
  const m = messagesOf(ctx);
  // CI pages and people read these: text from forms and file names with its controls shown, never acted on.
  const file = printable(displayPath(ev.file, ctx.cwd));
  const project = ev.result && printable(ev.result.form.project);
  const errors = ev.findings.filter((f) => f.severity === 'error');
  const body: string[] = [];
  if (errors.length > 0) {
    const codes = [...new Set(errors.map((f) => f.code))];
    body.push(
      `      <failure${attrs({ type: codes.join(','), message: m.failure(errors.length, codes) })}>` +
        `${xmlEscape(ev.findings.map((f) => located(f, file, m)).join('\n'))}</failure>`,
    );
  } else if (ev.findings.length > 0) {
    body.push(`      <system-out>${xmlEscape(ev.findings.map((f) => located(f, file, m)).join('\n'))}</system-out>`);
  }
  const head = `    <testcase${attrs({ classname: classname(file), name: project ? `${project} (${file})` : file, file, time: 0 })}`;
  return { text: body.length === 0 ? `${head}/>` : `${head}>\n${body.join('\n')}\n    </testcase>`, failing: errors.length > 0 };
}

/** The report from every form's testcase, with the files that are not forms as skipped ones. */
export function junitJoin(parts: readonly JunitPart[], ctx: ReportContext): string {
  const m = messagesOf(ctx);
  const skipped = ctx.skipped ?? [];
  const cases = parts.map((p) => p.text);
  for (const s of skipped) {
    const file = printable(displayPath(s, ctx.cwd));
    cases.push(
      `    <testcase${attrs({ classname: classname(file), name: file, file, time: 0 })}>\n` +
        `      <skipped${attrs({ message: m.notAForm })}/>\n    </testcase>`,
    );
  }
  const failures = parts.filter((p) => p.failing).length;
  const totals = { tests: parts.length + skipped.length, failures, errors: 0, skipped: skipped.length, time: 0 };
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
}

export const junit: Reporter = (evals, ctx) =>
  junitJoin(
    evals.map((ev) => junitPart(ev, ctx)),
    ctx,
  );
