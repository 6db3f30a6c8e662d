// The fast path of readSource: a line scanner for the block subset of YAML that forms are written in (block maps
// and lists, plain, quoted and `|` scalars, `{}` and `[]`), giving the very Source the `yaml` package's path gives:
// the same data, the same number texts, the same offsets. It gives up (undefined) on anything else — flow
// collections, anchors, tags, folded or multi-line scalars, odd keys, tabs, any syntax fault — and readSource
// then reads the text as before, so findings and positions never depend on which path read a form.
// test/fast-path.test.ts checks both paths agree on every fixture, example, generated and fuzzed form.
import { Lexer } from 'yaml';
import { CONTROL_TEST, MAX_LEXEMES, type Source, stripBom } from './source.js';

/** No line this scanner reads makes more than about 14 of yaml's lexemes: below this many lines the text cannot
 * reach MAX_LEXEMES, which the full parser refuses; above it they are counted first. */
const SURELY_FEW_LINES = 12_000;
/** The rows a Source's arrays are made with at most (a form has some hundreds). */
export const MAX_PRESIZED_ROWS = 50_000;
/** A form nests six levels deep. */
const MAX_NEST = 24;

const SPACE = 0x20;
const HASH = 0x23;
const COLON = 0x3a;
const DASH = 0x2d;
const NL = 0x0a;
// Kinds of line.
const BLANK = 0;
const COMMENT = 1;
const CONTENT = 2;

// Plain scalars as the YAML 1.2 core schema resolves them (yaml's schema/core): what is kept, what is left to yaml.
const NULL_RE = /^(?:~|[Nn]ull|NULL)$/;
const BOOL_RE = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
/** The core schema's decimal integers and floats, both: as yaml reads them (parseInt, parseFloat), Number reads
 * each to the same value. */
const DECIMAL_RE = /^[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)$/;
/** Other numbers of the core schema (hex, octal, exponent, .inf, .nan): rare in a form, left to yaml. */
const OTHER_NUMBER_RE =
  /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
/** A key as forms write them, and its colon (before a space or the line's end); those the core schema reads as null
 * or a boolean, and __proto__, are left to yaml. Such a key needs no escaping in a JSON pointer: no `~`, no `/`. */
const KEY_RE = /[A-Za-z_][A-Za-z0-9_-]*:(?=[ \n]|$)/y;
/** Any other key (no space, `#` or colon in it) with its colon: left to yaml. */
const ANY_KEY_RE = /[^ #:\n]+:(?=[ \n]|$)/y;
const RESERVED_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '__proto__']);
/** Indicators a plain scalar cannot start with (YAML lets some start one before a non-space; left to yaml). */
const PLAIN_INDICATORS = '&*!|>%@`,]}#?:\'"';
/** Where a plain scalar stops, searched from its start: a comment (` #`), a colon that would make it a key (`: ` or a
 * final `:`), or the line's end. (A search, not a sticky run of alternatives: that keeps a backtracking entry per
 * step, and a line of some millions of them overflows the stack.) */
