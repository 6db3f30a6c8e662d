// The 备注 under a table is the form's own: the seed department's text only in the seed's transcriptions, never a default.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../src/evaluate.js';
import type { Evaluation } from '../src/model/types.js';
import { renderDocx } from '../src/render/docx.js';
import { renderHtml } from '../src/render/html.js';
import { tableView } from '../src/render/view.js';
import { scoreTable } from '../src/report/table.js';
import { formYaml, ROOT } from './helpers.js';
import { findAll } from './helpers/xml.js';
import { documentXml } from './render-helpers.js';

const SEED_NOTE = '一个一级项目支出一张表。如，业务工作经费，运行维护经费，其他事业发展类资金…各一张表。';
const TEMPLATE = readFileSync(path.join(ROOT, 'templates', 'table.hbs'), 'utf8');

function terminal(ev: Evaluation): string[] {
  return scoreTable([{ ...ev, findings: [] }], { cwd: ROOT, version: '1' }).split('\n');
}

async function docxParagraphs(ev: Evaluation): Promise<string[]> {
  const docx = await renderDocx([tableView(ev.result!)]);
  return findAll(documentXml(docx), 'w:p').map((p) =>
    findAll(p, 'w:t')
      .map((t) => t.text)
      .join(''),
  );
}

describe('the 备注 under a table', () => {
  const seedNames = ['hunan-2022-business.yaml', 'hunan-2022-operations.yaml'];

  it('is the seed text in the seed transcriptions, which state it in their own note:', async () => {
    for (const name of seedNames) {
      const text = readFileSync(path.join(ROOT, 'examples', name), 'utf8');
      expect(text).toContain(`\nnote: ${SEED_NOTE}\n`);
      const ev = evaluate(text, name);
      const v = tableView(ev.result!);
      expect(v.note).toBe(SEED_NOTE);
      expect(await docxParagraphs(ev)).toContain(`备注：${SEED_NOTE}`);
      expect(renderHtml([v], TEMPLATE)).toContain(`<p class="note">备注：${SEED_NOTE}</p>`);
      expect(terminal(ev)).toContain(`备注：${SEED_NOTE}`);
    }
  });

  it('is empty for a form without a note: another department does not inherit the seed’s', async () => {
    const ev = evaluate(formYaml(), 'new.yaml');
    const v = tableView(ev.result!);
    expect(v.note).toBe('');
    const paras = await docxParagraphs(ev);
    expect(paras).toContain('备注：');
    expect(paras.join('\n')).not.toContain('一个一级项目支出一张表');
    const page = renderHtml([v], TEMPLATE);
    expect(page).toContain('<p class="note">备注：</p>');
    expect(page).not.toContain('一个一级项目支出一张表');
    expect(terminal(ev).join('\n')).not.toContain('一个一级项目支出一张表');
  });

  it('is empty for the blank form `init` writes', () => {
    const init = readFileSync(path.join(ROOT, 'templates', 'init.yaml'), 'utf8');
    expect(init).not.toContain('一个一级项目支出一张表');
  });
});
