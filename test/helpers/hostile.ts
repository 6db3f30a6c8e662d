// Text a form (or its file name) can carry that must never corrupt a document or act on a terminal.
import type { ScoreResult } from '../../src/model/types.js';

/** One of each kind of character XML 1.0 forbids even when escaped: C0 controls other than tab, LF and CR,
 * U+FFFE, U+FFFF, and surrogates without their pair. YAML writes them as escapes in double quotes. */
export const XML_FORBIDDEN: Readonly<Record<string, string>> = {
  'U+0001': '\u0001',
  'U+0008 backspace': '\b',
  'U+000B vertical tab': '\u000b',
  'U+000C form feed': '\f',
  'U+001B escape': '\u001b',
  'U+001F': '\u001f',
  'U+FFFE': '\ufffe',
  'U+FFFF': '\uffff',
  'lone high surrogate U+D800': '\ud800',
  'lone low surrogate U+DC00': '\udc00',
};

/** Controls a document should not print either, though XML allows them: DEL and the C1 controls (CSI, NEL). */
export const C1_AND_DEL: Readonly<Record<string, string>> = { 'U+007F delete': '\u007f', 'U+0085 NEL': '\u0085', 'U+009B CSI': '\u009b' };

/** What a hostile form writes to take over a terminal or a CI log: a title change (OSC … BEL), a screen clear, an 8-bit
 * CSI, a forged GitHub workflow command on a line of its own, a carriage return, and bidi overrides. */
export const TERMINAL_HOSTILE =
  '\u001b]0;pwned\u0007\u001b[2J\u009b31m\n::warning file=x.yaml,line=1::forged\r::error::forged too\u202eevil\u2066x\u2069\u2028y';

/** Characters that must never reach a terminal raw from user text: ESC, BEL, CSI, CR, bidi overrides and isolates,
 * line and paragraph separators. (LF is checked separately: the reporters' own lines end with it.) */
export const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** The same form with every text that a table, a document or a report prints from it changed by `f`
 * (called with the text and the field's name). The numbers are left alone. */
export function rewriteTexts(r: ScoreResult, f: (text: string, field: string) => string): ScoreResult {
  const form = r.form;
  return {
    ...r,
    form: {
      ...form,
      project: f(form.project, 'project'),
      department: f(form.department, 'department'),
      implementer: f(form.implementer, 'implementer'),
      funds: { ...form.funds, deviation: f(form.funds.deviation, 'funds.deviation') },
      goals: { expected: f(form.goals.expected, 'goals.expected'), actual: f(form.goals.actual, 'goals.actual') },
      signoff: {
        preparer: f(form.signoff.preparer, 'signoff.preparer'),
        date: f(form.signoff.date, 'signoff.date'),
        phone: f(form.signoff.phone, 'signoff.phone'),
        head: f(form.signoff.head, 'signoff.head'),
      },
      note: f(form.note ?? '', 'note'),
      ...(form.grade === undefined ? {} : { grade: f(form.grade, 'grade') }),
    },
    indicators: r.indicators.map((i, n) => ({
      ...i,
      name: f(i.name, `indicators.${n}.name`),
      target: f(i.target, `indicators.${n}.target`),
      actual: f(i.actual, `indicators.${n}.actual`),
      deviation: f(i.deviation, `indicators.${n}.deviation`),
    })),
    // A config names the grades: its text reaches every output too.
    grade: f(r.grade, 'grade'),
    ...(r.gradeCheck ? { gradeCheck: { ...r.gradeCheck, stated: f(r.gradeCheck.stated, 'stated grade') } } : {}),
  };
}
