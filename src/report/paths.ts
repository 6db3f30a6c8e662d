// How reporters name a file: relative to the working directory, with forward slashes.
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** `file` relative to `cwd` when it lies under it (else as given), always with '/'. Pure string work. */
export function displayPath(file: string, cwd: string): string {
  // The common case without path.relative's two resolves: a clean path under a clean cwd (discovery makes its
  // paths with path.resolve and path.join, and a report names every form and finding).
  if (sep === '/' && file.length > cwd.length + 1 && file.startsWith(cwd) && file[cwd.length] === '/' && isClean(cwd)) {
    const rest = file.slice(cwd.length + 1);
    if (!rest.startsWith('..') && !UNCLEAN_REST.test(rest)) return rest;
  }
  let shown = file;
  if (isAbsolute(file) && isAbsolute(cwd)) {
    const rel = relative(cwd, file);
    if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) shown = rel;
  }
  return sep === '\\' ? shown.replaceAll('\\', '/') : shown;
}

/** path.resolve(cwd, file), without its work for a clean relative path under a clean cwd (`check` is often given a
 * thousand such paths). */
export function resolveUnder(cwd: string, file: string): string {
  if (sep === '/' && file !== '' && !file.startsWith('..') && !UNCLEAN_REST.test(file) && isClean(cwd)) return `${cwd}/${file}`;
  return resolve(cwd, file);
}

/** A relative POSIX path that path.relative would not give as it is: a `.` or `..` segment, an empty one, a trailing /. */
const UNCLEAN_REST = /(?:^|\/)\.{1,2}(?:\/|$)|\/\/|^\/|\/$/;

let cleanCwd: string | undefined;
/** Whether `cwd` is an absolute path as path.resolve would give it (the last one asked about is remembered). */
function isClean(cwd: string): boolean {
  if (cwd === cleanCwd) return true;
  if (cwd !== '/' && cwd[0] === '/' && !UNCLEAN_REST.test(cwd.slice(1))) {
    cleanCwd = cwd;
    return true;
  }
  return false;
}
