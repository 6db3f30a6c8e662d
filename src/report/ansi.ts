// Terminal styles for the reporters without chalk, whose import reads process.env and the terminal: the core
// never looks at either, and colour is on only when the report context says so. The codes and the handling of
// nested styles and line breaks are chalk's at level 1 (16 colours), so coloured output is unchanged.
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

function style(openCode: number, closeCode: number): (text: string) => string {
  const open = `\u001b[${openCode}m`;
  const close = `\u001b[${closeCode}m`;
  return (text) => {
    if (text === '') return text;
    // A style closed inside the text is opened again after it, so the rest keeps this style.
    let body = text.includes('\u001b') ? text.replaceAll(close, close + open) : text;
    // Closed before each line break and opened after it, so a style never bleeds into the next line.
    if (body.includes('\n')) body = body.replace(/\r?\n/g, (lf) => close + lf + open);
    return open + body + close;
  };
}

const ANSI: Styles = {
  bold: style(1, 22),
  dim: style(2, 22),
  underline: style(4, 24),
  red: style(31, 39),
  yellow: style(33, 39),
  green: style(32, 39),
};

export function styles(color: boolean): Styles {
  return color ? ANSI : PLAIN;
}
