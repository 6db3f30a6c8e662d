// How reporters name a file: relative to the working directory, with forward slashes.
import { isAbsolute, relative, sep } from 'node:path';

/** `file` relative to `cwd` when it lies under it (else as given), always with '/'. Pure string work. */
export function displayPath(file: string, cwd: string): string {
  let shown = file;
  if (isAbsolute(file) && isAbsolute(cwd)) {
    const rel = relative(cwd, file);
    if (rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)) shown = rel;
  }
  return sep === '\\' ? shown.replaceAll('\\', '/') : shown;
}
