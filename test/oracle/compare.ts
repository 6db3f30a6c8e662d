// Compares the engine's `score --format json` object for one form with the oracle's result.
// The JSON shape is FORMAT.md §6; this module knows nothing of how the engine computes it.
import { fromJsonNumber, type Rational } from './rational.js';
import { MODELLED_CHECKS, normaliseFindingKey, type OracleResult } from './scorer.js';

/** The §6 object, as parsed back from `score --format json`. */
export interface EngineJson {
  file: string;
  funds: { weight: number; rate: number | null; score: number } | null;
  indicators: { path: string; weight: number; score: number | null; method: string }[];
  total: number | null;
  grade: string | null;
  findings: { code: string; severity: string; message: string; path: string }[];
}

export interface Disagreement {
  /** What differs: `funds.rate`, `funds.score`, `<path>.score`, `<path>.method`, `total`, `grade`, `finding <code> <path>`, … */
  field: string;
  oracle: string;
  engine: string;
}

const show = (x: Rational | undefined | null): string => (x === undefined || x === null ? 'null' : x.toString());
const num = (n: number | null | undefined): Rational | null => (n === null || n === undefined ? null : fromJsonNumber(n));

export function compare(o: OracleResult, e: EngineJson): Disagreement[] {
  const out: Disagreement[] = [];
  const same = (field: string, oracle: Rational | undefined, engine: number | null | undefined): void => {
    const ev = num(engine);
    const ok = oracle === undefined ? ev === null : ev?.eq(oracle);
    if (!ok) out.push({ field, oracle: show(oracle), engine: show(ev) });
  };
  if (!e.funds) {
    out.push({
      field: 'scored',
      oracle: 'scored',
      engine: `not scored: ${e.findings.map((f) => `${f.code} ${f.path} ${f.message}`).join(' | ')}`,
    });
    return out;
  }
  same('funds.rate', o.funds.rateRounded, e.funds.rate);
  same('funds.score', o.funds.score, e.funds.score);

  const engineByPath = new Map(e.indicators.map((i) => [i.path, i]));
  for (const oi of o.indicators) {
    const ei = engineByPath.get(oi.path);
    if (!ei) {
      out.push({ field: `${oi.path}`, oracle: oi.method, engine: 'missing' });
      continue;
    }
    engineByPath.delete(oi.path);
    if (ei.method !== oi.method) out.push({ field: `${oi.path}.method`, oracle: oi.method, engine: ei.method });
    if (oi.noPoints) {
      // No points: FORMAT.md says it "adds 0" / "carries no points" but not whether §6 prints null or 0.
      if (!(ei.score === null || ei.score === 0)) out.push({ field: `${oi.path}.score`, oracle: 'null or 0', engine: String(ei.score) });
    } else {
      same(`${oi.path}.score`, oi.score, ei.score);
    }
  }
  for (const path of engineByPath.keys()) out.push({ field: path, oracle: 'missing', engine: 'present' });

  same('total', o.total, e.total);
  if (e.grade !== o.grade) out.push({ field: 'grade', oracle: o.grade, engine: String(e.grade) });

  // Findings the oracle models: each expected key present or absent; none unexpected.
  const modelled = new Set<string>(MODELLED_CHECKS);
  const reported = new Set(e.findings.filter((f) => modelled.has(f.code)).map((f) => normaliseFindingKey(f.code, f.path)));
  for (const [key, expect] of o.findings) {
    if (expect === 'unsettled') continue;
    if (key.endsWith(' *')) {
      const code = key.slice(0, -2);
      const anywhere = e.findings.some((f) => f.code === code);
      if (expect && !anywhere) out.push({ field: `finding ${key}`, oracle: 'reported somewhere', engine: 'absent' });
      continue;
    }
    if (reported.has(key) !== expect)
      out.push({ field: `finding ${key}`, oracle: expect ? 'reported' : 'absent', engine: reported.has(key) ? 'reported' : 'absent' });
  }
  for (const key of reported) {
    if (!o.findings.has(key)) out.push({ field: `finding ${key}`, oracle: 'not a modelled finding here', engine: 'reported' });
  }
  return out;
}
