// The check codes, for the layers that import them from the model: each check is its own module in src/checks/.
export { CHECKS, CHECK_CODES, isCheckCode, type CheckCode, type CheckInfo } from '../checks/index.js';
