// The page plan (src/render/paper.ts, paperView): text measured in ems, columns sized from the content, indicators
// packed onto A4 pages with their groups kept together, and the signoff laid out so no field breaks.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';
import { CELL_X, EM, fitGrid, lineCount, planPages, signoffLayout, TEXT_HEIGHT, TEXT_WIDTH, textEm } from '../src/render/paper.js';
import { GRID_TWIPS, paperView, tableView, type PaperView } from '../src/render/view.js';
import { example, formYaml, full } from './helpers.js';

function paper(yaml: string, name = 'x.yaml'): PaperView {
  const ev = evaluate(yaml, name);
  if (!ev.result) throw new Error(`${name} was not scored`);
  return paperView(tableView(ev.result));
}

/** A column that holds `chars` CJK characters a line. */
const cols = (chars: number): number => chars * EM + 2 * CELL_X;

describe('measuring text', () => {
  it('counts a CJK character as an em, Latin and digits as less, and wraps at the column width', () => {
    expect(textEm('偏差原因')).toBe(4);
    expect(textEm('2664.6')).toBeLessThan(4);
    expect(lineCount('偏差原因', cols(4))).toBe(1);
    expect(lineCount('偏差原因分', cols(4))).toBe(2);
    expect(lineCount('偏差原因\n分析及\n改进措施', cols(4))).toBe(3);
  });

  it('never starts a line with closing punctuation, and keeps a number whole', () => {
    // 三 goes down with the comma: 一二 / 三，四.
    expect(lineCount('一二三，四', cols(3))).toBe(2);
    expect(lineCount('一二三四，', cols(4))).toBe(2);
    // 0734-7221065 is one word: it goes to the next line whole rather than breaking after 07.
    expect(lineCount('电话0734-7221065', cols(9))).toBe(2);
  });
});

describe('measuring a very long text', () => {
  it('counts it by a bound that is never short of the lines it takes, and close to them', () => {
    // 500 characters, ten a line: 50 lines.
    const para = '一二三四五六七八九十'.repeat(50);
    expect(lineCount(para, cols(10))).toBeGreaterThanOrEqual(50);
    expect(lineCount(para, cols(10))).toBeLessThanOrEqual(56);
    // Pages of short paragraphs (a 5 MB goal): each counted by bound, none short.
    const many = Array.from({ length: 1000 }, () => '一二三四五六七八九十一二').join('\n');
    expect(lineCount(many, cols(10))).toBeGreaterThanOrEqual(2000);
    expect(lineCount(many, cols(10))).toBeLessThanOrEqual(2000);
  });
});

