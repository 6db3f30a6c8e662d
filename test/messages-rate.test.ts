// A 执行率 written as a fraction (0.9186 for 91.86%): the rate-mismatch message says how to write it.
import { describe, expect, it } from 'vitest';
import { scored } from './helpers.js';

const message = (rate: string, annual = '100', executed = '91.86') =>
  scored({ appropriation: { annual, executed, rate }, fundsDeviation: '说明' }).findings.find((f) => f.code === 'rate-mismatch')?.message ??
  '';

describe('a rate written as a fraction', () => {
  it('is told to be written as a percent', () => {
    expect(message('0.9186')).toBe(
      '当年财政拨款执行率应为 91.8600%（91.86 ÷ 100），表中为 0.9186：0.9186 是小数，执行率要写成百分数 91.86%',
    );
  });

  it('is not told so when the number is not the rate as a fraction, or is written with %', () => {
    expect(message('0.5')).not.toContain('是小数');
    expect(message('0.91')).not.toContain('是小数');
    expect(message('0.9186%')).not.toContain('是小数');
  });
});
