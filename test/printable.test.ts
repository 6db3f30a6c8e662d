import { describe, expect, it } from 'vitest';
import { printable, printableLine } from '../src/report/printable.js';

describe('printable', () => {
  it('leaves Chinese and ASCII text alone', () => {
    expect(printable('湖南省信访局 2022 业务工作经费 ≥95%')).toBe('湖南省信访局 2022 业务工作经费 ≥95%');
  });
  it('shows escape sequences, line breaks and bidi overrides as visible escapes', () => {
    expect(printable('a\u001b]0;pwned\u0007b')).toBe('a\\u001B]0;pwned\\u0007b');
    expect(printable('x\n::warning::forged\r\t')).toBe('x\\n::warning::forged\\r\\t');
    expect(printable('\u202eevil\u2066')).toBe('\\u202Eevil\\u2066');
    expect(printable('\u009b31m')).toBe('\\u009B31m');
  });
});

describe('printable for callers with their own line-break escaping, and printableLine', () => {
  it('keeps LF and CR when asked, escaping every other control', () => {
    expect(printable('a\r\nb\u001b[2J\t', { keepLineBreaks: true })).toBe('a\r\nb\\u001B[2J\\t');
  });
  it('folds whitespace and line breaks into one space, then escapes', () => {
    expect(printableLine('  第一行\n  第二行\u2028\u0085x\u001b ')).toBe('第一行 第二行 x\\u001B');
  });
});
