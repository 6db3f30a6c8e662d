// The JSON Schemas, the examples and the init template: what validates, what fails where, and that every key is described.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CHECK_CODES } from '../src/model/codes.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const read = (rel: string) => readFileSync(path.join(ROOT, rel), 'utf8');
const formSchema = JSON.parse(read('schemas/evalform.schema.json')) as Record<string, unknown>;
const configSchema = JSON.parse(read('schemas/evalform.config.schema.json')) as Record<string, unknown>;

function compile(): { form: ValidateFunction; config: ValidateFunction } {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addSchema(formSchema);
  ajv.addSchema(configSchema);
  const form = ajv.getSchema('evalform.schema.json');
  const config = ajv.getSchema('evalform.config.schema.json');
  if (!form || !config) throw new Error('schemas did not compile');
  return { form, config };
}
const { form: validateForm, config: validateConfig } = compile();

const errorsOf = (validate: ValidateFunction, data: unknown): ErrorObject[] => (validate(data) ? [] : (validate.errors ?? []));
const EXAMPLES = ['examples/hunan-2022-business.yaml', 'examples/hunan-2022-operations.yaml', 'examples/quantitative.yaml'];

function initForm(): string {
  return read('templates/init.yaml').replaceAll('{{SCHEMA}}', '/opt/evalform/schemas/evalform.schema.json').replaceAll('{{YEAR}}', '2024');
}

// The examples read back as plain YAML data, asserted field by field.
// biome-ignore lint/suspicious/noExplicitAny: parsed YAML read loosely in assertions
type Loose = Record<string, any>;

/** The 备注 line under the seed's tables, which its transcriptions state in their own `note:`. */
const DEFAULT_NOTE = '一个一级项目支出一张表。如，业务工作经费，运行维护经费，其他事业发展类资金…各一张表。';

describe('valid forms', () => {
  it.each(EXAMPLES)('%s validates and names the schema in its modeline', (file) => {
    const text = read(file);
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/evalform.schema.json');
    expect(errorsOf(validateForm, parse(text))).toEqual([]);
  });

  it('the init template validates once its tokens are replaced, with the seed weights and no scores', () => {
    const template = read('templates/init.yaml');
    expect(template).toContain('$schema={{SCHEMA}}');
    expect(template).toContain('year: {{YEAR}}');
    const text = initForm();
    expect(text).not.toMatch(/\{\{|\}\}/);
    const data = parse(text) as { year: number; indicators: Record<string, Record<string, { weight: number; score?: unknown }[]>> };
    expect(errorsOf(validateForm, data)).toEqual([]);
    expect(data.year).toBe(2024);
    const rows = Object.values(data.indicators).flatMap((level1) => Object.values(level1).flat());
    expect(rows.map((r) => r.weight)).toEqual([10, 20, 10, 10, 10, 5, 5, 10, 10]);
    expect(rows.every((r) => r.score === undefined)).toBe(true);
  });

  it('accepts the written forms of an amount and a rate', () => {
    const base = minimalForm();
    for (const amount of [0, 1234.22, '1,234.22', '１２３４．２２', '1，234.22', '１,２３４', ' 1234 ', null]) {
      const data = { ...base, funds: { appropriation: { annual: amount } } };
      expect(errorsOf(validateForm, data), String(amount)).toEqual([]);
    }
    for (const rate of [75.45, '75.45%', '75.45％', '90%', '７５．４５％', null]) {
      const data = { ...base, funds: { total: { rate } } };
      expect(errorsOf(validateForm, data), String(rate)).toEqual([]);
    }
  });

  it('accepts blank (null) optional blocks and an unquoted phone number', () => {
    const text = [
      'evalform: 1',
      'year: 2022',
      'project: p',
      'department: d',
      'implementer: i',
      'funds:',
      '  carryover:',
      '  other:',
      '  deviation:',
      'goals:',
      'indicators:',
      '  output:',
      '    quantity:',
      '  outcome:',
      'signoff:',
      '  phone: 81125819',
      '  date: 2023-05-22',
      'note:',
    ].join('\n');
    expect(errorsOf(validateForm, parse(text))).toEqual([]);
  });
});

