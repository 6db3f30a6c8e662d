// runChecks runs the checks in one pass over a form's indicators, each indicator given only to the checks whose
// methods and readings concern it (src/checks/define.ts, IndicatorCheck). That is a way of running them, never a
// change in what they find: here it is held against the modules run one by one, as `run` gives each.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECK_MODULES, runChecks, severityOf } from '../src/checks/index.js';
import { defineCheck } from '../src/checks/define.js';
import { buildForm } from '../src/load/model.js';
import { readSource } from '../src/load/source.js';
import type { Form, RawFinding, Rules } from '../src/model/types.js';
import { computeScores } from '../src/score/compute.js';
import { resolveRules } from '../src/score/rules.js';
import type * as Schema from '../src/schema/types.js';
import { isForm } from '../src/validate/index.js';
import { generate } from './oracle/generate.js';

const CODES = new URL('./fixtures/codes/', import.meta.url);

/** The form of a YAML text, with its own rules over `base`; undefined when it is not scored. */
function scored(text: string, base: Parameters<typeof resolveRules>[0] = {}): { form: Form; rules: Rules } | undefined {
  const source = readSource(text);
  if (source.data === undefined || source.data === null || !isForm(source.data as object)) return undefined;
  const data = source.data as Schema.Form;
  const built = buildForm(data, source.numbers);
  if (built.findings.length > 0) return undefined;
  return { form: built.form, rules: resolveRules({ ...base, ...data.rules, severity: { ...base.severity, ...data.rules?.severity } }) };
}

/** Every module's whole `run`, one after the other, in CHECK_MODULES order. */
function oneByOne(form: Form, rules: Rules): RawFinding[] {
  const computed = computeScores(form, rules);
  return CHECK_MODULES.flatMap((check) => {
    const severity = severityOf(check, rules);
    if (severity === 'off' || check.run === undefined) return [];
    return check.run(computed, rules, form).map((r) => ({ ...r, code: check.code, severity }));
  });
}

const fixtures = readdirSync(CODES)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => [f, readFileSync(new URL(f, CODES), 'utf8')] as const);
const generated = Array.from({ length: 300 }, (_, n) => [`seed ${n + 1}`, generate(n + 1).yaml] as const);

describe('runChecks', () => {
  it('finds what the modules find one by one, in their order, on the code fixtures and 300 generated forms', () => {
    let findings = 0;
    let forms = 0;
    for (const [name, text] of [...fixtures, ...generated]) {
      const s = scored(text);
      if (s === undefined) continue;
      forms++;
      const all = runChecks(computeScores(s.form, s.rules), s.rules, s.form);
      expect(all, name).toStrictEqual(oneByOne(s.form, s.rules));
      findings += all.length;
    }
    // The comparison is not empty: most of these forms are scored, and many have findings.
    expect(forms).toBeGreaterThan(250);
    expect(findings).toBeGreaterThan(300);
  });

  it('keeps the severity of each Rules, also where Rules differ only beyond it', () => {
    const text = readFileSync(new URL('deviation-missing.yaml', CODES), 'utf8');
    const severityOfFinding = (base: Parameters<typeof resolveRules>[0]) => {
      const s = scored(text, base);
      if (s === undefined) throw new Error('not scored');
      return runChecks(computeScores(s.form, s.rules), s.rules, s.form).map((f) => [f.code, f.severity]);
    };
    expect(severityOfFinding({})).toEqual([['deviation-missing', 'warning']]);
    expect(severityOfFinding({ severity: { 'deviation-missing': 'error' } })).toEqual([['deviation-missing', 'error']]);
    expect(severityOfFinding({ negative: 'linear' })).toEqual([['deviation-missing', 'warning']]);
    expect(severityOfFinding({ negative: 'linear', severity: { 'deviation-missing': 'error' } })).toEqual([['deviation-missing', 'error']]);
    expect(severityOfFinding({ negative: 'linear', severity: { 'deviation-missing': 'off' } })).toEqual([]);
  });
});

describe('an indicator check', () => {
  const s = scored(readFileSync(new URL('unit-mismatch.yaml', CODES), 'utf8'));
  if (s === undefined) throw new Error('not scored');
  const computed = computeScores(s.form, s.rules);
  const seen = (indicator: Parameters<typeof defineCheck>[0]['indicator']) => {
    const names: string[] = [];
    const check = defineCheck({
      code: 'probe',
      severity: 'warning',
      summary: '探针',
      help: '探针',
      run: () => [{ path: '/funds', message: '表' }],
      indicator: indicator && {
        ...indicator,
        run: (i) => {
          names.push(`${i.method} ${i.reading.kind}`);
          return { path: i.path, message: i.name };
        },
      },
    });
    const reports = check.run?.(computed, s.rules, s.form) ?? [];
    return { names, reports };
  };
  const kinds = computed.indicators.map((i) => `${i.method} ${i.reading.kind}`);

  it('is given every indicator without filters, after its form-level reports', () => {
    const { names, reports } = seen({ run: () => undefined });
    expect(names).toEqual(kinds);
    expect(reports.map((r) => r.path)).toEqual(['/funds', ...computed.indicators.map((i) => i.path)]);
  });

  it('is given only the indicators of its methods and readings', () => {
    expect(new Set(kinds).size).toBeGreaterThan(1);
    expect(seen({ methods: ['qualitative'], run: () => undefined }).names).toEqual(kinds.filter((k) => k.startsWith('qualitative ')));
    expect(seen({ readings: ['unit-mismatch'], run: () => undefined }).names).toEqual(kinds.filter((k) => k.endsWith(' unit-mismatch')));
    expect(seen({ methods: ['positive'], readings: ['unit-mismatch'], run: () => undefined }).names).toEqual([]);
  });

  it('is given only the indicators that have the value it asks for', () => {
    const other = scored(readFileSync(new URL('score-mismatch.yaml', CODES), 'utf8'));
    if (other === undefined) throw new Error('not scored');
    const { indicators } = computeScores(other.form, other.rules);
    const paths: string[] = [];
    const check = defineCheck({
      code: 'probe',
      severity: 'warning',
      summary: '探针',
      help: '探针',
      indicator: {
        has: 'scoreCheck',
        run: (i) => {
          paths.push(i.path);
          return undefined;
        },
      },
    });
    check.run?.(computeScores(other.form, other.rules), other.rules, other.form);
    const withCheck = indicators.filter((i) => i.scoreCheck !== undefined).map((i) => i.path);
    expect(withCheck.length).toBeGreaterThan(0);
    expect(withCheck.length).toBeLessThan(indicators.length);
    expect(paths).toEqual(withCheck);
  });
});
