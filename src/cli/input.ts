// Reading the files evalform is given: forms, rules files, templates. Only regular files, and only so much of
// them: /dev/zero would be read until memory ran out, and a FIFO would wait for a writer forever.
import * as nodeBuffer from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { decodeUtf8, wideEncoding } from '../load/source.js';
import type { Finding } from '../model/types.js';
import { printable } from '../report/printable.js';
import { UsageError } from './io.js';

/** The largest form, rules file or template read (a form is some tens of KB; the loader's own limits stop
 * far smaller token-dense files). A form above it is a finding; a rules file or template, exit 2. */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;
export const MAX_INPUT_LABEL = '10 MB';

export type InputKind = '表单' | '规则文件' | '模板';

/** A file's bytes; or, when it is larger than MAX_INPUT_BYTES, its size and its first MAX_INPUT_BYTES (nothing
 * further is read). */
export type Input = { bytes: Buffer } | { tooLarge: number; head: Buffer };

// O_NONBLOCK: opening a FIFO must not wait for a writer (fstat then refuses it). No effect on regular files.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** What a path that is not a regular file is, in words. */
export function kindOf(s: Stats): string {
  if (s.isDirectory()) return '文件夹';
  if (s.isCharacterDevice()) return '字符设备';
  if (s.isBlockDevice()) return '块设备';
  if (s.isFIFO()) return '命名管道（FIFO）';
  if (s.isSocket()) return '套接字';
  return '特殊文件';
}

/** The one-line reason a path is refused: it names the path (escaped for the terminal) and what it is. */
export function notRegularMessage(what: InputKind, shown: string, file: string | Buffer, s: Stats): string {
  let target = '';
  try {
    const real = realpathSync(file, { encoding: 'utf8' });
    if (real !== file) target = `（指向 ${printable(real)}）`;
  } catch {
    // The link's target is only a detail of the message.
  }
  return `${what} ${printable(shown)}${target} 不是普通文件，而是${kindOf(s)}：evalform 只读普通文件`;
}

/** Why a file could not be opened or read, in words. */
export function ioReason(e: unknown): string {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return '文件不存在';
    case 'EISDIR':
      return '这是一个文件夹';
    case 'EACCES':
    case 'EPERM':
      return '没有读取权限';
    case 'ENOTDIR':
      return '路径中有一段不是文件夹';
    case 'ENAMETOOLONG':
      return '路径太长';
    case 'ELOOP':
      return '符号链接层层循环';
    case 'EIO':
      return '读取时发生输入输出错误';
    default:
      return printable(String((e as Error).message));
  }
}

/** What is at a path (stat follows links), or undefined when nothing is or it cannot be looked at. */
export function statOrNot(p: string | Buffer): Stats | undefined {
  try {
    return statSync(p);
  } catch {
    return undefined;
  }
}

function cannotRead(what: InputKind, shown: string, e: unknown): never {
  throw new UsageError(`无法读取${what} ${printable(shown)}：${ioReason(e)}`);
}

/** Reads a regular file of at most MAX_INPUT_BYTES. Anything else (a folder, a device, a FIFO, a socket, or a
 * link to one) and any failure to read is a UsageError naming `shown` (exit 2). */
export function readInput(file: string | Buffer, shown: string, what: InputKind): Input {
  let before: Stats;
  try {
    // stat first: a device is refused without even opening it.
    before = statSync(file);
  } catch (e) {
    return cannotRead(what, shown, e);
  }
  if (!before.isFile()) throw new UsageError(notRegularMessage(what, shown, file, before));
  return readRegular(file, shown, what);
}

/** readInput for a path already seen to be a regular file (discovery stats or lists every path it finds): the
 * file is opened without looking at it again, and what was opened is still refused unless it is a regular file. */
export function readRegular(file: string | Buffer, shown: string, what: InputKind): Input {
  let fd: number;
  try {
    fd = openSync(file, READ_FLAGS);
  } catch (e) {
    return cannotRead(what, shown, e);
  }
  try {
    // What was opened, which may not be what was looked at a moment before.
    const s = fstatSync(fd);
    if (!s.isFile()) throw new UsageError(notRegularMessage(what, shown, file, s));
    return readUpTo(fd, s.size);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    return cannotRead(what, shown, e);
  } finally {
    closeSync(fd);
  }
}

/** Reads to the end of the file, or one byte past MAX_INPUT_BYTES. The first buffer is the size the file
 * had when looked at; a file that grows while read is still stopped at the limit. The bytes returned have their
 * memory to themselves (never a slice of Node's shared pool), so they can be handed to a worker thread whole. */
function readUpTo(fd: number, size: number): Input {
  const chunks: Buffer[] = [];
  let total = 0;
  let chunk = Buffer.allocUnsafeSlow(Math.min(size, MAX_INPUT_BYTES) + 1);
  for (;;) {
    const n = readSync(fd, chunk, 0, Math.min(chunk.length, MAX_INPUT_BYTES + 1 - total), null);
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > MAX_INPUT_BYTES) {
      const head = Buffer.concat(chunks, total).subarray(0, MAX_INPUT_BYTES);
      return { tooLarge: Math.max(size, total), head };
    }
    if (n === chunk.length) chunk = Buffer.allocUnsafe(64 * 1024);
    else chunk = chunk.subarray(n);
  }
  if (chunks.length === 1) return { bytes: chunks[0] as Buffer };
  const bytes = Buffer.allocUnsafeSlow(total);
  let at = 0;
  for (const c of chunks) at += c.copy(bytes, at);
  return { bytes };
}

/** "12.3 MB" */
export function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A form's text, or the finding that says why it cannot be read as text (not UTF-8, too large). */
export function formText(input: { bytes: Uint8Array } | { tooLarge: number }, file: string): string | { error: Finding } {
  if ('tooLarge' in input) {
    return {
      error: {
        code: 'yaml-syntax',
        severity: 'error',
        file,
        path: '',
        line: 1,
        column: 1,
        message: `文件有 ${megabytes(input.tooLarge)}，超过 ${MAX_INPUT_LABEL} 的上限（一张表只有几十 KB）：evalform 不读这么大的文件`,
      },
    };
  }
  const bytes = input.bytes;
  if (wideEncoding(bytes) === undefined && nodeBuffer.isUtf8(bytes)) return utf8Text(bytes);
  // Not UTF-8: decodeUtf8 says what the file seems to be, and where.
  const decoded = decodeUtf8(bytes);
  if ('error' in decoded) return { error: { ...decoded.error, severity: 'error', file } };
  return decoded.text;
}

/** The text of bytes known to be UTF-8, without a byte-order mark (as TextDecoder gives it). ICU's transcoding to
 * UTF-16 and a UTF-16 string from that are some four times quicker than V8's own UTF-8 decoding (TextDecoder,
 * Buffer#toString) of the mostly Chinese text of a form; a Node built without ICU has no transcode. */
function utf8Text(bytes: Uint8Array): string {
  const from = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = Buffer.from(bytes.buffer, bytes.byteOffset + from, bytes.byteLength - from);
  const { transcode } = nodeBuffer;
  return typeof transcode === 'function' ? transcode(body, 'utf8', 'utf16le').toString('utf16le') : body.toString('utf8');
}
