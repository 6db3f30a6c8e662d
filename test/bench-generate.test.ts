// The benchmark's form generator: deterministic, varied, and every form finds exactly the faults put into it.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';
import type { Evaluation } from '../src/model/types.js';
import { generateForms, loadPools, type GeneratedForm } from '../bench/generate.mjs';

const pools = loadPools();
const forms = generateForms(300, 1, pools);
const evals = new Map<GeneratedForm, Evaluation>(forms.map((f) => [f, evaluate(f.text, f.path)]));
const codesOf = (f: GeneratedForm, severity?: string): string[] =>
  [
    ...new Set(
      evals
        .get(f)!
        .findings.filter((x) => severity === undefined || x.severity === severity)
        .map((x) => x.code),
    ),
  ].sort();

describe('bench/generate.mjs', () => {
  it('gives the same forms for the same seed and different forms for another seed', () => {
    const again = generateForms(20, 1, pools);
    expect(again.map((f) => f.text)).toEqual(forms.slice(0, 20).map((f) => f.text));
    const other = generateForms(20, 2, pools);
    expect(other.filter((f, i) => f.text !== forms[i]!.text)).toHaveLength(20);
  });

  it('reports each injected fault, and no error that was not injected (stated values otherwise agree)', () => {
    const wrong = forms.flatMap((f) => {
      const errors = codesOf(f, 'error');
      const all = codesOf(f);
      const missing = f.faults.filter((c) => !all.includes(c));
      const extra = errors.filter((c) => !f.faults.includes(c));
      return missing.length + extra.length > 0 ? [{ path: f.path, missing, extra }] : [];
    });
    expect(wrong).toEqual([]);
  });

  it('breaks only the forms it marks unrenderable, with a yaml-syntax or schema finding', () => {
    for (const f of forms) {
      expect(evals.get(f)!.result !== undefined, f.path).toBe(f.renderable);
      if (!f.renderable)
        expect(
          codesOf(f, 'error').some((c) => c === 'yaml-syntax' || c === 'schema'),
          f.path,
        ).toBe(true);
    }
    const broken = forms.filter((f) => !f.renderable).length;
    expect(broken).toBeGreaterThan(0);
    expect(broken).toBeLessThan(forms.length * 0.08);
  });

  it('mixes clean forms with forms that have errors, and covers most check codes', () => {
    const withErrors = forms.filter((f) => codesOf(f, 'error').length > 0).length;
    expect(withErrors / forms.length).toBeGreaterThan(0.25);
    expect(withErrors / forms.length).toBeLessThan(0.75);
    const seen = new Set(forms.flatMap((f) => codesOf(f)));
    for (const code of [
      'weights-sum',
      'level-weights',
      'rate-mismatch',
      'funds-total-mismatch',
      'funds-score-mismatch',
      'score-mismatch',
      'total-mismatch',
      'grade-mismatch',
      'rating-band',
      'deviation-missing',
      'rate-explanation-missing',
      'schema',
      'yaml-syntax',
    ]) {
      expect(seen, code).toContain(code);
    }
  });

  it('varies names, sizes, indicator counts, methods and the ways numbers are written', () => {
    expect(new Set(forms.map((f) => f.path)).size).toBe(forms.length);
    const projects = forms.map((f) => /^project: (.*)$/m.exec(f.text)?.[1]);
    expect(new Set(projects).size).toBe(forms.length);
    expect(new Set(forms.map((f) => f.indicators)).size).toBeGreaterThanOrEqual(10);
    expect(new Set(forms.map((f) => f.path.split('/')[0])).size).toBeGreaterThanOrEqual(8);

    const methods = new Set([...evals.values()].flatMap((ev) => ev.result?.indicators.map((i) => i.method) ?? []));
    expect([...methods].sort()).toEqual(['equal', 'negative', 'not-applicable', 'positive', 'qualitative']);
    const some = (re: RegExp) => forms.some((f) => re.test(f.text));
    expect(some(/^ {2}unit: 元$/m)).toBe(true);
    expect(some(/: "\d{1,3}(,\d{3})+\.\d+"$/m)).toBe(true);
    expect(some(/: "[０-９]+/m)).toBe(true);
    expect(some(/万元"$/m) && some(/\d元"$/m)).toBe(true);
    expect(some(/^rules:\n {2}negative: linear$/m)).toBe(true);
    const sizes = forms.map((f) => f.text.length);
    expect(Math.min(...sizes)).toBeGreaterThan(1500);
    expect(Math.max(...sizes)).toBeGreaterThan(2 * Math.min(...sizes));
  });
});
