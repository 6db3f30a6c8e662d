// Small forms written as YAML text in the tests, evaluated through the public `evaluate`.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evaluate } from '../src/evaluate.js';
import type { RulesLayer } from '../src/score/rules.js';
import type { Evaluation, Finding, IndicatorResult, ScoreResult } from '../src/model/types.js';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** YAML source text put into the form as written (`850.5`, `"1,234.22"`), so numbers stay exact. */
export type Raw = string;

export interface RowSpec {
  initial?: Raw;
  annual?: Raw;
  executed?: Raw;
  rate?: Raw;
}

export interface IndicatorSpec {
  /** Where the indicator sits; default output/quantity. */
  at?: string;
  name?: string;
  target: string;
  actual: string;
  weight?: Raw;
  score?: Raw;
  rating?: string;
  deviation?: string;
}

export interface FormSpec {
  unit?: string;
  /** Default 10; null leaves the weight out. */
  fundsWeight?: Raw | null;
  appropriation?: RowSpec;
  carryover?: RowSpec;
  other?: RowSpec;
  fundsTotal?: RowSpec;
  fundsScore?: Raw;
  fundsDeviation?: string;
  /** Default: three qualitative indicators at full points (产出 50, 效益 30, 满意度 10). */
  indicators?: IndicatorSpec[];
  total?: Raw;
  grade?: string;
  /** The form's own `rules:` as YAML lines, indented by the helper. */
  rules?: string;
}

const q = (s: string): string => JSON.stringify(s);

/** A qualitative indicator at full points. */
export function full(at: string, weight: number): IndicatorSpec {
  return { at, target: '完成年度任务', actual: '已完成', weight: String(weight), score: String(weight) };
}

/** The indicator under test at output/quantity/0, padded with full-point indicators so the weights are 10/50/30/10. */
export function padded(ind: IndicatorSpec): IndicatorSpec[] {
  const w = Number(ind.weight ?? 0);
  const rest = 50 - w;
  return [
    { ...ind, at: 'output/quantity' },
    ...(rest > 0 ? [full('output/quality', rest)] : []),
    full('outcome/social', 30),
    full('satisfaction/beneficiary', 10),
  ];
}

/** Writes a minimal valid form; a spent 95 of 100 budget when no funds row is given. */
export function formYaml(spec: FormSpec = {}): string {
  const lines = ['evalform: 1', 'year: 2022', 'project: 测试项目', 'department: 测试部门', 'implementer: 测试单位', 'funds:'];
  if (spec.unit !== undefined) lines.push(`  unit: ${spec.unit}`);
  if (spec.fundsWeight !== null) lines.push(`  weight: ${spec.fundsWeight ?? '10'}`);
  const rows: [string, RowSpec | undefined][] = [
    [
      'appropriation',
      spec.appropriation ?? (spec.carryover || spec.other || spec.fundsTotal ? undefined : { annual: '100', executed: '95' }),
    ],
    ['carryover', spec.carryover],
    ['other', spec.other],
    ['total', spec.fundsTotal],
  ];
  for (const [key, row] of rows) {
    if (!row) continue;
    lines.push(`  ${key}:`);
    for (const col of ['initial', 'annual', 'executed', 'rate'] as const) {
      if (row[col] !== undefined) lines.push(`    ${col}: ${row[col]}`);
    }
  }
  if (spec.fundsScore !== undefined) lines.push(`  score: ${spec.fundsScore}`);
  lines.push(`  deviation: ${q(spec.fundsDeviation ?? '')}`);
  lines.push('indicators:');
  const inds = spec.indicators ?? [full('output/quantity', 50), full('outcome/social', 30), full('satisfaction/beneficiary', 10)];
  const byLevel = new Map<string, Map<string, IndicatorSpec[]>>();
  for (const ind of inds) {
    const [l1 = 'output', l2 = 'quantity'] = (ind.at ?? 'output/quantity').split('/');
    const level = byLevel.get(l1) ?? new Map<string, IndicatorSpec[]>();
    level.set(l2, [...(level.get(l2) ?? []), ind]);
    byLevel.set(l1, level);
  }
  for (const [l1, level] of byLevel) {
    lines.push(`  ${l1}:`);
    for (const [l2, list] of level) {
      lines.push(`    ${l2}:`);
      for (const ind of list) {
        const fields: string[] = [];
        if (ind.name !== undefined) fields.push(`name: ${q(ind.name)}`);
        fields.push(`target: ${q(ind.target)}`, `actual: ${q(ind.actual)}`);
        if (ind.weight !== undefined) fields.push(`weight: ${ind.weight}`);
        if (ind.score !== undefined) fields.push(`score: ${ind.score}`);
        if (ind.rating !== undefined) fields.push(`rating: ${ind.rating}`);
        fields.push(`deviation: ${q(ind.deviation ?? '')}`);
        fields.forEach((f, i) => {
          lines.push(`${i === 0 ? '      - ' : '        '}${f}`);
        });
      }
    }
  }
  if (spec.total !== undefined) lines.push(`total: ${spec.total}`);
  if (spec.grade !== undefined) lines.push(`grade: ${spec.grade}`);
  if (spec.rules !== undefined)
    lines.push(
      'rules:',
      ...spec.rules
        .trim()
        .split('\n')
        .map((l) => `  ${l}`),
    );
  return `${lines.join('\n')}\n`;
}

