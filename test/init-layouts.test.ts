// Issue 10: the blank forms `evalform init --layout` writes (templates/init*.yaml): each is a valid start, and the
// lines a filer is told to uncomment (`# nature: …`) stay valid once uncommented.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INIT_LAYOUTS } from '../src/cli/init.js';
import { evaluate } from '../src/evaluate.js';
import { ROOT } from './helpers.js';

const blank = (layout: keyof typeof INIT_LAYOUTS) =>
  readFileSync(path.join(ROOT, 'templates', INIT_LAYOUTS[layout]), 'utf8')
    .replaceAll('{{SCHEMA}}', '../schemas/evalform.schema.json')
    .replaceAll('{{YEAR}}', '2023');

const codes = (text: string) => [...new Set(evaluate(text, 'blank.yaml').findings.map((f) => f.code))].sort();

describe.each(Object.keys(INIT_LAYOUTS) as (keyof typeof INIT_LAYOUTS)[])('the %s blank form', (layout) => {
  it('states its layout (central by default) and no rules of its own', () => {
    const text = blank(layout);
    const result = evaluate(text, 'blank.yaml').result!;
    expect(result.form.layout).toBe(layout === 'central' ? undefined : layout);
    expect(text).not.toMatch(/^rules:/m);
    expect(text).not.toMatch(/\{\{|\}\}/);
  });

  it('has only the blanks still to fill: score-missing and zero-budget', () => {
    expect(codes(blank(layout))).toEqual(['score-missing', 'zero-budget']);
  });

  it('stays valid with its commented nature lines uncommented', () => {
    const text = blank(layout).replace(/^( +)# (nature: \S+)/gm, '$1$2');
    expect(codes(text)).toEqual(['score-missing', 'zero-budget']);
  });
});

describe('the split-column blank forms', () => {
  it.each(['sichuan', 'yunnan'] as const)('%s gives every indicator a name, a nature hint and a unit', (layout) => {
    const text = blank(layout);
    expect(text.match(/^ {6}- name: ""/gm)).toHaveLength(9);
    expect(text.match(/^ {8}# nature: (正向|反向)/gm)).toHaveLength(9);
    expect(text.match(/^ {8}unit: ""/gm)).toHaveLength(9);
  });

  it('sichuan has its funds rows, 评分标准 and the header and footer fields, all blank', () => {
    const form = evaluate(blank('sichuan'), 'blank.yaml').result!.form;
    expect(form).toMatchObject({
      category: '',
      manager: { name: '', phone: '' },
      overview: '',
      conclusion: { summary: '', problems: '', measures: '' },
      remarks: '',
      signoff: { financeHead: '' },
    });
    expect(blank('sichuan')).toMatch(/^ {2}special_account: +#/m);
    expect(blank('sichuan')).toMatch(/^ {2}own: +#/m);
    expect(blank('sichuan').match(/^ {8}method_text: ""/gm)).toHaveLength(9);
  });
});
