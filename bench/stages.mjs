#!/usr/bin/env node
// In-process timing of check's stages over the bench forms, warm: read, decode (formText), parse (readSource),
// buildForm, score (computeScores), checks (runChecks) and evaluateSource whole. Each stage runs --runs times over
// every form; the table shows the median in ms, the ms per form, and the stage's share of evaluate. For weighing a
// lever on the engine before the whole-process bench (npm run bench), which includes start-up, discovery and the
// reporter.
//   node bench/stages.mjs [FOLDER] [--runs R]          (FOLDER: bench/out/forms, from the last npm run bench)
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values, positionals } = parseArgs({ allowPositionals: true, options: { runs: { type: 'string', default: '7' } } });
const folder = positionals[0] ?? path.join(ROOT, 'bench', 'out', 'forms');
const runs = Number(values.runs);

const dist = (p) => import(new URL(`../dist/${p}`, import.meta.url).href);
const { readSource } = await dist('load/source.js');
const { formText } = await dist('cli/input.js');
const { buildForm } = await dist('load/model.js');
const { computeScores } = await dist('score/compute.js');
const { runChecks } = await dist('checks/index.js');
const { resolveRules } = await dist('score/rules.js');
const { evaluateSource } = await dist('evaluate.js');
const { isForm } = await dist('validate/index.js');

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/\.ya?ml$/i.test(entry.name)) out.push(full);
  }
  return out;
}

const files = walk(folder, []).sort();
const bytes = files.map((f) => readFileSync(f));
const texts = files.map((f) => readFileSync(f, 'utf8'));
const sources = texts.map((t) => readSource(t));
const rules = resolveRules(undefined);
// The forms that reach the engine: read, schema-valid, without rules of their own (they would resolve theirs).
const engine = sources.filter((s) => s.data && typeof s.data === 'object' && isForm(s.data) && s.data.rules === undefined);
const built = engine.map((s) => buildForm(s.data, s.numbers)).filter((b) => b.findings.length === 0);
const computed = built.map((b) => computeScores(b.form, rules));

/** Runs `fn` on each item, for a stage's timing (nothing kept). */
const each = (items, fn) => () => {
  for (let i = 0; i < items.length; i++) fn(items[i], i);
};
const stages = [
  ['read (readFileSync utf8)', files.length, each(files, (f) => readFileSync(f, 'utf8'))],
  ['decode (formText)', bytes.length, each(bytes, (b, i) => formText({ bytes: b }, files[i]))],
  ['parse (readSource)', texts.length, each(texts, (t) => readSource(t))],
  ['buildForm', engine.length, each(engine, (s) => buildForm(s.data, s.numbers))],
  ['score (computeScores)', built.length, each(built, (b) => computeScores(b.form, rules))],
  ['checks (runChecks)', computed.length, each(computed, (c, i) => runChecks(c, rules, built[i].form))],
  ['evaluateSource', sources.length, each(sources, (s, i) => evaluateSource(s, files[i]))],
];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = stages.map(([label, n, fn]) => {
  fn(); // warm-up
  const times = [];
  for (let r = 0; r < runs; r++) {
    const t = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return { label, n, ms: median(times) };
});
const whole = rows.at(-1).ms;
console.log(`${files.length} forms in ${path.relative(ROOT, folder) || '.'} · median of ${runs} runs, warm · node ${process.version}`);
for (const r of rows) {
  console.log(
    `${r.label.padEnd(26)} ${r.ms.toFixed(1).padStart(8)} ms  ${((r.ms / r.n) * 1000).toFixed(0).padStart(5)} µs/form (${r.n})  ${((r.ms / whole) * 100).toFixed(0).padStart(4)} % of evaluate`,
  );
}
