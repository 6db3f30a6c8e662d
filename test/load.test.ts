// Loading: every finding carries the file, a JSON pointer, and the 1-based line and column of its node in the YAML.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';
import { decodeUtf8, escapePointer, offsetOf, parsePointer, positionAt, readSource } from '../src/load/source.js';
import { brief, formYaml } from './helpers.js';

/** A small valid form, one line per field so positions are easy to state. */
const BASE = [
  'evalform: 1', //                                     1
  'year: 2022', //                                      2
  'project: 测试项目', //                                3
  'department: 测试部门', //                             4
  'implementer: 测试单位', //                            5
  'funds:', //                                          6
  '  appropriation: {annual: 100, executed: 95}', //    7
  '  deviation: ""', //                                 8
  'indicators:', //                                     9
  '  output:', //                                       10
  '    quantity:', //                                   11
  '      - target: 目标', //                             12
  '        actual: 完成', //                             13
  '        weight: 50', //                              14
  '        score: 50', //                               15
  '  outcome:', //                                      16
  '    social: [{target: 目标, actual: 完成, weight: 30, score: 30}]', // 17
  '  satisfaction:', //                                 18
  '    beneficiary: [{target: 目标, actual: 完成, weight: 10, score: 10}]', // 19
  '',
].join('\n');

const edit = (from: string, to: string, text = BASE): string => {
  if (!text.includes(from)) throw new Error(`not in the form: ${from}`);
  return text.replace(from, to);
};

/** [code, path, line, column] of each finding. */
function where(text: string): [string, string, number, number][] {
  return evaluate(text, 'form.yaml').findings.map((f) => [f.code, f.path, f.line, f.column]);
}

describe('the base form', () => {
  it('is valid and scores 99.5 with no findings', () => {
    const ev = evaluate(BASE, 'form.yaml');
    expect(ev.findings).toEqual([]);
    expect(ev.result?.total.toString()).toBe('99.5');
  });
});

describe('positions of schema findings', () => {
  it.each<[string, string, [string, string, number, number][]]>([
    ['a value of the wrong type, at the value', edit('year: 2022', 'year: "二〇二二"'), [['schema', '/year', 2, 7]]],
    [
      'an amount that is not a number, at the value in a flow map',
      edit('annual: 100', 'annual: "一百"'),
      [['schema', '/funds/appropriation/annual', 7, 27]],
    ],
    ['a negative amount', edit('annual: 100', 'annual: -100'), [['schema', '/funds/appropriation/annual', 7, 27]]],
    [
      'a value in a list item',
      edit('        weight: 50', '        weight: 五十'),
      [['schema', '/indicators/output/quantity/0/weight', 14, 17]],
    ],
    [
      'an unknown rating',
      edit('        score: 50', '        score: 50\n        rating: 完成'),
      [['schema', '/indicators/output/quantity/0/rating', 16, 17]],
    ],
    ['a weight above 100', edit('weight: 30', 'weight: 300'), [['schema', '/indicators/outcome/social/0/weight', 17, 47]]],
    [
      'a required key missing: at the parent (the list item)',
      edit('        actual: 完成\n', ''),
      [['schema', '/indicators/output/quantity/0/actual', 12, 9]],
    ],
    [
      'a required key missing in a flow map: at the flow map',
      edit('actual: 完成, weight: 30', 'weight: 30'),
      [['schema', '/indicators/outcome/social/0/actual', 17, 14]],
    ],
    ['a required top-level key missing: at the document', edit('project: 测试项目\n', ''), [['schema', '/project', 1, 1]]],
    [
      'funds left empty: at its key',
      edit('  appropriation: {annual: 100, executed: 95}\n  deviation: ""\n', ''),
      [['schema', '/funds', 6, 1]],
    ],
  ])('%s', (_, text, expected) => {
    expect(where(text)).toEqual(expected);
  });

  it('a required top-level key missing after leading comments: at the first key of the document', () => {
    expect(where(`# a comment\n\n${edit('project: 测试项目\n', '')}`)).toEqual([['schema', '/project', 3, 1]]);
  });

  it('one finding per fault, sorted by position', () => {
    const text = edit(
      'year: 2022',
      'year: 二〇二二',
      edit('weight: 10, score: 10', 'weight: 十, score: 10', edit('annual: 100', 'annual: "x"')),
    );
    expect(where(text)).toEqual([
      ['schema', '/year', 2, 7],
      ['schema', '/funds/appropriation/annual', 7, 27],
      ['schema', '/indicators/satisfaction/beneficiary/0/weight', 19, 52],
    ]);
  });
});

