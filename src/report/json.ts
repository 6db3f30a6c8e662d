// `--format json`: an array of FORMAT.md §6 objects, one per form, in the order checked.
import type { Evaluation } from '../model/types.js';
import { jsonResult } from './json-result.js';
import { stringifyJson } from './json-text.js';
import { formByFormReporter } from './form-by-form.js';
import type { FormByForm } from './types.js';

/** One form's element of the report, as the array prints it (indented one level): stringified as an array of
 * one, so that JSON.stringify itself indents it, and cut out of its `[\n  ` and `\n]`. */
export function jsonPart(ev: Evaluation, cwd: string): string {
  return stringifyJson([jsonResult(ev, cwd)]).slice(4, -2);
}

/** The text `stringifyJson` gives the whole array, element by element. */
export const jsonForms: FormByForm = {
  part: (ev, ctx) => jsonPart(ev, ctx.cwd),
  start: '[\n  ',
  between: ',\n  ',
  end: (_ctx, _shown, parts) => (parts === 0 ? '[]\n' : '\n]\n'),
};

export const json = formByFormReporter(jsonForms);
