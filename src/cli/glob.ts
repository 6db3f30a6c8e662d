// Just enough glob for `evalform check "forms/**/*.yaml"`: *, **, ?, [...], {a,b}; Node 20 has no fs.glob.
import { printable } from '../report/printable.js';
import { UsageError } from './io.js';

const MAGIC = /[*?[\]{}]/;
const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/]/;

/** Whether the pattern needs matching at all (else it is a plain path). */
export function hasMagic(pattern: string): boolean {
  return MAGIC.test(pattern.replace(/\\./g, ''));
}

/** Splits off the leading segments without magic: the folder to walk, and the pattern below it. */
export function splitGlob(pattern: string): { base: string; rest: string } {
  const segments = pattern.split('/');
  let i = 0;
  while (i < segments.length - 1 && !hasMagic(segments[i]!)) i++;
  const base = segments.slice(0, i).join('/');
  return { base: base === '' && pattern.startsWith('/') ? '/' : base, rest: segments.slice(i).join('/') };
}

/** How deep below the base a match can lie; Infinity when '**' or a brace may cross folders. */
export function globDepth(rest: string): number {
  if (rest.includes('**') || /\{[^}]*\/[^}]*\}/.test(rest)) return Infinity;
  return rest.split('/').length;
}

/** The literal folder names a pattern spells out: these are walked even when hidden or node_modules. */
export function literalSegments(pattern: string): Set<string> {
  return new Set(pattern.split('/').filter((s) => s !== '' && !hasMagic(s)));
}

/** A RegExp for '/'-separated relative paths. '**' as a whole segment spans any number of folders. A class no
 * RegExp accepts is a UsageError naming `shown` (the pattern as the user wrote it). */
export function globToRegExp(pattern: string, shown = pattern): RegExp {
  let out = '';
  let depth = 0;
  let i = 0;
  const n = pattern.length;
  while (i < n) {
    const ch = pattern[i]!;
    const atSegmentStart = i === 0 || pattern[i - 1] === '/';
    if (ch === '*' && pattern[i + 1] === '*' && atSegmentStart && (i + 2 === n || pattern[i + 2] === '/')) {
      if (i + 2 === n) {
        out += '.+';
        i += 2;
      } else {
        out += '(?:[^/]+/)*';
        i += 3;
      }
      continue;
    }
    if (ch === '*') {
      while (pattern[i + 1] === '*') i++;
      out += '[^/]*';
    } else if (ch === '?') {
      out += '[^/]';
    } else if (ch === '\\' && i + 1 < n) {
      i++;
      out += escapeChar(pattern[i]!);
    } else if (ch === '[') {
      const end = classEnd(pattern, i);
      if (end < 0) {
        out += '\\[';
      } else {
        let body = pattern.slice(i + 1, end);
        const negate = body.startsWith('!') || body.startsWith('^');
        if (negate) body = body.slice(1);
        out += `[${negate ? '^/' : ''}${body.replace(/\\/g, '\\\\').replace(/\[/g, '\\[')}]`;
        i = end;
      }
    } else if (ch === '{' && braceCloses(pattern, i)) {
      depth++;
      out += '(?:';
    } else if (ch === ',' && depth > 0) {
      out += '|';
    } else if (ch === '}' && depth > 0) {
      depth--;
      out += ')';
    } else {
      out += escapeChar(ch);
    }
    i++;
  }
  try {
    return new RegExp(`^${out}$`, 'u');
  } catch (e) {
    // A class the user wrote that no RegExp accepts: `[z-a]` (a range out of order), and the like.
    throw new UsageError(
      `通配符 “${printable(shown)}” 无效：${/out of order/.test((e as Error).message) ? '方括号中的范围顺序颠倒（如 [z-a]）' : '无法解析'}`,
    );
  }
}

function escapeChar(ch: string): string {
  return REGEX_SPECIAL.test(ch) ? `\\${ch}` : ch;
}

// The index of the ']' closing a class opened at `start`, or -1 (then '[' is literal).
function classEnd(pattern: string, start: number): number {
  let j = start + 1;
  if (pattern[j] === '!' || pattern[j] === '^') j++;
  if (pattern[j] === ']') j++;
  for (; j < pattern.length; j++) {
    if (pattern[j] === '/') return -1;
    if (pattern[j] === ']') return j;
  }
  return -1;
}

// A '{' is a group only when a matching '}' follows; otherwise it is literal.
function braceCloses(pattern: string, start: number): boolean {
  let depth = 0;
  for (let j = start; j < pattern.length; j++) {
    if (pattern[j] === '\\') j++;
    else if (pattern[j] === '{') depth++;
    else if (pattern[j] === '}' && --depth === 0) return true;
  }
  return false;
}
