// formText (src/cli/input.ts) decodes a form's bytes by its own quick way when they are UTF-8 (node:buffer's
// isUtf8, then ICU's transcoding to UTF-16) and leaves everything else to decodeUtf8, which names the encoding.
// Whatever the bytes, the text or the finding must be the one decodeUtf8 gives on its own (TextDecoder, fatal).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formText } from '../src/cli/input.js';
import { decodeUtf8 } from '../src/load/source.js';
import { ROOT } from './helpers.js';

const RUNS = Number(process.env.EVALFORM_FUZZ_RUNS ?? 400);
const SEED = Number(process.env.EVALFORM_FUZZ_SEED ?? 20_261_130);

/** What decodeUtf8 alone makes of the bytes, as formText reports it. */
function expected(bytes: Uint8Array, file: string): ReturnType<typeof formText> {
  const decoded = decodeUtf8(bytes);
  return 'error' in decoded ? { error: { ...decoded.error, severity: 'error', file } } : decoded.text;
}

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
const CLEAN = readFileSync(path.join(ROOT, 'test', 'fixtures', 'bad', 'clean-form.yaml'));

describe('formText', () => {
  it('decodes a form in UTF-8 as TextDecoder does, with or without a byte-order mark', () => {
    const text = CLEAN.toString('utf8');
    expect(formText({ bytes: CLEAN }, 'a.yaml')).toBe(text);
    expect(formText({ bytes: utf8(`\uFEFF${text}`) }, 'a.yaml')).toBe(text);
    // Only the first mark is dropped; one further in is part of the text (readSource then says where it stands).
    expect(formText({ bytes: utf8('\uFEFF\uFEFFa: 1\n') }, 'a.yaml')).toBe('\uFEFFa: 1\n');
    expect(formText({ bytes: utf8('a: 1\uFEFF\n') }, 'a.yaml')).toBe('a: 1\uFEFF\n');
    expect(formText({ bytes: new Uint8Array() }, 'a.yaml')).toBe('');
  });

  it('keeps characters outside the Basic Multilingual Plane, controls and noncharacters as they are', () => {
    for (const text of ['project: 𠀀𪚥😀\n', 'a: "\u0000\u0085\u2028\uFFFE\uFFFF"\n', 'a: \u{10FFFF}\n', 'ascii: only\n']) {
      expect(formText({ bytes: utf8(text) }, 'a.yaml')).toBe(text);
    }
  });

  it('keeps a NUL byte as text when it is no sign of UTF-16 or UTF-32 (past the first 4 KB, or alone)', () => {
    for (const text of [`# ${'说明'.repeat(1500)}\nproject: a\u0000b\n`, 'a: "\u0000"\n']) {
      const bytes = utf8(text);
      expect(formText({ bytes }, 'a.yaml')).toBe(text);
      expect(formText({ bytes }, 'a.yaml')).toEqual(expected(bytes, 'a.yaml'));
    }
  });

  it('decodes bytes that start at any offset of a larger buffer (a slice of a read)', () => {
    const whole = Buffer.concat([Buffer.from('xyz'), CLEAN]);
    for (const from of [1, 2, 3]) {
      const bytes = whole.subarray(from);
      expect(formText({ bytes }, 'a.yaml')).toBe(expected(bytes, 'a.yaml'));
    }
  });

  it('gives decodeUtf8’s finding for text in UTF-16, UTF-32 and GBK, and for bytes that are not UTF-8', () => {
    const text = CLEAN.toString('utf8');
    const utf32 = (le: boolean) => {
      const points = [...text].map((c) => c.codePointAt(0) as number);
      const out = Buffer.alloc(points.length * 4);
      for (const [i, p] of points.entries()) {
        if (le) out.writeUInt32LE(p, i * 4);
        else out.writeUInt32BE(p, i * 4);
      }
      return out;
    };
    const cases = [
      Buffer.from(text, 'utf16le'),
      Buffer.from(`\uFEFF${text}`, 'utf16le'),
      Buffer.from(text, 'utf16le').swap16(),
      utf32(true),
      utf32(false),
      // "项目" in GBK: not UTF-8.
      Buffer.concat([Buffer.from('evalform: 1\nproject: '), Buffer.from([0xcf, 0xee, 0xc4, 0xbf]), Buffer.from('\n')]),
      // An encoded surrogate, an overlong slash, a lone continuation byte, a truncated sequence.
      Buffer.from([0x61, 0x3a, 0x20, 0xed, 0xa0, 0x80]),
      Buffer.from([0x61, 0x3a, 0x20, 0xc0, 0xaf]),
      Buffer.from([0x61, 0x3a, 0x20, 0x80]),
      Buffer.from([0x61, 0x3a, 0x20, 0xe6, 0xb5]),
      // PK\3\4: a .docx or .xlsx.
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0xff]),
    ];
    for (const bytes of cases) {
      const got = formText({ bytes }, 'a.yaml');
      expect(typeof got === 'string' ? got : got.error.code).toBe('encoding');
      expect(got).toEqual(expected(bytes, 'a.yaml'));
    }
  });

  it('agrees with decodeUtf8 on arbitrary bytes and on forms with bytes changed', () => {
    // Bytes near UTF-8's edges (lead bytes, continuation bytes, the BOM's, NUL) more often than chance would give.
    const edgy = fc.oneof(
      fc.integer({ min: 0, max: 255 }),
      fc.constantFrom(0x00, 0x80, 0xbf, 0xc0, 0xc2, 0xe0, 0xed, 0xef, 0xbb, 0xf0, 0xf4, 0xf5),
    );
    fc.assert(
      fc.property(fc.array(edgy, { maxLength: 64 }), (values) => {
        const bytes = new Uint8Array(values);
        expect(formText({ bytes }, 'a.yaml')).toEqual(expected(bytes, 'a.yaml'));
      }),
      { numRuns: RUNS * 5, seed: SEED },
    );
    fc.assert(
      fc.property(fc.nat(CLEAN.length - 1), edgy, (at, value) => {
        const bytes = new Uint8Array(CLEAN);
        bytes[at] = value;
        expect(formText({ bytes }, 'a.yaml')).toEqual(expected(bytes, 'a.yaml'));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
});
