// Which files `evalform check` looks at: folders walked, globs expanded, and files that cannot be forms set
// aside. Whether a YAML file is a form is decided by what it parses to (FORMAT §6, src/cli/pool.ts `isForm`);
// here only files whose bytes cannot spell an `evalform` key in any way are passed over unparsed.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { resolveUnder } from '../report/paths.js';
import { printable } from '../report/printable.js';
import { CONFIG_NAME } from './common.js';
import { globDepth, globToRegExp, hasMagic, literalSegments, splitGlob } from './glob.js';
import { ioReason, notRegularMessage, readRegular, statOrNot } from './input.js';
import { UsageError } from './io.js';
import { displayPath, fsPath, toRaw } from './rawpath.js';

/** A YAML file found, read once here so the check does not read it again. */
export interface Found {
  /** The path as bytes (src/cli/rawpath.ts), absolute: what the file system is given. */
  raw: string;
  /** The path to show, absolute. */
  file: string;
  /** `named`: the bytes spell "evalform" (in UTF-8, UTF-16 or UTF-32); `maybe`: they could only through an
   * escape or a tag; undefined: they cannot, and the file is not a form. */
  detect?: 'named' | 'maybe';
  /** A Word or Excel file (FORMAT §6 1.1, `evalform import`): read as a document, not as YAML. */
  document?: true;
  /** Its bytes, when it may be a form (absent past KEEP_BYTES: the caller reads the file again) … */
  bytes?: Buffer;
  /** … or its size, when past MAX_INPUT_BYTES. */
  tooLarge?: number;
}

export interface Discovery {
  /** Every YAML file (evalform.config.yaml aside), in the order found: each pattern's matches sorted by path. */
  found: Found[];
}

const YAML = /\.ya?ml$/i;
/** Documents a walk picks up besides YAML: Word and Excel files (not Word's ~$ lock files). */
const DOCUMENT = /^(?!~\$).*\.(docx|xlsx)$/i;

/** Bytes of forms kept from discovery to the check: beyond them a form is read again when its turn comes. */
export const KEEP_BYTES = 8 * 1024 * 1024;

/** "evalform" in each encoding a YAML file may be in (YAML 1.2 §5.2): UTF-8 (and GBK's ASCII), UTF-16 and
 * UTF-32 in both byte orders. */
const NEEDLES = (() => {
  const word = Buffer.from('evalform', 'latin1');
  const spread = (width: number, at: number) => {
    const out = Buffer.alloc(word.length * width);
    word.forEach((b, i) => {
      out[i * width + at] = b;
    });
    return out;
  };
  return [word, spread(2, 0), spread(2, 1), spread(4, 0), spread(4, 3)];
})();
// A double-quoted "\x65valform" or "\u0065…", or a !!binary key: the only ways to write the key without its letters.
const ESCAPES = [Buffer.from('\\', 'latin1'), Buffer.from('binary', 'latin1')];

/** Whether these bytes could hold a form, and how surely. */
export function detectForm(bytes: Buffer): 'named' | 'maybe' | undefined {
  if (NEEDLES.some((n) => bytes.includes(n))) return 'named';
  if (ESCAPES.some((n) => bytes.includes(n))) return 'maybe';
  return undefined;
}

const DOT = 0x2e;

function hidden(name: Buffer, text: string, allowed: ReadonlySet<string>): boolean {
  return (name[0] === DOT || text === 'node_modules') && !allowed.has(text);
}

/** Every regular YAML file under `dir` (raw, absolute) down to `maxDepth` folders, skipping node_modules and
 * dot-entries unless the pattern names them. Names are read as bytes, so a name that is not UTF-8 is still
 * found; symlinked folders are not followed (a link loop cannot hang the walk), and devices, FIFOs and
 * sockets are passed over (FORMAT §6). */
async function walk(dir: string, maxDepth: number, allowed: ReadonlySet<string>, out: string[], depth = 1): Promise<void> {
  const entries = (await readdir(fsPath(dir), { withFileTypes: true, encoding: 'buffer' })).map((entry) => ({
    entry,
    text: entry.name.toString('utf8'),
    raw: toRaw(entry.name),
  }));
  entries.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0));
  for (const { entry, text, raw } of entries) {
    if (hidden(entry.name, text, allowed)) continue;
    const full = path.join(dir, raw);
    let isFile = entry.isFile();
    if (entry.isSymbolicLink())
      isFile = await stat(fsPath(full)).then(
        (s) => s.isFile(),
        () => false,
      );
    if (isFile) {
      if (YAML.test(text) || DOCUMENT.test(text)) out.push(full);
    } else if (entry.isDirectory() && depth < maxDepth) {
      await walk(full, maxDepth, allowed, out, depth + 1);
    }
  }
}

