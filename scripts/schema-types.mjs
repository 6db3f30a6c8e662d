// Writes src/schema/types.ts, the TypeScript types of what schemas/*.json accept, so that a validator is a type
// guard and the code reading valid data needs no casts. Run by `npm run build`; `--check` (in `npm run lint`)
// fails when the file in git is not what the schemas give. Only the keywords these schemas use are known, and
// any other keyword that shapes a type stops the script rather than being guessed at.
import { readFileSync, writeFileSync } from 'node:fs';

const root = new URL('../', import.meta.url);
const OUT = 'src/schema/types.ts';
const FILES = { form: 'evalform.schema.json', config: 'evalform.config.schema.json' };
const schemas = Object.fromEntries(
  Object.values(FILES).map((name) => [name, JSON.parse(readFileSync(new URL(`schemas/${name}`, root), 'utf8'))]),
);

/** Keywords that only constrain values: they narrow nothing a type can say. */
const VALUE_ONLY = new Set([
  '$schema',
  '$id',
  'title',
  'description',
  'default',
  'examples',
  'definitions',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'pattern',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  // For editors (yaml-language-server): the message of a failing value, and the completion snippets.
  'errorMessage',
  'patternErrorMessage',
  'markdownDescription',
  'defaultSnippets',
]);
const SHAPING = new Set(['$ref', 'type', 'enum', 'const', 'properties', 'required', 'additionalProperties', 'items']);

const pascal = (name) => name.replace(/(^|[-_])([a-z])/g, (_, __, c) => c.toUpperCase());
const literal = (value) =>
  typeof value === 'string' ? `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'` : JSON.stringify(value);
const key = (name) => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : literal(name));
const doc = (schema, indent) => {
  const text = schema.description ?? schema.title;
  return text ? `${indent}/** ${text.replaceAll('*/', '*\\/')} */\n` : '';
};

/** The schema a $ref points at, and the file its own refs are relative to. */
function resolve(ref, file) {
  const [target, pointer = ''] = ref.split('#');
  const inFile = target === '' ? file : target;
  let node = schemas[inFile];
  if (!node) throw new Error(`${file}: $ref to an unknown file: ${ref}`);
  for (const segment of pointer.split('/').slice(1)) node = node?.[segment.replaceAll('~1', '/').replaceAll('~0', '~')];
  if (node === undefined) throw new Error(`${file}: $ref to nothing: ${ref}`);
  return { node, file: inFile, pointer };
}

/** A named type for each definition of the form schema, and a property of one by its name (the config's keys are
 * the form's rules); any other $ref is written out where it is used. */
function refType(ref, file, indent) {
  const { node, file: inFile, pointer } = resolve(ref, file);
  const named = inFile === FILES.form ? /^\/definitions\/([^/]+)(?:\/properties\/([^/]+))?$/.exec(pointer) : null;
  if (!named) return typeOf(node, inFile, indent);
  const [, definition, property] = named;
  return property === undefined ? pascal(definition) : `Required<${pascal(definition)}>[${literal(property)}]`;
}

function typeOf(schema, file, indent) {
  for (const k of Object.keys(schema)) {
    if (!VALUE_ONLY.has(k) && !SHAPING.has(k)) throw new Error(`${file}: keyword "${k}" is not known to scripts/schema-types.mjs`);
  }
  if (schema.$ref) return refType(schema.$ref, file, indent);
  if ('const' in schema) return literal(schema.const);
  if (schema.enum) return schema.enum.map(literal).join(' | ');
  const types = [schema.type ?? []].flat();
  if (types.length === 0) throw new Error(`${file}: a schema without type, enum, const or $ref: ${JSON.stringify(schema).slice(0, 80)}`);
  return types
    .map((type) => {
      switch (type) {
        case 'string':
        case 'boolean':
        case 'null':
          return type;
        case 'number':
        case 'integer':
          return 'number';
        case 'array': {
          const item = schema.items ? typeOf(schema.items, file, indent) : 'unknown';
          return isUnion(item) ? `(${item})[]` : `${item}[]`;
        }
        case 'object':
          return objectType(schema, file, indent);
        default:
          throw new Error(`${file}: unknown type ${type}`);
      }
    })
    .join(' | ');
}

/** Whether a type has a | outside its braces and brackets. */
function isUnion(type) {
  let depth = 0;
  for (let i = 0; i < type.length; i++) {
    if ('{[(<'.includes(type[i])) depth++;
    else if ('}])>'.includes(type[i])) depth--;
    else if (depth === 0 && type.startsWith(' | ', i)) return true;
  }
  return false;
}

function objectType(schema, file, indent) {
  const inner = `${indent}  `;
  const required = new Set(schema.required ?? []);
  const lines = Object.entries(schema.properties ?? {}).map(
    ([name, child]) => `${doc(child, inner)}${inner}${key(name)}${required.has(name) ? '' : '?'}: ${typeOf(child, file, inner)};\n`,
  );
  if (schema.additionalProperties !== false) lines.push(`${inner}[key: string]: unknown;\n`);
  return `{\n${lines.join('')}${indent}}`;
}

function declare(name, schema, file) {
  const type = typeOf(schema, file, '');
  const body = type.startsWith('{') && !isUnion(type) ? `export interface ${name} ${type}` : `export type ${name} = ${type};`;
  return `${doc(schema, '')}${body}\n`;
}

const form = schemas[FILES.form];
const config = schemas[FILES.config];
const out = [
  '// Generated by scripts/schema-types.mjs from schemas/*.json by `npm run build`: do not edit.',
  `// What the schemas accept, before anything is computed: amounts may still be text, lists may be null.`,
  '',
  declare('Form', form, FILES.form),
  ...Object.entries(form.definitions).map(([name, schema]) => declare(pascal(name), schema, FILES.form)),
  declare('Config', config, FILES.config),
].join('\n');

const path = new URL(OUT, root);
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(path, 'utf8');
  } catch {}
  if (current !== out) {
    console.error(`${OUT} is not what schemas/ give: run \`node scripts/schema-types.mjs\` (or \`npm run build\`) and commit it`);
    process.exit(1);
  }
} else {
  writeFileSync(path, out);
}