const PLAIN_STOP_RE = / #|:(?=[ \n]|$)|\n/g;
/** A line's indentation: the spaces at its start. */
const INDENT_RE = / */y;
/** The run of a double-quoted scalar up to its closing quote, a backslash or the line's end. */
const DOUBLE_QUOTED_RUN_RE = /[^"\\\n]*/y;
/** Line breaks and marks yaml may treat apart from LF, and tabs (YAML's indentation rules for them are subtle). */
const UNUSUAL_RE = /[\t\r\u0085\u2028\u2029\uFEFF]/;
/** Every character UNUSUAL_RE or CONTROL_TEST can object to (and any surrogate), as one plain class: most forms
 * have none, and then neither exact test (CONTROL_TEST's lookbehinds make it several times slower) needs to run. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job.
const SUSPECT_RE = /[\x00-\x09\x0B-\x1F\x7F-\x9F\uD800-\uDFFF\u2028\u2029\uFEFF\uFFFE\uFFFF]/;

/** Whether the full parser would refuse the text for its number of lexemes. */
function tooManyLexemes(text: string): boolean {
  let count = 0;
  for (const _ of new Lexer().lex(text)) if (++count > MAX_LEXEMES) return true;
  return false;
}

class GiveUp extends Error {}
const GIVE_UP = new GiveUp();

/** The Source readSource would give, or undefined when the text needs the full parser. */
export function readSourceFast(input: string): Source | undefined {
  const text = stripBom(input);
  if (SUSPECT_RE.test(text) && (UNUSUAL_RE.test(text) || CONTROL_TEST.test(text))) return undefined;
  try {
    const scanner = new Scanner(text);
    if (scanner.count > SURELY_FEW_LINES && tooManyLexemes(text)) return undefined;
    return scanner.source();
  } catch (e) {
    if (e === GIVE_UP) return undefined;
    throw e;
  }
}

class Scanner {
  // The nodes read, one row each across the three (see Source): a node's row is made when its key or dash is read,
  // its offset set when its value is.
  // Made at their full size, at most two rows for each line with content (`- key: value`), and cut to the rows
  // made at the end: filled by push they would be copied into larger arrays some six times over.
  readonly pointers: string[];
  readonly offsets: number[];
  readonly keyOffsets: number[];
  private rows = 0;
  readonly numbers = new Map<string, string>();
  /** The line being looked at. */
  private line = 0;
  /** The offset after the closing quote of the quoted scalar read last. */
  private quoteEnd = 0;
  /** The lines, found in one pass (a value looks at the lines after its own several times): where each starts (as
   * lineStartsOf finds them), and where it ends (at its line break or the text's end), its indentation and kind,
   * which are read up to `count` only (see scratchLines). */
  readonly count: number;
  private readonly starts: number[] = [0];
  private readonly ends: Int32Array;
  private readonly indents: Int32Array;
  private readonly kinds: Uint8Array;

  constructor(private readonly text: string) {
    const { starts } = this;
    let { ends, indents, kinds } = scratchLines;
    let contentLines = 0;
    // Indexed stores and a regex for the indentation: before V8 compiles this loop, each push and each charCodeAt
    // is a call, and this pass over every line was a third of the parse.
    for (let n = 0, start = 0; ; n++) {
      if (n === ends.length) ({ ends, indents, kinds } = growLines());
      const newline = text.indexOf('\n', start);
      const end = newline === -1 ? text.length : newline;
      ends[n] = end;
      INDENT_RE.lastIndex = start;
      INDENT_RE.test(text);
      const i = INDENT_RE.lastIndex;
      indents[n] = i - start;
      const kind = i === end ? BLANK : text.charCodeAt(i) === HASH ? COMMENT : CONTENT;
      kinds[n] = kind;
      if (kind === CONTENT) contentLines++;
      if (newline === -1) break;
      start = newline + 1;
      starts[n + 1] = start;
    }
    this.count = this.starts.length;
    this.ends = ends;
    this.indents = indents;
    this.kinds = kinds;
    // This text keeps its larger arrays; the next starts from small ones again.
    if (ends.length > LINES_KEPT) scratchLines = newLines(1024);
    // (At most MAX_PRESIZED_ROWS for a text of very many lines: rows past them are added one by one.)
    const capacity = Math.min(2 * contentLines + 1, MAX_PRESIZED_ROWS);
    this.pointers = new Array(capacity);
    this.offsets = new Array(capacity);
    this.keyOffsets = new Array(capacity);
  }

  source(): Source {
    const first = this.nextContent(0);
    // Empty, only comments, or not a map at column 1: the full parser says what it is.
    if (first === -1 || (this.indents[first] as number) !== 0) throw GIVE_UP;
    this.line = first;
    const data = this.map(0, this.node('', -1), 0);
    if (this.nextContent(this.line + 1) !== -1) throw GIVE_UP;
    this.pointers.length = this.rows;
    this.offsets.length = this.rows;
    this.keyOffsets.length = this.rows;
    return {
      data,
      pointers: this.pointers,
      offsets: this.offsets,
      keyOffsets: this.keyOffsets,
      lineStarts: this.starts,
      textLength: this.text.length,
      numbers: this.numbers,
      errors: [],
    };
  }

  /** A new node's row, with the offset of its key (-1 for none); its own offset is set once its value is read. */
  private node(pointer: string, keyOffset: number): number {
    const row = this.rows++;
    this.pointers[row] = pointer;
    this.offsets[row] = -1;
    this.keyOffsets[row] = keyOffset;
    return row;
  }

  /** The first line from `line` on with content (not blank, not only a comment), or -1. */
  private nextContent(line: number): number {
    for (let n = line; n < this.count; n++) if (this.kinds[n] === CONTENT) return n;
    return -1;
  }

  /** Whether `key:` stands at `at` on its line: the colon's offset, or -1 when the line is no `key:`. A key not
   * written as forms write them is left to yaml. */
  private keyColon(at: number): number {
    KEY_RE.lastIndex = at;
    if (KEY_RE.test(this.text)) {
      const colon = KEY_RE.lastIndex - 1;
      if (colon - at > 1000) throw GIVE_UP;
      return colon;
    }
    ANY_KEY_RE.lastIndex = at;
    if (ANY_KEY_RE.test(this.text)) throw GIVE_UP;
    return -1;
  }

  /** The entry of the key at `at` (a key as forms write them, or the map is left to yaml): the one expected when
   * it is written there (forms write their keys in much the same order), which costs no new string and no look-up;
   * else found by the key's text, or made. */
  private keyAt(at: number, parent: string, known: KnownEntries | undefined, expected: Entry | undefined): Entry {
    const text = this.text;
    if (expected !== undefined && text.startsWith(expected.key, at)) {
      const colon = at + expected.key.length;
      const after = colon + 1 < text.length ? text.charCodeAt(colon + 1) : NL;
      if (text.charCodeAt(colon) === COLON && (after === SPACE || after === NL)) return expected;
    }
    const colon = this.keyColon(at);
    if (colon === -1) throw GIVE_UP;
    return entryAt(text, parent, known, at, colon);
  }

  /** A block map (node `node`) whose keys stand at column `indent`, the first on this.line at `at` (an offset). */
  private map(indent: number, node: number, depth: number, firstAt?: number): Record<string, unknown> {
    if (depth > MAX_NEST) throw GIVE_UP;
    const out: Record<string, unknown> = {};
    let at = firstAt ?? (this.starts[this.line] as number) + indent;
    this.offsets[node] = at;
    const pointer = this.pointers[node] as string;
    const known = knownEntries(pointer);
    // The entry that followed the previous one (came first) in this map the last time it was read.
    let expected = known?.first;
    let previous: Entry | undefined;
    const serial = ++mapsRead;
    for (;;) {
      const line = this.line;
      const end = this.ends[line] as number;
      const entry = this.keyAt(at, pointer, known, expected);
      const colon = at + entry.key.length;
      // A key repeated: a kept entry notes the map it was last read in, an entry made for this form alone is
      // looked for in the object.
      if (entry.kept ? entry.readIn === serial : Object.hasOwn(out, entry.key)) throw GIVE_UP;
      entry.readIn = serial;
      // The order, for the next form (no kept entry may hold on to one of this form's own).
      if (known && entry.kept) {
        if (!previous) known.first = entry;
        else if (previous.next !== entry) previous.next = entry;
      }
      previous = entry;
      expected = entry.next;
      out[entry.key] = this.value(colon + 1, end, indent, this.node(entry.pointer, at), depth, true);
      // The next entry, or the end of this map (this.line stays on the last line read).
      const next = this.nextContent(this.line + 1);
      if (next === -1) return out;
      const nextIndent = this.indents[next] as number;
      if (nextIndent < indent) return out;
      if (nextIndent > indent) throw GIVE_UP;
      this.line = next;
      at = (this.starts[next] as number) + indent;
    }
  }

  /** A block list (node `node`) whose dashes stand at column `indent`, starting on this.line. */
  private list(indent: number, node: number, depth: number): unknown[] {
    if (depth > MAX_NEST) throw GIVE_UP;
    const out: unknown[] = [];
    this.offsets[node] = (this.starts[this.line] as number) + indent;
    const pointer = this.pointers[node] as string;
    const known = knownItems(pointer);
    for (;;) {
      const line = this.line;
      const start = this.starts[line] as number;
      const end = this.ends[line] as number;
      const dash = start + indent;
      if (this.text.charCodeAt(dash) !== DASH) throw GIVE_UP;
      const after = dash + 1 < end ? this.text.charCodeAt(dash + 1) : NL;
      if (after !== SPACE && after !== NL) throw GIVE_UP;
      out.push(this.item(dash + 1, end, indent, this.node(itemPointer(pointer, known, out.length), -1), depth));
      const next = this.nextContent(this.line + 1);
      if (next === -1) return out;
      const nextIndent = this.indents[next] as number;
      if (nextIndent < indent) return out;
      if (nextIndent > indent) throw GIVE_UP;
      // Same column: another item, or (when this list is a map's value at the map's column) the map's next key.
      if (this.text.charCodeAt((this.starts[next] as number) + indent) !== DASH) return out;
      this.line = next;
    }
  }

  /** One list item after its dash: a compact map (`- name: x`), a value on the line, or a block below. */
  private item(from: number, end: number, indent: number, node: number, depth: number): unknown {
    let i = from;
    while (i < end && this.text.charCodeAt(i) === SPACE) i++;
    if (i < end && this.text.charCodeAt(i) !== HASH) {
      const c = this.text.charCodeAt(i);
      if (c === DASH && (i + 1 >= end || this.text.charCodeAt(i + 1) === SPACE)) throw GIVE_UP;
      if (this.keyColon(i) !== -1) {
        const column = i - (this.starts[this.line] as number);
        return this.map(column, node, depth + 1, i);
      }
    }
    return this.value(from, end, indent, node, depth, false);
  }

  /** The value after `key:` or `- ` (from `from` to the line's end): inline, a block below, or empty. `indent` is
   * the column of the key or dash that owns it. */
  private value(from: number, end: number, indent: number, node: number, depth: number, inMap: boolean): unknown {
    const text = this.text;
    let i = from;
    while (i < end && text.charCodeAt(i) === SPACE) i++;
    if (i >= end || text.charCodeAt(i) === HASH) {
      // Nothing on the line: a block on the lines below, or an empty value.
      const next = this.nextContent(this.line + 1);
      if (next !== -1) {
        const nextIndent = this.indents[next] as number;
        const nextStart = (this.starts[next] as number) + nextIndent;
        const isDash =
          text.charCodeAt(nextStart) === DASH && (nextStart + 1 >= (this.ends[next] as number) || text.charCodeAt(nextStart + 1) === SPACE);
        if (nextIndent > indent || (inMap && nextIndent === indent && isDash)) {
          this.line = next;
          return isDash ? this.list(nextIndent, node, depth + 1) : this.map(nextIndent, node, depth + 1);
        }
      }
      // An empty value stands at its key (a list item's has no place of its own).
      this.offsets[node] = this.keyOffsets[node] as number;
      return null;
    }
    const c = text.charCodeAt(i);
    let value: unknown;
    let close: number;
    if (c === 0x22) {
      value = this.doubleQuoted(i, end);
      close = this.quoteEnd;
    } else if (c === 0x27) {
      value = this.singleQuoted(i, end);
      close = this.quoteEnd;
    } else if (c === 0x7c) {
      this.offsets[node] = i;
      return this.literal(i, end, indent);
    } else if (c === 0x7b || c === 0x5b) {
      // `{}` or `[]` only.
      if (text.charCodeAt(i + 1) !== (c === 0x7b ? 0x7d : 0x5d)) throw GIVE_UP;
      value = c === 0x7b ? {} : [];
      close = i + 2;
    } else {
      this.offsets[node] = i;
      value = this.plain(i, end, node);
      this.noContinuation(indent);
      return value;
    }
    // After a quoted scalar or an empty collection: only spaces and a comment.
    let j = close;
    while (j < end && text.charCodeAt(j) === SPACE) j++;
    if (j < end && (text.charCodeAt(j) !== HASH || j === close)) throw GIVE_UP;
    this.offsets[node] = i;
    this.noContinuation(indent);
    return value;
  }

  /** An inline value ends its line: a more indented line after it (a comment too) would continue or break it. */
  private noContinuation(indent: number): void {
    // The next line that is not blank (a comment counts).
    for (let n = this.line + 1; n < this.count; n++) {
      if (this.kinds[n] === BLANK) continue;
      if ((this.indents[n] as number) > indent) throw GIVE_UP;
      return;
    }
  }

  private plain(start: number, end: number, node: number): unknown {
    const text = this.text;
    const c = text.charCodeAt(start);
    // Indicators a plain scalar cannot start with (and `-` before a space), left to yaml. (An ASCII character's
    // one-letter string is V8's own; slicing any other would make a string for nothing.)
    if (c < 0x80 && PLAIN_INDICATORS.includes(text[start] as string)) throw GIVE_UP;
    if (c === DASH && (start + 1 >= end || text.charCodeAt(start + 1) === SPACE)) throw GIVE_UP;
    PLAIN_STOP_RE.lastIndex = start;
    let stop = PLAIN_STOP_RE.test(text) ? PLAIN_STOP_RE.lastIndex - 1 : text.length;
    const found = text.charCodeAt(stop);
    // `: ` or a final `:` would make the value a key.
    if (found === COLON) throw GIVE_UP;
    if (found === HASH) stop--;
    while (stop > start && text.charCodeAt(stop - 1) === SPACE) stop--;
    const raw = text.slice(start, stop);
    // Only a text that starts as a number can be one, and only a short one null or a boolean: most plain values
    // (Chinese text) need none of the regexes.
    const first = raw.charCodeAt(0);
    if ((first >= 0x30 && first <= 0x39) || first === DASH || first === 0x2b || first === 0x2e) {
      if (DECIMAL_RE.test(raw)) {
        this.numbers.set(this.pointers[node] as string, raw);
        return Number(raw);
      }
      if (OTHER_NUMBER_RE.test(raw)) throw GIVE_UP;
    } else if (raw.length <= 5) {
      if (NULL_RE.test(raw)) return null;
      if (BOOL_RE.test(raw)) return raw[0] === 't' || raw[0] === 'T';
    }
    return raw;
  }

  /** A double-quoted scalar on one line, with the common escapes: its value (this.quoteEnd is set past the quote). */
  private doubleQuoted(start: number, end: number): string {
    const text = this.text;
    let out = '';
    let from = start + 1;
    for (;;) {
      // The characters up to the closing quote or a backslash, found by native code.
      DOUBLE_QUOTED_RUN_RE.lastIndex = from;
      DOUBLE_QUOTED_RUN_RE.test(text);
      let i = DOUBLE_QUOTED_RUN_RE.lastIndex;
      if (i >= end) throw GIVE_UP;
      if (text.charCodeAt(i) === 0x22) {
        this.quoteEnd = i + 1;
        return out + text.slice(from, i);
      }
      out += text.slice(from, i);
      const e = text[i + 1];
      if (e === '\\' || e === '"' || e === '/') out += e;
      else if (e === 'n') out += '\n';
      else if (e === 't') out += '\t';
      else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
        const code = Number.parseInt(text.slice(i + 2, i + 6), 16);
        // Surrogates and controls the full path judges.
        if ((code >= 0xd800 && code <= 0xdfff) || code < 0x20 || (code >= 0x7f && code <= 0x9f) || code >= 0xfffe) throw GIVE_UP;
        out += String.fromCharCode(code);
        i += 4;
      } else throw GIVE_UP;
      from = i + 2;
    }
  }

  /** A single-quoted scalar on one line (`''` is a quote): its value (this.quoteEnd is set past the quote). */
  private singleQuoted(start: number, end: number): string {
    const text = this.text;
    let out = '';
    let from = start + 1;
    for (;;) {
      const i = text.indexOf("'", from);
      if (i === -1 || i >= end) throw GIVE_UP;
      if (text.charCodeAt(i + 1) !== 0x27) {
        this.quoteEnd = i + 1;
        return out + text.slice(from, i);
      }
      out += text.slice(from, i + 1);
      from = i + 2;
    }
  }

  /** A literal block scalar `|` or `|-` whose header is at `at`; its lines are those below more indented than
   * `indent` (the owning key's or dash's column). */
  private literal(at: number, end: number, indent: number): string {
    const text = this.text;
    const header = text.slice(at, end).trimEnd();
    if (header !== '|' && header !== '|-') throw GIVE_UP;
    const strip = header === '|-';
    // The block's indentation: that of its first line with content; blank lines before it must be shorter.
    let n = this.line + 1;
    let blockIndent = -1;
    const lines: string[] = [];
    for (; n < this.count; n++) {
      const s = this.starts[n] as number;
      const e = this.ends[n] as number;
      const ind = this.indents[n] as number;
      if (s + ind < e) {
        blockIndent = ind;
        break;
      }
      if (ind > 0) throw GIVE_UP;
      lines.push('');
    }
    if (blockIndent <= indent) throw GIVE_UP;
    let last = this.line;
    for (; n < this.count; n++) {
      const s = this.starts[n] as number;
      const e = this.ends[n] as number;
      const ind = this.indents[n] as number;
      if (s + ind >= e) {
        // A blank line: part of the block only if content follows; spaces past the indentation are left to yaml.
        if (ind > 0) throw GIVE_UP;
        lines.push('');
        continue;
      }
      if (ind < blockIndent) break;
      lines.push(text.slice(s + blockIndent, e));
      last = n;
    }
    // Trailing blank lines belong to no one (chomping drops them); the text must end with a line break.
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    if (!strip && last + 1 >= this.count) throw GIVE_UP;
    this.line = last;
    return strip ? lines.join('\n') : `${lines.join('\n')}\n`;
  }
}

