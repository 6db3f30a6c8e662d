// FORMAT.md §3: the stated 等级 against rules.grades applied to the computed total.
import { totalText } from '../score/number.js';
import { defineCheck } from './define.js';

export default defineCheck({
  code: 'grade-mismatch',
  severity: 'error',
  summary: '填报的等级与按计算出的总分评定的等级不符。',
  help: '采用 rules.grades 对计算出的总分给出的等级，或不填。evalform check --fix 可把计算值原处写入表中。',
  run: ({ total, grade, gradeCheck }, rules) =>
    !gradeCheck || gradeCheck.agrees
      ? []
      : [{ path: '/grade', message: `等级应为“${grade}”（总分 ${totalText(total, rules.places)}），表中为“${gradeCheck.stated}”` }],
  fix: ({ grade, gradeCheck }, _rules, path) =>
    path === '/grade' && gradeCheck && !gradeCheck.agrees ? { kind: 'text', value: grade } : undefined,
});
