// The terminal styles a reporter may use. The command line passes chalk's (src/cli/color.ts) in the report
// context when colour is on; without them a reporter writes plain text. Reporters never decide colour themselves:
// that needs the environment and the terminal, which only src/cli reads.
export interface Styles {
  bold: (text: string) => string;
  dim: (text: string) => string;
  underline: (text: string) => string;
  red: (text: string) => string;
  yellow: (text: string) => string;
  green: (text: string) => string;
}

const plain = (text: string): string => text;
const PLAIN: Styles = { bold: plain, dim: plain, underline: plain, red: plain, yellow: plain, green: plain };

/** The styles of a report context: the ones it carries, or none. */
export function styles(ctx: { styles?: Styles | undefined }): Styles {
  return ctx.styles ?? PLAIN;
}
