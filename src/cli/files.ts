// Writing output files safely: never over an existing file without --force, never half-written.
import { type FileHandle, link, open, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { printable } from '../report/printable.js';
import { kindOf } from './input.js';
import { UsageError } from './io.js';

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return '文件夹不存在';
    case 'EACCES':
    case 'EPERM':
      return '没有写入权限';
    case 'EROFS':
      return '文件系统只读';
    case 'ENOSPC':
      return '磁盘空间不足';
    case 'EISDIR':
      return '这是一个文件夹';
    case 'ENOTDIR':
      return '路径中有一段不是文件夹';
    case 'ENAMETOOLONG':
      return '文件名或路径太长';
    case 'EDQUOT':
      return '超出磁盘配额';
    default:
      return printable((e as Error).message);
  }
}

/** Writes `data` to a temporary file beside `file`, then renames it into place, so a reader never sees a
 * partial file. `data` may be a function that writes the content piece by piece (a report written as the forms are
 * checked); if it throws, nothing is put in place. Only a regular file (or a new name) is written: anything else there is refused. Without `force` an existing file is refused (a UsageError); the check and the move are one
 * step (a hard link fails on an existing name), so a file created meanwhile is not overwritten either. */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array | ((write: (chunk: string) => Promise<void>) => Promise<void>),
  opts: { force?: boolean; mode?: number } = {},
): Promise<void> {
  // The rename would replace a device or a FIFO itself (/dev/stdout, /dev/null as root), and cannot replace a folder.
  const existing = await stat(file).catch(() => undefined);
  if (existing && !existing.isFile()) throw new UsageError(`无法写入 ${printable(file)}：它不是普通文件，而是${kindOf(existing)}`);
  const dir = path.dirname(file);
  // Short whatever the target's name (a long Chinese name plus a suffix would pass the 255-byte limit of a
  // name), unique by process and chance, and created exclusively ('wx') beside the target. Math.random is chance
  // enough for a name that is never reused (node:crypto would cost milliseconds to load at start).
  const temp = path.join(dir, `.evalform-${process.pid}-${Math.random().toString(36).slice(2, 12)}.tmp`);
  let handle: FileHandle;
  try {
    handle = await open(temp, 'wx', opts.mode ?? 0o644);
  } catch (e) {
    throw new UsageError(`无法写入 ${printable(file)}：${reason(e)}`);
  }
  // What the content function throws is its own (a form that stops the run, a worker that failed): passed on as it is.
  let produced: unknown;
  try {
    try {
      if (typeof data === 'function') {
        const h = handle;
        await data(async (chunk) => {
          try {
            await h.write(chunk);
          } catch (e) {
            throw new UsageError(`无法写入 ${printable(file)}：${reason(e)}`);
          }
        }).catch((e: unknown) => {
          produced = e;
          throw e;
        });
      } else await handle.writeFile(data);
      // A file rewritten in place (--fix) keeps its permissions, whatever the umask.
      if (opts.mode !== undefined) await handle.chmod(opts.mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (opts.force) {
      await rename(temp, file);
    } else {
      try {
        await link(temp, file);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`${printable(file)} 已存在：加 --force 覆盖它`);
        // Some file systems have no hard links; fall back to a checked rename.
        if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV'].includes((e as NodeJS.ErrnoException).code ?? '')) throw e;
        if (
          await open(file, 'r').then(
            (h) => h.close().then(() => true),
            () => false,
          )
        ) {
          throw new UsageError(`${printable(file)} 已存在：加 --force 覆盖它`);
        }
        await rename(temp, file);
        return;
      }
      await unlink(temp);
    }
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    if (e instanceof UsageError || (produced !== undefined && e === produced)) throw e;
    throw new UsageError(`无法写入 ${printable(file)}：${reason(e)}`);
  }
}
