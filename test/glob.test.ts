// The glob matcher and the discovery of forms in a folder tree.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { globDepth, globToRegExp, hasMagic, splitGlob } from '../src/cli/glob.js';
import { detectForm, discover } from '../src/cli/discover.js';
import { UsageError } from '../src/cli/io.js';
import { utf32 } from './helpers.js';

const REPO = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'repo');

function matches(pattern: string, paths: string[]): string[] {
  const re = globToRegExp(pattern);
  return paths.filter((p) => re.test(p));
}

const PATHS = [
  'a.yaml',
  'b.yml',
  'c.txt',
  'forms/a.yaml',
  'forms/2022/x.yaml',
  'forms/2022/y.yml',
  'forms/2023/z.yaml',
  'other/2022/x.yaml',
  '报表/业务.yaml',
  'a.b/c.yaml',
];

describe('globToRegExp', () => {
  it('* stays within one folder', () => {
    expect(matches('*.yaml', PATHS)).toEqual(['a.yaml']);
    expect(matches('forms/*.yaml', PATHS)).toEqual(['forms/a.yaml']);
    expect(matches('*/2022/*', PATHS)).toEqual(['forms/2022/x.yaml', 'forms/2022/y.yml', 'other/2022/x.yaml']);
  });

  it('** spans any number of folders, including none', () => {
    expect(matches('**/*.yaml', PATHS)).toEqual(PATHS.filter((p) => p.endsWith('.yaml')));
    expect(matches('forms/**/*.yaml', PATHS)).toEqual(['forms/a.yaml', 'forms/2022/x.yaml', 'forms/2023/z.yaml']);
    expect(matches('forms/**', PATHS)).toEqual(['forms/a.yaml', 'forms/2022/x.yaml', 'forms/2022/y.yml', 'forms/2023/z.yaml']);
    expect(matches('**/2022/x.yaml', PATHS)).toEqual(['forms/2022/x.yaml', 'other/2022/x.yaml']);
  });

  it('? is one character, [...] a class, [!...] its complement', () => {
    expect(matches('?.yaml', PATHS)).toEqual(['a.yaml']);
    expect(matches('[ab].y*', PATHS)).toEqual(['a.yaml', 'b.yml']);
    expect(matches('[!a].y*', PATHS)).toEqual(['b.yml']);
    expect(matches('forms/202[2-3]/*.yaml', PATHS)).toEqual(['forms/2022/x.yaml', 'forms/2023/z.yaml']);
  });

  it('{a,b} is an alternation, nested too', () => {
    expect(matches('*.{yaml,yml}', PATHS)).toEqual(['a.yaml', 'b.yml']);
    expect(matches('{forms,other}/2022/*.{yaml,yml}', PATHS)).toEqual(['forms/2022/x.yaml', 'forms/2022/y.yml', 'other/2022/x.yaml']);
    expect(matches('forms/{2022/{x,y},2023/z}.y*', PATHS)).toEqual(['forms/2022/x.yaml', 'forms/2022/y.yml', 'forms/2023/z.yaml']);
  });

  it('matches Chinese names and treats regex characters literally', () => {
    expect(matches('报表/*.yaml', PATHS)).toEqual(['报表/业务.yaml']);
    expect(matches('a.b/*', PATHS)).toEqual(['a.b/c.yaml']);
    expect(globToRegExp('a+(b).yaml').test('a+(b).yaml')).toBe(true);
    expect(globToRegExp('{a.yaml').test('{a.yaml')).toBe(true);
    expect(globToRegExp('[a.yaml').test('[a.yaml')).toBe(true);
    expect(globToRegExp('\\*.yaml').test('*.yaml')).toBe(true);
    expect(globToRegExp('\\*.yaml').test('x.yaml')).toBe(false);
  });
});

describe('a class no RegExp accepts', () => {
  it('is a usage error naming the pattern as written, not a SyntaxError', () => {
    expect(() => globToRegExp('[z-a].yaml')).toThrow(UsageError);
    expect(() => globToRegExp('[9-0]*.yml', 'forms/[9-0]*.yml')).toThrow(/通配符 “forms\/\[9-0\]\*\.yml” 无效：方括号中的范围顺序颠倒/);
    expect(globToRegExp('[a-z].yaml').test('b.yaml')).toBe(true);
  });
});