/** Each line's end, indentation and kind, for the text being scanned: the same arrays from form to form (only the
 * line starts are part of a Source), grown as a text needs, so that the pass over a form's lines allocates nothing
 * else. Kept at most LINES_KEPT lines long. */
interface Lines {
  ends: Int32Array;
  indents: Int32Array;
  kinds: Uint8Array;
}
const LINES_KEPT = 65_536;
let scratchLines = newLines(1024);

function newLines(size: number): Lines {
  return { ends: new Int32Array(size), indents: new Int32Array(size), kinds: new Uint8Array(size) };
}

/** scratchLines twice as long, with the lines found so far. */
function growLines(): Lines {
  const grown = newLines(scratchLines.ends.length * 2);
  grown.ends.set(scratchLines.ends);
  grown.indents.set(scratchLines.indents);
  grown.kinds.set(scratchLines.kinds);
  scratchLines = grown;
  return grown;
}

// The keys and pointers of a form recur in every form (about 500 pointers in 10,000 bench forms): each is made
// once and kept, so that a form's rows and objects take strings already made (and numbers' Map one already hashed)
// instead of slicing, concatenating and hashing some 250 strings per form anew. Bounded, for a hostile text.
const MAX_KNOWN = 10_000;
/** Entries, items and the maps and lists holding them, kept so far. */
let knownCount = 0;
/** A map entry met before: its key and its pointer. */
interface Entry {
  key: string;
  pointer: string;
  /** Whether the entry is kept (else made for one form alone). */
  kept: boolean;
  /** The entry that followed this one in its map the last time. */
  next: Entry | undefined;
  /** The last map it was read in (see mapsRead). */
  readIn: number;
}
/** Maps read so far, numbering each. */
let mapsRead = 0;
/** The entries met before in one map, by key, and which came first the last time. */
interface KnownEntries {
  byKey: Map<string, Entry>;
  first: Entry | undefined;
}
/** Map pointer → its entries met before. */
const ENTRIES = new Map<string, KnownEntries>();
/** List pointer → its items' pointers by index. */
const ITEMS = new Map<string, string[]>();