function minimalForm(): Record<string, unknown> {
  return { evalform: 1, year: 2022, project: 'p', department: 'd', implementer: 'i', funds: {}, indicators: {} };
}

/** The form of examples/hunan-2022-business.yaml with one YAML fragment changed. */
function withFragment(fragment: string): unknown {
  const data = parse(read('examples/hunan-2022-business.yaml')) as Record<string, unknown>;
  return deepMerge(data, parse(fragment) as Record<string, unknown>);
}

function deepMerge(into: Record<string, unknown>, from: Record<string, unknown>): Record<string, unknown> {
  const out = { ...into };
  for (const [k, v] of Object.entries(from)) {
    const cur = out[k];
    const plain = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
    out[k] = plain(cur) && plain(v) ? deepMerge(cur, v) : v;
  }
  return out;
}

describe('invalid forms fail at the offending node', () => {
  const quantity = (body: string) => `indicators:\n  output:\n    quantity:\n      - ${body}`;
  const cases: { name: string; fragment: string; instancePath: string; keyword: string; key?: string }[] = [
    { name: 'misspelt top-level key', fragment: 'projet: x', instancePath: '', keyword: 'additionalProperties', key: 'projet' },
    {
      name: 'misspelt key in funds',
      fragment: 'funds:\n  wieght: 10',
      instancePath: '/funds',
      keyword: 'additionalProperties',
      key: 'wieght',
    },
    {
      name: 'misspelt key in a funds row',
      fragment: 'funds:\n  total:\n    anual: 1',
      instancePath: '/funds/total',
      keyword: 'additionalProperties',
      key: 'anual',
    },
    {
      name: 'misspelt key in an indicator',
      fragment: quantity('{target: a, actual: b, wieght: 10}'),
      instancePath: '/indicators/output/quantity/0',
      keyword: 'additionalProperties',
      key: 'wieght',
    },
    {
      name: 'misspelt key in rules',
      fragment: 'rules:\n  place: 2',
      instancePath: '/rules',
      keyword: 'additionalProperties',
      key: 'place',
    },
    {
      name: 'weight with a unit',
      fragment: quantity('{target: a, actual: b, weight: "10分"}'),
      instancePath: '/indicators/output/quantity/0/weight',
      keyword: 'type',
    },
    { name: 'score with a unit', fragment: 'funds:\n  score: 7.5分', instancePath: '/funds/score', keyword: 'type' },
    {
      name: 'negative amount',
      fragment: 'funds:\n  appropriation:\n    executed: -5',
      instancePath: '/funds/appropriation/executed',
      keyword: 'minimum',
    },
    {
      name: 'negative amount as text',
      fragment: 'funds:\n  appropriation:\n    executed: "-5"',
      instancePath: '/funds/appropriation/executed',
      keyword: 'pattern',
    },
    {
      name: 'amount that is not a number',
      fragment: 'funds:\n  appropriation:\n    annual: "12a.3"',
      instancePath: '/funds/appropriation/annual',
      keyword: 'pattern',
    },
    {
      name: 'amount with a misplaced separator',
      fragment: 'funds:\n  total:\n    initial: "12,34.5"',
      instancePath: '/funds/total/initial',
      keyword: 'pattern',
    },
    {
      name: 'rate without a percent sign',
      fragment: 'funds:\n  total:\n    rate: "75.45"',
      instancePath: '/funds/total/rate',
      keyword: 'pattern',
    },
    {
      name: 'unknown rating',
      fragment: quantity('{target: a, actual: b, rating: good}'),
      instancePath: '/indicators/output/quantity/0/rating',
      keyword: 'enum',
    },
    {
      name: 'indicator without actual',
      fragment: quantity('{target: a}'),
      instancePath: '/indicators/output/quantity/0',
      keyword: 'required',
      key: 'actual',
    },
    {
      name: 'severity for an unknown check',
      fragment: 'rules:\n  severity:\n    no-such-check: off',
      instancePath: '/rules/severity',
      keyword: 'additionalProperties',
      key: 'no-such-check',
    },
    {
      name: 'severity level not allowed',
      fragment: 'rules:\n  severity:\n    overspend: info',
      instancePath: '/rules/severity/overspend',
      keyword: 'enum',
    },
    { name: 'format version 2', fragment: 'evalform: 2', instancePath: '/evalform', keyword: 'const' },
    { name: 'year out of range', fragment: 'year: 22', instancePath: '/year', keyword: 'minimum' },
    { name: 'unknown money unit', fragment: 'funds:\n  unit: 千元', instancePath: '/funds/unit', keyword: 'enum' },
    {
      name: 'unknown 二级指标',
      fragment: 'indicators:\n  output:\n    quantities: []',
      instancePath: '/indicators/output',
      keyword: 'additionalProperties',
      key: 'quantities',
    },
    { name: 'total above 100', fragment: 'total: 110', instancePath: '/total', keyword: 'maximum' },
    { name: 'empty grades', fragment: 'rules:\n  grades: []', instancePath: '/rules/grades', keyword: 'minItems' },
    {
      name: 'rate cap without max_total',
      fragment: 'rules:\n  rate_caps: [{below: 80}]',
      instancePath: '/rules/rate_caps/0',
      keyword: 'required',
      key: 'max_total',
    },
    // FORMAT.md §3 1.1: caps below in (0, 100], max_total in [0, 100]; yaml-syntax, encoding and schema stay errors.
    {
      name: 'rate cap below 0',
      fragment: 'rules:\n  rate_caps: [{below: 0, max_total: 60}]',
      instancePath: '/rules/rate_caps/0/below',
      keyword: 'exclusiveMinimum',
    },
    {
      name: 'rate cap below above 100',
      fragment: 'rules:\n  rate_caps: [{below: 101, max_total: 60}]',
      instancePath: '/rules/rate_caps/0/below',
      keyword: 'maximum',
    },
    {
      name: 'rate cap max_total above 100',
      fragment: 'rules:\n  rate_caps: [{below: 80, max_total: 100.5}]',
      instancePath: '/rules/rate_caps/0/max_total',
      keyword: 'maximum',
    },
    {
      name: 'schema re-ranked',
      fragment: 'rules:\n  severity: {schema: warning}',
      instancePath: '/rules/severity/schema',
      keyword: 'enum',
    },
    {
      name: 'yaml-syntax switched off',
      fragment: 'rules:\n  severity: {yaml-syntax: off}',
      instancePath: '/rules/severity/yaml-syntax',
      keyword: 'enum',
    },
    {
      name: 'encoding re-ranked',
      fragment: 'rules:\n  severity: {encoding: warning}',
      instancePath: '/rules/severity/encoding',
      keyword: 'enum',
    },
  ];

  it.each(cases)('$name', ({ fragment, instancePath, keyword, key }) => {
    const errors = errorsOf(validateForm, withFragment(fragment));
    expect(errors.map((e) => [e.instancePath, e.keyword])).toEqual([[instancePath, keyword]]);
    const params = errors[0]?.params as Record<string, unknown>;
    if (key !== undefined) expect(params.additionalProperty ?? params.missingProperty).toBe(key);
  });

  it('a missing required top-level key is named', () => {
    const { indicators: _dropped, ...rest } = minimalForm();
    const errors = errorsOf(validateForm, rest);
    expect(errors.map((e) => [e.instancePath, e.keyword, (e.params as { missingProperty?: string }).missingProperty])).toEqual([
      ['', 'required', 'indicators'],
    ]);
  });
});

