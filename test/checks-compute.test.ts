// computeScores only computes, and the checks only judge what it computed: each module run on its own.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKS, runChecks } from '../src/checks/index.js';
import { buildForm } from '../src/load/model.js';
import { readSource } from '../src/load/source.js';
import type { Form } from '../src/model/types.js';
import { computeScores, readIndicator } from '../src/score/compute.js';
import { resolveRules } from '../src/score/rules.js';
import type * as Schema from '../src/schema/types.js';

function formOf(text: string): Form {
  const source = readSource(text);
  const built = buildForm(source.data as Schema.Form, source.numbers);
  expect(built.findings).toEqual([]);
  return built.form;
}

const fixture = (code: string) => readFileSync(new URL(`./fixtures/codes/${code}.yaml`, import.meta.url), 'utf8');
const CLEAN = fixture('clean');

describe('computeScores', () => {
  it('holds values, not findings', () => {
    const computed = computeScores(formOf(fixture('score-mismatch')), resolveRules());
    expect(Object.keys(computed)).not.toContain('findings');
    expect(computed.indicators.some((i) => i.scoreCheck?.agrees === false)).toBe(true);
  });

  it.each([
    ['/', '5个', 'not-applicable'],
    ['全年完成培训', '完成', 'prose'],
    ['≤30天', '平均36天', 'actual-not-quantity'],
    ['≥100个', '120人', 'unit-mismatch'],
    ['≥90%', '0.95', 'fraction-for-percent'],
    ['≥90%', '0', 'quantities'],
    ['控制在300万元以内', '2500000元', 'quantities'],
  ])('reads %s against %s as %s', (target, actual, kind) => {
    expect(readIndicator({ target, actual }).kind).toBe(kind);
  });

  it('keeps the reading of quantities in one unit, and the direction of the target', () => {
    expect(readIndicator({ target: '控制在300万元以内', actual: '2500000元' })).toMatchObject({
      kind: 'quantities',
      direction: 'negative',
    });
    const r = readIndicator({ target: '控制在300万元以内', actual: '2500000元' });
    if (r.kind !== 'quantities') throw new Error(r.kind);
    expect([r.A.toString(), r.B.toString()]).toEqual(['300', '250']);
  });

  it('marks the funds rows read and the one the funds score is taken on', () => {
    const { funds } = computeScores(formOf(CLEAN), resolveRules());
    const row = (key: string) => funds.rows.find((r) => r.key === key);
    expect([row('total')?.read, row('total')?.computed, row('appropriation')?.read]).toEqual([false, true, true]);
    expect(row('appropriation')?.scoresFunds).toBe(true);
    expect(funds.rateExact?.toJSON()).toBe('95');
  });
});

describe('each check judges the computed result', () => {
  it('a module run alone gives what it gives within runChecks', () => {
    const form = formOf(fixture('rating-band'));
    const rules = resolveRules();
    const computed = computeScores(form, rules);
    const alone = CHECKS['rating-band'].run?.(computed, rules, form) ?? [];
    expect(alone).toHaveLength(1);
    const all = runChecks(computed, rules, form).filter((f) => f.code === 'rating-band');
    expect(all).toEqual(alone.map((r) => ({ ...r, code: 'rating-band', severity: 'error' })));
  });

  it('a check turned off is not run, and a re-ranked one carries its new severity', () => {
    const form = formOf(fixture('deviation-missing'));
    const off = resolveRules({ severity: { 'deviation-missing': 'off' } });
    expect(runChecks(computeScores(form, off), off, form)).toEqual([]);
    const up = resolveRules({ severity: { 'deviation-missing': 'error' } });
    expect(runChecks(computeScores(form, up), up, form).map((f) => [f.code, f.severity])).toEqual([['deviation-missing', 'error']]);
  });

  it('schema: an applicable indicator without a weight is scored at weight 0 and said to lack it', () => {
    const form = formOf(CLEAN.replace('weight: 30\n        score: 30', 'score: 30'));
    const rules = resolveRules();
    const computed = computeScores(form, rules);
    expect(computed.indicators[0]?.weight.toString()).toBe('0');
    expect(CHECKS.schema.run?.(computed, rules, form)).toEqual([
      { path: '/indicators/output/quantity/0', message: '指标“培训人次”缺少分值（weight）；不适用的指标请把年度指标值写成 /' },
    ]);
    // Not where the indicator does not apply: it may leave its weight out.
    const na = formOf(CLEAN.replace('weight: 30\n        score: 30', 'score: 30').replace('target: ≥100人次', 'target: /'));
    expect(CHECKS.schema.run?.(computeScores(na, rules), rules, na)).toEqual([]);
  });
});
