// Where a Source says its nodes stand (rows of pointers and offsets), as `locate` and `offsetOf` read them: the same
// answers by the linear search an ordinary form gets and by the index a form of thousands of nodes gets, and the
// fast path's store of keys and pointers known from earlier forms never changing what a form reads as.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';
import { readSourceFast } from '../src/load/fast.js';
import { locate, offsetOf, readSource, readSourceFull, type Source } from '../src/load/source.js';

/** A map whose list `items` holds `n` entries `- name: item i` / `  value: i`; line numbers follow from `n`. */
function listOf(n: number): string {
  const lines = ['head: 1', 'items:'];
  for (let i = 0; i < n; i++) lines.push(`  - name: item ${i}`, `    value: ${i}`);
  lines.push('tail:', '');
  return lines.join('\n');
}

/** Every node's position by locate, keyed by pointer; key positions too. */
function positions(source: Source): Record<string, unknown> {
  return Object.fromEntries(source.pointers.map((p) => [p, [locate(source, p), locate(source, p, true)]]));
}

describe('locate and offsetOf', () => {
  it('place nodes, keys, empty values and missing nodes by their line and column, in a small form and a large one', () => {
    for (const n of [3, 1500]) {
      const source = readSource(listOf(n));
      expect(readSourceFast(listOf(n)), `${n} items read fast`).toBeDefined();
      // At least 1,000 rows: the large form is looked up through its index.
      expect(source.pointers.length > 1000).toBe(n > 100);
      const last = n - 1;
      const itemLine = 3 + 2 * last;
      expect(locate(source, '/head')).toEqual({ line: 1, column: 7 });
      expect(locate(source, `/items/${last}`)).toEqual({ line: itemLine, column: 5 });
      expect(locate(source, `/items/${last}/name`)).toEqual({ line: itemLine, column: 11 });
      expect(locate(source, `/items/${last}/value`, true)).toEqual({ line: itemLine + 1, column: 5 });
      expect(locate(source, `/items/${last}/value`)).toEqual({ line: itemLine + 1, column: 12 });
      // An empty value stands at its key.
      expect(locate(source, '/tail')).toEqual({ line: itemLine + 2, column: 1 });
      expect(offsetOf(source, '/tail')).toBe(offsetOf(source, '/tail', true));
      // A node that is not there: its nearest ancestor; a list item has no key.
      expect(offsetOf(source, `/items/${last}/missing`)).toBeUndefined();
      expect(locate(source, `/items/${last}/missing/deeper`)).toEqual({ line: itemLine, column: 5 });
      expect(offsetOf(source, `/items/${last}`, true)).toBeUndefined();
      expect(locate(source, `/items/${last}`, true)).toEqual({ line: itemLine, column: 5 });
      expect(locate(source, '/nothing')).toEqual({ line: 1, column: 1 });
    }
  });

  it('give the same answers whichever parser read the text', () => {
    for (const n of [3, 1500]) {
      const text = listOf(n);
      expect(positions(readSourceFast(text) as Source)).toEqual(positions(readSourceFull(text)));
    }
  });

  it('leave out the place of an empty list item, which has neither a value nor a key', () => {
    const source = readSource('a:\n  -\n  - x\n');
    expect(offsetOf(source, '/a/0')).toBeUndefined();
    expect(locate(source, '/a/0')).toEqual({ line: 2, column: 3 });
    expect(locate(source, '/a/1')).toEqual({ line: 3, column: 5 });
  });

  it('place the findings of a form with many indicators at their lines', () => {
    const indicator = (i: number) =>
      [`      - name: 指标${i}`, '        target: "≥95%"', '        actual: "96%"', `        weight: ${i === 250 ? 'x' : 1}`].join('\n');
    const text = [
      'evalform: 1',
      'year: 2022',
      'project: 测试项目',
      'department: 测试部门',
      'indicators:',
      '  output:',
      '    quantity:',
      ...Array.from({ length: 400 }, (_, i) => indicator(i)),
      '',
    ].join('\n');
    expect(readSource(text).pointers.length).toBeGreaterThan(1000);
    const finding = evaluate(text, 'form.yaml').findings.find((f) => f.path === '/indicators/output/quantity/250/weight');
    expect(finding).toMatchObject({ line: 7 + 250 * 4 + 4, column: 17 });
  });
});

describe('the keys and pointers the fast path keeps from form to form', () => {
  it('tell apart keys whose characters hash alike, in either order and read again', () => {
    // "Aa" and "BB" have the same hash (65·31 + 97 = 66·31 + 66).
    const text = 'a:\n  Aa: 1\n  BB: 2\nb:\n  BB: 3\n  Aa: 4\n';
    for (let i = 0; i < 2; i++) {
      const source = readSourceFast(text) as Source;
      expect(source.data).toEqual({ a: { Aa: 1, BB: 2 }, b: { BB: 3, Aa: 4 } });
      expect(source.pointers).toEqual(['', '/a', '/a/Aa', '/a/BB', '/b', '/b/BB', '/b/Aa']);
      expect(source.numbers.get('/b/Aa')).toBe('4');
    }
  });

  it('keep reading forms as the full parser does once the store is full', () => {
    // Far more distinct keys and list items than the store keeps.
    const many = (prefix: string) =>
      `evalform: 1\n${Array.from({ length: 6_000 }, (_, i) => `${prefix}${i}:\n  - ${i}\n  - x`).join('\n')}\n`;
    for (const text of [many('k'), many('q'), listOf(20)]) {
      const fast = readSourceFast(text) as Source;
      const full = readSourceFull(text);
      expect(fast.data).toEqual(full.data);
      expect(positions(fast)).toEqual(positions(full));
      expect([...fast.numbers]).toEqual([...full.numbers]);
    }
  });
});
