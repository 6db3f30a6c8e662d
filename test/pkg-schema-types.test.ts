// The types generated from schemas/ (src/schema/types.ts) are current, the validators narrow to them, and the
// generated Config fits wherever the hand-written RulesLayer is used today.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { RulesLayer } from '../src/score/rules.js';
import type { Config, Form } from '../src/schema/types.js';
import { isConfig, isForm, validateConfig, validateForm } from '../src/validate/index.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const read = (file: string): unknown => parse(readFileSync(path.join(ROOT, file), 'utf8'));

describe('src/schema/types.ts', () => {
  it('is what scripts/schema-types.mjs makes of schemas/ now', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'schema-types.mjs'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('is what isForm() and isConfig() narrow to, and they agree with validateForm() and validateConfig()', () => {
    const form = read('examples/hunan-2022-business.yaml');
    expect(isForm(form)).toBe(true);
    expect(validateForm(form)).toEqual([]);
    if (!isForm(form)) throw new Error('unreachable');
    // No cast: the guard narrowed it.
    const year: number = form.year;
    const first: Form['indicators']['output'] = form.indicators.output;
    expect([year, first?.quantity?.[0]?.target]).toEqual([2022, expect.any(String)]);

    const broken = { ...(form as object), year: '二〇二二' };
    expect(isForm(broken)).toBe(false);
    expect(validateForm(broken).map((f) => f.path)).toEqual(['/year']);

    const config = read('test/fixtures/repo/evalform.config.yaml');
    expect(isConfig(config)).toBe(true);
    expect(isConfig({ places: 'two' })).toBe(false);
    expect(validateConfig({ places: 'two' }).map((f) => f.path)).toEqual(['/places']);
  });

  it('has a Config that can stand for RulesLayer (the switch after the merge)', () => {
    // Checked by `npm run typecheck`: a valid config is a rules layer as the engine reads it.
    const asLayer = (config: Config): RulesLayer => config;
    const config = { preset: 'mof', places: 1, severity: { overspend: 'off' }, form_rules: 'deny' } satisfies Config;
    expect(asLayer(config)).toBe(config);
  });
});
