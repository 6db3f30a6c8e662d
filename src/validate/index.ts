// JSON Schema validation of a form or a config, with each fault turned into a `schema` finding.
import type { DefinedError } from 'ajv';
import { escapePointer } from '../load/source.js';
import type { RawFinding } from '../model/types.js';
import type { Config, Form } from '../schema/types.js';
import { formTitles } from './compiled.js';
import { type ValidateFn, validators } from './validators.js';

/** Whether the data is a form the schema accepts; if not, validateForm(data) says why. */
export function isForm(data: unknown): data is Form {
  return validators().form(data);
}

/** Whether the data is a config (evalform.config.yaml) the schema accepts; if not, validateConfig(data) says why. */
export function isConfig(data: unknown): data is Config {
  return validators().config(data);
}

export function validateForm(data: unknown): RawFinding[] {
  return toFindings(validators().form, data, '');
}

/** A config is a form's `rules:` on its own: its fields have the titles of /rules/… in the form schema. */
export function validateConfig(data: unknown): RawFinding[] {
  return toFindings(validators().config, data, '/rules');
}

type SchemaError = DefinedError;

/** Schema faults listed per file: a pasted table of a thousand unknown keys needs the first few, not all. */
export const MAX_SCHEMA_FINDINGS = 100;

function toFindings(validate: ValidateFn, data: unknown, titlePrefix: string): RawFinding[] {
  if (validate(data)) return [];
  const errors = prune(validate.errors ?? []);
  const findings: RawFinding[] = errors.slice(0, MAX_SCHEMA_FINDINGS).map((e) => ({
    code: 'schema',
    path: pathOf(e),
    message: messageOf(e, data, titlePrefix),
    atKey: e.keyword === 'additionalProperties',
  }));
  const last = findings[findings.length - 1];
  if (errors.length > MAX_SCHEMA_FINDINGS && last) {
    last.message += `（其后还有 ${errors.length - MAX_SCHEMA_FINDINGS} 处不符合未列出）`;
  }
  return findings;
}

/** ajv reports every branch of an anyOf; keep the one most useful fault per node. */
function prune(errors: SchemaError[]): SchemaError[] {
  const byPath = new Map<string, SchemaError[]>();
  for (const e of errors) {
    const key = pathOf(e);
    byPath.set(key, [...(byPath.get(key) ?? []), e]);
  }
  const out: SchemaError[] = [];
  for (const list of byPath.values()) {
    const specific = list.filter((e) => e.keyword !== 'anyOf' && e.keyword !== 'oneOf' && e.keyword !== 'if');
    const chosen = specific.length > 0 ? specific : list;
    // For "number or pattern-string" fields, the type fault says more than the pattern fault.
    const [firstType, ...moreTypes] = chosen.filter((e): e is TypeFault => e.keyword === 'type');
    const pattern = chosen.find((e) => e.keyword === 'pattern');
    if (pattern && firstType) out.push(pattern);
    else if (firstType && moreTypes.length > 0) out.push(mergeTypes([firstType, ...moreTypes]));
    else out.push(...dedupe(chosen));
  }
  return out;
}

type TypeFault = Extract<SchemaError, { keyword: 'type' }>;

function mergeTypes([first, ...rest]: [TypeFault, ...TypeFault[]]): TypeFault {
  const all = [first, ...rest].flatMap((e) => String(e.params.type).split(','));
  return { ...first, params: { type: [...new Set(all)].join(',') } };
}

function dedupe(errors: SchemaError[]): SchemaError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.keyword}:${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function pathOf(e: SchemaError): string {
  if (e.keyword === 'additionalProperties') return `${e.instancePath}/${escapePointer(e.params.additionalProperty)}`;
  if (e.keyword === 'required') return `${e.instancePath}/${escapePointer(e.params.missingProperty)}`;
  return e.instancePath;
}

const TYPE_NAMES: Record<string, string> = {
  string: '文字',
  number: '数字',
  integer: '整数',
  object: '对象（键: 值）',
  array: '列表（- 开头的条目）',
  null: '空',
  boolean: 'true/false',
};

/** The Chinese title of the field at a pointer, e.g. /funds/total/annual → 全年预算数, bare. */
function bareTitle(pointer: string): string | undefined {
  return formTitles[pointer.replace(/\/\d+(?=\/|$)/g, '/*')];
}

/** The title as a message adds it after a key: （全年预算数）. */
function titleOf(pointer: string): string {
  const title = bareTitle(pointer);
  return title ? `（${title}）` : '';
}

/** The node of `data` at a JSON pointer (own keys only), or undefined. */
function nodeAt(data: unknown, pointer: string): unknown {
  let node = data;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = Reflect.get(node, key);
  }
  return node;
}

