// `--format json`: an array of FORMAT.md §6 objects, one per form, in the order checked.
import type { Reporter } from './types.js';
import { jsonResult } from './json-result.js';

export const json: Reporter = (evals, ctx) => `${JSON.stringify(evals.map((ev) => jsonResult(ev, ctx.cwd)), null, 2)}\n`;
