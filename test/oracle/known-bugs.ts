// The classes of disagreement the differential test found on the engine when it was written: each is a
// precise model of the engine's observed (wrong) behaviour, with the FORMAT.md sentence it breaks.
//
// A disagreement is put in a class only when that class's model reproduces the engine's value (or
// verdict) exactly; anything else stays unclassified and fails the test with its seed and YAML. The
// allow-list in test/differential.test.ts says which classes are tolerated for now: the lead removes
// each entry once the engine fix for it is merged. Nothing here changes what the oracle expects.
import { fromJsonNumber, Rational, type Rounding } from './rational.js';
import { gradeOf, type OracleResult } from './scorer.js';
import type { Disagreement, EngineJson } from './compare.js';

export const BUG_CLASSES = {
  'divide-before-multiply': {
    what: 'a quantitative indicator or the funds score computed as w × (B ÷ A) with the quotient first rounded to 20 significant digits, so an exact tie such as 3 × 74.5 ÷ 300 = 0.745 lands just off it (0.74499… → 0.74)',
    rule: 'FORMAT.md §3, 1.1 Settled points: "Exact arithmetic. Every formula is evaluated exactly (the values are rational) and rounded once, at the end. No intermediate quotient is rounded: 3 × 74.5 ÷ 300 is exactly 0.745, which rounds half-up to 0.75, not 0.74. This holds for every method, the funds score and the rate."',
  },
  'rate-rounded-half-up': {
    what: 'the 执行率 printed as `funds.rate` is rounded half-up at rate_places whatever rules.rounding says (down: 48.85% → 48.9 instead of 48.8)',
    rule: 'FORMAT.md §3, 1.1 Settled points: "One rounding mode. `rules.rounding` applies to every rounded number: component scores (at `places`), the 执行率 (at `rate_places`), …"',
  },
  'agreement-half-up': {
    what: 'a stated value (执行率, funds 得分, indicator 得分, 总分) is judged by rounding the computed value half-up to the stated decimals whatever rules.rounding says (down: stated 7 against 7.5299 is reported as a mismatch)',
    rule: 'FORMAT.md §3, 1.1 Settled points: "One rounding mode. `rules.rounding` applies to every rounded number: … and the agreement of stated values (a stated `97.80%` agrees with 97.8086% under `down`, not under `half-up`)."',
  },
  'capped-total-rerounded': {
    what: 'a total limited by a rate cap is rounded again to `places` in the JSON (cap 89.5, places 0 → 90)',
    rule: 'FORMAT.md §3, 1.1 Settled points: "The capped total is not rounded again: a cap of 89.5 gives a total of 89.5 whatever `places`."',
  },
  'exceeds-suppresses-mismatch': {
    what: 'a stated score above its weight gets `score-exceeds-weight` but not `score-mismatch` / `funds-score-mismatch`, although it also disagrees with the computed score',
    rule: 'FORMAT.md §3, 1.1 Settled points: "Each check stands on its own condition: a stated score above its weight that also disagrees with the computed one gets both `score-exceeds-weight` and `score-mismatch` (or `funds-score-mismatch`)."',
  },
  'zero-budget-not-per-row': {
    what: 'zero-budget is reported only when the 年度资金总额 has no budget, once (on the first row); a row that spends with a 全年预算数 of 0 beside rows that have a budget is not flagged, nor a second such row',
    rule: 'FORMAT.md §3, 1.1 Settled points: "Budgets. `zero-budget` applies to every funds row: a row that spends with a 全年预算数 of 0 or none is flagged on that row, and its spending still counts in the 年度资金总额."',
  },
  'zero-budget-without-rows': {
    what: 'a funds block with no rows at all (no budget, nothing spent) gets no zero-budget',
    rule: 'FORMAT.md §3, 1.1 Settled points: "Budgets. … A form whose 年度资金总额 has no budget at all gets `zero-budget` even when nothing was spent."',
  },
  'actual-not-quantity-unimplemented': {
    what: 'the engine has no `actual-not-quantity` check: a quantity target against a prose actual that says a number (≤30天 / 平均36天, ≥120处 / 完成126处, FORMAT.md\'s own examples) is never reported',
    rule: 'FORMAT.md §2 (1.1): "A quantity target whose actual is prose (`≤30天` against `平均36天`, `≥120处` against `完成126处`) is the `actual-not-quantity` finding: the stated score is then used, but the form must say the number plainly for it to be checked." (§5 lists the code.)',
  },
  'follows-from-above': {
    what: 'a total, grade, total-mismatch or grade-mismatch that differs only because a component score differs in a class above: the engine is consistent with its own components',
    rule: '(a consequence, tolerated exactly when every component disagreement of the same form is)',
  },
} as const;

