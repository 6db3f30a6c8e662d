// The package's version, for --version and the reports that name their tool, and its homepage for SARIF.
import { createRequire } from 'node:module';

// src/cli and dist/bin both sit two folders below the package root.
const pkg = createRequire(import.meta.url)('../../package.json') as { version: string; homepage?: string };

export const VERSION = pkg.version;
/** package.json `homepage` (the repository's address), when the package names one. */
export const HOMEPAGE: string | undefined =
  typeof pkg.homepage === 'string' && /^https?:\/\//.test(pkg.homepage) ? pkg.homepage : undefined;
