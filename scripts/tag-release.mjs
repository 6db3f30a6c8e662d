#!/usr/bin/env node
// Tags a release that installs from git without a build: `node scripts/tag-release.mjs` (the version in
// package.json) makes the tag v<version> on a release commit whose parent is HEAD. That commit adds the built
// files the package ships (dist/, which main keeps out of git) and leaves out the scripts that make npm build a git
// dependency (prepare, build, …): pre-commit installs a `language: node` hook with `npm install -g git+file://…`,
// and npm would otherwise install every devDependency and run the build there. HEAD, the branch and the work tree
// are not changed; push the tag with `git push origin v<version>`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const git = (args, opts = {}) => execFileSync('git', args, { cwd: root, encoding: 'utf8', ...opts }).trim();
const fail = (message) => {
  process.stderr.write(`tag-release: ${message}\n`);
  process.exit(1);
};

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const wanted = process.argv[2]?.replace(/^v/, '');
if (wanted !== undefined && wanted !== pkg.version) {
  fail(
    `package.json says ${pkg.version}, not ${wanted}: set the version on main first (npm version ${wanted} --no-git-tag-version), commit, then tag`,
  );
}
const tag = `v${pkg.version}`;
if (git(['status', '--porcelain', '--untracked-files=no']) !== '') fail('the work tree has uncommitted changes: commit them first');
if (git(['tag', '--list', tag]) !== '') fail(`the tag ${tag} exists already`);

// The build from a clean dist/, so no file left by an older build is shipped.
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });

// What the package ships, as npm packs it; the files git does not hold yet are the built ones.
const packed = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }));
const shipped = packed[0].files.map((f) => f.path);
const tracked = new Set(git(['ls-files', '-z']).split('\0'));
const built = shipped.filter((f) => !tracked.has(f));
if (!built.includes('dist/bin/evalform.cjs')) fail('the build did not make dist/bin/evalform.cjs');

// package.json of the release: no script that makes npm prepare a git dependency (pacote's list), as nothing is left to build.
const LIFECYCLE = ['preinstall', 'install', 'postinstall', 'prepack', 'prepare', 'build'];
const release = { ...pkg, scripts: Object.fromEntries(Object.entries(pkg.scripts ?? {}).filter(([k]) => !LIFECYCLE.includes(k))) };

// The commit is assembled in an index of its own: the user's index and work tree stay as they are.
const scratch = mkdtempSync(path.join(tmpdir(), 'evalform-release-'));
try {
  const env = { ...process.env, GIT_INDEX_FILE: path.join(scratch, 'index') };
  git(['read-tree', 'HEAD'], { env });
  const blob = (file, input) =>
    input === undefined ? git(['hash-object', '-w', '--', file]) : git(['hash-object', '-w', '--stdin'], { input });
  const entries = built.map((f) => `100644 ${blob(f)}\t${f}`);
  entries.push(`100644 ${blob(undefined, `${JSON.stringify(release, null, 2)}\n`)}\tpackage.json`);
  git(['update-index', '--add', '--index-info'], { env, input: `${entries.join('\n')}\n` });
  const tree = git(['write-tree'], { env });
  const message = `Release ${tag}: the built files (dist/) and no build scripts, so that npm and pre-commit install it from git as it is`;
  const commit = git(['commit-tree', tree, '-p', 'HEAD', '-m', message]);
  git(['tag', '-a', tag, commit, '-m', `evalform ${pkg.version}`]);
  process.stdout.write(`${tag} → ${commit.slice(0, 12)} (${built.length} built files); push it with: git push origin ${tag}\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
