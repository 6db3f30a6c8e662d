// Issue 10, FORMAT.md §7 1.1 split columns: 指标性质 (nature) and 度量单位 (unit) per indicator.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';
import { readIndicator } from '../src/score/compute.js';
import { codes, formYaml, indicatorAt, padded } from './helpers.js';

interface Columns {
  target: string;
  actual: string;
  nature?: string;
  unit?: string;
  score?: string;
  rating?: string;
}

/** The indicator under test at output/quantity/0 (weight 20), with its nature and unit columns. */
function scoredColumns(c: Columns) {
  const yaml = formYaml({ indicators: padded({ target: c.target, actual: c.actual, weight: '20', score: c.score, rating: c.rating }) });
  const extra = [c.nature && `        nature: ${JSON.stringify(c.nature)}`, c.unit && `        unit: ${JSON.stringify(c.unit)}`].filter(
    Boolean,
  );
  const text = yaml.replace(`target: ${JSON.stringify(c.target)}\n`, `target: ${JSON.stringify(c.target)}\n${extra.join('\n')}\n`);
  const ev = evaluate(text, 'form.yaml');
  if (!ev.result) throw new Error(JSON.stringify(ev.findings));
  return { ...ev.result, findings: ev.findings };
}

describe('nature gives the direction when the target has no comparison', () => {
  it.each([
    ['反向', '10', '20', 'negative', '10'],
    ['≤', '10', '20', 'negative', '10'],
    ['≦', '10', '20', 'negative', '10'],
    ['正向', '10', '5', 'positive', '10'],
    ['≧', '10', '5', 'positive', '10'],
    ['等于', '10', '5', 'equal', '10'],
    ['═', '10', '5', 'equal', '10'],
    ['﹦', '10', '5', 'equal', '10'],
  ])('nature %s, target %s, actual %s: %s, %s points', (nature, target, actual, method, score) => {
    const r = scoredColumns({ nature, target, actual });
    const i = indicatorAt(r);
    expect(i.method).toBe(method);
    expect(i.score?.toFixed()).toBe(score);
    expect(codes(r.findings)).not.toContain('direction-conflict');
  });

  it('a comparison written in the target wins, and a contrary nature is direction-conflict', () => {
    const r = scoredColumns({ nature: '正向', target: '≤10', actual: '20' });
    expect(indicatorAt(r).method).toBe('negative');
    expect(r.findings.filter((f) => f.code === 'direction-conflict').map((f) => f.path)).toEqual(['/indicators/output/quantity/0/nature']);
    expect(codes(scoredColumns({ nature: '反向', target: '95%以上', actual: '96%' }).findings)).toContain('direction-conflict');
    expect(codes(scoredColumns({ nature: '≥', target: '控制在5%', actual: '4%' }).findings)).toContain('direction-conflict');
  });

  it('等于 conflicts with neither, and = conflicts with no nature', () => {
    expect(codes(scoredColumns({ nature: '等于', target: '≥10', actual: '10' }).findings)).not.toContain('direction-conflict');
    expect(codes(scoredColumns({ nature: '等于', target: '≤10', actual: '10' }).findings)).not.toContain('direction-conflict');
    expect(codes(scoredColumns({ nature: '反向', target: '=10', actual: '10' }).findings)).not.toContain('direction-conflict');
  });

  it('定性 makes the indicator qualitative even with quantities', () => {
    const r = scoredColumns({ nature: '定性', target: '≥95%', actual: '50%', score: '18' });
    const i = indicatorAt(r);
    expect(i.method).toBe('qualitative');
    expect(i.score?.toFixed()).toBe('18');
    expect(codes(r.findings)).not.toContain('score-mismatch');
  });
});

describe('the unit column', () => {
  it('applies to target and actual written without one', () => {
    const r = scoredColumns({ nature: '正向', target: '1.2', actual: '6000', unit: '万人' });
    expect(indicatorAt(r).score?.toFixed()).toBe('20');
    const s = scoredColumns({ nature: '正向', target: '1.2', actual: '6000人', unit: '万人' });
    expect(indicatorAt(s).score?.toFixed()).toBe('10');
    expect(readIndicator({ target: '90', actual: '95', unit: '%' })).toMatchObject({ kind: 'quantities' });
    expect(readIndicator({ target: '90', actual: '95个', unit: '%' })).toMatchObject({
      kind: 'unit-mismatch',
      targetUnit: '%',
      actualUnit: '个',
    });
  });

  it('an actual written without a unit is bare even when the column is %', () => {
    const r = scoredColumns({ nature: '正向', target: '90', actual: '0.95', unit: '%', score: '20' });
    expect(codes(r.findings)).toContain('fraction-for-percent');
    expect(indicatorAt(r).method).toBe('qualitative');
  });

  it('a column that is no unit leaves the numbers prose', () => {
    expect(readIndicator({ target: '9', actual: '7', unit: '月' }).kind).toBe('prose');
  });
});
