// Issue 10, FORMAT.md §7: the more fields of the published variants, read, carried and shown where the central
// table has a place for them (★, 其中), and `layout` from the form or the config.
import { describe, expect, it } from 'vitest';
import { evaluate, parseConfig } from '../src/evaluate.js';
import { renderDocx } from '../src/render/docx.js';
import { renderHtml } from '../src/render/html.js';
import { tableView } from '../src/render/view.js';
import { jsonResult } from '../src/report/json-result.js';
import { scoreTable } from '../src/report/table.js';
import { docxTables, texts } from './render-helpers.js';
import { example } from './helpers.js';
import { found, RICH_INDICATORS as INDICATORS, variant, variantYaml } from './variant-helpers.js';

const FUNDS = 'appropriation: {annual: 100, executed: 100}\nmethod_text: 10分*执行率';
const EXTRA = `category: 一次性项目
manager: {name: 张三, phone: 13800000000}
overview: |
  完成改造。
conclusion: {summary: 较好完成, problems: 进度偏慢, measures: 加强调度}
remarks: 无
signoff: {preparer: 李四, finance_head: 王五}
layout: sichuan
`;

describe('the more fields of §7', () => {
  const ev = variant(FUNDS, EXTRA, undefined, INDICATORS);
  const r = ev.result!;

  it('are read into the model and change no score', () => {
    expect(found(ev)).toEqual([]);
    expect(r.total.toFixed(2)).toBe('100.00');
    const f = r.form;
    expect(f.funds.methodText).toBe('10分*执行率');
    expect(f.indicators[0]).toMatchObject({ core: true, methodText: '每少1户扣1分' });
    expect(f.indicators[0]?.parts).toEqual([
      { name: '一级改造', target: '≥80户', actual: '84户' },
      { name: '二级改造', target: '40户', actual: '42' },
    ]);
    expect(f).toMatchObject({
      category: '一次性项目',
      manager: { name: '张三', phone: '13800000000' },
      overview: '完成改造。',
      conclusion: { summary: '较好完成', problems: '进度偏慢', measures: '加强调度' },
      remarks: '无',
      layout: 'sichuan',
    });
    expect(f.signoff.financeHead).toBe('王五');
  });

  it('the view prints ★ before a core name and the 其中 rows under it, counted in the spans', () => {
    const v = tableView(r);
    expect(v.indicators[0]).toMatchObject({ name: '★改造户数', methodText: '每少1户扣1分' });
    expect(v.indicators[0]?.parts.map((p) => p.name)).toEqual(['其中：一级改造', '其中：二级改造']);
    expect(v.indicators[0]?.level1?.rowSpan).toBe(3);
    expect(v.indicators[0]?.level2?.rowSpan).toBe(3);
    expect(v.indicatorRowSpan).toBe(6);
    expect(v).toMatchObject({ layout: 'sichuan', category: '一次性项目', remarks: '无', fundsMethodText: '10分*执行率' });
    expect(v.financeHead).toBe('王五');
  });

  it('the terminal, HTML and .docx tables show them', async () => {
    const v = tableView(r);
    const terminal = scoreTable([ev], { cwd: '/', version: '0' });
    expect(terminal).toContain('★改造户数');
    // Drawn in the sichuan layout (FORMAT.md §7): 指标性质 / 指标值 / 度量单位 in place of 年度指标值.
    expect(terminal).toMatch(/其中：一级改造 +80 +户 +84户/);
    const html = renderHtml([v], example('../templates/table.hbs'));
    expect(html).toContain('<td>其中：二级改造</td><td></td><td>40</td><td>户</td><td class="text">42</td>');
    expect(html).toContain('rowspan="3">产出');
    const rows = texts(docxTables(await renderDocx([v]))[0]!).map((row) => row.join('|'));
    expect(rows.some((row) => row.includes('★改造户数'))).toBe(true);
    expect(rows.some((row) => row.includes('其中：一级改造||80|户|84户'))).toBe(true);
  });

  it('JSON carries core, parts and layout only when given', () => {
    const json = jsonResult(ev);
    expect(json.layout).toBe('sichuan');
    expect(json.indicators[0]).toMatchObject({
      core: true,
      parts: [{ name: '一级改造', target: '≥80户', actual: '84户' }, { name: '二级改造' }],
    });
    expect(json.indicators[1]).not.toHaveProperty('core');
    expect(json.indicators[1]).not.toHaveProperty('parts');
    const plain = jsonResult(variant('appropriation: {annual: 100, executed: 100}'));
    expect(plain).not.toHaveProperty('layout');
  });
});

describe('layout', () => {
  it('comes from the config when the form has none; the form’s wins', () => {
    const { layer, findings } = parseConfig('layout: yunnan\nform_rules: deny\n', 'evalform.config.yaml');
    expect(findings).toEqual([]);
    const none = evaluate(variantYaml('appropriation: {annual: 100, executed: 100}'), 'f.yaml', { config: layer });
    expect(none.result?.form.layout).toBe('yunnan');
    // Not a rule: form_rules: deny leaves a form's layout alone (no form-rules-denied).
    const own = evaluate(variantYaml('appropriation: {annual: 100, executed: 100}', 'layout: sichuan\n'), 'f.yaml', { config: layer });
    expect(found(own)).toEqual([]);
    expect(own.result?.form.layout).toBe('sichuan');
  });

  it('is not a rule: in a form’s rules or as an unknown value it is a schema fault', () => {
    expect(found(variant('appropriation: {annual: 100, executed: 100}', 'rules:\n  layout: sichuan\n'))[0]?.[0]).toBe('schema');
    expect(found(variant('appropriation: {annual: 100, executed: 100}', 'layout: hunan\n'))[0]?.[0]).toBe('schema');
  });

  it('central forms are drawn as before: no 其中 rows, no ★', () => {
    const v = tableView(variant('appropriation: {annual: 100, executed: 100}').result!);
    expect(v.layout).toBe('central');
    expect(v.indicators.every((i) => i.parts.length === 0 && !i.name.startsWith('★'))).toBe(true);
    expect(v.indicatorRowSpan).toBe(4);
  });
});
