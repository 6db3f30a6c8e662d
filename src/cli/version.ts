// The package's version, for --version and the reports that name their tool.
import { createRequire } from 'node:module';

// src/cli and dist/bin both sit two folders below the package root.
export const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
