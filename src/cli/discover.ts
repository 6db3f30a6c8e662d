// Which files `evalform check` looks at: folders walked, globs expanded, and non-forms set aside.
import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_NAME } from './common.js';
import { globDepth, globToRegExp, hasMagic, literalSegments, splitGlob } from './glob.js';
import { UsageError } from './io.js';

export interface Discovery {
  /** Forms to check, absolute, in the order found (each pattern's matches sorted by path). */
  files: string[];
  /** YAML files without a top-level `evalform:` key (evalform.config.yaml aside), absolute. */
  skipped: string[];
  /** The bytes of every form, read once here so the check does not read them again. */
  bytes: Map<string, Buffer>;
}

const YAML = /\.ya?ml$/i;
// A top-level `evalform:` key at the start of a line: enough to tell a form from other YAML without parsing.
const FORM_KEY = /^(?:evalform|"evalform"|'evalform')[ \t]*:(?:[ \t]|$)/m;

/** Whether the text looks like a form: it has `evalform:` as a top-level key. */
export function looksLikeForm(text: string): boolean {
  return FORM_KEY.test(text.startsWith('\uFEFF') ? text.slice(1) : text);
}

function hidden(name: string, allowed: ReadonlySet<string>): boolean {
  return (name.startsWith('.') || name === 'node_modules') && !allowed.has(name);
}

/** Every YAML file under `dir` (absolute) down to `maxDepth` folders, skipping node_modules and dot-entries
 * unless the pattern names them; symlinked folders are not followed, so a link loop cannot hang the walk. */
async function walk(dir: string, maxDepth: number, allowed: ReadonlySet<string>, out: string[], depth = 1): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (hidden(entry.name, allowed)) continue;
    const full = path.join(dir, entry.name);
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) isFile = await stat(full).then((s) => s.isFile(), () => false);
    if (isFile) {
      if (YAML.test(entry.name)) out.push(full);
    } else if (entry.isDirectory() && depth < maxDepth) {
      await walk(full, maxDepth, allowed, out, depth + 1);
    }
  }
}

function toPosix(p: string): string {
  return path.sep === '\\' ? p.replaceAll('\\', '/') : p;
}

async function kindOf(p: string): Promise<'file' | 'dir' | undefined> {
  try {
    const s = await stat(p);
    return s.isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

async function expand(pattern: string, cwd: string): Promise<string[]> {
  const literal = path.resolve(cwd, pattern);
  // A real path wins over glob syntax, so "forms/[2022].yaml" still names that file.
  const kind = await kindOf(literal);
  if (kind === 'file') return [literal];
  if (kind === 'dir') {
    const found: string[] = [];
    await walk(literal, Infinity, literalSegments(toPosix(pattern)), found).catch(unreadable(pattern));
    if (found.length === 0) throw new UsageError(`“${pattern}” 下没有 .yaml / .yml 文件`);
    return found;
  }
  if (!hasMagic(pattern)) throw new UsageError(`找不到 “${pattern}”：没有这个文件或文件夹`);
  const { base, rest } = splitGlob(toPosix(pattern));
  const root = path.resolve(cwd, base);
  const matcher = globToRegExp(rest);
  const found: string[] = [];
  if ((await kindOf(root)) === 'dir') {
    await walk(root, globDepth(rest), literalSegments(rest), found).catch(unreadable(pattern));
  }
  const matched = found.filter((f) => matcher.test(toPosix(path.relative(root, f))));
  if (matched.length === 0) throw new UsageError(`没有 .yaml / .yml 文件与 “${pattern}” 匹配`);
  return matched;
}

function unreadable(pattern: string): (e: unknown) => never {
  return (e) => {
    throw new UsageError(`无法读取 “${pattern}”：${(e as Error).message}`);
  };
}

/** Expands the patterns (none: the working directory) and sorts the YAML files found into forms and others.
 * A pattern that matches nothing, or an unreadable file, is a UsageError (exit 2). */
export async function discover(patterns: readonly string[], cwd: string): Promise<Discovery> {
  const seen = new Set<string>();
  const all: string[] = [];
  for (const pattern of patterns.length > 0 ? patterns : ['.']) {
    for (const file of await expand(pattern, cwd)) {
      // The rules files are evalform's own, not forms nor strangers: neither checked nor listed.
      if (seen.has(file) || path.basename(file) === CONFIG_NAME) continue;
      seen.add(file);
      all.push(file);
    }
  }
  // Small local files read one after another are faster than many reads in flight, and need no handle limit.
  const bytes = new Map<string, Buffer>();
  const skipped: string[] = [];
  for (const file of all) {
    let data: Buffer;
    try {
      data = readFileSync(file);
    } catch (e) {
      throw new UsageError(`无法读取 ${file}：${(e as Error).message}`);
    }
    // latin1 keeps every byte, so a form saved as GBK still shows its ASCII `evalform:` key.
    if (looksLikeForm(data.toString('latin1'))) bytes.set(file, data);
    else skipped.push(file);
  }
  return { files: [...bytes.keys()], skipped, bytes };
}
