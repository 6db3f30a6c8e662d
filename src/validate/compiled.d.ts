// The types of compiled.js, which scripts/build-validators.mjs writes from schemas/ (it is not in git; this file
// is, so that a fresh clone type-checks before any build).
import type { DefinedError } from 'ajv';
import type { Config, Form } from '../schema/types.js';

/** A validator is a type guard; a failed call leaves its faults in `errors`, all of ajv's own keywords. */
export interface Validator<T> {
  (data: unknown): data is T;
  errors?: DefinedError[] | null;
}

export declare const form: Validator<Form>;
export declare const config: Validator<Config>;
/** Every field's Chinese title by its pointer pattern ('*' for list items). */
export declare const formTitles: Record<string, string>;
