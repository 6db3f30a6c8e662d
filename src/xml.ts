// Text from a form made safe for every document evalform writes: the .docx parts, the JUnit report, the HTML page.

// What XML 1.0 forbids even escaped — C0 controls other than tab, LF and CR; U+FFFE and U+FFFF; a surrogate without
// its pair — and what it allows but no document should print: DEL and the C1 controls (an 8-bit CSI among them;
// HTML calls them parse errors). No flag u: a lone surrogate must be matched as the one code unit it is.
const NOT_DOCUMENT_TEXT =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is this pattern's job.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** `text` without the characters no document may hold (see above); tab, line breaks and everything printable kept.
 * Every writer calls it on user text: the .docx (each run and the core properties), JUnit, HTML. */
export function documentText(text: string): string {
  return text.replace(NOT_DOCUMENT_TEXT, '');
}

/** Text for an XML attribute or element: cleaned by documentText, then markup escaped. */
export function xmlEscape(text: string): string {
  return documentText(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** A copy of `value` with documentText applied to every string in it (objects and arrays walked; others kept). */
export function documentTexts<T>(value: T): T {
  if (typeof value === 'string') return documentText(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => documentTexts(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, documentTexts(v)])) as T;
  }
  return value;
}
