// Colour for the reporters: decided here, because it depends on the environment and the terminal.
import { Chalk } from 'chalk';
import type { Styles } from '../report/styles.js';

/** chalk's styles at level 1 (16 colours: what every terminal and CI log shows), for a report context. */
export function terminalStyles(): Styles {
  const c = new Chalk({ level: 1 });
  return { bold: c.bold, dim: c.dim, underline: c.underline, red: c.red, yellow: c.yellow, green: c.green };
}