describe('columns from content', () => {
  const farmland = paper(example('county-2023-farmland.yaml'));
  const grid = farmland.columns.grid;

  it('fills the text width, keeps the label, 分值 and 得分 columns, and gives the long 偏差原因 sentences room', () => {
    expect(grid.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
    for (const i of [0, 1, 2, 7, 8]) expect(grid[i]).toBe(GRID_TWIPS[i]);
    // The layout's own 偏差原因 column is 1056 twips (1.9 cm, four characters a line); these sentences get more.
    expect(grid[9]!).toBeGreaterThan(1.5 * GRID_TWIPS[9]!);
    // The funds amounts each fit on one line.
    for (const f of farmland.funds)
      for (const [k, t] of [f.initial, f.annual, f.executed].entries()) expect(lineCount(t, grid[4 + k]!)).toBe(1);
  });

  it('keeps every heading line whole and never makes the table taller than the layout grid would', () => {
    const rows = [
      { cells: [{ from: 1, to: 2, text: '偏差原因\n分析及' }], whole: true },
      { cells: [{ from: 1, to: 2, text: '很长的一句话'.repeat(20) }] },
      { cells: [{ from: 2, to: 3, text: '短' }] },
    ];
    const g = fitGrid([1000, 2000, 2000], new Set([0]), rows);
    expect(g.reduce((a, b) => a + b, 0)).toBe(5000);
    expect(g[0]).toBe(1000);
    // The column of the long sentence takes the width the short one does not need.
    expect(g[1]!).toBeGreaterThan(g[2]!);
    expect(lineCount('偏差原因', g[1]!)).toBe(1);
    // Too many columns for their least widths: the layout's grid as it was.
    expect(fitGrid([300, 300], new Set(), [{ cells: [{ from: 0, to: 1, text: '一二三四五' }] }])).toEqual([300, 300]);
  });
});

describe('packing indicators onto pages', () => {
  const room = TEXT_HEIGHT - 360;
  const sum = (h: number[]) => (units: readonly number[]) => units.reduce((a, u) => a + h[u]!, 0);

  it('moves a group that does not fit to the next page whole, and fills a page otherwise', () => {
    const h = [3000, 3000, 3000, 3000, 3000];
    const pages = planPages(
      [
        [0, 1],
        [2, 3, 4],
      ],
      4000,
      1000,
      500,
      sum(h),
    );
    // 4000 + 6000 on page 1; 9000 more do not fit there but do on page 2.
    expect(pages).toEqual([
      [0, 1],
      [2, 3, 4],
    ]);
  });

  it('splits a group longer than a page at its indicators', () => {
    const h = Array(12).fill(2000);
    const pages = planPages([[0], h.map((_, i) => i).slice(1)], 1000, 1000, 0, sum(h));
    expect(pages.flat()).toEqual(h.map((_, i) => i));
    expect(pages.length).toBe(2);
    for (const p of pages) expect(1000 + sum(h)(p)).toBeLessThanOrEqual(room);
  });

  it('keeps the 总分 and signoff with the last group, never alone on a page', () => {
    const h = [5000, 5000, 2000];
    // 1000 + 12000 fits page 1 but the 2000 tail does not: the last group goes with it to page 2.
    expect(planPages([[0, 1], [2]], 1000, 1000, 2000, sum(h))).toEqual([[0, 1], [2]]);
    // A group of one whole page with the tail: its last indicator goes.
    expect(planPages([[0, 1, 2]], 1000, 1000, 2000, sum([6000, 6000, 1000]))).toEqual([[0, 1], [2]]);
    // Page 1 holds no indicator when the goals fill it.
    expect(planPages([[0]], room - 100, 1000, 0, sum([3000]))).toEqual([[], [0]]);
  });
});

describe('paperView', () => {
  it('prints every indicator once, in order, with the 一级 and 二级 labels on every page they have rows on', () => {
    for (const name of [
      'county-2023-farmland.yaml',
      'sichuan-2022-public-health.yaml',
      'yunnan-2023-rural-water.yaml',
      'hunan-2022-business.yaml',
    ]) {
      const v = paper(example(name), name);
      expect(v.sheets.flatMap((s) => s.indicators.map((i) => i.path))).toEqual(v.indicators.map((i) => i.path));
      expect(v.sheets.map((s) => [s.first, s.last])).toEqual(v.sheets.map((_, k) => [k === 0, k === v.sheets.length - 1]));
      for (const s of v.sheets) {
        expect(s.pages).toBe(v.sheets.length);
        if (s.indicators.length === 0) continue;
        expect(s.heading).toBe(true);
        expect(s.indicators[0]!.level1).toBeDefined();
        expect(s.indicators[0]!.level2).toBeDefined();
        const rows = s.indicators.reduce((a, i) => a + 1 + i.parts.length, 0);
        expect(s.indicatorRowSpan).toBe(rows + 1);
        // The rowSpans of the labels on a page cover its rows exactly.
        expect(s.indicators.reduce((a, i) => a + (i.level1?.rowSpan ?? 0), 0)).toBe(rows);
        expect(s.indicators.reduce((a, i) => a + (i.level2?.rowSpan ?? 0), 0)).toBe(rows);
      }
    }
  });

  it('lays the 20-indicator form on three pages, each 二级 group whole, and the signoff on one line', () => {
    const v = paper(example('county-2023-farmland.yaml'));
    expect(v.sheets).toHaveLength(3);
    const groups = v.sheets.map((s) => s.indicators.filter((i) => i.level2).map((i) => i.level2!.label));
    const all = groups.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(v.signoffLines.map((l) => l.fields)).toEqual([
      ['填表人：王丽娟', '填报日期：2024年3月28日', '联系电话：0734-7221065', '单位负责人签字：张国华'],
    ]);
  });

  it('splits a 二级 group longer than a page and labels it again on the next page', () => {
    const long = '因汛期持续降雨，施工暂停，工期顺延；今后将把主体工程安排在汛前完成，并加强进度督查。';
    const indicators = [
      ...Array.from({ length: 24 }, (_, k) => ({
        at: 'output/quality',
        name: `质量指标第${k + 1}项`,
        target: '达标',
        actual: '达标',
        weight: '2',
        score: '2',
        deviation: long,
      })),
      full('output/quantity', 2),
      full('outcome/social', 30),
      full('satisfaction/beneficiary', 10),
    ];
    const v = paper(formYaml({ indicators }));
    const quality = v.sheets.filter((s) => s.indicators.some((i) => i.name.startsWith('质量指标第')));
    expect(quality.length).toBeGreaterThan(1);
    for (const s of quality) {
      const first = s.indicators.find((i) => i.name.startsWith('质量指标第'))!;
      expect(first.level2).toMatchObject({ label: '质量指标' });
      expect(first.level2!.rowSpan).toBe(s.indicators.filter((i) => i.name.startsWith('质量指标第')).length);
    }
  });
});

describe('the signoff line', () => {
  it('never breaks a field: fields go to the next line whole, set apart by fewer spaces when that keeps one line', () => {
    const four = ['填表人：王丽娟', '填报日期：2024年3月28日', '联系电话：0734-7221065', '单位负责人签字：张国华'];
    expect(signoffLayout(four).map((l) => l.text)).toEqual([four.join('　')]);
    const short = ['填表人：李明', '填报日期：2024年4月18日', '联系电话：81125819', '单位负责人签字：'];
    expect(signoffLayout(short).map((l) => l.text)).toEqual([short.join('　　　')]);
    const five = [...four.slice(0, 3), '财务负责人：陈静', '单位负责人签字：张国华'];
    const lines = signoffLayout(five);
    expect(lines.flatMap((l) => l.fields)).toEqual(five);
    expect(lines.length).toBe(2);
    for (const l of lines) expect(textEm(l.text) * EM).toBeLessThanOrEqual(TEXT_WIDTH);
  });
});
