// A form's own `rules:` under `form_rules: deny` (FORMAT.md §4 1.1). Only `evaluate` knows the config the form is
// read under, so the finding is made there, with `denied` below; there is no `run`.
import type { RawFinding } from '../model/types.js';
import { defineCheck } from './define.js';

export default defineCheck({
  code: 'form-rules-denied',
  severity: 'error',
  fixed: true,
  summary: '配置规定 form_rules: deny，表单却写了自己的 rules；该表单只按配置的规则计分。',
  help: '删去表单中的 rules（空的 rules: {} 可以保留）；要改规则，请改 evalform.config.yaml。',
});

/** The finding for a form whose own rules (these keys) are not used. */
export function denied(keys: string[]): RawFinding {
  return {
    code: 'form-rules-denied',
    path: '/rules',
    atKey: true,
    message: `配置规定 form_rules: deny，表单不得自定评分规则：表中 rules 的 ${keys.join('、')} 不予采用，按配置的规则计分`,
  };
}
