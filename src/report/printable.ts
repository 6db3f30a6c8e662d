// Text from a form or a file name made safe to print on a terminal or in a CI log: control characters, line
// breaks and bidirectional overrides are shown as visible escapes, never acted on.

// C0 and C1 controls, DEL, the Unicode line and paragraph separators, and the bidi embeddings, overrides and
// isolates (they reorder what follows them on screen, "Trojan Source").
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** `s` with every character that a terminal would act on (ESC sequences, line breaks, bidi overrides) written
 * as a visible escape: "a\nb" → "a\\nb", ESC → "\\u001B". Plain Chinese and ASCII text is returned as it is. */
export function printable(s: string): string {
  return s.replace(UNPRINTABLE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}
