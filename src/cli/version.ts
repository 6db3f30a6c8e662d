// The package's version, for --version and the reports that name their tool, and its address for SARIF.
import { createRequire } from 'node:module';

// src/cli and dist/bin both sit two folders below the package root.
const pkg = createRequire(import.meta.url)('../../package.json') as {
  version: string;
  homepage?: unknown;
  repository?: unknown;
};

export const VERSION = pkg.version;

/** The package's web address: package.json `homepage`, else its `repository` URL (git+https://…/x.git → https://…/x). */
export function homepageOf(p: { homepage?: unknown; repository?: unknown }): string | undefined {
  const repo = typeof p.repository === 'object' && p.repository !== null ? (p.repository as { url?: unknown }).url : p.repository;
  for (const candidate of [p.homepage, repo]) {
    if (typeof candidate !== 'string') continue;
    const url = candidate.replace(/^git\+/, '').replace(/\.git$/, '');
    if (/^https?:\/\/\S+$/.test(url)) return url;
  }
  return undefined;
}

export const HOMEPAGE = homepageOf(pkg);
