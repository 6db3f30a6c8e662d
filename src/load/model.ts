// Builds the typed form from schema-valid data, reading every number exactly from its source text.
import type { Decimal } from 'decimal.js';
import { LEVEL1 } from '../model/labels.js';
import type { Form, FundsRow, FundsRowKey, Indicator, Level1, Level2, RawFinding, Stated } from '../model/types.js';
import type * as Schema from '../schema/types.js';
import { Ratio } from '../score/exact.js';
import { type DecimalText, exactOfText, exponentOfText, PlainDecimalText, parseDecimalText, parsePercentText } from '../score/number.js';

/** A number as the schema lets it be written: a YAML number, or text such as "1,234.22" or "75.45%". */
type Written = number | string | null | undefined;

/** The typed form of data the schema has accepted (isForm), every number read exactly from its source text. */
export function buildForm(data: Schema.Form, numbers: Map<string, string>): { form: Form; findings: RawFinding[] } {
  const findings: RawFinding[] = [];

  /** An exact number: from a YAML number's source text, or from a string such as "1,234.22". */
  const exact = (value: Written, path: string, percent = false): DecimalText | undefined => {
    if (value === null || value === undefined || value === '') return undefined;
    const text = typeof value === 'number' ? (numbers.get(path) ?? String(value)) : value;
    const parsed = percent ? parsePercentText(text) : parseDecimalText(text);
    if (parsed === undefined || !(parsed instanceof PlainDecimalText || parsed.value.isFinite())) {
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
  // A DecimalText is a Stated: kept as read, not copied (short ones are shared by forms; nothing mutates them).
  const stated = (value: Written, path: string, percent = false): Stated | undefined => exact(value, path, percent);
  const decimal = (value: Written, path: string): Decimal | undefined => exact(value, path)?.value;
  const text = (value: string | null | undefined): string => (value === null || value === undefined ? '' : value.trim());
  const optionalText = (value: string | null | undefined): string | undefined =>
    value === null || value === undefined ? undefined : text(value);
  /** A phone number written as text or an integer, kept as written. */
  const phone = (value: string | number | null | undefined, path: string): string =>
    value === undefined || value === null ? '' : (numbers.get(path) ?? String(value)).trim();

  const funds = data.funds;
  const row = (key: FundsRowKey): FundsRow => {
    const r = funds[key] ?? {};
    const at = FUNDS_PATHS[key];
    return new ReadFundsRow(
      key,
      exact(r.initial, at.initial),
      exact(r.annual, at.annual),
      exact(r.executed, at.executed),
      stated(r.rate, at.rate, true),
    );
  };

  const indicators: Indicator[] = [];
  for (const group of GROUPS) {
    listAt(data.indicators, group.level1, group.level2).forEach((item, index) => {
      const at = indicatorPaths(group, index);
      const path = at.path;
      const name = text(item.name);
      indicators.push({
        path,
        level1: group.level1,
        level2: group.level2,
        index,
        name: name === '' ? undefined : name,
        target: quantityText(item.target, at.target, numbers),
        actual: quantityText(item.actual, at.actual, numbers),
        weight: decimal(item.weight, at.weight),
        score: stated(item.score, at.score),
        rating: item.rating,
        deviation: text(item.deviation),
        nature: item.nature,
        unit: text(item.unit) || undefined,
        methodText: optionalText(item.method_text),
        core: item.core === true,
        parts: (item.parts ?? NO_PARTS).map((p, n) => ({
          name: text(p.name),
          target: p.target === undefined || p.target === null ? '' : quantityText(p.target, `${path}/parts/${n}/target`, numbers),
          actual: p.actual === undefined || p.actual === null ? '' : quantityText(p.actual, `${path}/parts/${n}/actual`, numbers),
        })),
      });
    });
  }

  const goals = data.goals ?? {};
  const signoff = data.signoff ?? {};
  const form: Form = {
    evalform: data.evalform,
    year: data.year,
    project: text(data.project),
    department: text(data.department),
    implementer: text(data.implementer),
    funds: {
      unit: funds.unit ?? '万元',
      weight: decimal(funds.weight, '/funds/weight'),
      rows: {
        total: row('total'),
        appropriation: row('appropriation'),
        special_account: row('special_account'),
        own: row('own'),
        carryover: row('carryover'),
        other: row('other'),
      },
      score: stated(funds.score, '/funds/score'),
      deviation: text(funds.deviation),
      methodText: optionalText(funds.method_text),
    },
    goals: { expected: text(goals.expected), actual: text(goals.actual) },
    indicators,
    total: stated(data.total, '/total'),
    grade: data.grade === undefined ? undefined : text(data.grade),
    signoff: {
      preparer: text(signoff.preparer),
      date: text(signoff.date),
      phone: phone(signoff.phone, '/signoff/phone'),
      head: text(signoff.head),
      financeHead: text(signoff.finance_head),
    },
    note: data.note === undefined || data.note === null ? undefined : text(data.note),
    category: optionalText(data.category),
    manager: data.manager ? { name: text(data.manager.name), phone: phone(data.manager.phone, '/manager/phone') } : undefined,
    overview: optionalText(data.overview),
    conclusion: data.conclusion
      ? { summary: text(data.conclusion.summary), problems: text(data.conclusion.problems), measures: text(data.conclusion.measures) }
      : undefined,
    remarks: optionalText(data.remarks),
    layout: data.layout,
  };
  return { form, findings };
}

// The JSON pointers of the fields that hold numbers, made once per run rather than once per form: a YAML number's
// source text is looked up by its pointer in `numbers`, and a pointer made anew must be flattened and hashed on
// every look-up (it was most of buildForm's own time); a string kept keeps its hash.

type FundsPaths = Record<'initial' | 'annual' | 'executed' | 'rate', string>;

const fundsPaths = (key: FundsRowKey): FundsPaths => ({
  initial: `/funds/${key}/initial`,
  annual: `/funds/${key}/annual`,
  executed: `/funds/${key}/executed`,
  rate: `/funds/${key}/rate`,
});

const FUNDS_PATHS: Record<FundsRowKey, FundsPaths> = {
  total: fundsPaths('total'),
  appropriation: fundsPaths('appropriation'),
  special_account: fundsPaths('special_account'),
  own: fundsPaths('own'),
  carryover: fundsPaths('carryover'),
  other: fundsPaths('other'),
};

interface IndicatorPaths {
  path: string;
  target: string;
  actual: string;
  weight: string;
  score: string;
}

/** One 二级 heading, with the pointers of its indicators by index as far as forms have gone. */
interface Group {
  level1: Level1;
  level2: Level2;
  paths: IndicatorPaths[];
}

const GROUPS: Group[] = LEVEL1.flatMap((l1) => l1.level2.map((level2) => ({ level1: l1.key, level2, paths: [] })));

/** A heading holds a few indicators on a real form; a pasted list of thousands is read, but not kept. */
const KEPT_PATHS = 64;

function indicatorPaths(group: Group, index: number): IndicatorPaths {
  const known = group.paths[index];
  if (known !== undefined) return known;
  const path = `/indicators/${group.level1}/${group.level2}/${index}`;
  const made = { path, target: `${path}/target`, actual: `${path}/actual`, weight: `${path}/weight`, score: `${path}/score` };
  if (index < KEPT_PATHS && index === group.paths.length) group.paths.push(made);
  return made;
}

/** Most indicators have no 其中 sub-rows: one empty list to map over (map makes each indicator its own). */
const NO_PARTS: readonly Schema.IndicatorPart[] = [];

/** The indicators listed under a 一级 and 二级 heading; a heading left empty lists none. */
function listAt(indicators: Schema.Form['indicators'], level1: Level1, level2: Level2): Schema.Indicator[] {
  const group: Partial<Record<Level2, Schema.IndicatorList>> | null | undefined = indicators[level1];
  return group?.[level2] ?? [];
}

/** A target or actual as written: a YAML number keeps its source text (`95.0` stays `95.0`). */
function quantityText(value: string | number, path: string, numbers: Map<string, string>): string {
  if (typeof value === 'number') return numbers.get(path) ?? String(value);
  return value.trim();
}

/** Past 20 significant digits decimal.js would round sums and rates, so the number could not be read exactly;
 * no amount, rate or score of a real form comes near. */
const MAX_DIGITS = 20;

function tooBigOrLong(d: DecimalText): string | undefined {
  const e = exponentOfText(d);
  if (e === undefined) return undefined;
  const integerDigits = e + 1;
  if (integerDigits > MAX_DIGITS) return `过大（超过 ${MAX_DIGITS} 位整数），请检查是否多写了数字`;
  // Significant digits as written: from the first non-zero digit to the last digit given.
  if (integerDigits + d.places > MAX_DIGITS) return `位数过多（超过 ${MAX_DIGITS} 位有效数字），无法精确计算：请减少位数`;
  return undefined;
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 20)}…${text.slice(-10)}（共 ${text.length} 个字符）` : text;
}

/** A funds row as read: its amounts are kept as read (DecimalText), and their Decimals are made only when something
 * reads `initial`, `annual` or `executed` (a message, a renderer); the engine computes with amountExact. A class,
 * because getters in an object literal cost more to make than the Decimals they save. */
class ReadFundsRow implements FundsRow {
  readonly present: boolean;

  constructor(
    readonly key: FundsRowKey,
    readonly initialText: DecimalText | undefined,
    readonly annualText: DecimalText | undefined,
    readonly executedText: DecimalText | undefined,
    readonly rate: Stated | undefined,
  ) {
    this.present = initialText !== undefined || annualText !== undefined || executedText !== undefined;
  }

  get initial(): Decimal | undefined {
    return this.initialText?.value;
  }

  get annual(): Decimal | undefined {
    return this.annualText?.value;
  }

  get executed(): Decimal | undefined {
    return this.executedText?.value;
  }

  textOf(column: 'initial' | 'annual' | 'executed'): DecimalText | undefined {
    return column === 'initial' ? this.initialText : column === 'annual' ? this.annualText : this.executedText;
  }

  /** Every field a reader sees, as JSON.stringify would show a plain row. */
  toJSON(): object {
    return { key: this.key, present: this.present, initial: this.initial, annual: this.annual, executed: this.executed, rate: this.rate };
  }
}

/** A column of a funds row exactly, undefined when it is not given; without making the row's Decimal when the row
 * was read from a form. */
export function amountExact(row: FundsRow, column: 'initial' | 'annual' | 'executed'): Ratio | undefined {
  if (row instanceof ReadFundsRow) {
    const text = row.textOf(column);
    return text === undefined ? undefined : exactOfText(text);
  }
  const value = row[column];
  return value === undefined ? undefined : Ratio.of(value);
}

/** Whether a funds row gives a column, without making its Decimal. */
export function hasAmount(row: FundsRow, column: 'initial' | 'annual' | 'executed'): boolean {
  return row instanceof ReadFundsRow ? row.textOf(column) !== undefined : row[column] !== undefined;
}
