// File names as the file system spells them. On Linux a name is bytes, and a folder unzipped from a Windows
// archive holds GBK names that are not UTF-8: decoded to a JS string they name no file at all. Such paths are
// kept as "raw" strings, one character per byte (latin1), which path.join and path.dirname handle as they do
// any POSIX path, and turned back into the bytes for every file system call.

/** Windows names are UTF-16 already: a plain string holds them exactly. */
const BYTES = process.platform !== 'win32';

/** A path (a JS string, or the bytes of one) as a raw string. */
export function toRaw(p: string | Buffer): string {
  if (!BYTES) return typeof p === 'string' ? p : p.toString('utf8');
  return (typeof p === 'string' ? Buffer.from(p, 'utf8') : p).toString('latin1');
}

/** What to give the file system: the plain string when the bytes are UTF-8, else the bytes themselves. */
export function fsPath(raw: string): string | Buffer {
  if (!BYTES) return raw;
  const bytes = Buffer.from(raw, 'latin1');
  const text = bytes.toString('utf8');
  return Buffer.byteLength(text) === bytes.length && Buffer.from(text, 'utf8').equals(bytes) ? text : bytes;
}

/** The path to show: UTF-8 as it is, each byte that is not UTF-8 as \xNN (so two such names never look alike). */
export function displayPath(raw: string): string {
  if (!BYTES) return raw;
  const bytes = Buffer.from(raw, 'latin1');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    return decoder.decode(bytes);
  } catch {
    let out = '';
    let i = 0;
    while (i < bytes.length) {
      const n = sequenceLength(bytes, i);
      if (n > 0) {
        out += bytes.subarray(i, i + n).toString('utf8');
        i += n;
      } else {
        out += `\\x${(bytes[i] as number).toString(16).toUpperCase().padStart(2, '0')}`;
        i++;
      }
    }
    return out;
  }
}

/** The length of the valid UTF-8 sequence at `i`, or 0. */
function sequenceLength(b: Buffer, i: number): number {
  const c = b[i] as number;
  if (c < 0x80) return 1;
  const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > b.length) return 0;
  for (let k = 1; k < n; k++) if (((b[i + k] as number) & 0xc0) !== 0x80) return 0;
  const second = b[i + 1] as number;
  // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are not UTF-8.
  if ((c === 0xe0 && second < 0xa0) || (c === 0xed && second > 0x9f) || (c === 0xf0 && second < 0x90) || (c === 0xf4 && second > 0x8f))
    return 0;
  return n;
}
