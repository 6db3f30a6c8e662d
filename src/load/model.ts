// Builds the typed form from schema-valid data, reading every number exactly from its source text.
import type { Decimal } from 'decimal.js';
import { LEVEL1 } from '../model/labels.js';
import type { Form, FundsRow, FundsRowKey, Indicator, MoneyUnit, Rating, RawFinding, Stated } from '../model/types.js';
import { parseDecimalText, parsePercentText, type DecimalText } from '../score/number.js';

type Obj = Record<string, unknown>;

export function buildForm(data: Obj, numbers: Map<string, string>): { form: Form; findings: RawFinding[] } {
  const findings: RawFinding[] = [];

  /** An exact number: from a YAML number's source text, or from a string such as "1,234.22". */
  const exact = (value: unknown, path: string, percent = false): DecimalText | undefined => {
    if (value === null || value === undefined || value === '') return undefined;
    const text = typeof value === 'number' ? (numbers.get(path) ?? String(value)) : String(value);
    const parsed = percent ? parsePercentText(text) : parseDecimalText(text);
    if (!parsed || !parsed.value.isFinite()) {
      findings.push({ code: 'schema', path, message: `无法读取数值 “${text}”` });
      return undefined;
    }
    const tooBig = tooBigOrLong(parsed);
    if (tooBig) {
      findings.push({ code: 'schema', path, message: `数值 “${shorten(text)}” ${tooBig}` });
      return undefined;
    }
    return parsed;
  };
  const stated = (value: unknown, path: string, percent = false): Stated | undefined => {
    const d = exact(value, path, percent);
    return d && { value: d.value, places: d.places, text: d.text };
  };
  const decimal = (value: unknown, path: string): Decimal | undefined => exact(value, path)?.value;
  const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value).trim());

  const funds = (data.funds ?? {}) as Obj;
  const row = (key: FundsRowKey): FundsRow => {
    const r = (funds[key] ?? {}) as Obj;
    const path = `/funds/${key}`;
    const out: FundsRow = {
      key,
      present: false,
      initial: decimal(r.initial, `${path}/initial`),
      annual: decimal(r.annual, `${path}/annual`),
      executed: decimal(r.executed, `${path}/executed`),
      rate: stated(r.rate, `${path}/rate`, true),
    };
    out.present = out.initial !== undefined || out.annual !== undefined || out.executed !== undefined;
    return out;
  };

  const indicators: Indicator[] = [];
  const levels = (data.indicators ?? {}) as Obj;
  for (const level1 of LEVEL1) {
    const group = (levels[level1.key] ?? {}) as Obj;
    for (const level2 of level1.level2) {
      const list = (group[level2] ?? []) as Obj[];
      list.forEach((item, index) => {
        const path = `/indicators/${level1.key}/${level2}/${index}`;
        const name = text(item.name);
        indicators.push({
          path, level1: level1.key, level2, index,
          name: name === '' ? undefined : name,
          target: quantityText(item.target, `${path}/target`, numbers),
          actual: quantityText(item.actual, `${path}/actual`, numbers),
          weight: decimal(item.weight, `${path}/weight`),
          score: stated(item.score, `${path}/score`),
          rating: (item.rating ?? undefined) as Rating | undefined,
          deviation: text(item.deviation),
        });
      });
    }
  }

  const goals = (data.goals ?? {}) as Obj;
  const signoff = (data.signoff ?? {}) as Obj;
  const form: Form = {
    evalform: Number(data.evalform),
    year: Number(data.year),
    project: text(data.project),
    department: text(data.department),
    implementer: text(data.implementer),
    funds: {
      unit: ((funds.unit as MoneyUnit | undefined) ?? '万元'),
      weight: decimal(funds.weight, '/funds/weight'),
      rows: { total: row('total'), appropriation: row('appropriation'), carryover: row('carryover'), other: row('other') },
      score: stated(funds.score, '/funds/score'),
      deviation: text(funds.deviation),
    },
    goals: { expected: text(goals.expected), actual: text(goals.actual) },
    indicators,
    total: stated(data.total, '/total'),
    grade: data.grade === undefined || data.grade === null ? undefined : text(data.grade),
    signoff: {
      preparer: text(signoff.preparer),
      date: text(signoff.date),
      phone: signoff.phone === undefined || signoff.phone === null ? '' : (numbers.get('/signoff/phone') ?? String(signoff.phone)).trim(),
      head: text(signoff.head),
    },
    note: data.note === undefined || data.note === null ? undefined : text(data.note),
  };
  return { form, findings };
}

/** A target or actual as written: a YAML number keeps its source text (`95.0` stays `95.0`). */
function quantityText(value: unknown, path: string, numbers: Map<string, string>): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return numbers.get(path) ?? String(value);
  return String(value).trim();
}

/** Past 20 significant digits decimal.js would round sums and rates, so the number could not be read exactly;
 * no amount, rate or score of a real form comes near. */
const MAX_DIGITS = 20;

function tooBigOrLong(d: DecimalText): string | undefined {
  if (d.value.isZero()) return undefined;
  const integerDigits = d.value.e + 1;
  if (integerDigits > MAX_DIGITS) return `过大（超过 ${MAX_DIGITS} 位整数），请检查是否多写了数字`;
  // Significant digits as written: from the first non-zero digit to the last digit given.
  if (integerDigits + d.places > MAX_DIGITS) return `位数过多（超过 ${MAX_DIGITS} 位有效数字），无法精确计算：请减少位数`;
  return undefined;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 20)}…${text.slice(-10)}（共 ${text.length} 个字符）` : text;
}
