// The checks are defined once, as modules in src/checks/; everything that lists them is held to that list here.
// The README's "The checks" table is written by hand from the modules and compared with them: when a module is added
// or its severity or summary changes, this test fails and prints the table as it must read, to paste into the README.
// (test/codes.test.ts holds the fixtures to the same list; src/report/sarif.ts reads its rules from it.)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECK_CODES, CHECK_MODULES, CHECKS, isCheckCode, severityOf, type CheckModule } from '../src/checks/index.js';
import { sarif } from '../src/report/sarif.js';
import { resolveRules } from '../src/score/rules.js';
import { ROOT } from './helpers.js';

const CHECKS_DIR = new URL('../src/checks/', import.meta.url);
const NOT_CHECKS = ['define.ts', 'index.ts'];

/** FORMAT.md rev. 1.1 §5, copied: every code of the contract with its default severity. */
const FORMAT_5: Record<string, 'error' | 'warning'> = {
  'yaml-syntax': 'error',
  schema: 'error',
  'weights-sum': 'error',
  'level-weights': 'warning',
  'score-exceeds-weight': 'error',
  'score-missing': 'error',
  'rating-band': 'error',
  'unit-mismatch': 'error',
  'score-mismatch': 'error',
  'funds-total-mismatch': 'error',
  'rate-mismatch': 'error',
  'funds-score-mismatch': 'error',
  'total-mismatch': 'error',
  'grade-mismatch': 'error',
  'zero-budget': 'error',
  overspend: 'warning',
  'deviation-missing': 'warning',
  'rate-explanation-missing': 'warning',
  overachievement: 'warning',
  encoding: 'error',
  'not-applicable-weight': 'warning',
  'actual-not-quantity': 'warning',
  'fraction-for-percent': 'error',
  'direction-conflict': 'warning',
  'deadline-missed': 'warning',
  'form-rules-denied': 'error',
  'initial-as-budget': 'warning',
};
/** §5 codes of the §7 variants, not implemented yet (a later issue): remove each here when its module is added. */
const PLANNED: string[] = [];

/** The README's table of the checks, as the modules give it. */
function checksTable(): string {
  const rows = CHECK_MODULES.map((c) => `| \`${c.code}\` | ${c.severity} | ${c.summary} |`);
  return ['| code | severity | when |', '| --- | --- | --- |', ...rows].join('\n');
}