/** The entries met before in the map at `pointer`, to add to (undefined once MAX_KNOWN are kept). */
function knownEntries(pointer: string): KnownEntries | undefined {
  let entries = ENTRIES.get(pointer);
  if (!entries && knownCount < MAX_KNOWN) {
    entries = { byKey: new Map(), first: undefined };
    ENTRIES.set(pointer, entries);
    knownCount++;
  }
  return entries;
}

/** The key written from `at` to `colon` and its pointer under the map at `parent`. */
function entryAt(text: string, parent: string, known: KnownEntries | undefined, at: number, colon: number): Entry {
  const key = text.slice(at, colon);
  const seen = known?.byKey.get(key);
  if (seen) return seen;
  if (RESERVED_KEYS.has(key)) throw GIVE_UP;
  if (!known || knownCount >= MAX_KNOWN) return { key, pointer: `${parent}/${key}`, kept: false, next: undefined, readIn: 0 };
  // A copy of the key: a slice would keep this form's whole text alive as long as the entry is kept.
  const own = [...key].join('');
  const entry = { key: own, pointer: `${parent}/${own}`, kept: true, next: undefined, readIn: 0 };
  known.byKey.set(own, entry);
  knownCount++;
  return entry;
}

/** The items' pointers met before in the list at `pointer`, by index, to add to. */
function knownItems(pointer: string): string[] | undefined {
  let items = ITEMS.get(pointer);
  if (!items && knownCount < MAX_KNOWN) {
    items = [];
    ITEMS.set(pointer, items);
    knownCount++;
  }
  return items;
}

/** The pointer of item `index` of the list at `parent`. */
function itemPointer(parent: string, known: string[] | undefined, index: number): string {
  const seen = known?.[index];
  if (seen !== undefined) return seen;
  const pointer = `${parent}/${index}`;
  // Items are met in order, so only the next index is kept.
  if (known && knownCount < MAX_KNOWN && known.length === index) {
    known.push(pointer);
    knownCount++;
  }
  return pointer;
}