export type BugClass = keyof typeof BUG_CLASSES;

// ---------------------------------------------------------------------------------------------
// decimal.js at its default precision: 20 significant digits, ROUND_HALF_UP.

const pow10 = (k: number): Rational => (k >= 0 ? Rational.of(10n ** BigInt(k)) : Rational.of(1n, 10n ** BigInt(-k)));
const digits = (n: bigint): number => (n < 0n ? -n : n).toString().length;

/** x ≥ 0 rounded to `sd` significant digits, half-up. */
export function sig(x: Rational, sd = 20): Rational {
  if (x.isZero()) return x;
  let e = digits(x.num) - digits(x.den); // 10^e ≤ x < 10^(e+1), corrected below
  if (x.lt(pow10(e))) e -= 1;
  if (!x.lt(pow10(e + 1))) e += 1;
  const places = sd - 1 - e;
  if (places >= 0) return x.round(places, 'half-up');
  return x.div(pow10(-places)).round(0, 'half-up').mul(pow10(-places));
}

const ONE = Rational.ONE;
const min1 = (x: Rational): Rational => Rational.min(x, ONE);

/** Unrounded scores a divide-first engine gives a quantitative indicator. */
function divideFirstIndicator(method: string, w: Rational, A: Rational, B: Rational, negative: 'ratio' | 'linear'): Rational[] {
  if (method !== 'negative') return A.isZero() ? [w] : [sig(w.mul(min1(sig(B.div(A)))))];
  if (negative === 'ratio') return B.isZero() ? [w] : [sig(w.mul(min1(sig(A.div(B)))))];
  if (B.le(A)) return [w];
  if (!B.lt(A.add(A))) return [Rational.ZERO];
  const over = sig(sig(B.sub(A)).div(A));
  return [sig(w.mul(sig(ONE.sub(over)))), sig(w.mul(ONE.sub(over)))];
}

/** Unrounded funds scores a divide-first engine gives (via the quotient, or via the percent rate). */
function divideFirstFunds(w: Rational, A: Rational, B: Rational): Rational[] {
  const q = sig(B.div(A));
  const rate = sig(q.mul(Rational.HUNDRED));
  return [sig(w.mul(min1(q))), sig(w.mul(min1(sig(rate.div(Rational.HUNDRED)))))];
}

// ---------------------------------------------------------------------------------------------

export interface Classified extends Disagreement {
  /**
   * Alternative explanations, each a set of classes that together reproduce the engine's value here
   * (e.g. [['divide-before-multiply'], ['divide-before-multiply', 'agreement-half-up']]). Empty: unexplained.
   */
  explanations: BugClass[][];
}

/** Every class named in any explanation. */
export const classesOf = (d: Classified): BugClass[] => [...new Set(d.explanations.flat())];

const rat = (n: number | null | undefined): Rational | undefined => (n === null || n === undefined ? undefined : fromJsonNumber(n));

