#!/usr/bin/env node
// Where `score` (one form) and `check` (all forms) spend their time beyond the floor: CPU profiles summarised by
// module and by function, the modules each command loads, and what importing each costs in a fresh process.
// Run by `npm run bench -- --profile`, or alone after a bench run: node bench/profile.mjs [--runs R]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = path.join(ROOT, 'bench', 'out');
const PROF = path.join(OUT, 'prof');
const BIN = 'bin/evalform.js';
const FLOOR = 'bench/floor.mjs';
const TRACE = pathToFileURL(path.join(ROOT, 'bench', 'trace-imports.mjs')).href;
const env = () => {
  const e = { ...process.env, NO_COLOR: '1' };
  delete e.FORCE_COLOR;
  delete e.GITHUB_ACTIONS;
  return e;
};

/** What a profiled URL belongs to: a package, an evalform module, a part of Node, or a V8 pseudo-frame. */
export function moduleOf(url, functionName = '') {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:internal/modules') || url === 'node:module') return 'node: module loader';
  if (url.startsWith('node:internal/bootstrap') || url.startsWith('node:internal/main') || url.startsWith('node:internal/process'))
    return 'node: bootstrap';
  if (url.startsWith('node:'))
    return `node: ${
      url
        .slice(5)
        .replace(/^internal\//, '')
        .split('/')[0]
    }`;
  const dist = /\/dist\/(.*)$/.exec(url);
  if (dist) return `evalform ${dist[1]}`;
  const own = /\/(bench|bin)\/([^/]+)$/.exec(url);
  if (own) return `${own[1]}/${own[2]}`;
  return url;
}

/** Self time (ms) per node of a .cpuprofile, as DevTools counts it: each sample lasts until the next one. */
export function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let t = profile.startTime;
  const stamps = profile.timeDeltas.map((d) => (t += d));
  profile.samples.forEach((id, i) => {
    const next = i + 1 < stamps.length ? stamps[i + 1] : profile.endTime;
    self.set(id, (self.get(id) ?? 0) + Math.max(0, next - stamps[i]) / 1000);
  });
  return { byId, self, totalMs: (profile.endTime - profile.startTime) / 1000 };
}

const frameName = (f) => {
  if (!f.url) return f.functionName || '(anonymous)';
  const name = f.functionName || (f.lineNumber === 0 && f.columnNumber === 0 ? '(module top level)' : '(anonymous)');
  return `${name} ${moduleOf(f.url, f.functionName)}:${f.lineNumber + 1}`;
};

/** Self time grouped by module and by function (name module:line); inclusive time by function (once per stack), ms. */
export function summarise(profile) {
  const { byId, self, totalMs } = selfTimes(profile);
  const modules = new Map();
  const functions = new Map();
  for (const [id, ms] of self) {
    const { callFrame: f } = byId.get(id);
    const mod = moduleOf(f.url, f.functionName);
    modules.set(mod, (modules.get(mod) ?? 0) + ms);
    functions.set(frameName(f), (functions.get(frameName(f)) ?? 0) + ms);
  }
  const inclusive = new Map();
  const visit = (id, open) => {
    const node = byId.get(id);
    const name = frameName(node.callFrame);
    const first = !open.has(name);
    const inner = first ? new Set(open).add(name) : open;
    let t = self.get(id) ?? 0;
    for (const child of node.children ?? []) t += visit(child, inner);
    if (first) inclusive.set(name, (inclusive.get(name) ?? 0) + t);
    return t;
  };
  visit(profile.nodes[0].id, new Set());
  return { totalMs, modules, functions, inclusive };
}

