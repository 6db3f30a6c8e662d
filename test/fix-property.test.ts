// `--fix` on generated forms (test/oracle/generate.ts: every scoring rule, rounding mode, places, caps and grades)
// whose stated rates, scores, total and grade are then made wrong, in every style a form may write them: the fix
// leaves nothing fixable, changes the text only inside the scalars it fixed, adds no finding, and a second run
// changes nothing (test/fix-helpers.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixAndCheck } from './fix-helpers.js';
import { generate } from './oracle/generate.js';

if (process.env.EVALFORM_FUZZ_SEED) fc.configureGlobal({ seed: Number(process.env.EVALFORM_FUZZ_SEED) });

/** How one stated value is rewritten wrong: a number of 0–3 decimals, with or without %, quoted or not, with or
 * without a comment after it. */
const wrong = fc.record({
  digits: fc.integer({ min: 0, max: 99_999 }),
  places: fc.integer({ min: 0, max: 3 }),
  percent: fc.boolean(),
  quote: fc.constantFrom('', '"', "'"),
  comment: fc.boolean(),
  grade: fc.constantFrom('优', '良', '中', '差', '"良"', "'差'"),
  touch: fc.boolean(),
});

type Wrong = typeof wrong extends fc.Arbitrary<infer T> ? T : never;

/** The form with each stated rate, score, total and grade that `plan` touches replaced (or a stated value added
 * for a rate, which the generated forms often leave out). Scores and totals stay plain: the schema wants numbers. */
function corrupt(yaml: string, plan: readonly Wrong[]): string {
  let k = 0;
  return yaml.replace(/^( *)(rate|score|total|grade): (.*)$/gm, (line, indent: string, key: string) => {
    const w = plan[k++ % plan.length] as Wrong;
    if (!w.touch) return line;
    const number = (w.digits / 10 ** w.places).toFixed(w.places);
    const comment = w.comment ? '   # as stated' : '';
    if (key === 'grade') return `${indent}grade: ${w.grade}${comment}`;
    if (key === 'rate') {
      const text = `${number}${w.percent ? '%' : ''}`;
      return `${indent}rate: ${w.quote}${text}${w.quote}${comment}`;
    }
    return `${indent}${key}: ${number}${comment}`;
  });
}

describe('--fix on generated forms with wrong stated values', () => {
  it('leaves nothing fixable, touches only the fixed scalars, adds no finding, and is idempotent', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(wrong, { minLength: 1, maxLength: 12 }), (seed, plan) => {
        const yaml = corrupt(generate(seed).yaml, plan);
        fixAndCheck(yaml, `generated-${seed}.yaml`);
      }),
      { numRuns: 80 },
    );
  });

  it('CRLF line ends and a BOM survive on generated forms too', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.array(wrong, { minLength: 1, maxLength: 12 }), (seed, plan) => {
        const yaml = `\uFEFF${corrupt(generate(seed).yaml, plan).replace(/\n/g, '\r\n')}`;
        fixAndCheck(yaml, `generated-${seed}.yaml`);
      }),
      { numRuns: 30 },
    );
  });

  it('never writes a value the form would not read with: a computed 总分 above 100 stays a finding', () => {
    // Seed 23's weights add up to 188 (a weights-sum error): its scores add up to 100.22, which no 总分 may be.
    const yaml = generate(23).yaml.replace(/^( *)(score|total): .*$/gm, '$1$2: 5');
    const result = fixAndCheck(yaml, 'generated-23.yaml');
    expect(result.refused).toEqual([{ path: '/total', code: 'total-mismatch' }]);
    expect(result.evaluation.findings.find((f) => f.code === 'total-mismatch')?.message).toContain('100.22');
    expect(result.fixed.length).toBeGreaterThan(0);
  });
});
