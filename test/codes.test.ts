// One fixture form per check module (src/checks/<code>.ts → test/fixtures/codes/<code>.yaml), each stating in its
// `# expect:` comment exactly which findings it produces and where; a clean form produces none. A module without a
// fixture, or a fixture without a module, fails here.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, parseConfig } from '../src/evaluate.js';
import { decodeUtf8 } from '../src/load/source.js';
import { CHECK_CODES, CHECKS } from '../src/checks/index.js';
import type { Evaluation } from '../src/model/types.js';
import type { RulesLayer } from '../src/score/rules.js';
import { brief } from './helpers.js';

const DIR = new URL('./fixtures/codes/', import.meta.url);
const FIXTURES = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

function bytesOf(name: string): Buffer {
  return readFileSync(new URL(name, DIR));
}

/** The `# config:` line of a fixture, if any: the evalform.config.yaml it is checked under, as one YAML line. */
function configOf(name: string): RulesLayer | undefined {
  const line = bytesOf(name)
    .toString('utf8')
    .split('\n')
    .find((l) => l.startsWith('# config:'));
  if (line === undefined) return undefined;
  const { layer, findings } = parseConfig(line.slice('# config:'.length), `${name} # config`);
  if (!layer) throw new Error(`${name}: bad # config: ${JSON.stringify(findings)}`);
  return layer;
}

/** What the CLI does with a file's bytes: decode as UTF-8, then evaluate (under the fixture's own config by default). */
function run(name: string, config: RulesLayer | undefined = configOf(name), extra = ''): Evaluation {
  const decoded = decodeUtf8(bytesOf(name));
  if ('error' in decoded) return { file: name, findings: [{ ...decoded.error, severity: 'error', file: name }] };
  return evaluate(decoded.text + extra, name, { config });
}

/** The `# expect:` lines at the top of a fixture: `code line:column` items separated by `;`, or `none`. */
function expected(name: string): string[] {
  const text = bytesOf(name).toString('latin1');
  const lines = text.split('\n').filter((l) => l.startsWith('# expect:'));
  if (lines.length === 0) throw new Error(`${name} has no "# expect:" comment`);
  return lines
    .flatMap((l) => l.slice('# expect:'.length).split(';'))
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== 'none');
}

describe('fixtures', () => {
  it('exist for every check module, plus clean.yaml, and nothing else', () => {
    const missing = CHECK_CODES.filter((c) => !FIXTURES.includes(`${c}.yaml`));
    expect(missing, 'checks without a fixture in test/fixtures/codes/').toEqual([]);
    expect(FIXTURES).toEqual([...CHECK_CODES.map((c) => `${c}.yaml`), 'clean.yaml'].sort());
  });

  it('clean.yaml scores and nothing fires', () => {
    expect(expected('clean.yaml')).toEqual([]);
    const ev = run('clean.yaml');
    expect(ev.findings).toEqual([]);
    expect(ev.result?.total.toFixed(2)).toBe('99.50');
    expect(ev.result?.grade).toBe('优');
  });

  it('form-rules-denied.yaml scores with the config alone, and with its own rules when they are allowed', () => {
    const denied = run('form-rules-denied.yaml');
    expect(denied.result?.rules.places).toBe(2);
    expect(denied.result?.total.toFixed(2)).toBe('99.50');
    // Allowed, its places: 0 makes the funds score 10 (the stated 9.5 disagrees) and its severity hides the total.
    const allowed = run('form-rules-denied.yaml', { form_rules: 'allow' });
    expect(allowed.findings.map((f) => f.code)).toEqual(['funds-score-mismatch']);
    expect(allowed.result?.rules.places).toBe(0);
  });

  it('the encoding fixture really is GBK bytes', () => {
    // 测试 in GBK is B2 E2 CA D4.
    expect(bytesOf('encoding.yaml').includes(Buffer.from([0xb2, 0xe2, 0xca, 0xd4]))).toBe(true);
  });
});