function toPosix(p: string): string {
  return path.sep === '\\' ? p.replaceAll('\\', '/') : p;
}

async function expand(pattern: string, cwd: string): Promise<string[]> {
  const literal = resolveUnder(cwd, pattern);
  // A real path wins over glob syntax, so "forms/[2022].yaml" still names that file. Looked at synchronously: a CI
  // job names a thousand files one by one, and a stat waiting its turn on libuv's threads cost some 80 µs each.
  const found = statOrNot(literal);
  if (found?.isFile()) return [toRaw(literal)];
  if (found?.isDirectory()) {
    const files: string[] = [];
    await walk(toRaw(literal), Infinity, literalSegments(toPosix(pattern)), files).catch(unreadable(pattern));
    if (files.length === 0) throw new UsageError(`“${printable(pattern)}” 下没有 .yaml / .yml / .docx / .xlsx 文件`);
    return files;
  }
  // A device, a FIFO or a socket named on the command line is refused, not read (FORMAT §6).
  if (found) throw new UsageError(notRegularMessage('表单', pattern, literal, found));
  if (!hasMagic(pattern)) throw new UsageError(`找不到 “${printable(pattern)}”：没有这个文件或文件夹`);
  const { base, rest } = splitGlob(toPosix(pattern));
  const root = path.resolve(cwd, base);
  const matcher = globToRegExp(rest, pattern);
  const files: string[] = [];
  if (statOrNot(root)?.isDirectory()) {
    await walk(toRaw(root), globDepth(rest), literalSegments(rest), files).catch(unreadable(pattern));
  }
  const rawRoot = toRaw(root);
  const matched = files.filter((f) => matcher.test(toPosix(displayPath(path.relative(rawRoot, f)))));
  if (matched.length === 0) throw new UsageError(`没有 .yaml / .yml / .docx / .xlsx 文件与 “${printable(pattern)}” 匹配`);
  return matched;
}

function unreadable(pattern: string): (e: unknown) => never {
  return (e) => {
    throw new UsageError(`无法读取 “${printable(pattern)}”：${ioReason(e)}`);
  };
}

/** Expands the patterns (none: the working directory), reads every YAML file found once, and marks those
 * whose bytes cannot spell an `evalform` key. A pattern that matches nothing, a path that is not a
 * regular file or folder, or an unreadable file is a UsageError (exit 2). `listed` is told how many files there
 * are before they are read (`check` starts its worker threads meanwhile). */
export async function discover(patterns: readonly string[], cwd: string, listed?: (files: number) => void): Promise<Discovery> {
  const seen = new Set<string>();
  const all: string[] = [];
  for (const pattern of patterns.length > 0 ? patterns : ['.']) {
    for (const raw of await expand(pattern, cwd)) {
      // The rules files are evalform's own, not forms nor strangers: neither checked nor listed.
      if (seen.has(raw) || path.basename(raw) === CONFIG_NAME) continue;
      seen.add(raw);
      all.push(raw);
    }
  }
  listed?.(all.length);
  const found: Found[] = [];
  // [perf #12] Bytes kept for the check up to KEEP_BYTES, so that 100,000 forms are not all held at once.
  let kept = 0;
  // Small local files read one after another are faster than many reads in flight, and need no handle limit.
  for (const raw of all) {
    // One string for both when the path is plain UTF-8: 100,000 paths are held for the whole run.
    const shown = displayPath(raw);
    const file = shown === raw ? raw : shown;
    // Every path expand gives was a regular file when it was looked at.
    const input = readRegular(fsPath(raw), file, '表单');
    if (!YAML.test(file) && /\.(docx|xlsx|doc|wps|xls|et)$/i.test(file)) {
      found.push({ raw, file, document: true, ...('bytes' in input ? { bytes: input.bytes } : { tooLarge: input.tooLarge }) });
      continue;
    }
    const detect = detectForm('bytes' in input ? input.bytes : input.head);
    if (!detect) found.push({ raw, file });
    else if ('bytes' in input) {
      kept += input.bytes.length;
      found.push(kept <= KEEP_BYTES ? { raw, file, detect, bytes: input.bytes } : { raw, file, detect });
    } else found.push({ raw, file, detect, tooLarge: input.tooLarge });
  }
  return { found };
}