describe('evalform.config.schema.json', () => {
  it('resolves to the rules definition', () => {
    const config = {
      preset: 'mof',
      weights: { funds: 10, output: 50, outcome: 30, satisfaction: 10 },
      places: 2,
      rate_places: 2,
      rounding: 'half-even',
      negative: 'linear',
      bands: { achieved: 80, partial: 50 },
      overachievement: 130,
      explain_rate_below: 90,
      rate_caps: [
        { below: 80, max_total: 89 },
        { below: 60, max_total: 69 },
      ],
      grades: [
        { min: 95, grade: '优' },
        { min: 85, grade: '良' },
        { min: 60, grade: '中' },
        { min: 0, grade: '差' },
      ],
      severity: { 'deviation-missing': 'error', overachievement: 'off' },
    };
    expect(errorsOf(validateConfig, config)).toEqual([]);
    expect(errorsOf(validateConfig, {})).toEqual([]);
    expect(errorsOf(validateConfig, { places: 7 }).map((e) => [e.instancePath, e.keyword])).toEqual([['/places', 'maximum']]);
    expect(errorsOf(validateConfig, { rounding: 'up' }).map((e) => [e.instancePath, e.keyword])).toEqual([['/rounding', 'enum']]);
    expect(errorsOf(validateConfig, { weights: { funds: -1 } }).map((e) => [e.instancePath, e.keyword])).toEqual([
      ['/weights/funds', 'minimum'],
    ]);
    expect(errorsOf(validateConfig, { overachievement: 90 }).map((e) => [e.instancePath, e.keyword])).toEqual([
      ['/overachievement', 'minimum'],
    ]);
  });

  it("has every key of the form's rules, each described in Chinese, plus form_rules (FORMAT.md §4 1.1) and layout (§7)", () => {
    const rules = (formSchema.definitions as Record<string, { properties: Record<string, unknown> }>).rules;
    const own = configSchema.properties as Record<string, { title?: string; description?: string; $ref?: string }>;
    expect(Object.keys(own).sort()).toEqual([...Object.keys(rules?.properties ?? {}), 'form_rules', 'layout'].sort());
    for (const [key, p] of Object.entries(own)) {
      expect(/[\u4e00-\u9fff]/.test(p.title ?? '') && /[\u4e00-\u9fff]/.test(p.description ?? ''), key).toBe(true);
      if (key === 'layout') expect(p.$ref).toBe('evalform.schema.json#/properties/layout');
      else if (key !== 'form_rules') expect(p.$ref).toBe(`evalform.schema.json#/definitions/rules/properties/${key}`);
    }
    expect(configSchema.additionalProperties).toBe(false);
  });

  it('form_rules is allow or deny in a config, and not accepted in a form', () => {
    expect(errorsOf(validateConfig, { form_rules: 'deny' })).toEqual([]);
    expect(errorsOf(validateConfig, { form_rules: 'allow', places: 1 })).toEqual([]);
    expect(errorsOf(validateConfig, { form_rules: 'no' }).map((e) => [e.instancePath, e.keyword])).toEqual([['/form_rules', 'enum']]);
    const form = { ...minimalForm(), rules: { form_rules: 'allow' } };
    expect(
      errorsOf(validateForm, form).map((e) => [
        e.instancePath,
        e.keyword,
        (e.params as { additionalProperty?: string }).additionalProperty,
      ]),
    ).toEqual([['/rules', 'additionalProperties', 'form_rules']]);
  });

  it('the same rules validate inside a form', () => {
    const form = { ...minimalForm(), rules: { negative: 'linear', severity: { overspend: 'error' } } };
    expect(errorsOf(validateForm, form)).toEqual([]);
  });
});

