// Colour for the reporters: decided here, because it depends on the environment and the terminal.
import { Chalk } from 'chalk';
import type { Styles } from '../report/styles.js';
import type { Io } from './io.js';

/** chalk's styles at level 1 (16 colours: what every terminal and CI log shows), for a report context. */
export function terminalStyles(): Styles {
  const c = new Chalk({ level: 1 });
  return { bold: c.bold, dim: c.dim, underline: c.underline, red: c.red, yellow: c.yellow, green: c.green };
}

/** Colour on a terminal unless NO_COLOR is set; FORCE_COLOR forces it. */
export function colorFor(io: Io): Styles | undefined {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return undefined;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return terminalStyles();
  return io.isTTY ? terminalStyles() : undefined;
}
