// `--format sarif`: SARIF 2.1.0 for code scanning, every check listed as a rule with its help text.
import { isAbsolute } from 'node:path';
import { CHECK_MODULES } from '../checks/index.js';
import type { Finding } from '../model/types.js';
import { MESSAGES } from './messages.js';
import type { Reporter } from './types.js';
import { displayPath } from './paths.js';
import { stringifyJson } from './json-text.js';

// A relative URI reference: each segment percent-encoded (Chinese file names, spaces, '#'), '/' kept. A lone surrogate
// (which encodeURIComponent throws on) becomes U+FFFD, as it would on disk.
function relativeUri(file: string): string {
  const wellFormed = file.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  return wellFormed.split('/').map(encodeURIComponent).join('/');
}

function fileUri(path: string, folder: boolean): string {
  const slashed = path.replaceAll('\\', '/');
  const withRoot = slashed.startsWith('/') ? slashed : `/${slashed}`;
  return `file://${relativeUri(folder && !withRoot.endsWith('/') ? `${withRoot}/` : withRoot)}`;
}

// Under the working directory: relative to %SRCROOT%; elsewhere: an absolute file URI.
function location(shown: string): { uri: string; uriBaseId?: string } {
  return isAbsolute(shown) ? { uri: fileUri(shown, false) } : { uri: relativeUri(shown), uriBaseId: '%SRCROOT%' };
}

/** A rule's readable name, as SARIF viewers show it beside the id: rate-mismatch → RateMismatch. */
export function ruleName(code: string): string {
  return code.replace(/(?:^|-)([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Every check as a SARIF rule, in the modules' order: its index is a result's ruleIndex. The help says, in
 * Chinese, when the check fires and what to do, as the README's table and docs/format.md §5 do. */
function rules() {
  return CHECK_MODULES.map((check) => ({
    id: check.code,
    name: ruleName(check.code),
    shortDescription: { text: check.summary },
    fullDescription: { text: check.summary },
    help: {
      text: `${check.summary}\n怎么改：${check.help}`,
      markdown: `**${check.code}**（默认${MESSAGES.zh.severity[check.severity]}）：${check.summary}\n\n**怎么改：** ${check.help}`,
    },
    defaultConfiguration: { level: check.severity },
  }));
}

const RULE_INDEX = new Map<string, number>(CHECK_MODULES.map((check, i) => [check.code, i]));

/** One finding as a SARIF result, in the artifact it is located in. */
function result(f: Finding, artifactLocation: { uri: string; uriBaseId?: string; index?: number }) {
  return {
    ruleId: f.code,
    ruleIndex: RULE_INDEX.get(f.code),
    level: f.severity,
    message: { text: f.place === undefined ? f.message : `${f.place}：${f.message}` },
    locations: [
      {
        // An imported document has no lines: the table and row as a logical location, and no made-up region.
        physicalLocation: {
          artifactLocation,
          ...(f.place === undefined ? { region: { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.column) } } : {}),
        },
        ...(f.place === undefined ? {} : { logicalLocations: [{ name: f.place, kind: 'element' }] }),
      },
    ],
  };
}

export const sarif: Reporter = (evals, ctx) => {
  const artifacts: { uri: string; uriBaseId?: string }[] = [];
  const artifactIndex = new Map<string, number>();
  const results = evals.flatMap((ev) =>
    ev.findings.map((f) => {
      const loc = location(displayPath(f.file || ev.file, ctx.cwd));
      if (!artifactIndex.has(loc.uri)) {
        artifactIndex.set(loc.uri, artifacts.length);
        artifacts.push(loc);
      }
      return result(f, { ...loc, index: artifactIndex.get(loc.uri) });
    }),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'evalform',
            version: ctx.version,
            // The repository's address (package.json `homepage`); left out rather than a page that does not exist.
            ...(ctx.homepage ? { informationUri: ctx.homepage } : {}),
            rules: rules(),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: fileUri(ctx.cwd, true) } },
        artifacts: artifacts.map((loc) => ({ location: loc })),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${stringifyJson(log)}\n`;
};
