// The reporters by name, each loaded only when chosen.
import type { FormByForm, Reporter } from './types.js';

export type { ReportContext, Reporter } from './types.js';

export const REPORTERS: Readonly<Record<string, () => Promise<Reporter>>> = {
  stylish: async () => (await import('./stylish.js')).stylish,
  json: async () => (await import('./json.js')).json,
  junit: async () => (await import('./junit.js')).junit,
  github: async () => (await import('./github.js')).github,
  sarif: async () => (await import('./sarif.js')).sarif,
};

export const REPORTER_NAMES = Object.keys(REPORTERS);

/** The reporters whose output is a document for a program: printed to stdout, the summary line goes to stderr. */
export const MACHINE_FORMATS: ReadonlySet<string> = new Set(['json', 'junit', 'sarif']);

/** The reporter called `name`, or undefined when there is none. */
export async function loadReporter(name: string): Promise<Reporter | undefined> {
  return Object.hasOwn(REPORTERS, name) ? REPORTERS[name]!() : undefined;
}

/** The reporters that print form by form (FormByForm): `check` prints these as it goes and keeps nothing of a form
 * once its text is out. */
export const FORM_BY_FORM: Readonly<Record<string, () => Promise<FormByForm>>> = {
  stylish: async () => (await import('./stylish.js')).stylishForms,
  json: async () => (await import('./json.js')).jsonForms,
  github: async () => (await import('./github.js')).githubForms,
};

/** The form-by-form reporter called `name`, or undefined when it has none. */
export async function loadFormByForm(name: string): Promise<FormByForm | undefined> {
  return Object.hasOwn(FORM_BY_FORM, name) ? FORM_BY_FORM[name]!() : undefined;
}
