// The file is not valid YAML. Reported by the loader (src/load/source.ts, readSource) with the fault's line and
// column; a syntax warning of the yaml package is reported under this code too. No `run`: nothing is computed.
import { defineCheck } from './define.js';

export default defineCheck({
  code: 'yaml-syntax',
  severity: 'error',
  fixed: true,
  summary: '文件不是合法的 YAML。',
  help: '按给出的行号和列号改正 YAML：常见原因是用 Tab 缩进，或不加引号的值以特殊字符开头。',
});
