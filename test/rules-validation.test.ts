// Issue 9, items 9 and 10: rules are checked when read, in a config and in a form's own `rules:` (FORMAT.md §3
// 1.1, §4), and `form_rules: deny` keeps a filer from changing the rules of their own form.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/evaluate.js';
import { evalForm } from './helpers.js';

const CONFIG = 'evalform.config.yaml';

/** [code, path, line, column] of each finding of a config text; the layer is refused whenever there is one. */
function config(text: string) {
  const { layer, findings } = parseConfig(text, CONFIG);
  return {
    layer,
    found: findings.map((f) => [f.code, f.path, f.line, f.column]),
    messages: findings.map((f) => f.message),
    files: findings.map((f) => f.file),
  };
}

describe('a config that breaks the rules of FORMAT.md §3 1.1 is a config error at its node', () => {
  it.each<[string, string, [string, number, number]]>([
    ['grades without min: 0', 'places: 2\ngrades: [{min: 90, grade: 优}, {min: 80, grade: 良}, {min: 60, grade: 中}]\n', ['/grades', 2, 9]],
    ['bands.partial above bands.achieved', 'bands:\n  achieved: 60\n  partial: 80\n', ['/bands/partial', 3, 12]],
    ['bands.partial above the preset achieved (80)', 'bands: {partial: 85}\n', ['/bands/partial', 1, 18]],
    ['bands.achieved below the preset partial (60)', 'bands: {achieved: 50}\n', ['/bands/achieved', 1, 19]],
    ['a rate cap below 0%', 'rate_caps: [{below: 0, max_total: 59}]\n', ['/rate_caps/0/below', 1, 21]],
    ['a rate cap below more than 100%', 'rate_caps:\n  - below: 100.5\n    max_total: 59\n', ['/rate_caps/0/below', 2, 12]],
    ['a rate cap max_total above 100', 'rate_caps:\n  - below: 80\n    max_total: 101\n', ['/rate_caps/0/max_total', 3, 16]],
    ['a rate cap max_total below 0', 'rate_caps:\n  - below: 80\n    max_total: -1\n', ['/rate_caps/0/max_total', 3, 16]],
    ['severity re-ranking schema', 'severity:\n  schema: warning\n', ['/severity/schema', 2, 11]],
    ['severity switching off yaml-syntax', 'severity: {yaml-syntax: off}\n', ['/severity/yaml-syntax', 1, 25]],
    ['severity re-ranking encoding', 'severity:\n  encoding: warning\n', ['/severity/encoding', 2, 13]],
  ])('%s', (_, text, [path, line, column]) => {
    const got = config(text);
    expect(got.layer).toBeUndefined();
    expect(got.found).toEqual([['schema', path, line, column]]);
    expect(got.files).toEqual([CONFIG]);
    expect(got.messages[0]).toMatch(/[\u4e00-\u9fff]/);
  });

  it('messages name the numbers', () => {
    expect(config('bands: {achieved: 60, partial: 80}\n').messages[0]).toMatch(/80.*60/);
    expect(config('bands: {partial: 85}\n').messages[0]).toMatch(/85.*80/);
    expect(config('grades: [{min: 90, grade: 优}, {min: 60, grade: 中}]\n').messages[0]).toContain('60');
  });

  it.each<[string, string]>([
    ['grades with min: 0 in any order', 'grades: [{min: 0, grade: 差}, {min: 95, grade: 优}]\n'],
    ['bands equal', 'bands: {achieved: 70, partial: 70}\n'],
    ['bands.partial lowered under the preset achieved', 'bands: {partial: 50}\n'],
    ['a cap below 100%', 'rate_caps: [{below: 100, max_total: 0}]\n'],
    ['severity of schema stated as error (not re-ranked)', 'severity: {schema: error, encoding: error, yaml-syntax: error}\n'],
  ])('accepts %s', (_, text) => {
    const got = config(text);
    expect(got.found).toEqual([]);
    expect(got.layer).toBeDefined();
  });
});