/** Which engine-bug models reproduce each disagreement. */
export function classify(o: OracleResult, e: EngineJson, ds: Disagreement[]): Classified[] {
  const { places, rate_places: ratePlaces, rounding, negative } = o.rules;
  const out: Classified[] = ds.map((d) => ({ ...d, explanations: [] }));
  const add = (d: Classified, ...cs: BugClass[]): void => {
    const key = [...cs].sort().join('+');
    if (!d.explanations.some((x) => [...x].sort().join('+') === key)) d.explanations.push(cs);
  };
  const reported = e.findings.map((f) => `${f.code} ${f.path}`);
  const exceedsAt = (node: string): boolean =>
    reported.some((k) => k.startsWith('score-exceeds-weight ') && `${k.slice('score-exceeds-weight '.length)}/`.startsWith(`${node}/`));
  const fundsA = o.funds.rows.total.annual;
  const fundsB = o.funds.rows.total.executed;

  // Component values.
  for (const d of out) {
    const ind = o.indicators.find((i) => d.field === `${i.path}.score`);
    if (ind?.A !== undefined && ind.B !== undefined) {
      const ev = rat(e.indicators.find((x) => x.path === ind.path)?.score);
      if (ev && divideFirstIndicator(ind.method, ind.weight, ind.A, ind.B, negative).some((v) => v.round(places, rounding).eq(ev))) add(d, 'divide-before-multiply');
    }
    if (d.field === 'funds.score' && o.funds.rate !== undefined && fundsA && fundsB) {
      const ev = rat(e.funds?.score);
      if (ev && divideFirstFunds(o.funds.weight, fundsA, fundsB).some((v) => v.round(places, rounding).eq(ev))) add(d, 'divide-before-multiply');
    }
    if (d.field === 'funds.rate' && o.funds.rate !== undefined && rounding !== 'half-up') {
      const ev = rat(e.funds?.rate);
      if (ev && o.funds.rate.round(ratePlaces, 'half-up').eq(ev)) add(d, 'rate-rounded-half-up');
    }
  }
  const isComponent = (d: Disagreement): boolean => d.field === 'funds.score' || d.field === 'funds.rate' || d.field.startsWith('/indicators');
  const componentsExplained = out.filter(isComponent).every((d) => d.explanations.length > 0);

  // The engine's own total: its printed components summed, then the cap (which depends on the rate only).
  const engineSum = e.funds ? e.indicators.reduce((s, i) => s.add(rat(i.score) ?? Rational.ZERO), rat(e.funds.score) ?? Rational.ZERO) : undefined;
  const engineTotal = engineSum && capAt(o, engineSum);
  const ev = rat(e.total);

  for (const d of out) {
    if (d.field === 'total' && ev && engineTotal) {
      const rerounded = !engineTotal.hasPlaces(places) && engineTotal.round(places, rounding).eq(ev);
      const capped = !engineTotal.eq(engineSum!);
      if (o.cap !== undefined && engineTotal.eq(o.total) && rerounded) add(d, 'capped-total-rerounded');
      if (componentsExplained && !engineTotal.eq(o.total)) {
        if (engineTotal.eq(ev)) add(d, 'follows-from-above');
        else if (capped && rerounded) add(d, 'follows-from-above', 'capped-total-rerounded');
      }
    } else if (d.field === 'grade' && engineTotal) {
      if (componentsExplained && !engineTotal.eq(o.total) && e.grade === gradeOf(engineTotal, o.rules)) add(d, 'follows-from-above');
    } else if (d.field.startsWith('finding ')) {
      const key = d.field.slice('finding '.length);
      const code = key.slice(0, key.indexOf(' '));
      const node = key.slice(code.length + 1);
      const engineReports = d.engine === 'reported';
      if ((code === 'score-mismatch' || code === 'funds-score-mismatch') && !engineReports && exceedsAt(node === '/funds' ? '/funds/score' : node)) {
        add(d, 'exceeds-suppresses-mismatch');
      }
      if (code === 'grade-mismatch' && engineTotal && componentsExplained && !engineTotal.eq(o.total)) {
        const engineGrade = gradeOf(engineTotal, o.rules);
        if ((o.statedGrade !== undefined && o.statedGrade !== engineGrade) === engineReports) add(d, 'follows-from-above');
      }
      if (code === 'zero-budget' && !engineReports) {
        // The engine's zero-budget findings: one when the total has no budget, none otherwise.
        const zb = e.findings.filter((f) => f.code === 'zero-budget').length;
        const noBudget = o.funds.rate === undefined;
        if (zb === (noBudget ? 1 : 0)) add(d, 'zero-budget-not-per-row');
      }
      if (key === 'zero-budget *' && o.funds.given.length === 0 && !e.findings.some((f) => f.code === 'zero-budget')) add(d, 'zero-budget-without-rows');
      if (code === 'actual-not-quantity' && !engineReports && !e.findings.some((f) => f.code === 'actual-not-quantity')) {
        add(d, 'actual-not-quantity-unimplemented');
      }
      const check = o.checks.get(key);
      if (!check) continue;
      // The engine's verdict on a stated value, from some computed value and some rounding mode.
      const verdict = (computed: Rational, mode: Rounding): boolean => !computed.round(check.stated.places, mode).eq(check.stated.value);
      // Half-up on the exact value, or (where FORMAT.md leaves double rounding open) on the value rounded at places.
      if (rounding !== 'half-up' && (verdict(check.exact, 'half-up') === engineReports || verdict(check.exact.round(check.places, rounding), 'half-up') === engineReports)) {
        add(d, 'agreement-half-up');
      }
      let engineValues: Rational[] = [];
      if (code === 'score-mismatch') {
        const ind = o.indicators.find((i) => i.path === node);
        if (ind?.A !== undefined && ind.B !== undefined) engineValues = divideFirstIndicator(ind.method, ind.weight, ind.A, ind.B, negative);
      } else if (code === 'funds-score-mismatch' && o.funds.rate !== undefined && fundsA && fundsB) {
        engineValues = divideFirstFunds(o.funds.weight, fundsA, fundsB);
      }
      // The divide-first value, unrounded or rounded at places, judged in rules.rounding or (second bug) half-up.
      for (const v of engineValues.flatMap((x) => [x, x.round(places, rounding)])) {
        if (verdict(v, rounding) === engineReports) add(d, 'divide-before-multiply');
        else if (rounding !== 'half-up' && verdict(v, 'half-up') === engineReports) add(d, 'divide-before-multiply', 'agreement-half-up');
      }
      if (code === 'total-mismatch' && engineTotal && componentsExplained && !engineTotal.eq(o.total)) {
        if (verdict(engineTotal, rounding) === engineReports) add(d, 'follows-from-above');
        else if (rounding !== 'half-up' && verdict(engineTotal, 'half-up') === engineReports) add(d, 'follows-from-above', 'agreement-half-up');
      }
    }
  }
  return out;
}

