#!/usr/bin/env node
// `npm run bench`: generates N varied forms, then measures check, score and render against the floor (start Node,
// read and parse the YAML), each the median of --runs runs after one warm-up, with peak memory.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateForms, writeForms } from './generate.mjs';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const OUT = path.join(ROOT, 'bench', 'out');
export const FORMS = path.join(OUT, 'forms');
export const MANIFEST = path.join(OUT, 'manifest.json');
const BIN = 'bin/evalform.js';
const FLOOR = 'bench/floor.mjs';
const AJV = 'node_modules/ajv-cli/dist/index.js';
const PRELOAD = path.join(ROOT, 'bench', 'usage.cjs');
const rel = (p) => path.relative(ROOT, p).split(path.sep).join('/');

const USAGE = `usage: npm run bench -- [--forms N] [--runs R] [--seed S] [--no-build] [--no-render] [--no-scale] [--huge] [--profile]
  --forms N    forms to generate (default 1000)
  --no-scale   skip the 10,000-form thread curve and the memory at 10,000 (and 100,000) forms
  --huge       also measure peak memory of check over 100,000 forms (generated once, kept in bench/out)
  --runs R     measured runs per command, after one warm-up run (default 5)
  --seed S     generator seed (default 1)
  --no-build   use dist/ as it is instead of running npm run build first
  --no-render  skip the render measurements
  --profile    also profile score and check (bench/profile.mjs) and print where the time goes`;

