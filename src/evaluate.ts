// One form's text in, its findings and scores out: load → validate → score → locate.
import { CHECKS, runChecks } from './checks/index.js';
import { denied } from './checks/form-rules-denied.js';
import type { Evaluation, Finding, Form, RawFinding, Rules, ScoreResult } from './model/types.js';
import { buildForm } from './load/model.js';
import { locate, readSource, type Position, type Source } from './load/source.js';
import { computeScores } from './score/compute.js';
import { checkRules, resolveRules, type RulesLayer } from './score/rules.js';
import { isConfig, isForm, validateConfig, validateForm } from './validate/index.js';

export interface EvaluateOptions {
  /** Rules from evalform.config.yaml (or --config), between the preset and the form's own rules; its form_rules:
   * deny makes a form's own non-empty rules a form-rules-denied error, and they are not used. */
  config?: RulesLayer;
}

export function evaluate(text: string, file: string, options: EvaluateOptions = {}): Evaluation {
  return evaluateSource(readSource(text), file, options);
}

/** The rest of `evaluate` once the text is read: a Source is plain data, so it may be read on another thread. */
export function evaluateSource(source: Source, file: string, options: EvaluateOptions = {}): Evaluation {
  if (source.errors.some((e) => e.severity === 'error') || source.data === undefined) {
    return { file, findings: sortFindings(source.errors.map((e) => place(e, file, e))) };
  }
  const at = (f: RawFinding) => placeAt(f, file, source);
  // Most forms have no syntax warning: then no callback is made for them.
  const syntaxWarnings = source.errors.length === 0 ? [] : source.errors.map((e) => place(e, file, e));
  if (source.data === null) {
    return {
      file,
      findings: [
        ...syntaxWarnings,
        at({
          code: 'schema',
          path: '',
          message: '文件没有内容（空文件或只有注释）：一张表以 “evalform: 1” 开头，可用 evalform init 生成空白表',
        }),
      ],
    };
  }
  if (typeof source.data !== 'object' || Array.isArray(source.data)) {
    return {
      file,
      findings: [...syntaxWarnings, at({ code: 'schema', path: '', message: '文件内容应为一张表（键: 值），例如以 “evalform: 1” 开头' })],
    };
  }
  const data: object = source.data;
  if (!isForm(data)) return { file, findings: sortFindings([...syntaxWarnings, ...validateForm(data).map(at)]), meta: metaOf(data) };

  // Under form_rules: deny a form's own non-empty rules are an error and are not used (FORMAT.md §4 1.1); otherwise
  // they must make sense on top of the config's, or the form is not scored (§3 1.1).
  const written = data.rules;
  const isDenied = options.config?.form_rules === 'deny' && written !== undefined && Object.keys(written).length > 0;
  const own = isDenied ? undefined : written;
  const ruleFaults = own === undefined ? [] : checkRules(own, sharedRules(options.config), '/rules');
  if (ruleFaults.length > 0) return { file, findings: sortFindings([...syntaxWarnings, ...ruleFaults.map(at)]), meta: metaOf(data) };

  const built = buildForm(data, source.numbers);
  // A number that cannot be read exactly would be scored as blank, and the findings that follow would mislead.
  if (built.findings.length > 0)
    return { file, findings: sortFindings([...syntaxWarnings, ...built.findings.map(at)]), meta: metaOf(data) };
  const rules = own === undefined ? sharedRules(options.config) : resolveRules(options.config, own);
  // FORMAT.md §7: the config's layout for a form that states none; not a rule, so form_rules: deny leaves it alone.
  if (built.form.layout === undefined && options.config?.layout !== undefined) built.form.layout = options.config.layout;
  const scored = scoreForm(built.form, rules, file);
  // Most forms have a finding or none: plain pushes, not spreads, and an indexed loop without a callback, on the
  // path every form takes.
  const findings = syntaxWarnings;
  if (isDenied) findings.push(placeAt(denied(Object.keys(written)), file, source));
  const raw = scored.findings;
  for (let n = 0; n < raw.length; n++) findings.push(placeAt(raw[n] as RawFinding, file, source));
  return { file, findings: sortFindings(findings), result: scored.result };
}

/** What a report can say of a form that could not be scored: its year and project, when they are there. */
function metaOf(data: object): Evaluation['meta'] {
  const meta: Evaluation['meta'] = {};
  if ('year' in data && typeof data.year === 'number') meta.year = data.year;
  if ('project' in data && typeof data.project === 'string') meta.project = data.project;
  return meta;
}

/** The scores of one form (FORMAT.md §3) and the findings of every check on them (§5), before they are located. */
export function scoreForm(form: Form, rules: Rules, file: string): { result: ScoreResult; findings: RawFinding[] } {
  const result = computeScores(form, rules, file);
  return { result, findings: runChecks(result, rules, form) };
}

const NO_CONFIG = {};
const resolved = new WeakMap<RulesLayer, Rules>();

/** Forms without rules of their own share the rules of their config, resolved once per run. */
function sharedRules(config: RulesLayer | undefined): Rules {
  const key = config ?? NO_CONFIG;
  let rules = resolved.get(key);
  if (!rules) {
    rules = resolveRules(config);
    resolved.set(key, rules);
  }
  return rules;
}

/** Reads evalform.config.yaml: its rules, or findings that say why it cannot be used. */
export function parseConfig(text: string, file: string): { layer?: RulesLayer; findings: Finding[] } {
  const source = readSource(text);
  const errors = source.errors.filter((e) => e.severity === 'error');
  if (errors.length > 0) return { findings: errors.map((e) => place(e, file, e)) };
  const data = source.data ?? {};
  // What the schema cannot say (grades from 0, bands in order) is judged on top of the preset.
  const faults = isConfig(data) ? checkRules(data, resolveRules({ preset: data.preset }), '') : validateConfig(data);
  if (faults.length > 0 || !isConfig(data))
    return { findings: sortFindings(faults.map((f) => place(f, file, locate(source, f.path, f.atKey)))) };
  return { layer: data, findings: [] };
}

/** A finding of a form, placed at the node its path names in the form's source. */
function placeAt(f: RawFinding, file: string, source: Source): Finding {
  return place(f, file, locate(source, f.path, f.atKey));
}

function place(f: RawFinding, file: string, at: Position): Finding {
  return {
    code: f.code,
    severity: f.severity ?? CHECKS[f.code].severity,
    message: f.message,
    file,
    path: f.path,
    line: at.line,
    column: at.column,
  };
}

export function sortFindings(findings: Finding[]): Finding[] {
  // Most forms have a finding or none, and nothing to sort.
  return findings.length < 2 ? findings : findings.sort(byPlace);
}

function byPlace(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || a.code.localeCompare(b.code);
}
