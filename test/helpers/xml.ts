// A tiny, strict XML reader for tests: elements, attributes and text; it throws on anything malformed, including
// characters XML 1.0 forbids (raw or as character references) and a bare '&'.
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML 1.0's Char production: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF. */
export function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** The first character of `s` that XML 1.0 forbids (a lone surrogate counts), with its offset; undefined when none. */
export function forbiddenXmlChar(s: string): { offset: number; code: string } | undefined {
  let offset = 0;
  // Iterating a string yields a lone surrogate as a one-unit string of its own.
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const lone = ch.length === 1 && cp >= 0xd800 && cp <= 0xdfff;
    if (lone || !isXmlChar(cp)) return { offset, code: `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` };
    offset += ch.length;
  }
  return undefined;
}

function decode(s: string): string {
  const bare = /&(?!#x[0-9a-f]+;|#\d+;|[A-Za-z_][\w.-]*;)/i.exec(s);
  if (bare) throw new Error(`bare & in ${JSON.stringify(s.slice(bare.index, bare.index + 20))}`);
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) => {
    const ref =
      e.startsWith('#x') || e.startsWith('#X') ? parseInt(e.slice(2), 16) : e.startsWith('#') ? parseInt(e.slice(1), 10) : undefined;
    if (ref !== undefined) {
      if (!isXmlChar(ref)) throw new Error(`character reference ${m} to a character XML forbids`);
      return String.fromCodePoint(ref);
    }
    const v = ENTITIES[e];
    if (v === undefined) throw new Error(`unknown entity ${m}`);
    return v;
  });
}

export function parseXml(src: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`XML: ${why} at offset ${i}: ${JSON.stringify(src.slice(i, i + 40))}`);
  };
  const bad = forbiddenXmlChar(src);
  if (bad) {
    i = bad.offset;
    fail(`${bad.code} is not allowed in XML 1.0`);
  }
  const skipSpace = (): void => {
    while (i < src.length && /\s/.test(src[i]!)) i++;
  };
  const skipMisc = (): void => {
    for (;;) {
      skipSpace();
      if (src.startsWith('<?', i)) {
        const end = src.indexOf('?>', i);
        if (end < 0) fail('unterminated declaration');
        i = end + 2;
      } else if (src.startsWith('<!--', i)) {
        const end = src.indexOf('-->', i);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else return;
    }
  };
  const name = (): string => {
    const m = /^[A-Za-z_][\w.:-]*/.exec(src.slice(i));
    if (!m) fail('expected a name');
    i += m![0].length;
    return m![0];
  };
  const element = (): XmlElement => {
    if (src[i] !== '<') fail('expected <');
    i++;
    const el: XmlElement = { name: name(), attrs: {}, children: [], text: '' };
    for (;;) {
      skipSpace();
      if (src.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (src[i] === '>') {
        i++;
        break;
      }
      const key = name();
      skipSpace();
      if (src[i] !== '=') fail('expected =');
      i++;
      skipSpace();
      const quote = src[i];
      if (quote !== '"' && quote !== "'") fail('expected a quoted value');
      const end = src.indexOf(quote!, i + 1);
      if (end < 0) fail('unterminated attribute');
      const raw = src.slice(i + 1, end);
      if (raw.includes('<')) fail('< in attribute');
      if (Object.hasOwn(el.attrs, key)) fail(`duplicate attribute ${key}`);
      el.attrs[key] = decode(raw);
      i = end + 1;
    }
    for (;;) {
      if (i >= src.length) fail(`unclosed <${el.name}>`);
      if (src.startsWith('</', i)) {
        i += 2;
        const closing = name();
        if (closing !== el.name) fail(`</${closing}> closes <${el.name}>`);
        skipSpace();
        if (src[i] !== '>') fail('expected >');
        i++;
        return el;
      }
      if (src.startsWith('<!--', i)) {
        skipMisc();
        continue;
      }
      if (src[i] === '<') {
        el.children.push(element());
        continue;
      }
      const next = src.indexOf('<', i);
      const raw = src.slice(i, next < 0 ? src.length : next);
      if (raw.includes(']]>')) fail(']]> in text');
      el.text += decode(raw);
      i += raw.length;
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (i !== src.length) fail('content after the root element');
  return root;
}

/** All descendants (and self) with the given name, in document order. */
export function findAll(el: XmlElement, tag: string): XmlElement[] {
  const out: XmlElement[] = el.name === tag ? [el] : [];
  for (const c of el.children) out.push(...findAll(c, tag));
  return out;
}
