// Types of bench/generate.mjs for the TypeScript tests.
export interface GeneratedForm {
  /** Relative to the forms folder, e.g. dept-03/form-0001.yaml. */
  path: string;
  text: string;
  /** The check codes injected on purpose (errors, plus level-weights and overspend). */
  faults: string[];
  indicators: number;
  /** False when the form was broken on purpose (yaml-syntax, schema) and cannot be scored. */
  renderable: boolean;
}
export interface Pools {
  expected: string[];
  actual: string[];
  target: string[];
  achieved: string[];
  deviation: string[];
}
export declare const EXAMPLES_DIR: string;
export declare const FAULT_RATES: Readonly<Record<string, number>>;
export declare function prng(seed: number): {
  next(): number;
  int(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(list: readonly T[]): T;
};
export declare function loadPools(examplesDir?: string): Pools;
export declare function generateForm(i: number, seed: number, pools: Pools): GeneratedForm;
export declare function generateForms(n: number, seed?: number, pools?: Pools): GeneratedForm[];
export declare function writeForms(dir: string, forms: GeneratedForm[], manifestFile?: string): void;