export function evalForm(spec: FormSpec = {}, config?: RulesLayer): Evaluation {
  return evaluate(formYaml(spec), 'form.yaml', { config });
}

/** The scores of a form that must be readable; fails the test with its findings otherwise. */
export function scored(spec: FormSpec = {}, config?: RulesLayer): ScoreResult & { findings: Finding[] } {
  const ev = evalForm(spec, config);
  if (!ev.result) throw new Error(`form was not scored:\n${JSON.stringify(ev.findings, null, 2)}\n${formYaml(spec)}`);
  return { ...ev.result, findings: ev.findings };
}

export function indicatorAt(result: ScoreResult, path = '/indicators/output/quantity/0'): IndicatorResult {
  const found = result.indicators.find((i) => i.path === path);
  if (!found) throw new Error(`no indicator at ${path}`);
  return found;
}

/** `code line:column` for each finding, as the fixtures' `# expect:` comments write them. */
export function brief(findings: Finding[]): string[] {
  return findings.map((f) => `${f.code} ${f.line}:${f.column}`);
}

export function codes(findings: Finding[]): string[] {
  return findings.map((f) => f.code).sort();
}

/** Every bundled example form (examples/*.yaml), by file name. */
export const EXAMPLES: readonly string[] = readdirSync(new URL('../examples/', import.meta.url))
  .filter((n) => n.endsWith('.yaml'))
  .sort();

/** The five examples whose department subtotals the summary tests work out by hand (the seed's two forms,
 * quantitative, Sichuan, Yunnan). */
export const HAND_CHECKED_EXAMPLES = [
  'hunan-2022-business.yaml',
  'hunan-2022-operations.yaml',
  'quantitative.yaml',
  'sichuan-2022-public-health.yaml',
  'yunnan-2023-rural-water.yaml',
] as const;

export function example(name: string): string {
  return readFileSync(new URL(`../examples/${name}`, import.meta.url), 'utf8');
}

/** The text encoded as UTF-32 (no mark unless the text starts with U+FEFF): Node has no such encoding. */
export function utf32(text: string, little: boolean): Buffer {
  const chars = [...text];
  const out = Buffer.alloc(chars.length * 4);
  chars.forEach((c, i) => {
    if (little) out.writeUInt32LE(c.codePointAt(0) as number, i * 4);
    else out.writeUInt32BE(c.codePointAt(0) as number, i * 4);
  });
  return out;
}

/** Each 一级's points in hundredths (output, outcome, satisfaction), as a hand-worked table adds them up. */
export function levelHundredths(result: { indicators: readonly { level1: string; score?: { toString(): string } }[] }): string[] {
  return ['output', 'outcome', 'satisfaction'].map((l) =>
    result.indicators
      .filter((i) => i.level1 === l)
      .reduce((sum, i) => sum + Math.round(Number(i.score) * 100), 0)
      .toString(),
  );
}
