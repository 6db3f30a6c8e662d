// The rules in force for a form: the preset, then evalform.config.yaml, then the form's own `rules:`.
import { Decimal } from 'decimal.js';
import type { RawFinding, Rules } from '../model/types.js';
import type { Config } from '../schema/types.js';

/** A rules object as written in YAML (FORMAT.md §4): a config, or a form's own `rules:` (which the form schema
 * keeps from holding `form_rules`), already valid against the schema: its type is generated from the schema. */
export type RulesLayer = Config;

/** MoF central-department practice (RULES.md). */
export const MOF: Required<Omit<RulesLayer, 'form_rules' | 'layout'>> = {
  preset: 'mof',
  weights: { funds: 10, output: 50, outcome: 30, satisfaction: 10 },
  places: 2,
  rate_places: 2,
  rounding: 'half-up',
  negative: 'ratio',
  bands: { achieved: 80, partial: 60 },
  overachievement: 130,
  explain_rate_below: 90,
  rate_caps: [],
  grades: [
    { min: 90, grade: '优' },
    { min: 80, grade: '良' },
    { min: 60, grade: '中' },
    { min: 0, grade: '差' },
  ],
  severity: {},
};

/** Sichuan's template (RULES.md, FORMAT.md §7): 预算执行 10 + 绩效指标 90 with no fixed split of the 90; otherwise MoF
 * practice (Sichuan also asks for a reason below 90% 执行率, as MoF's explain_rate_below does). The split it keeps is
 * not checked while `indicators` is set. */
export const SICHUAN: Required<Omit<RulesLayer, 'form_rules' | 'layout'>> = {
  ...MOF,
  preset: 'sichuan',
  weights: { ...MOF.weights, indicators: 90 },
};

const PRESETS = { mof: MOF, sichuan: SICHUAN } as const;

const SPLIT = ['output', 'outcome', 'satisfaction'] as const;

/** Later layers win key by key; weights, bands and severity merge by sub-key, lists are replaced whole. */
export function resolveRules(...layers: (RulesLayer | undefined)[]): Rules {
  const given = layers.filter((l): l is RulesLayer => l !== undefined);
  const presetName = [...given].reverse().find((l) => l.preset)?.preset ?? 'mof';
  const merged: Required<Omit<RulesLayer, 'form_rules' | 'layout'>> = { ...PRESETS[presetName] };
  for (const layer of given) {
    for (const [key, value] of Object.entries(layer) as [keyof RulesLayer, unknown][]) {
      // form_rules says who may change the rules, layout how the table is drawn; neither is a rule.
      if (value === undefined || value === null || key === 'form_rules' || key === 'layout') continue;
      if (
        key === 'weights' &&
        layer.weights &&
        SPLIT.some((k) => layer.weights?.[k] !== undefined) &&
        layer.weights.indicators === undefined
      ) {
        // A layer that sets the split of the indicators' points (and not their sum) chooses the split over an
        // inherited 10 + 90.
        const { indicators: _, ...split } = merged.weights;
        merged.weights = { ...split, ...layer.weights };
      } else if (key === 'weights' || key === 'bands' || key === 'severity') {
        Object.assign(merged, { [key]: { ...(merged[key] as object), ...(value as object) } });
      } else {
        Object.assign(merged, { [key]: value });
      }
    }
  }
  // JSON numbers from YAML are short decimals; String() gives their written digits back.
  const d = (n: number | undefined): Decimal => new Decimal(String(n ?? 0));
  return {
    preset: presetName,
    weights: {
      funds: d(merged.weights.funds),
      output: d(merged.weights.output),
      outcome: d(merged.weights.outcome),
      satisfaction: d(merged.weights.satisfaction),
      ...(merged.weights.indicators === undefined ? {} : { indicators: d(merged.weights.indicators) }),
    },
    places: merged.places,
    rate_places: merged.rate_places,
    rounding: merged.rounding,
    negative: merged.negative,
    bands: { achieved: d(merged.bands.achieved), partial: d(merged.bands.partial) },
    overachievement: d(merged.overachievement),
    explain_rate_below: d(merged.explain_rate_below),
    rate_caps: merged.rate_caps.map((c) => ({ below: d(c.below), max_total: d(c.max_total) })),
    grades: merged.grades.map((g) => ({ min: d(g.min), grade: g.grade })).sort((a, b) => b.min.comparedTo(a.min)),
    severity: merged.severity,
  };
}

/** FORMAT.md §3 1.1 "Rules are checked when read": what the JSON Schema cannot say about one layer, judged with the
 * rules beneath it (`below`: the preset for a config, the config for a form). `at` is the layer's pointer ('' for
 * a config, '/rules' in a form). Faults are `schema` findings at the offending node. */
export function checkRules(layer: RulesLayer, below: Rules, at: string): RawFinding[] {
  const findings: RawFinding[] = [];
  if (layer.grades && !layer.grades.some((g) => g.min === 0)) {
    const lowest = Math.min(...layer.grades.map((g) => g.min));
    findings.push({
      code: 'schema',
      path: `${at}/grades`,
      message: `等级划分（grades）须包含 min: 0 的一档：现最低一档从 ${lowest} 分起，低于 ${lowest} 分的总分没有等级`,
    });
  }
  const { achieved, partial } = layer.bands ?? {};
  if (achieved !== undefined || partial !== undefined) {
    const a = achieved === undefined ? below.bands.achieved : new Decimal(String(achieved));
    const p = partial === undefined ? below.bands.partial : new Decimal(String(partial));
    if (p.gt(a)) {
      const inherited = (value: number | undefined) => (value === undefined ? '（下层规则或预设的值）' : '');
      findings.push({
        code: 'schema',
        path: `${at}/bands/${partial !== undefined ? 'partial' : 'achieved'}`,
        message: `部分达成档起点（bands.partial）${p.toString()}${inherited(partial)} 高于达成档起点（bands.achieved）${a.toString()}${inherited(achieved)}：partial 不能高于 achieved`,
      });
    }
  }
  return findings;
}