function messageOf(e: SchemaError, data: unknown, titlePrefix: string): string {
  const title = (pointer: string): string => titleOf(titlePrefix + pointer);
  const field = e.instancePath === '' ? '表' : `“${e.instancePath.split('/').pop()}”${title(e.instancePath)}`;
  switch (e.keyword) {
    case 'required':
      return `缺少必填项 “${e.params.missingProperty}”${title(pathOf(e))}`;
    case 'additionalProperties': {
      const key = e.params.additionalProperty;
      const known = Object.keys(e.parentSchema?.properties ?? {});
      // A key the map already has is never the one meant: suggest among the others.
      const parent = nodeAt(data, e.instancePath);
      const present = new Set(parent !== null && typeof parent === 'object' ? Object.keys(parent) : []);
      const free = known.filter((k) => !present.has(k));
      const near = byTitle(key, free, (k) => bareTitle(`${titlePrefix}${e.instancePath}/${k}`)) ?? closest(key, free);
      return `未知字段 “${quoteKey(key)}”${near ? `，是否应为 “${near}”？` : ''}（此处可用：${known.join('、')}）`;
    }
    case 'type': {
      const names = String(e.params.type)
        .split(',')
        .map((t) => TYPE_NAMES[t] ?? t);
      const wanted = String(e.params.type).split(',');
      const hint = wanted.includes('number') || wanted.includes('integer') ? numberHint(nodeAt(data, e.instancePath), e.instancePath) : '';
      return `${field}应为${names.join('或')}${hint}`;
    }
    case 'enum':
      return `${field}应为以下之一：${(e.params.allowedValues ?? []).map(String).join('、')}`;
    case 'const':
      return `${field}应为 ${JSON.stringify(e.params.allowedValue)}`;
    case 'pattern':
      return `${field}的写法无法识别为数值（例：1234.22、"1,234.22"、75.45%）${numberHint(nodeAt(data, e.instancePath), e.instancePath)}`;
    case 'minimum':
      return `${field}不能小于 ${String(e.params.limit)}`;
    case 'exclusiveMinimum':
      return `${field}须大于 ${String(e.params.limit)}`;
    case 'maximum':
      return `${field}不能大于 ${String(e.params.limit)}`;
    case 'exclusiveMaximum':
      return `${field}须小于 ${String(e.params.limit)}`;
    case 'minLength':
      return Number(e.params.limit) === 1 ? `${field}不能为空` : `${field}至少需要 ${String(e.params.limit)} 个字符`;
    case 'maxLength':
      return `${field}最多 ${String(e.params.limit)} 个字符`;
    case 'minItems':
      return `${field}至少需要 ${String(e.params.limit)} 项`;
    case 'propertyNames':
      return `${field}中有无法识别的键`;
    default:
      return `${field}${e.message ?? '不符合格式'}`;
  }
}

/** Units a number copied from a Chinese document carries: 15分, 100万元, 2023年, 3项. */
const UNIT_RE = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*(分|万元|千元|元|年度|年|项|个|人次|次|%)$/;

/** What to write instead, for a number a Chinese document writes its own way: full-width digits (１５), a unit
 * (15分, 9.5分), a year in quotes ("2023") or with 年 (2023年). Empty when the value is none of these. */
function numberHint(value: unknown, pointer: string): string {
  if (typeof value !== 'string') return '';
  const written = value.trim();
  const half = written.normalize('NFKC').replace(/。/g, '.');
  const wide = half !== written;
  const isYear = /\/year$/.test(pointer);
  const number = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(half) ? half : undefined;
  const unit = number === undefined ? UNIT_RE.exec(half) : undefined;
  const digits = number ?? unit?.[1];
  if (digits === undefined) return '';
  const widePart = wide ? `写成了全角数字“${written}”，数字要用半角` : '';
  if (isYear) {
    if (unit) return `：${widePart ? `${widePart}，` : ''}年度不写“${unit[2]}”字，写成 year: ${digits}`;
    return wide ? `：${widePart}，写成 year: ${digits}` : `：年度不加引号，写成 year: ${digits}`;
  }
  if (unit) {
    const u = unit[2] as string;
    const what = u === '%' ? '百分号' : u.length === 1 ? `“${u}”字` : `单位“${u}”`;
    const where = /元$/.test(u) ? `（金额单位写在 funds 下的 unit: ${u}）` : '';
    return `：${widePart ? `${widePart}，` : ''}去掉${what}，写成 ${digits}${where}`;
  }
  if (wide) return `：${widePart}，写成 ${digits}`;
  return `：数字不加引号，写成 ${digits}`;
}

/** A key as a message quotes it: one pasted by mistake (a paragraph, a table) is cut short. */
function quoteKey(key: string): string {
  const chars = Array.from(key);
  return chars.length > 40 ? `${chars.slice(0, 30).join('')}…（共 ${chars.length} 个字符）` : key;
}

/** A key as compared: full-width letters and digits (a Chinese input method) folded, case and outer blanks ignored.
 * Long keys are cut before folding; the length bound in closest() rules them out anyway. */
function folded(key: string): string {
  return key.slice(0, 200).normalize('NFKC').trim().toLowerCase();
}

/** The known key whose Chinese title the key is, as a filer copying the paper's labels writes it (年度 → year). */
function byTitle(key: string, known: string[], titleOfKey: (k: string) => string | undefined): string | undefined {
  const k = folded(key);
  return known.find((candidate) => {
    const t = titleOfKey(candidate);
    return t !== undefined && folded(t).replace(/^其中：/, '') === k.replace(/^其中：/, '');
  });
}

/** The known key a misspelt one most likely meant, if any is close. */
function closest(key: string, known: string[]): string | undefined {
  const typed = folded(key);
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(typed.length / 3)) + 1;
  for (const k of known) {
    // The lengths alone bound the distance: a pasted paragraph is never compared letter by letter.
    if (Math.abs(typed.length - k.length) >= bestDistance) continue;
    const d = distance(typed, k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

/** Edit distance counting a swap of two neighbouring letters as one edit (optimal string alignment): qualtiy is one
 * slip from quality, two from quantity. */
function distance(a: string, b: string): number {
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, (before[j - 2] ?? 0) + 1);
      cur[j] = d;
    }
    [before, prev] = [prev, cur];
  }
  return prev[b.length] ?? 0;
}

export type { ValidateFn };
