// Compiles the bundled JSON Schemas once per process.
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

export type ValidateFn = ValidateFunction;

// src/validate and dist/validate both sit two folders below the package root.
const require = createRequire(import.meta.url);
export const formSchema = require('../../schemas/evalform.schema.json') as Record<string, unknown>;
const configSchema = require('../../schemas/evalform.config.schema.json') as Record<string, unknown>;

let compiled: { form: ValidateFn; config: ValidateFn } | undefined;

export function validators(): { form: ValidateFn; config: ValidateFn } {
  if (!compiled) {
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    ajv.addSchema(formSchema);
    ajv.addSchema(configSchema);
    compiled = {
      form: ajv.getSchema('evalform.schema.json') as ValidateFn,
      config: ajv.getSchema('evalform.config.schema.json') as ValidateFn,
    };
  }
  return compiled;
}
