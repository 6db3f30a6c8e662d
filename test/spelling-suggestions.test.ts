// Spelling suggestions for an unknown key: never a key the map already has, transpositions and full-width letters
// counted as the slips they are, and a key written as the table's Chinese label pointed to its English name.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';
import { validateConfig, validateForm } from '../src/validate/index.js';
import { formYaml } from './helpers.js';

const quoted = (message: string | undefined): string | undefined => /是否应为 “([^”]*)”/.exec(message ?? '')?.[1];

/** The suggestion in the message of the unknown-key finding at `path`, or undefined when there is none. */
function suggestion(yaml: string, path: string): string | undefined {
  const ev = evaluate(yaml, 'form.yaml');
  const f = ev.findings.find((x) => x.code === 'schema' && x.path === path);
  if (!f) throw new Error(`no schema finding at ${path}: ${JSON.stringify(ev.findings.map((x) => [x.path, x.message]))}`);
  return quoted(f.message);
}

const withOutput = (lines: string): string => formYaml().replace('  output:\n', `  output:\n${lines}`);

describe('spelling suggestions for an unknown key', () => {
  it('qualtiy beside quantity suggests quality, not the quantity already there', () => {
    const yaml = withOutput('    qualtiy: []\n');
    expect(yaml).toMatch(/ {4}qualtiy: \[\]\n {4}quantity:/);
    expect(suggestion(yaml, '/indicators/output/qualtiy')).toBe('quality');
  });

  it('qualtiy alone suggests quality: a swap of two letters is one slip, not two', () => {
    expect(
      quoted(validateForm({ indicators: { output: { qualtiy: [] } } }).find((f) => f.path === '/indicators/output/qualtiy')?.message),
    ).toBe('quality');
  });

  it('suggests nothing when every close key is already there', () => {
    expect(suggestion(withOutput('    quality: []\n    qualtiy: []\n'), '/indicators/output/qualtiy')).toBeUndefined();
    const yaml = formYaml().replace('evalform: 1\n', 'evalform: 1\nsignoff:\n  phone: "81125819"\n  phonee: "81125819"\n');
    expect(suggestion(yaml, '/signoff/phonee')).toBeUndefined();
  });

  it('a key typed in full-width letters (a Chinese input method) suggests the key it spells', () => {
    expect(suggestion(formYaml().replace('year: 2022', 'ｙｅａｒ: 2022'), '/ｙｅａｒ')).toBe('year');
    expect(suggestion(formYaml().replace('project: 测试项目', 'Ｐｒｏｊｅｃｔ: 测试项目'), '/Ｐｒｏｊｅｃｔ')).toBe('project');
  });

  it('a key written as the table’s own label suggests the English key it stands for', () => {
    expect(suggestion(formYaml().replace('year: 2022', '年度: 2022'), '/年度')).toBe('year');
    expect(suggestion(formYaml().replace('department: 测试部门', '主管部门: 测试部门'), '/主管部门')).toBe('department');
    expect(suggestion(formYaml().replace('    executed: 95', '    全年执行数: 95'), '/funds/appropriation/全年执行数')).toBe('executed');
    // Already there: no suggestion.
    expect(suggestion(formYaml().replace('year: 2022', 'year: 2022\n年度: 2022'), '/年度')).toBeUndefined();
  });

  it('in a config: the same rules, and the Chinese titles of the fields', () => {
    const findings = validateConfig({ negative: 'ratio', negativ: 'linear', places: '两位' });
    expect(quoted(findings.find((f) => f.path === '/negativ')?.message)).toBeUndefined();
    expect(quoted(validateConfig({ negativ: 'linear' }).find((f) => f.path === '/negativ')?.message)).toBe('negative');
    expect(findings.find((f) => f.path === '/places')?.message).toContain('（得分小数位数）');
  });
});