/** The first table after the heading "## The checks" in README.md. */
function readmeTable(): string {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  const section = readme.split(/^## The checks$/m)[1]?.split(/^## /m)[0] ?? '';
  return section
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .join('\n');
}

/** The `| \`code\` | severity | … |` rows of the "## 5. Checks" table of a FORMAT document. */
function formatTable(text: string): Record<string, string> {
  const section = text.split(/^## 5\. Checks$/m)[1]?.split(/^## /m)[0] ?? '';
  const rows = [...section.matchAll(/^\| `([a-z-]+)` \| (error|warning) \|/gm)];
  return Object.fromEntries(rows.map((m) => [m[1], m[2]]));
}

describe('the modules', () => {
  const files = readdirSync(CHECKS_DIR)
    .filter((f) => f.endsWith('.ts') && !NOT_CHECKS.includes(f))
    .sort();

  it('one file per check, named for its code, each in CHECK_MODULES once', async () => {
    const defaults: string[] = [];
    for (const f of files) {
      const mod = (await import(new URL(f, CHECKS_DIR).href)) as { default: CheckModule };
      expect(mod.default.code, f).toBe(f.replace(/\.ts$/, ''));
      expect(CHECK_MODULES, `${f} is not listed in src/checks/index.ts`).toContain(mod.default);
      defaults.push(mod.default.code);
    }
    expect([...CHECK_CODES].sort()).toEqual(defaults);
    expect(new Set(CHECK_CODES).size).toBe(CHECK_CODES.length);
  });

  it.each(CHECK_MODULES.map((c) => [c.code, c] as const))('%s: a severity, a one-line Chinese summary, Chinese help', (code, c) => {
    expect(['error', 'warning']).toContain(c.severity);
    expect(CHECKS[code]).toBe(c);
    expect(isCheckCode(code)).toBe(true);
    for (const text of [c.summary, c.help]) {
      expect(text).toMatch(/\p{Script=Han}/u);
      expect(text).not.toMatch(/[\n|]/);
      expect(text.length).toBeLessThan(120);
    }
  });

  it('a check without `run` (its findings come from the loader, the validator or evaluate) has a fixed severity', () => {
    const elsewhere = CHECK_MODULES.filter((c) => c.run === undefined).map((c) => c.code);
    expect(elsewhere).toEqual(['yaml-syntax', 'encoding', 'form-rules-denied']);
    for (const code of elsewhere) expect(CHECKS[code].fixed).toBe(true);
  });

  it('rules.severity re-ranks or turns off a check, except a fixed one', () => {
    const rules = resolveRules({ severity: { overspend: 'error', 'deviation-missing': 'off' } });
    expect(severityOf(CHECKS.overspend, rules)).toBe('error');
    expect(severityOf(CHECKS['deviation-missing'], rules)).toBe('off');
    expect(severityOf(CHECKS['weights-sum'], rules)).toBe('error');
    // The schemas do not let a config say this; were it said, the fixed checks would not listen.
    const forced = { ...rules, severity: { schema: 'off', 'form-rules-denied': 'warning' } } as unknown as typeof rules;
    expect(severityOf(CHECKS.schema, forced)).toBe('error');
    expect(severityOf(CHECKS['form-rules-denied'], forced)).toBe('error');
  });

  it('the schemas let rules.severity re-rank exactly the checks that are not fixed', () => {
    const schema = JSON.parse(readFileSync(`${ROOT}schemas/evalform.schema.json`, 'utf8'));
    const properties = schema.definitions.rules.properties.severity.properties as Record<string, { enum?: string[] }>;
    for (const c of CHECK_MODULES) {
      expect(properties[c.code]?.enum, c.code).toEqual(c.fixed ? ['error'] : undefined);
    }
  });
});

describe('every list of the checks comes from the modules', () => {
  it('README.md\'s table under "## The checks" lists the modules\' codes, severities and summaries, in order', () => {
    const expected = checksTable();
    expect(readmeTable(), `README.md's table must read:\n\n${expected}\n`).toBe(expected);
  });

  it('the SARIF rules are the modules, in order, with their summaries, help and severities', () => {
    const log = JSON.parse(sarif([], { cwd: '/tmp', version: '0.0.0' }));
    const rules = log.runs[0].tool.driver.rules as {
      id: string;
      shortDescription: { text: string };
      help: { text: string };
      defaultConfiguration: { level: string };
    }[];
    expect(rules.map((r) => [r.id, r.shortDescription.text, r.help.text, r.defaultConfiguration.level])).toEqual(
      CHECK_MODULES.map((c) => [c.code, c.summary, `${c.summary}\n怎么改：${c.help}`, c.severity]),
    );
  });

  it('FORMAT.md §5: every code is a module with its default severity, but the planned §7 ones', () => {
    const implemented = Object.entries(FORMAT_5).filter(([code]) => !PLANNED.includes(code));
    expect(Object.fromEntries(CHECK_MODULES.map((c) => [c.code, c.severity]))).toEqual(Object.fromEntries(implemented));
    for (const code of PLANNED) expect(isCheckCode(code), `${code} is implemented: take it off PLANNED`).toBe(false);
  });

  it.skipIf(!existsSync(`${ROOT}docs/format.md`))("docs/format.md's §5 table lists the modules with their severities", () => {
    const table = formatTable(readFileSync(`${ROOT}docs/format.md`, 'utf8'));
    expect(table).toEqual(Object.fromEntries(CHECK_MODULES.map((c) => [c.code, c.severity])));
  });
});
