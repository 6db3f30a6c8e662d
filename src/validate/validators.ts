// The bundled JSON Schemas' validators, compiled ahead of time by scripts/build-validators.mjs.
import type { Config, Form } from '../schema/types.js';
import { config, form, type Validator } from './compiled.js';

export type ValidateFn = Validator<unknown>;

export function validators(): { form: Validator<Form>; config: Validator<Config> } {
  return { form, config };
}

export type { Validator };