describe('glob helpers', () => {
  it('tells plain paths from patterns', () => {
    expect(hasMagic('forms/a.yaml')).toBe(false);
    expect(hasMagic('forms/*.yaml')).toBe(true);
    expect(hasMagic('forms/{a,b}.yaml')).toBe(true);
    expect(hasMagic('forms/\\*.yaml')).toBe(false);
  });

  it('walks only below the literal part, and only as deep as needed', () => {
    expect(splitGlob('forms/2022/*.yaml')).toEqual({ base: 'forms/2022', rest: '*.yaml' });
    expect(splitGlob('**/*.yaml')).toEqual({ base: '', rest: '**/*.yaml' });
    expect(splitGlob('/abs/*/x.yaml')).toEqual({ base: '/abs', rest: '*/x.yaml' });
    expect(globDepth('*.yaml')).toBe(1);
    expect(globDepth('*/2022/*.yaml')).toBe(3);
    expect(globDepth('**/*.yaml')).toBe(Infinity);
  });
});

describe('detectForm: which files are parsed to see whether they are forms', () => {
  const of = (text: string, encoding: BufferEncoding = 'utf8') => detectForm(Buffer.from(text, encoding));

  it('parses every file that spells evalform anywhere, however the YAML writes the key', () => {
    for (const text of [
      'evalform: 1\n',
      '{"evalform": 1}',
      '&a evalform: 1',
      '!!str evalform: 1',
      '? evalform\n: 1\n',
      'list:\n  evalform: 1\n',
      '# evalform: 1\n',
    ]) {
      expect(of(text), text).toBe('named');
    }
  });

  it('spots the word in UTF-16 and UTF-32 of both byte orders', () => {
    expect(of('evalform: 1\n', 'utf16le')).toBe('named');
    const be = Buffer.from('evalform: 1\n', 'utf16le').swap16();
    expect(detectForm(be)).toBe('named');
    expect(detectForm(utf32('evalform: 1\n', true))).toBe('named');
    expect(detectForm(utf32('evalform: 1\n', false))).toBe('named');
  });

  it('parses a file that could spell the key through an escape or a !!binary tag, and passes over the rest', () => {
    expect(of('"\\x65valform": 1\n')).toBe('maybe');
    expect(of('? !!binary ZXZhbGZvcm0=\n: 1\n')).toBe('maybe');
    expect(of('reviewers: [张三]\n')).toBeUndefined();
    expect(of('')).toBeUndefined();
  });
});

describe('discover', () => {
  const rel = (files: string[]): string[] => files.map((f) => path.relative(REPO, f).split(path.sep).join('/'));

  it('walks the working directory, skipping node_modules, dot-folders, non-YAML and rules files', async () => {
    const { found } = await discover([], REPO);
    expect(rel(found.filter((f) => f.detect).map((f) => f.file))).toEqual([
      'forms/2022/broken-yaml.yaml',
      'forms/2022/business.yaml',
      'forms/2022/operations.yaml',
      'forms/2023/roads.yml',
      'forms/2023/养护-warnings.yaml',
      // It names evalform (nested): parsed, and only then found not to be a form (test/cli/cases.ts, check).
      'notes/checklist.yaml',
      'strict/roads-strict.yaml',
    ]);
    expect(found.every((f) => f.detect === 'named' && f.bytes !== undefined)).toBe(true);
  });

  it('expands globs, keeps each file once and in the order asked', async () => {
    const { found } = await discover(['strict', 'forms/**/*.yml', 'forms/*/{business,operations}.yaml', 'strict/*.yaml'], REPO);
    expect(rel(found.map((f) => f.file))).toEqual([
      'strict/roads-strict.yaml',
      'forms/2023/roads.yml',
      'forms/2022/business.yaml',
      'forms/2022/operations.yaml',
    ]);
  });

  it('walks a dot-folder or node_modules only when the pattern names it', async () => {
    const files = async (pattern: string) => rel((await discover([pattern], REPO)).found.map((f) => f.file));
    expect(await files('.archive')).toEqual(['.archive/old.yaml']);
    expect(await files('node_modules/**/*.yaml')).toEqual(['node_modules/some-package/forms/broken.yaml']);
  });

  it('refuses a pattern that matches nothing', async () => {
    await expect(discover(['forms/*.yaml'], REPO)).rejects.toThrow(UsageError);
    await expect(discover(['nowhere'], REPO)).rejects.toThrow(/nowhere/);
    await expect(discover(['forms/**/*.json'], REPO)).rejects.toThrow(/forms\/\*\*\/\*\.json/);
  });
});
