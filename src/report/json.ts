// `--format json`: an array of FORMAT.md §6 objects, one per form, in the order checked.
import type { Evaluation } from '../model/types.js';
import { jsonResult } from './json-result.js';
import { stringifyJson } from './json-text.js';
import type { Reporter } from './types.js';

/** One form's element of the report, as the array prints it (indented one level): `check` makes it where the form
 * is evaluated, so that only this text is kept of each form. */
export function jsonPart(ev: Evaluation, cwd: string): string {
  // JSON text holds no raw line break inside a string (it writes \n), so every one is the layout's.
  return stringifyJson(jsonResult(ev, cwd)).replaceAll('\n', '\n  ');
}

/** The report from its elements: the text `stringifyJson` gives the whole array. */
export function jsonJoin(parts: readonly string[]): string {
  return parts.length === 0 ? '[]\n' : `[\n  ${parts.join(',\n  ')}\n]\n`;
}

export const json: Reporter = (evals, ctx) => jsonJoin(evals.map((ev) => jsonPart(ev, ctx.cwd)));
