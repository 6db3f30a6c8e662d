// JSON text of a report: the exact data, and nothing in it a terminal or an editor would act on.

// JSON.stringify escapes C0 controls and lone surrogates but writes DEL, the C1 controls (an 8-bit CSI), the line and
// paragraph separators, bidi overrides and U+FFFE/U+FFFF as they are. Written as \u escapes they parse to the same
// data, and a report printed on a terminal cannot act on them.
const RAW_IN_JSON = /[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]/g;
/** The same class, to test for: `replace` copies the text even when nothing matches, and most reports have none. */
const ANY_RAW = new RegExp(RAW_IN_JSON.source);

/** JSON.stringify(value, null, 2), with the characters above written as \u escapes: the same data, safe to print. */
export function stringifyJson(value: unknown): string {
  const text = JSON.stringify(value, null, 2);
  return ANY_RAW.test(text) ? text.replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : text;
}
