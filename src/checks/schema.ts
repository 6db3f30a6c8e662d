// The form breaks the JSON Schema. Almost every such finding comes from elsewhere, and the form is then not scored:
// the validator (src/validate, one per fault, with spelling suggestions), the loader's exact numbers
// (src/load/model.ts), an empty file (src/evaluate.ts) and a form's own rules that make no sense (src/score/rules.ts,
// checkRules). `run` reports the one fault the schema cannot say: a weight may be left out only where the indicator
// does not apply (the form is still scored, the weight counting as 0).
import { defineCheck } from './define.js';

export default defineCheck({
  code: 'schema',
  severity: 'error',
  fixed: true,
  summary: '表单不符合表单结构（JSON Schema）：每处一条，指向出错的节点，拼错的键给出建议。',
  help: '按消息改正该字段；evalform schema 打印表单结构，evalform init 生成带注释的空白表。',
  indicator: {
    methods: ['positive', 'negative', 'equal', 'qualitative', 'deadline'],
    run: (i) =>
      i.indicator.weight !== undefined
        ? undefined
        : { path: i.path, message: `指标“${i.name}”缺少分值（weight）；不适用的指标请把年度指标值写成 /` },
  },
});
