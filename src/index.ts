// The importable core of evalform: pure functions from text to findings, scores and documents.
export { evaluate, parseConfig, scoreForm, sortFindings, type EvaluateOptions } from './evaluate.js';
export { resolveRules, MOF, type RulesLayer } from './score/rules.js';
export { computeScores, gradeOf, type Computed, type Reading } from './score/compute.js';
export { parseQuantity, isNotApplicable, alignUnits, type Quantity } from './score/quantity.js';
export { parseDecimalText, parsePercentText, roundTo, agrees, fixed, plain } from './score/number.js';
export { Ratio } from './score/exact.js';
export { decodeUtf8 } from './load/source.js';
export {
  CHECKS,
  CHECK_CODES,
  CHECK_MODULES,
  isCheckCode,
  runChecks,
  type CheckCode,
  type CheckModule,
  type Report,
} from './checks/index.js';
export { LEVEL1, LEVEL1_LABEL, LEVEL2_LABEL, FUNDS_ROWS } from './model/labels.js';
export type * from './model/types.js';
export type * as Schema from './schema/types.js';