describe("a form's own rules that break them are a schema finding at the node, and the form is not scored", () => {
  it.each<[string, string, string]>([
    ['grades without min: 0 (69.5 would be 良)', 'grades: [{min: 90, grade: 优}, {min: 80, grade: 良}]', '/rules/grades'],
    ['bands.partial above bands.achieved', 'bands: {achieved: 60, partial: 80}', '/rules/bands/partial'],
    ['a rate cap below 0', 'rate_caps: [{below: 0, max_total: 60}]', '/rules/rate_caps/0/below'],
    ['severity of schema', 'severity: {schema: off}', '/rules/severity/schema'],
    ['severity of encoding', 'severity: {encoding: warning}', '/rules/severity/encoding'],
  ])('%s', (_, rules, path) => {
    const ev = evalForm({ rules });
    expect(ev.result).toBeUndefined();
    expect(ev.findings.map((f) => [f.code, f.path])).toEqual([['schema', path]]);
  });

  it('bands are judged against the config beneath the form', () => {
    const ev = evalForm({ rules: 'bands: {partial: 70}' }, { bands: { achieved: 65 } });
    expect(ev.result).toBeUndefined();
    expect(ev.findings.map((f) => [f.code, f.path])).toEqual([['schema', '/rules/bands/partial']]);
    expect(ev.findings[0]?.message).toMatch(/70.*65/);
    expect(evalForm({ rules: 'bands: {partial: 60}' }, { bands: { achieved: 65 } }).result).toBeDefined();
  });
});

describe('form_rules: allow | deny (FORMAT.md §4 1.1)', () => {
  const own = 'explain_rate_below: 50\nseverity: {rate-explanation-missing: off}';
  // 80% spent with no explanation: the config's 90% threshold asks for one, the form's own rules would not.
  const form = (rules: string | undefined, deny: 'allow' | 'deny' | undefined) =>
    evalForm({ appropriation: { annual: '100', executed: '80' }, rules }, deny === undefined ? undefined : { form_rules: deny });

  it('is a config key, allow or deny', () => {
    expect(config('form_rules: deny\n').layer).toEqual({ form_rules: 'deny' });
    expect(config('form_rules: allow\n').found).toEqual([]);
    expect(config('form_rules: no\n').found).toEqual([['schema', '/form_rules', 1, 13]]);
  });

  it('under deny, a form with its own rules gets form-rules-denied at the rules key and is scored with the config alone', () => {
    const ev = form(own, 'deny');
    expect(ev.result).toBeDefined();
    expect(ev.findings.map((f) => [f.code, f.severity, f.path])).toEqual([
      ['rate-explanation-missing', 'warning', '/funds/deviation'],
      ['form-rules-denied', 'error', '/rules'],
    ]);
    const denied = ev.findings.find((f) => f.code === 'form-rules-denied');
    expect(denied?.column).toBe(1);
    expect(ev.result?.rules.explain_rate_below.toString()).toBe('90');
    expect(ev.result?.rules.severity).toEqual({});
  });

  it('under allow (the default), the form changes its own rules', () => {
    for (const deny of ['allow', undefined] as const) {
      const ev = form(own, deny);
      expect(ev.findings).toEqual([]);
      expect(ev.result?.rules.explain_rate_below.toString()).toBe('50');
    }
  });

  it('an empty rules: {} is not denied', () => {
    const ev = form('{}', 'deny');
    expect(ev.findings.map((f) => f.code)).toEqual(['rate-explanation-missing']);
  });

  it('under deny, the denied rules are not judged against the config (they are not used)', () => {
    const ev = evalForm({ rules: 'bands: {partial: 90}' }, { form_rules: 'deny' });
    expect(ev.result).toBeDefined();
    expect(ev.findings.map((f) => f.code)).toEqual(['form-rules-denied']);
  });

  it("form_rules in a form's own rules is rejected by the schema", () => {
    const ev = evalForm({ rules: 'form_rules: allow' });
    expect(ev.result).toBeUndefined();
    expect(ev.findings.map((f) => [f.code, f.path])).toEqual([['schema', '/rules/form_rules']]);
  });

  it('form-rules-denied cannot be re-ranked or switched off', () => {
    expect(config('severity: {form-rules-denied: off}\n').found).toEqual([['schema', '/severity/form-rules-denied', 1, 31]]);
    expect(config('severity: {form-rules-denied: error}\n').found).toEqual([]);
  });
});