describe('the schema describes itself', () => {
  it('yaml-syntax, encoding, schema and form-rules-denied can only be stated as error (FORMAT.md §3 1.1)', () => {
    for (const code of ['yaml-syntax', 'encoding', 'schema', 'form-rules-denied']) {
      expect(errorsOf(validateConfig, { severity: { [code]: 'error' } }), code).toEqual([]);
      for (const level of ['warning', 'off']) {
        expect(errorsOf(validateConfig, { severity: { [code]: level } }).map((e) => [e.instancePath, e.keyword])).toEqual([
          [`/severity/${code}`, 'enum'],
        ]);
      }
    }
  });

  it('severity has exactly the check codes of src/model/codes.ts', () => {
    const rules = (formSchema.definitions as Record<string, { properties: Record<string, { properties: object }> }>).rules;
    expect(Object.keys(rules?.properties.severity?.properties ?? {}).sort()).toEqual([...CHECK_CODES].sort());
  });

  it('every property has a Chinese title and description, and every object forbids unknown keys', () => {
    const cjk = /[\u4e00-\u9fff]/;
    const undescribed: string[] = [];
    const open: string[] = [];
    const walk = (node: unknown, where: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const s = node as Record<string, unknown>;
      const types = ([] as unknown[]).concat(s.type ?? []);
      if (s.properties !== undefined && (types.includes('object') || types.length === 0) && s.additionalProperties !== false)
        open.push(where);
      for (const [key, child] of Object.entries(s.properties ?? {}) as [string, Record<string, unknown>][]) {
        if (!cjk.test(String(child.title ?? '')) || !cjk.test(String(child.description ?? '')))
          undescribed.push(`${where}/properties/${key}`);
      }
      for (const [key, child] of Object.entries(s)) {
        if (key === 'default' || key === 'enum' || key === 'const') continue;
        if (typeof child === 'object' && child !== null) walk(child, `${where}/${key}`);
      }
    };
    walk(formSchema, '#');
    expect(undescribed).toEqual([]);
    expect(open).toEqual([]);
    for (const [name, def] of Object.entries(formSchema.definitions as Record<string, { title?: string; description?: string }>)) {
      expect(cjk.test(def.title ?? '') && cjk.test(def.description ?? ''), name).toBe(true);
    }
    expect(cjk.test(String(configSchema.title)) && cjk.test(String(configSchema.description))).toBe(true);
  });
});

