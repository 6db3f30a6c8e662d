// `--format json`: an array of FORMAT.md §6 objects, one per form, in the order checked.
import type { Evaluation } from '../model/types.js';
import { jsonResult } from './json-result.js';
import { stringifyJson } from './json-text.js';
import { formByFormReporter } from './form-by-form.js';
import type { FormByForm } from './types.js';

/** One form's element of the report, as the array prints it (indented one level). */
export function jsonPart(ev: Evaluation, cwd: string): string {
  // JSON text holds no raw line break inside a string (it writes \n), so every one is the layout's.
  return stringifyJson(jsonResult(ev, cwd)).replaceAll('\n', '\n  ');
}

/** The text `stringifyJson` gives the whole array, element by element. */
export const jsonForms: FormByForm = {
  part: (ev, ctx) => jsonPart(ev, ctx.cwd),
  start: '[\n  ',
  between: ',\n  ',
  end: (_ctx, _shown, parts) => (parts === 0 ? '[]\n' : '\n]\n'),
};

export const json = formByFormReporter(jsonForms);