/** Runs `node --cpu-prof ARGS` `runs` times; the mean of each module's and function's self time. */
function profileCommand(name, args, runs, interval) {
  const sums = { totalMs: 0, modules: new Map(), functions: new Map(), inclusive: new Map() };
  for (let i = 0; i < runs; i++) {
    const dir = path.join(PROF, `${name}-${i}`);
    rmSync(dir, { recursive: true, force: true });
    const r = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', dir, '--cpu-prof-interval', String(interval), ...args], {
      cwd: ROOT,
      env: env(),
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    if (r.status !== 0 && r.status !== 1) throw new Error(`${name}: exit ${r.status}\n${r.stderr}`);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    const s = summarise(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
    sums.totalMs += s.totalMs / runs;
    for (const key of ['modules', 'functions', 'inclusive'])
      for (const [k, v] of s[key]) sums[key].set(k, (sums[key].get(k) ?? 0) + v / runs);
  }
  return sums;
}

/** The modules a command loads, in order (ESM through a load hook, CommonJS through Module._load): [{ url, esm }]. */
function tracedModules(args) {
  const file = path.join(OUT, '.imports.txt');
  rmSync(file, { force: true });
  const r = spawnSync(process.execPath, ['--import', TRACE, ...args], {
    cwd: ROOT,
    env: { ...env(), BENCH_IMPORTS_FILE: file },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0 && r.status !== 1) throw new Error(`tracing ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  const seen = new Map();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const [kind, where] = [line.slice(0, 3), line.slice(4)];
    if (!where) continue;
    const url = kind === 'cjs' ? pathToFileURL(where).href : where;
    if (url.includes('/bench/trace-imports') || url.includes('/bench/import-hooks') || seen.has(url)) continue;
    seen.set(url, { url, esm: kind === 'esm' });
  }
  return [...seen.values()];
}

/** Packages and evalform files a command loads: count and bytes of source, which V8 must parse. */
function loadedByModule(loaded) {
  const out = new Map();
  for (const { url } of loaded) {
    const mod = moduleOf(url);
    const key = mod.startsWith('evalform ') ? 'evalform (dist)' : mod;
    const e = out.get(key) ?? { files: 0, kb: 0, list: [] };
    e.files++;
    e.kb += statSync(fileURLToPath(url)).size / 1024;
    e.list.push(mod);
    out.set(key, e);
  }
  return out;
}

/** Wall and CPU milliseconds to import `specifiers` in order, in a fresh process (medians of runs after a warm-up). */
export function importCost(specifiers, runs) {
  const code =
    `const t=process.hrtime.bigint(),c=process.cpuUsage();for(const s of ${JSON.stringify(specifiers)})await import(s);` +
    'const u=process.cpuUsage(c);console.log(Number(process.hrtime.bigint()-t)/1e6,(u.user+u.system)/1e3)';
  const wall = [];
  const cpu = [];
  for (let i = 0; i <= runs; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`importing ${specifiers.join(', ')}: ${r.stderr}`);
    const [w, c] = r.stdout.trim().split(' ').map(Number);
    if (i > 0) {
      wall.push(w);
      cpu.push(c);
    }
  }
  const mid = (xs) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { wall: mid(wall), cpu: mid(cpu) };
}

const ms = (v) => (v === undefined ? '' : v.toFixed(v < 10 ? 1 : 0));
function grid(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((x, i) => (i === 0 ? String(x).padEnd(widths[i]) : String(x).padStart(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

/** The modules that cost most in either run or grow most from floor to subject; the rest folded into one line. */
function compare(floor, subject, top = 16) {
  const keys = new Set([...floor.modules.keys(), ...subject.modules.keys()]);
  const rows = [...keys].map((k) => ({ k, f: floor.modules.get(k) ?? 0, s: subject.modules.get(k) ?? 0 }));
  const byExtra = [...rows].sort((a, b) => b.s - b.f - (a.s - a.f)).slice(0, top / 2);
  const bySize = [...rows].sort((a, b) => Math.max(b.s, b.f) - Math.max(a.s, a.f)).slice(0, top / 2);
  const shown = [...new Set([...byExtra, ...bySize])].sort((a, b) => b.s - b.f - (a.s - a.f));
  const rest = rows.filter((r) => !shown.includes(r));
  if (rest.length > 0)
    shown.push(rest.reduce((acc, r) => ({ k: acc.k, f: acc.f + r.f, s: acc.s + r.s }), { k: `(${rest.length} others)`, f: 0, s: 0 }));
  shown.push({ k: 'total (profile span)', f: floor.totalMs, s: subject.totalMs });
  return shown;
}

function topFunctions(summary, exclude, n = 15) {
  return [...summary.functions]
    .filter(([k]) => !exclude.has(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, n);
}

export async function profile({ oneFile, formsDir, forms, runs = 3 }) {
  mkdirSync(PROF, { recursive: true });
  const lines = [];
  const say = (s = '') => lines.push(s);
  const result = {};

  const cases = [
    {
      name: 'one',
      label: `score 1 form (${oneFile})`,
      floor: [FLOOR, oneFile],
      subject: [BIN, 'score', oneFile],
      interval: 100,
      runs: Math.max(runs * 3, 9),
    },
    {
      name: 'all',
      label: `check ${forms} forms`,
      floor: [FLOOR, formsDir],
      subject: [BIN, 'check', formsDir, '--format', 'json', '--output', 'bench/out/check.json'],
      interval: 1000,
      runs,
    },
  ];
  for (const c of cases) {
    process.stderr.write(`profiling ${c.label} and its floor (${c.runs} runs each)\n`);
    const floor = profileCommand(`${c.name}-floor`, c.floor, c.runs, c.interval);
    const subject = profileCommand(`${c.name}-${c.subject[1]}`, c.subject, c.runs, c.interval);
    const rows = compare(floor, subject);
    say(`\n${c.label}: self time by module, mean of ${c.runs} CPU profiles (${c.interval} µs sampling), ms`);
    say(
      grid(
        ['module', 'floor', c.subject[1], 'extra'],
        rows.map((r) => [r.k, ms(r.f), ms(r.s), ms(r.s - r.f)]),
      ),
    );
    // Inclusive time of evalform's own functions and the packages floor does not load: what the extra time is spent on.
    const own = [...subject.inclusive]
      .filter(
        ([k]) => / (evalform |commander|decimal\.js|chalk|ajv|docx|handlebars)/.test(k) && !/^\(anonymous\) evalform cli\/common/.test(k),
      )
      .sort((a, b) => b[1] - a[1])
      .slice(0, 18);
    say(`\n${c.label}: inclusive time of evalform's functions and the packages beyond the floor (a module top level is its load time)`);
    say(
      grid(
        ['function', 'ms'],
        own.map(([k, v]) => [k, ms(v)]),
      ),
    );
    const floorFns = new Set([...floor.functions].filter(([, v]) => v > 0.5).map(([k]) => k));
    const fns = topFunctions(subject, new Set());
    say(`\n${c.label}: top self-time functions (★ = not in the floor's profile)`);
    say(
      grid(
        ['function', 'ms'],
        fns.map(([k, v]) => [`${floorFns.has(k) ? ' ' : '★'} ${k}`, ms(v)]),
      ),
    );
    result[c.name] = {
      totalMs: { floor: +floor.totalMs.toFixed(1), [c.subject[1]]: +subject.totalMs.toFixed(1) },
      modules: rows.map((r) => ({ module: r.k, floorMs: +r.f.toFixed(2), ms: +r.s.toFixed(2) })),
      functions: fns.map(([k, v]) => ({ function: k, ms: +v.toFixed(2) })),
      inclusive: own.map(([k, v]) => ({ function: k, ms: +v.toFixed(2) })),
    };
  }

  process.stderr.write('tracing module loads and timing imports\n');
  const loads = {
    floor: tracedModules([FLOOR, oneFile]),
    score: tracedModules([BIN, 'score', oneFile]),
    check: tracedModules([BIN, 'check', formsDir, '--format', 'json', '--output', 'bench/out/check.json']),
  };
  const byCommand = Object.fromEntries(Object.entries(loads).map(([k, urls]) => [k, loadedByModule(urls)]));
  const keys = [...new Set(Object.values(byCommand).flatMap((m) => [...m.keys()]))].sort();
  say('\nmodules loaded (files / KB of source) per command');
  say(
    grid(
      ['module', ...Object.keys(byCommand)],
      keys.map((k) => [
        k,
        ...Object.values(byCommand).map((m) => {
          const e = m.get(k);
          return e ? `${e.files} / ${e.kb.toFixed(0)}` : '';
        }),
      ]),
    ),
  );
  result.modulesLoaded = Object.fromEntries(
    Object.entries(byCommand).map(([cmd, m]) => [
      cmd,
      Object.fromEntries([...m].map(([k, e]) => [k, { files: e.files, kb: +e.kb.toFixed(1) }])),
    ]),
  );

  // Import cost: each package's entry and the main evalform modules alone, then the whole of what score / check
  // load through ESM, in their order, without running anything.
  const replay = (loaded) =>
    loaded.filter((m) => m.esm && /\.[cm]?js$/.test(m.url) && !m.url.includes('/bin/') && !m.url.includes('/bench/')).map((m) => m.url);
  const entries = new Map();
  for (const m of Object.values(loads).flat()) {
    const mod = moduleOf(m.url);
    if (m.esm && m.url.includes('/node_modules/') && !entries.has(mod)) entries.set(mod, m.url);
    if (
      m.url.includes('/dist/') &&
      /cli\/(main|check|score)\.js$|evaluate\.js$|validate\/compiled\.js$|report\/(json|table)\.js$/.test(m.url)
    )
      entries.set(mod, m.url);
  }
  const importRuns = Math.max(runs * 3, 9);
  const costs = [...entries].map(([name, url]) => [name, importCost([url], importRuns)]);
  costs.push(['everything score loads (in order)', importCost(replay(loads.score), importRuns)]);
  costs.push(['everything check loads (in order)', importCost(replay(loads.check), importRuns)]);
  say(`\nimport cost in a fresh process, median of ${importRuns}, ms (each includes what it imports)`);
  say(
    grid(
      ['import', 'wall', 'cpu'],
      costs.map(([k, v]) => [k, ms(v.wall), ms(v.cpu)]),
    ),
  );
  result.importMs = Object.fromEntries(costs.map(([k, v]) => [k, { wall: +v.wall.toFixed(2), cpu: +v.cpu.toFixed(2) }]));

  const text = lines.join('\n');
  writeFileSync(path.join(OUT, 'profile.txt'), `${text}\n`);
  console.log(text);
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
  const manifestFile = path.join(OUT, 'manifest.json');
  if (!existsSync(manifestFile)) {
    console.error('bench: no generated forms: run npm run bench first');
    process.exit(2);
  }
  const results = JSON.parse(readFileSync(path.join(OUT, 'results.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  results.profile = await profile({
    oneFile: results.scoreForm,
    formsDir: 'bench/out/forms',
    forms: manifest.length,
    runs: Number(values.runs),
  });
  writeFileSync(path.join(OUT, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
}
