// Text from a form or a file name made safe to print on a terminal or in a CI log: control characters, line
// breaks and bidirectional overrides are shown as visible escapes, never acted on.

// C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the bidi embeddings, overrides and
// isolates (they reorder what follows them on screen, "Trojan Source").
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching what a terminal would act on is the point.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
// The same but LF and CR, for a caller that escapes line breaks its own way (GitHub's %0A).
// biome-ignore lint/suspicious/noControlCharactersInRegex: as above.
const UNPRINTABLE_BUT_LINE_BREAKS = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

const escaped = (c: string): string => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** `s` with every character that a terminal would act on (ESC sequences, line breaks, bidi overrides) written
 * as a visible escape: "a\nb" → "a\\nb", ESC → "\\u001B". Plain Chinese and ASCII text is returned as it is.
 * With `keepLineBreaks`, LF and CR are left for the caller to escape. */
export function printable(s: string, opts: { keepLineBreaks?: boolean } = {}): string {
  return s.replace(opts.keepLineBreaks ? UNPRINTABLE_BUT_LINE_BREAKS : UNPRINTABLE, escaped);
}

/** One line of text: runs of whitespace and line breaks (prose, a YAML block) become one space, then printable. */
export function printableLine(s: string): string {
  return printable(s.replace(/[\s\u0085]+/g, ' ').trim());
}
