// Forms for the issue 10 variants tests (FORMAT.md §7): a funds block and extra top-level lines put into a form whose
// indicators are three qualitative ones at full points (产出 50, 效益 30, 满意度 10).
import { evaluate } from '../src/evaluate.js';
import type { Evaluation } from '../src/model/types.js';
import type { RulesLayer } from '../src/score/rules.js';

export const INDICATORS = `indicators:
  output:
    quantity:
      - {target: 完成年度任务, actual: 已完成, weight: 50, score: 50}
  outcome:
    social:
      - {target: 效益明显, actual: 效益明显, weight: 30, score: 30}
  satisfaction:
    beneficiary:
      - {target: 满意, actual: 满意, weight: 10, score: 10}
`;

/** Indicators with what the provincial layouts add: a ★ core indicator with 评分标准 and two 其中 rows. */
export const RICH_INDICATORS = `indicators:
  output:
    quantity:
      - name: 改造户数
        target: ≥120户
        actual: 126户
        weight: 50
        core: true
        method_text: 每少1户扣1分
        parts:
          - {name: 一级改造, target: ≥80户, actual: 84户}
          - {name: 二级改造, target: 40户, actual: 42}
  outcome:
    social:
      - {target: 效益明显, actual: 效益明显, weight: 30, score: 30}
  satisfaction:
    beneficiary:
      - {target: 满意, actual: 满意, weight: 10, score: 10}
`;

/** A form with `funds` (YAML lines under `funds:`, indented two spaces), `indicators` and any `extra` lines. */
export function variantYaml(funds: string, extra = '', indicators = INDICATORS): string {
  const body = funds
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  return `evalform: 1\nyear: 2022\nproject: 测试项目\ndepartment: 测试部门\nimplementer: 测试单位\nfunds:\n  deviation: 说明\n${body}\n${indicators}${extra}`;
}

export function variant(funds: string, extra = '', config?: RulesLayer, indicators?: string): Evaluation {
  return evaluate(variantYaml(funds, extra, indicators), 'form.yaml', { config });
}

/** The findings as [code, path], sorted by code then path. */
export function found(ev: Evaluation): string[][] {
  return ev.findings.map((f) => [f.code, f.path]).sort((a, b) => `${a[0]} ${a[1]}`.localeCompare(`${b[0]} ${b[1]}`));
}