describe.each(CHECK_CODES)('%s', (code) => {
  const name = `${code}.yaml`;

  it('fires exactly as its # expect: comment says', () => {
    const want = expected(name);
    expect(want.map((w) => w.split(' ')[0])).toContain(code);
    expect(brief(run(name).findings)).toEqual(want);
  });

  it(`has its default severity (${CHECKS[code].severity}), a message and the file`, () => {
    const own = run(name).findings.filter((f) => f.code === code);
    expect(own.length).toBeGreaterThan(0);
    for (const f of own) {
      expect(f.severity).toBe(CHECKS[code].severity);
      expect(f.message.length).toBeGreaterThan(4);
      expect(f.file).toBe(name);
    }
  });
});

describe('rules.severity', () => {
  it('off drops a check, from the config layer or the form', () => {
    expect(run('deviation-missing.yaml', { severity: { 'deviation-missing': 'off' } }).findings).toEqual([]);
    expect(run('overachievement.yaml', undefined, 'rules:\n  severity:\n    overachievement: off\n').findings).toEqual([]);
  });

  it('error upgrades a warning, and the form is then in error', () => {
    const ev = run('deviation-missing.yaml', { severity: { 'deviation-missing': 'error' } });
    expect(ev.findings.map((f) => [f.code, f.severity])).toEqual([['deviation-missing', 'error']]);
    const own = run('overspend.yaml', undefined, 'rules:\n  severity: {overspend: error}\n');
    expect(own.findings.map((f) => [f.code, f.severity])).toEqual([['overspend', 'error']]);
  });

  it('warning downgrades an error', () => {
    const ev = run('total-mismatch.yaml', { severity: { 'total-mismatch': 'warning' } });
    expect(ev.findings.map((f) => [f.code, f.severity])).toEqual([['total-mismatch', 'warning']]);
  });

  it('the form overrides the config, check by check; other overrides in the config still apply', () => {
    const config: RulesLayer = { severity: { overachievement: 'off', 'deviation-missing': 'error' } };
    const ev = run('overachievement.yaml', config, 'rules:\n  severity: {overachievement: error}\n');
    expect(ev.findings.map((f) => [f.code, f.severity])).toEqual([['overachievement', 'error']]);
    expect(ev.result?.rules.severity).toEqual({ overachievement: 'error', 'deviation-missing': 'error' });
  });
});

describe('a config layer', () => {
  it('changes the rules between the preset and the form', () => {
    // 80% is below the default 90% but not below 75%.
    expect(brief(run('rate-explanation-missing.yaml').findings)).toEqual(['rate-explanation-missing 21:14']);
    expect(run('rate-explanation-missing.yaml', { explain_rate_below: 75 }).findings).toEqual([]);
    // The form's own rule wins over the config.
    const ev = run('rate-explanation-missing.yaml', { explain_rate_below: 75 }, 'rules:\n  explain_rate_below: 85\n');
    expect(brief(ev.findings)).toEqual(['rate-explanation-missing 21:14']);
  });

  it('a config that moves the weights makes a clean form break level-weights', () => {
    const ev = run('clean.yaml', { weights: { output: 40, outcome: 40 } });
    expect(ev.findings.map((f) => [f.code, f.path])).toEqual([
      ['level-weights', '/indicators/output'],
      ['level-weights', '/indicators/outcome'],
    ]);
  });

  it('parseConfig reads evalform.config.yaml, and locates its faults', () => {
    const ok = parseConfig('# rules for the unit\nplaces: 1\nseverity:\n  overspend: error\n', 'evalform.config.yaml');
    expect(ok).toEqual({ layer: { places: 1, severity: { overspend: 'error' } }, findings: [] });
    const own = run('overspend.yaml', ok.layer);
    expect(own.findings.map((f) => [f.code, f.severity])).toEqual([['overspend', 'error']]);

    const bad = parseConfig('places: 2\nrounding: half-down\n', 'evalform.config.yaml');
    expect(bad.layer).toBeUndefined();
    expect(bad.findings.map((f) => [f.code, f.file, f.path, f.line, f.column])).toEqual([
      ['schema', 'evalform.config.yaml', '/rounding', 2, 11],
    ]);
  });
});
