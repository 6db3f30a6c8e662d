import { isAbsolute, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { displayPath, resolveUnder } from '../src/report/paths.js';

/** The rule as FORMAT §6 reports need it, through path.relative alone (displayPath takes a shortcut for clean paths). */
function byRelative(file: string, cwd: string): string {
  if (!isAbsolute(file) || !isAbsolute(cwd)) return file;
  const rel = relative(cwd, file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** Working directories and relative paths, clean and not: `.` and `..` segments, empty ones, a trailing slash. */
const CWDS = ['/repo', '/repo/', '/repo/./x/..', '/', '//repo', '/re po/表单'];
const PATHS = [
  'a.yaml',
  'forms/a.yaml',
  './a.yaml',
  'x/../a.yaml',
  'x//a.yaml',
  'x/',
  '..a.yaml',
  '..',
  '.',
  'a/..',
  '',
  '/abs/a.yaml',
  '.hidden/a.yaml',
  '表/二.yaml',
  '~/a.yaml',
];

describe('displayPath', () => {
  it('names a file under the working directory relative to it, and any other as given', () => {
    expect(displayPath('/repo/forms/a.yaml', '/repo')).toBe('forms/a.yaml');
    expect(displayPath('/other/a.yaml', '/repo')).toBe('/other/a.yaml');
    expect(displayPath('forms/a.yaml', '/repo')).toBe('forms/a.yaml');
    expect(displayPath('/repo', '/repo')).toBe('/repo');
  });

  it('gives what path.relative gives, for clean and unclean paths alike', () => {
    for (const cwd of CWDS)
      for (const base of ['/repo', '/repo/sub', '/re po/表单', '/'])
        for (const rest of PATHS) {
          const file = `${base}/${rest}`;
          expect(displayPath(file, cwd), `${file} from ${cwd}`).toBe(byRelative(file, cwd));
        }
  });
});

describe('resolveUnder', () => {
  it('gives what path.resolve gives, for clean and unclean paths alike', () => {
    for (const cwd of CWDS) for (const file of PATHS) expect(resolveUnder(cwd, file), `${file} from ${cwd}`).toBe(resolve(cwd, file));
  });
});
