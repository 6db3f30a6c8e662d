import { describe, expect, it } from 'vitest';
import { printable } from '../src/report/printable.js';

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