describe('the Hunan examples are the seed as filed', () => {
  // The seed document's text, kept in the repository so this runs on any clone (see test/fixtures/seed/README.md).
  it('every text and number of both tables appears verbatim in the seed', () => {
    const seed = read('test/fixtures/seed/hunan-2022.txt');
    for (const file of EXAMPLES.slice(0, 2)) {
      const form = parse(read(file)) as {
        project: string;
        goals: { expected: string; actual: string };
        funds: { total: Record<string, number | string>; score: number };
        indicators: Record<string, Record<string, { target: string; actual: string; weight: number; score: number }[]>>;
        total: number;
        note: string;
      };
      const texts = [form.project, form.goals.expected, form.goals.actual, form.note];
      const numbers = [...Object.values(form.funds.total), form.funds.score, form.total];
      for (const rows of Object.values(form.indicators).flatMap((l1) => Object.values(l1))) {
        for (const row of rows) {
          texts.push(row.target, row.actual);
          numbers.push(row.weight, row.score);
        }
      }
      for (const t of texts) expect(seed, `${file}: ${t.slice(0, 30)}`).toContain(t);
      // A number is a whole cell of the seed: after a tab, before the end of its line.
      const cells = new Set(
        seed
          .split('\n')
          .map((l) => /\t(\S+)\s*$/.exec(l)?.[1])
          .filter(Boolean),
      );
      for (const n of numbers) expect(cells.has(String(n)), `${file}: ${n}`).toBe(true);
      expect(form.note).toBe(DEFAULT_NOTE);
    }
  });

  it('table 1 states what the paper states, including its slips', () => {
    const form = parse(read('examples/hunan-2022-business.yaml')) as Loose;
    expect(form.funds.appropriation).toEqual({ initial: 1234.22, annual: 1983.98, executed: 1472.51, rate: '75.45%' });
    expect(form.funds.total).toEqual(form.funds.appropriation);
    expect([form.funds.carryover, form.funds.other, form.funds.score, form.total, form.grade]).toEqual([{}, {}, 7.5, 97.5, undefined]);
    expect(form.signoff).toEqual({ preparer: '范建平', date: '2023-05-22', phone: '81125819', head: '' });
  });

  it('table 2 states 90%, 9 and 99', () => {
    const form = parse(read('examples/hunan-2022-operations.yaml')) as Loose;
    expect(form.funds.total).toEqual({ initial: 175.1, annual: 288, executed: 259.49, rate: '90%' });
    expect([form.funds.score, form.total, form.grade]).toEqual([9, 99, undefined]);
  });
});
