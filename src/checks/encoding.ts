// The file is not UTF-8 (GBK, UTF-16, UTF-32, a Word or Excel file). Reported by the loader (src/load/source.ts,
// decodeUtf8), which names the encoding; the form is not scored. No `run`: nothing is computed.
import { defineCheck } from './define.js';

export default defineCheck({
  code: 'encoding',
  severity: 'error',
  fixed: true,
  summary: '文件不是 UTF-8 编码（如旧版 Windows 工具存成的 GBK），不予计分。',
  help: '把文件另存为 UTF-8；消息写明了识别出的编码。旧版 Windows 工具导出的文件常为 GBK。',
});
