// The bundled JSON Schemas' validators, compiled ahead of time by scripts/build-validators.mjs.
import type { ValidateFunction } from 'ajv';
import { config, form } from './compiled.js';

export type ValidateFn = ValidateFunction;

export function validators(): { form: ValidateFn; config: ValidateFn } {
  return { form, config };
}