function options() {
  const { values } = parseArgs({
    options: {
      forms: { type: 'string', default: '1000' },
      runs: { type: 'string', default: '5' },
      seed: { type: 'string', default: '1' },
      'no-build': { type: 'boolean', default: false },
      'no-render': { type: 'boolean', default: false },
      'no-scale': { type: 'boolean', default: false },
      huge: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const int = (name, min) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} needs an integer ≥ ${min}, got ${values[name]}\n${USAGE}`);
    return n;
  };
  return {
    forms: int('forms', 1),
    runs: int('runs', 1),
    seed: int('seed', 0),
    build: !values['no-build'],
    render: !values['no-render'],
    scale: !values['no-scale'],
    huge: values.huge,
    profile: values.profile,
  };
}

/** One run of `node ARGS`: wall-clock seconds around spawnSync; peak RSS (MB) and CPU seconds as the child saw them. */
export function runOnce(args, extraEnv = {}) {
  const usageFile = path.join(OUT, `.usage-${process.pid}`);
  rmSync(usageFile, { force: true });
  const env = { ...process.env, NO_COLOR: '1', BENCH_USAGE_FILE: usageFile, ...extraEnv };
  delete env.FORCE_COLOR;
  delete env.GITHUB_ACTIONS;
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', PRELOAD, ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const [rssKB, cpuMicros] = existsSync(usageFile) ? readFileSync(usageFile, 'utf8').trim().split(' ').map(Number) : [NaN, NaN];
  return {
    seconds,
    rssMB: rssKB / 1024,
    cpu: cpuMicros / 1e6,
    status: r.status,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    error: r.error,
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/**
 * Runs every command once as a warm-up, then `runs` times more, interleaved so that a slow moment on a shared
 * machine falls on all of them alike. Each command: { id, label, args, ok(result) → error text or '' }.
 */
function measure(commands, runs, warmup = 1) {
  for (const c of commands) c.samples = [];
  for (let i = 1 - warmup; i <= runs; i++) {
    for (const c of commands) {
      c.before?.();
      const r = runOnce(c.args, c.env);
      const problem = r.error ? String(r.error) : c.ok(r);
      if (problem) {
        const command = c.args.join(' ');
        const shown = command.length > 300 ? `${command.slice(0, 300)} … (${c.args.length} arguments)` : command;
        throw new Error(`${c.label}: ${problem}\n$ node ${shown}\n${r.stdout.slice(-2000)}${r.stderr.slice(-2000)}`);
      }
      if (i > 0) c.samples.push(r);
      process.stderr.write('.');
    }
  }
  process.stderr.write('\n');
  for (const c of commands) {
    const t = c.samples.map((s) => s.seconds);
    Object.assign(c, {
      median: median(t),
      min: Math.min(...t),
      max: Math.max(...t),
      rssMB: median(c.samples.map((s) => s.rssMB)),
      cpu: median(c.samples.map((s) => s.cpu)),
      lastStdout: c.samples.at(-1).stdout,
    });
  }
  return commands;
}

const exitIn = (codes) => (r) => (codes.includes(r.status) ? '' : `exit status ${r.status}`);
const printed = (re) => (r) => (re.test(r.stdout) ? '' : `expected output matching ${re}`);
const both =
  (...checks) =>
  (r) =>
    checks.map((c) => c(r)).find(Boolean) ?? '';

/** Whether `evalform <command>` exists in this build (check and render arrive in their own issues). */
function hasCommand(name) {
  return spawnSync(process.execPath, [BIN, name, '--help'], { cwd: ROOT, encoding: 'utf8' }).status === 0;
}

function build() {
  process.stderr.write('npm run build\n');
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', shell: process.platform === 'win32' });
  if (r.status !== 0) throw new Error(`npm run build failed:\n${r.stdout}${r.stderr}`);
}

function git(...args) {
  const r = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Least-squares line through (forms, MB): the slope is the memory each form adds. */
function fitLine(points) {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const slope = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0) / sxx;
  const intercept = my - slope * mx;
  const maxResidual = Math.max(...points.map((p) => Math.abs(p.y - (intercept + slope * p.x))));
  return { slope, intercept, maxResidual };
}

const sec = (s) => (s === undefined || Number.isNaN(s) ? '' : s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`);
const mb = (m) => (m === undefined ? '' : `${m.toFixed(0)} MB`);

function table(rows) {
  const head = ['measurement', 'wall', 'min–max', 'floor', 'ratio', 'target', 'met', 'cpu', 'cpu ratio', 'peak RSS'];
  const x = (v) => (v === undefined ? '' : `${v.toFixed(2)}×`);
  const cells = rows.map((r) => [
    r.label,
    sec(r.median),
    r.min === undefined ? '' : `${sec(r.min)}–${sec(r.max)}`,
    sec(r.floor),
    x(r.ratio),
    r.target ?? '',
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
    sec(r.cpu),
    x(r.cpuRatio),
    mb(r.rssMB),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c) => c.map((x, i) => (i === 0 ? x.padEnd(widths[i]) : x.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

/** N generated forms in bench/out/forms-N, written once and kept (the 100,000 take a while to write). */
export function formsFolder(n, seed) {
  const dir = path.join(OUT, `forms-${n}`);
  const stamp = path.join(dir, '.complete');
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== `${n} ${seed}`) {
    process.stderr.write(`generating ${n} forms (seed ${seed}) into ${rel(dir)}\n`);
    rmSync(dir, { recursive: true, force: true });
    // In slices, so the generator never holds 100,000 texts at once.
    const SLICE = 5000;
    for (let from = 0; from < n; from += SLICE) {
      const slice = generateForms(Math.min(SLICE, n - from), seed + from);
      for (const f of slice) {
        const file = path.join(
          dir,
          f.path.replace(/form-(\d+)/, (_, d) => `form-${String(Number(d) + from).padStart(6, '0')}`),
        );
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, f.text);
      }
    }
    writeFileSync(stamp, `${n} ${seed}`);
  }
  return rel(dir);
}

/** The thread curve of check over 10,000 forms (EVALFORM_THREADS 1, 2, all cores), and its peak memory at 10,000
 * (and with --huge 100,000) forms: one run each, they are long. */
function scale(opts, rows, results) {
  const all = os.availableParallelism();
  const ten = formsFolder(10_000, opts.seed);
  const threads = [...new Set([1, 2, all])];
  const curve = threads.map((t) => ({
    id: `check10k-t${t}`,
    label: `check 10,000 forms, ${t} thread${t === 1 ? '' : 's'}${t === all ? ' (all)' : ''}`,
    args: [BIN, 'check', ten, '--format', 'json', '--output', rel(path.join(OUT, 'check-10k.json'))],
    env: { EVALFORM_THREADS: String(t) },
    ok: exitIn([0, 1]),
  }));
  process.stderr.write(`measuring check over 10,000 forms at ${threads.join(', ')} threads (1 run each)\n`);
  measure(curve, 1, 0);
  results.threadCurve = {};
  for (const c of curve) {
    rows.push({ label: c.label, median: c.median, rssMB: c.rssMB, cpu: c.cpu, ratio: c.median / curve[0].median });
    results.threadCurve[c.env.EVALFORM_THREADS] = {
      seconds: +c.median.toFixed(3),
      cpuSeconds: +c.cpu.toFixed(3),
      peakRssMB: +c.rssMB.toFixed(1),
    };
  }
  if (opts.huge) {
    const huge = {
      id: 'check100k',
      label: 'check 100,000 forms',
      args: [BIN, 'check', formsFolder(100_000, opts.seed), '--format', 'stylish', '--quiet'],
      ok: exitIn([0, 1]),
    };
    process.stderr.write('measuring check over 100,000 forms (1 run)\n');
    measure([huge], 1, 0);
    rows.push({ label: huge.label, median: huge.median, rssMB: huge.rssMB, cpu: huge.cpu, target: '< 300 MB', met: huge.rssMB < 300 });
    results.check100k = { seconds: +huge.median.toFixed(3), peakRssMB: +huge.rssMB.toFixed(1) };
  }
}

export async function main() {
  const opts = options();
  mkdirSync(OUT, { recursive: true });
  if (opts.build) build();
  else if (!existsSync(path.join(ROOT, 'dist', 'cli', 'main.js')))
    throw new Error('dist/ is missing: run npm run build, or drop --no-build');

  process.stderr.write(`generating ${opts.forms} forms (seed ${opts.seed}) into ${rel(FORMS)}\n`);
  const forms = generateForms(opts.forms, opts.seed);
  writeForms(FORMS, forms, MANIFEST);
  const renderable = forms.filter((f) => f.renderable);
  // The form for `score`: a clean one of median size, so the figure is typical rather than best or worst.
  const sizes = renderable.map((f) => f.indicators).sort((a, b) => a - b);
  const mid = sizes[Math.floor(sizes.length / 2)];
  const one = renderable.find((f) => f.faults.length === 0 && f.indicators === mid) ?? renderable[0] ?? forms[0];
  const oneFile = rel(path.join(FORMS, one.path));
  const load = [os.loadavg()[0]];

  const rows = [];
  const results = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cpus: os.cpus().length,
    memoryMB: Math.round(os.totalmem() / 2 ** 20),
    commit: git('rev-parse', '--short', 'HEAD'),
    dirty: Boolean(git('status', '--porcelain', '--', 'src')),
    forms: opts.forms,
    runs: opts.runs,
    warmup: 1,
    seed: opts.seed,
    usage: 'process.resourceUsage() at exit, preloaded with --require bench/usage.cjs in every measured process',
    scoreForm: oneFile,
    measurements: {},
  };
  const record = (c, extra = {}) => {
    const row = { label: c.label, median: c.median, min: c.min, max: c.max, rssMB: c.rssMB, cpu: c.cpu, ...extra };
    rows.push(row);
    results.measurements[c.id] = {
      command: `node ${c.args.join(' ')}`,
      seconds: c.samples.map((s) => +s.seconds.toFixed(4)),
      median: +c.median.toFixed(4),
      cpuSeconds: c.samples.map((s) => +s.cpu.toFixed(4)),
      medianCpu: +c.cpu.toFixed(4),
      peakRssMB: c.samples.map((s) => +s.rssMB.toFixed(1)),
      medianPeakRssMB: +c.rssMB.toFixed(1),
      ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, typeof v === 'number' ? +v.toFixed(4) : v])),
    };
  };

  const bare = { id: 'node', label: 'node -e 0 (bare start)', args: ['-e', '0'], ok: exitIn([0]) };
  const floorOne = {
    id: 'floorOne',
    label: 'floor: read+parse 1 form',
    args: [FLOOR, oneFile],
    ok: both(exitIn([0]), printed(/^1 files parsed/)),
  };
  const score = { id: 'score', label: 'score 1 form', args: [BIN, 'score', oneFile], ok: exitIn([0, 1]) };
  process.stderr.write(`measuring node start, floor and score on ${oneFile} (${opts.runs} runs + 1 warm-up)\n`);
  measure([bare, floorOne, score], opts.runs);
  record(bare);
  record(floorOne);
  const against = (c, floor, limit) => ({
    floor: floor.median,
    ratio: c.median / floor.median,
    target: `≤ ${limit.toFixed(2)}×`,
    met: c.median / floor.median <= limit,
    floorCpu: floor.cpu,
    cpuRatio: c.cpu / floor.cpu,
  });
  record(score, against(score, floorOne, 1.3));

  const floorAll = {
    id: 'floorAll',
    label: `floor: read+parse ${opts.forms} forms`,
    args: [FLOOR, rel(FORMS)],
    ok: both(exitIn([0]), printed(new RegExp(`^${opts.forms} files parsed`))),
  };
  if (hasCommand('check')) {
    const report = path.join(OUT, 'check.json');
    const check = {
      id: 'check',
      label: `check ${opts.forms} forms`,
      args: [BIN, 'check', rel(FORMS), '--format', 'json', '--output', rel(report)],
      before: () => rmSync(report, { force: true }),
      ok: both(exitIn([0, 1]), (r) => (existsSync(report) && statSync(report).size > 0 ? '' : `no report at ${rel(report)}: ${r.stderr}`)),
    };
    process.stderr.write(`measuring floor and check over ${opts.forms} forms\n`);
    measure([floorAll, check], opts.runs);
    record(floorAll);
    record(check, against(check, floorAll, 1.5));
    results.checkSummary = check.lastStdout.split('\n')[0];

    // The peer a CI maintainer would script instead: ajv-cli validating the same files against the schema. ajv-cli
    // stops at the first file its YAML parser (js-yaml) refuses, so both get the files without a YAML fault.
    const parseable = forms.filter((f) => !f.faults.includes('yaml-syntax')).map((f) => rel(path.join(FORMS, f.path)));
    const ajv = {
      id: 'ajv',
      label: `ajv-cli validate ${parseable.length} forms`,
      // --strict=false: the schema's `errorMessage` (ajv-errors, evalform's Chinese messages) is a keyword plain ajv
      // does not know; a CI maintainer running ajv-cli over the files would pass it too.
      args: [AJV, 'validate', '--strict=false', '-s', 'schemas/evalform.schema.json', ...parseable.flatMap((f) => ['-d', f])],
      // 1: some forms break the schema on purpose.
      ok: both(exitIn([0, 1]), (r) => {
        const told = `${r.stdout}\n${r.stderr}`.split('\n').filter((l) => / (valid|invalid)$/.test(l)).length;
        return told >= parseable.length ? '' : `ajv-cli told of ${told} files, not ${parseable.length}: ${r.stderr.slice(-500)}`;
      }),
    };
    const checkSame = {
      id: 'checkPeer',
      label: `check the same ${parseable.length} forms`,
      args: [BIN, 'check', ...parseable, '--format', 'json', '--output', rel(report)],
      before: () => rmSync(report, { force: true }),
      ok: check.ok,
    };
    process.stderr.write(`measuring ajv-cli and check over the same ${parseable.length} forms\n`);
    measure([ajv, checkSame], opts.runs);
    record(ajv);
    record(checkSame, {
      floor: ajv.median,
      ratio: checkSame.median / ajv.median,
      target: '< 1.00× ajv-cli',
      met: checkSame.median < ajv.median,
      floorCpu: ajv.cpu,
      cpuRatio: checkSame.cpu / ajv.cpu,
    });
  } else {
    process.stderr.write('evalform check is not in this build yet: skipped\n');
  }

  if (opts.render && hasCommand('render')) {
    const sizesToRender = [25, 50, 100].map((n) => Math.min(n, renderable.length)).filter((n, i, a) => n > 0 && a.indexOf(n) === i);
    const renders = sizesToRender.map((n) => {
      const output = path.join(OUT, `render-${n}.docx`);
      return {
        id: `render${n}`,
        label: `render ${n} forms --docx`,
        n,
        args: [
          BIN,
          'render',
          ...renderable.slice(0, n).map((f) => rel(path.join(FORMS, f.path))),
          '--docx',
          '--output',
          rel(output),
          '--force',
        ],
        before: () => rmSync(output, { force: true }),
        ok: both(exitIn([0, 1]), (r) => (existsSync(output) ? '' : `no document at ${rel(output)}: ${r.stderr}`)),
      };
    });
    process.stderr.write(`measuring render --docx of ${sizesToRender.join(', ')} forms\n`);
    measure(renders, opts.runs);
    for (const c of renders) {
      const big = c.n === 100;
      record(c, big ? { target: '< 5 s', met: c.median < 5 } : {});
    }
    if (renders.length >= 2) {
      const fit = fitLine(renders.map((c) => ({ x: c.n, y: c.rssMB })));
      const steps = renders.slice(1).map((c, i) => (c.rssMB - renders[i].rssMB) / (c.n - renders[i].n));
      // Linear: the memory each extra form adds does not grow with the batch (within noise of 0.25 MB/form).
      const linear = steps.every((s, i) => i === 0 || s <= 1.5 * Math.max(steps[i - 1], 0) + 0.25);
      results.renderMemory = {
        mbPerForm: +fit.slope.toFixed(3),
        baseMB: +fit.intercept.toFixed(1),
        maxResidualMB: +fit.maxResidual.toFixed(1),
        mbPerFormBetweenSizes: steps.map((s) => +s.toFixed(3)),
        linear,
        secondsPerForm: +((renders.at(-1).median - renders[0].median) / (renders.at(-1).n - renders[0].n)).toFixed(4),
      };
      rows.push({
        label: `render memory: ${fit.slope.toFixed(2)} MB/form + ${fit.intercept.toFixed(0)} MB (steps ${steps.map((s) => s.toFixed(2)).join(', ')})`,
        target: 'linear',
        met: linear,
      });
    }
  } else if (opts.render) {
    process.stderr.write('evalform render is not in this build yet: skipped\n');
  }

  if (opts.scale && hasCommand('check')) scale(opts, rows, results);

  load.push(os.loadavg()[0]);
  results.loadAverage = load.map((l) => +l.toFixed(2));
  if (opts.profile) {
    const { profile } = await import('./profile.mjs');
    results.profile = await profile({ oneFile, formsDir: rel(FORMS), forms: opts.forms, runs: opts.runs });
  }
  writeFileSync(path.join(OUT, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

  console.log(
    `\nevalform bench · ${results.date.slice(0, 10)} · node ${results.node} · ${results.cpu} ×${results.cpus} · ${opts.forms} forms · median of ${opts.runs} runs (+1 warm-up)`,
  );
  console.log(table(rows));
  console.log('wall = median wall-clock of the whole process; ratio = wall ÷ floor wall (the target); cpu = median user+sys CPU time');
  if (results.checkSummary) console.log(`\ncheck: ${results.checkSummary}`);
  if (Math.max(...load) > os.cpus().length * 0.5) {
    console.log(
      `\nnote: load average was ${load.map((l) => l.toFixed(1)).join(' → ')} on ${os.cpus().length} CPUs; other work on this machine adds noise`,
    );
  }
  console.log(`\nfigures written to ${rel(path.join(OUT, 'results.json'))}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(`bench: ${e.message}`);
    process.exitCode = 2;
  });
}
