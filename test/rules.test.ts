// Rules in force: the preset, then evalform.config.yaml, then the form's own `rules:` (FORMAT.md §4).
import { describe, expect, it } from 'vitest';
import { MOF, resolveRules } from '../src/score/rules.js';
import type { Rules } from '../src/model/types.js';
import { evalForm, scored } from './helpers.js';

/** Rules as plain strings, so they compare with toEqual. */
function plainRules(r: Rules) {
  return {
    ...r,
    weights: Object.fromEntries(Object.entries(r.weights).map(([k, v]) => [k, v.toString()])),
    bands: { achieved: r.bands.achieved.toString(), partial: r.bands.partial.toString() },
    overachievement: r.overachievement.toString(),
    explain_rate_below: r.explain_rate_below.toString(),
    rate_caps: r.rate_caps.map((c) => ({ below: c.below.toString(), max_total: c.max_total.toString() })),
    grades: r.grades.map((g) => ({ min: g.min.toString(), grade: g.grade })),
  };
}

describe('resolveRules', () => {
  it('with no layer is the mof preset of FORMAT.md §4', () => {
    expect(plainRules(resolveRules())).toEqual({
      preset: 'mof',
      weights: { funds: '10', output: '50', outcome: '30', satisfaction: '10' },
      places: 2,
      rate_places: 2,
      rounding: 'half-up',
      negative: 'ratio',
      bands: { achieved: '80', partial: '60' },
      overachievement: '130',
      explain_rate_below: '90',
      rate_caps: [],
      grades: [
        { min: '90', grade: '优' },
        { min: '80', grade: '良' },
        { min: '60', grade: '中' },
        { min: '0', grade: '差' },
      ],
      severity: {},
    });
    expect(resolveRules(undefined, undefined)).toEqual(resolveRules());
  });

  it('later layers win key by key', () => {
    const r = resolveRules({ places: 1, rounding: 'down', negative: 'linear' }, { places: 3 });
    expect([r.places, r.rounding, r.negative]).toEqual([3, 'down', 'linear']);
  });

  it('weights, bands and severity merge by sub-key', () => {
    const r = plainRules(
      resolveRules(
        { weights: { funds: 20, output: 40 }, bands: { achieved: 90 }, severity: { overspend: 'error', overachievement: 'off' } },
        { weights: { output: 45 }, bands: { partial: 50 }, severity: { overachievement: 'warning' } },
      ),
    );
    expect(r.weights).toEqual({ funds: '20', output: '45', outcome: '30', satisfaction: '10' });
    expect(r.bands).toEqual({ achieved: '90', partial: '50' });
    expect(r.severity).toEqual({ overspend: 'error', overachievement: 'warning' });
  });

  it('lists are replaced whole, and grades are sorted highest first', () => {
    const r = plainRules(
      resolveRules(
        {
          rate_caps: [
            { below: 80, max_total: 89 },
            { below: 60, max_total: 69 },
          ],
          grades: [
            { min: 60, grade: '合格' },
            { min: 0, grade: '不合格' },
          ],
        },
        {
          rate_caps: [{ below: 50, max_total: 59 }],
          grades: [
            { min: 0, grade: 'D' },
            { min: 95, grade: 'A' },
            { min: 85, grade: 'B' },
          ],
        },
      ),
    );
    expect(r.rate_caps).toEqual([{ below: '50', max_total: '59' }]);
    expect(r.grades).toEqual([
      { min: '95', grade: 'A' },
      { min: '85', grade: 'B' },
      { min: '0', grade: 'D' },
    ]);
  });

  it('reads decimal rule values exactly', () => {
    const r = resolveRules({ weights: { funds: 0.1, output: 0.2 }, explain_rate_below: 89.95, bands: { achieved: 79.99 } });
    expect(r.weights.funds.plus(r.weights.output).toString()).toBe('0.3');
    expect(r.explain_rate_below.toString()).toBe('89.95');
    expect(r.bands.achieved.toString()).toBe('79.99');
  });

  it('does not change the preset it starts from', () => {
    resolveRules({ weights: { funds: 50 }, severity: { overspend: 'off' }, rate_caps: [{ below: 1, max_total: 1 }] });
    expect(MOF.weights.funds).toBe(10);
    expect(MOF.severity).toEqual({});
    expect(MOF.rate_caps).toEqual([]);
  });
});

describe('rules in a form', () => {
  it("the form's rules override the config layer, which overrides the preset", () => {
    const r = scored(
      { rules: 'places: 1\nseverity: {overspend: off}' },
      { places: 3, rounding: 'down', severity: { overachievement: 'off' } },
    );
    expect(r.rules.places).toBe(1);
    expect(r.rules.rounding).toBe('down');
    expect(r.rules.severity).toEqual({ overachievement: 'off', overspend: 'off' });
  });

  it.each<[string, string, string, RegExp]>([
    ['an unknown rounding', 'rounding: bankers', '/rules/rounding', /half-up/],
    ['an unknown check in severity', 'severity: {no-such-check: off}', '/rules/severity/no-such-check', /未知字段 “no-such-check”/],
    ['a misspelt key', 'negativ: linear', '/rules/negativ', /是否应为 “negative”/],
  ])('%s is a schema finding, and the form is not scored', (_, rules, path, message) => {
    const ev = evalForm({ rules });
    expect(ev.result).toBeUndefined();
    expect(ev.findings.map((f) => [f.code, f.path])).toEqual([['schema', path]]);
    expect(ev.findings[0]?.message).toMatch(message);
  });
});
