// The numbers of the json report (src/report/json-result.ts, jsonNumber) are read from a Decimal's digits where that
// is sure to give what parsing its rounded text gives: the same double, never another.
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Rounding } from '../src/model/types.js';
import { jsonNumber, jsonResult } from '../src/report/json-result.js';
import { roundTo } from '../src/score/number.js';
import { evalForm } from './helpers.js';

/** What the report printed before: the rounded value's text, parsed (a -0 as 0). */
function byText(d: Decimal, places: number, mode: Rounding): number {
  const n = Number(roundTo(d, places, mode).toString());
  return Object.is(n, -0) ? 0 : n;
}

const MODES: Rounding[] = ['half-up', 'half-even', 'down'];

/** Decimal text: up to 25 significant digits, the point anywhere in or around them, a sign. */
const decimalText = fc
  .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,25}$/), fc.integer({ min: -30, max: 30 }))
  .map(([negative, digits, shift]) => `${negative ? '-' : ''}${digits}e${shift}`);

describe('jsonNumber', () => {
  it('gives the number the rounded text reads as, for any decimal, places and rounding', () => {
    fc.assert(
      fc.property(decimalText, fc.integer({ min: 0, max: 8 }), fc.constantFrom(...MODES), (text, places, mode) => {
        const d = new Decimal(text);
        expect(Object.is(jsonNumber(d, places, mode), byText(d, places, mode))).toBe(true);
      }),
      { numRuns: 20000 },
    );
  });

  it('the same for the numbers forms hold: up to 14 digits, scores and rates, already rounded or not', () => {
    const short = fc
      .tuple(fc.boolean(), fc.stringMatching(/^[1-9][0-9]{0,13}$/), fc.integer({ min: -12, max: 8 }))
      .map(([negative, digits, shift]) => `${negative ? '-' : ''}${digits}e${shift}`);
    fc.assert(
      fc.property(short, fc.integer({ min: 0, max: 12 }), fc.constantFrom(...MODES), (text, places, mode) => {
        const d = new Decimal(text);
        expect(Object.is(jsonNumber(d, places, mode), byText(d, places, mode))).toBe(true);
      }),
      { numRuns: 20000 },
    );
  });

  it.each([
    ['7.45', 2],
    ['0.1', 2],
    ['0.3', 4],
    ['97.42', 2],
    ['100', 0],
    ['89.5', 0],
    ['1234567.8912345', 7],
    ['12345678.9123456', 7],
    ['0.0000001', 7],
    ['1e22', 0],
    ['1e23', 0],
    ['-0', 2],
    ['-0.004', 2],
    ['-3.25', 1],
    ['99999999999999.5', 0],
    ['0.30000000000000004', 17],
  ])('%s at %i decimals', (text, places) => {
    for (const mode of MODES) {
      const d = new Decimal(text);
      expect(Object.is(jsonNumber(d, places, mode), byText(d, places, mode)), `${text} ${mode}`).toBe(true);
    }
  });

  it('never gives -0', () => {
    expect(Object.is(jsonNumber(new Decimal('-0'), 2, 'half-up'), 0)).toBe(true);
    expect(Object.is(jsonNumber(new Decimal('-0.001'), 2, 'half-up'), 0)).toBe(true);
  });
});

describe('the indicators’ scores in the json report', () => {
  it('come from the engine’s exact scores as the same numbers their rounded Decimals read as', () => {
    const places = fc.integer({ min: 0, max: 4 });
    // Quantitative rows scored by formula (a ratio rounded once) and qualitative ones with a stated score of any places.
    const indicator = fc
      .tuple(
        fc.constantFrom(['≥100个', '个'], ['≤30天', '天'], ['完成', ''], ['≥95%', '%']),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 40 }),
        // A stated score of 0 to 40 points (the schema allows up to 100), written with 0 to 4 decimals.
        fc.integer({ min: 0, max: 400000 }),
        fc.integer({ min: 0, max: 4 }),
      )
      .map(([[target, unit], actual, weight, score, scorePlaces]) => ({
        target,
        actual: unit === '' ? '完成' : `${actual}${unit}`,
        weight: String(weight),
        score: (score / 10000).toFixed(scorePlaces),
      }));
    let scoredForms = 0;
    fc.assert(
      fc.property(fc.array(indicator, { minLength: 1, maxLength: 8 }), places, fc.constantFrom(...MODES), (indicators, p, mode) => {
        const ev = evalForm({ indicators }, { places: p, rounding: mode });
        const r = ev.result;
        if (!r) return;
        scoredForms++;
        const shown = jsonResult(ev).indicators.map((i) => i.score);
        expect(shown).toEqual(r.indicators.map((i) => (i.score === undefined ? null : byText(i.score, p, mode))));
      }),
      { numRuns: 200 },
    );
    expect(scoredForms).toBeGreaterThan(100);
  });
});
