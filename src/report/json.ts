// `--format json`: an array of FORMAT.md §6 objects, one per form, in the order checked.
import type { Reporter } from './types.js';
import { jsonResult } from './json-result.js';
import { stringifyJson } from './json-text.js';

export const json: Reporter = (evals, ctx) => `${stringifyJson(evals.map((ev) => jsonResult(ev, ctx.cwd)))}\n`;