/** The oracle's cap rule applied to another sum. */
function capAt(o: OracleResult, sum: Rational): Rational {
  let cap: Rational | undefined;
  const rate = o.funds.rate;
  if (rate !== undefined) for (const c of o.rules.rate_caps) if (rate.lt(c.below) && (cap === undefined || c.max_total.lt(cap))) cap = c.max_total;
  return cap !== undefined && cap.lt(sum) ? cap : sum;
}

/**
 * Which disagreements of one form the allow-list tolerates: those with an explanation whose every class
 * is allowed, where `follows-from-above` counts as allowed when every component disagreement of the
 * form (funds rate and score, indicator scores and methods) is itself tolerated.
 */
export function tolerated(all: Classified[], allowed: ReadonlySet<BugClass>): (d: Classified) => boolean {
  const isComponent = (d: Disagreement): boolean => d.field === 'funds.score' || d.field === 'funds.rate' || d.field.startsWith('/indicators');
  const direct = (d: Classified): boolean => d.explanations.some((x) => x.every((c) => c !== 'follows-from-above' && allowed.has(c)));
  const componentsOk = all.filter(isComponent).every(direct);
  return (d) => d.explanations.some((x) => x.every((c) => (c === 'follows-from-above' ? componentsOk : allowed.has(c))));
}
