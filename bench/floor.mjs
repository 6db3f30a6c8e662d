// The floor: what any tool must do to read these forms — start Node, read every file, parse it with the project's
// own `yaml` package. Takes files and folders (walked for *.yaml / *.yml, as `check` does); prints a count.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';

function walk(dir, out) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/\.ya?ml$/i.test(entry.name)) out.push(full);
  }
  return out;
}

const files = process.argv.slice(2).flatMap((p) => (statSync(p).isDirectory() ? walk(p, []) : [p]));
let errors = 0;
for (const file of files) errors += parseDocument(readFileSync(file, 'utf8')).errors.length > 0 ? 1 : 0;
process.stdout.write(`${files.length} files parsed, ${errors} with YAML errors\n`);