describe('unknown keys', () => {
  it('a misspelt key is located at the key and suggests the right one', () => {
    const ev = evaluate(edit('  appropriation:', '  appropriaton:'), 'form.yaml');
    expect(ev.findings.map((f) => [f.code, f.path, f.line, f.column])).toEqual([['schema', '/funds/appropriaton', 7, 3]]);
    expect(ev.findings[0]?.message).toContain('是否应为 “appropriation”');
  });

  it.each<[string, string, string]>([
    ['projet', 'project', '/projet'],
    ['Year', 'year', '/Year'],
  ])('%s → 是否应为 “%s”', (wrong, right, path) => {
    const text = edit(`${right}:`, `${wrong}:`);
    const ev = evaluate(text, 'form.yaml');
    const unknown = ev.findings.find((f) => f.path === path);
    expect(unknown?.message).toContain(`是否应为 “${right}”`);
    // The key it should have been is then missing, reported at the document.
    expect(ev.findings.map((f) => f.path).sort()).toEqual([`/${right}`, path].sort());
  });

  it('a key far from any known one gets no suggestion', () => {
    const ev = evaluate(`${BASE}zzzzzz: x\n`, 'form.yaml');
    expect(ev.findings.map((f) => [f.path, f.line, f.column])).toEqual([['/zzzzzz', 20, 1]]);
    expect(ev.findings[0]?.message).not.toContain('是否应为');
  });

  it('a misspelt indicator key suggests the right one', () => {
    const ev = evaluate(edit('        score: 50', '        score: 50\n        deviaton: 无'), 'form.yaml');
    expect(ev.findings.map((f) => [f.path, f.line, f.column])).toEqual([['/indicators/output/quantity/0/deviaton', 16, 9]]);
    expect(ev.findings[0]?.message).toContain('是否应为 “deviation”');
  });
});

describe('JSON pointers', () => {
  it('escape ~ as ~0 and / as ~1, and locate such keys', () => {
    const ev = evaluate(`${BASE}a/b: 1\nx~y: 2\n"~1": 3\n`, 'form.yaml');
    expect(ev.findings.map((f) => [f.path, f.line, f.column])).toEqual([
      ['/a~1b', 20, 1],
      ['/x~0y', 21, 1],
      ['/~01', 22, 1],
    ]);
  });

  it.each<[string]>([['a/b'], ['x~y'], ['~1'], ['~0/~1'], ['普通'], ['']])('escapePointer and parsePointer round-trip %j', (key) => {
    expect(parsePointer(`/${escapePointer(key)}`)).toEqual([key]);
  });

  it('the source keeps a position for every node', () => {
    const source = readSource(BASE);
    expect(positionAt(source, offsetOf(source, '/funds/appropriation/executed')!)).toEqual({ line: 7, column: 42 });
    expect(positionAt(source, offsetOf(source, '/indicators/output/quantity/0/score')!)).toEqual({ line: 15, column: 16 });
    expect(positionAt(source, offsetOf(source, '/indicators/satisfaction/beneficiary/0')!)).toEqual({ line: 19, column: 19 });
    expect(positionAt(source, offsetOf(source, '/indicators/satisfaction/beneficiary')!)).toEqual({ line: 19, column: 18 });
    expect(source.numbers.get('/funds/appropriation/annual')).toBe('100');
  });
});

describe('YAML syntax errors', () => {
  it.each<[string, string, number, number, RegExp]>([
    ['a tab used for indentation', edit('  appropriation', '\tappropriation'), 7, 1, /Tab/],
    ['a duplicate key, at the second one', edit('year: 2022\n', 'year: 2022\nyear: 2023\n'), 3, 1, /重复的键/],
    ['a duplicate key in a list item', edit('        score: 50', '        score: 50\n        score: 40'), 16, 9, /重复的键/],
    ['a colon inside an unquoted value', edit('project: 测试项目', 'project: 测试: 项目'), 3, 10, /YAML 语法错误/],
    ['a second document', `${BASE}---\na: 1\n`, 20, 1, /多个 YAML 文档/],
    ['a quote that never closes, at the end of its line', edit('project: 测试项目', 'project: "测试项目'), 3, 15, /引号或括号未闭合/],
  ])('%s', (_, text, line, column, message) => {
    const ev = evaluate(text, 'form.yaml');
    expect(ev.result).toBeUndefined();
    // The first finding is the fault; a tab may also upset the indentation of the lines after it.
    expect(ev.findings[0]).toMatchObject({ code: 'yaml-syntax', severity: 'error', file: 'form.yaml', path: '', line, column });
    expect(ev.findings[0]?.message).toMatch(message);
  });

  it.each<[string, string]>([
    ['an empty file', ''],
    ['only comments', '# nothing yet\n'],
    ['a list', '- a\n- b\n'],
    ['a scalar', 'hello\n'],
  ])('%s is a schema finding at 1:1', (_, text) => {
    expect(where(text)).toEqual([['schema', '', 1, 1]]);
  });

  it('aliases expanding to a huge tree are refused, not expanded', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++)
      lines.push(
        `a${i}: &a${i} [*a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}, *a${i - 1}]`,
      );
    const ev = evaluate(`${lines.join('\n')}\n`, 'bomb.yaml');
    expect(ev.findings.map((f) => f.code)).toEqual(['yaml-syntax']);
  });

  it('a small alias is read as its value', () => {
    const ev = evaluate(edit('weight: 50\n        score: 50', 'weight: &w 50\n        score: *w'), 'form.yaml');
    expect(ev.findings).toEqual([]);
    expect(ev.result?.indicators[0]?.score?.toString()).toBe('50');
  });
});

describe('numbers read from the source text', () => {
  it('keeps the decimals a stated value was written with', () => {
    const ev = evaluate(
      formYaml({ appropriation: { annual: '288', executed: '259.49', rate: '90.10%' }, fundsScore: '9.010', total: '99.01' }),
      'form.yaml',
    );
    const r = ev.result;
    expect(r?.funds.rows[1]?.rate).toMatchObject({ places: 2, text: '90.10%' });
    expect(r?.form.funds.score).toMatchObject({ places: 3, text: '9.010' });
    expect(r?.form.total).toMatchObject({ places: 2, text: '99.01' });
    expect(ev.findings).toEqual([]);
  });

  it('a phone written as a number keeps its leading zero', () => {
    const ev = evaluate(`${BASE}signoff: {preparer: 李明, date: "2024-04-18", phone: 07305123456, head: ""}\n`, 'form.yaml');
    expect(ev.result?.form.signoff.phone).toBe('07305123456');
  });

  it('a target written as a number keeps its text', () => {
    const ev = evaluate(edit('      - target: 目标\n        actual: 完成', '      - target: 95.0\n        actual: 95.0'), 'form.yaml');
    expect(ev.result?.indicators[0]).toMatchObject({ target: '95.0', actual: '95.0', method: 'equal' });
  });
});

describe('BOM and line endings', () => {
  const fixture = readFileSync(new URL('./fixtures/codes/score-mismatch.yaml', import.meta.url), 'utf8');
  const plain = evaluate(fixture, 'f.yaml');

  it.each<[string, string]>([
    ['a BOM', `\uFEFF${fixture}`],
    ['CRLF line endings', fixture.replace(/\n/g, '\r\n')],
    ['a BOM and CRLF', `\uFEFF${fixture.replace(/\n/g, '\r\n')}`],
  ])('%s: same findings at the same places, same scores', (_, text) => {
    const ev = evaluate(text, 'f.yaml');
    expect(brief(ev.findings)).toEqual(['score-mismatch 29:16']);
    expect(brief(ev.findings)).toEqual(brief(plain.findings));
    expect(ev.result?.total.toString()).toBe(plain.result?.total.toString());
    expect(ev.result?.form.project).toBe('测试项目');
    // No carriage return leaks into text fields.
    expect(ev.result?.form.funds.deviation).toBe('');
    expect(ev.result?.indicators.map((i) => i.deviation)).toEqual(plain.result?.indicators.map((i) => i.deviation));
  });

  it('CRLF in a block scalar does not leave carriage returns in the text', () => {
    const text = `${BASE}goals:\n  expected: |-\n    第一行\n    第二行\n  actual: 完成\n`.replace(/\n/g, '\r\n');
    expect(evaluate(text, 'form.yaml').result?.form.goals.expected).toBe('第一行\n第二行');
  });

  it('a syntax error in a CRLF file is on the right line', () => {
    const ev = evaluate(edit('year: 2022\n', 'year: 2022\nyear: 2023\n').replace(/\n/g, '\r\n'), 'form.yaml');
    expect(brief(ev.findings)).toEqual(['yaml-syntax 3:1']);
  });
});

describe('decodeUtf8', () => {
  it('decodes UTF-8 and drops a BOM', () => {
    expect(decodeUtf8(Buffer.from('\uFEFFproject: 测试\n', 'utf8'))).toEqual({ text: 'project: 测试\n' });
  });

  it('locates the first byte that is not UTF-8', () => {
    // "测试" in GBK is B2 E2 CA D4; B2 cannot start a UTF-8 sequence. Columns count characters, not bytes.
    const bytes = Buffer.concat([
      Buffer.from('evalform: 1\nyear: 2022\nproject: 项目'),
      Buffer.from([0xb2, 0xe2, 0xca, 0xd4]),
      Buffer.from('\n'),
    ]);
    const decoded = decodeUtf8(bytes);
    expect('error' in decoded && decoded.error).toMatchObject({ code: 'encoding', line: 3, column: 12 });
  });
});
