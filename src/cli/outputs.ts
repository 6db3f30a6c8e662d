// No output may be one of the inputs (FORMAT §6): not a form, not a rules file, not a template, whatever the
// spelling of the path, through a symlink or a hard link, and even with --force.
import type { Stats } from 'node:fs';
import { printable } from '../report/printable.js';
import { statOrNot } from './input.js';
import { UsageError } from './io.js';
import { fsPath, toRaw } from './rawpath.js';

export interface InputFile {
  /** Raw path (src/cli/rawpath.ts). */
  raw: string;
  /** What it is to the user: 表单, 规则文件, 模板. */
  what: string;
  /** The path as the user gave or sees it. */
  shown: string;
}

const same = (a: Stats, b: Stats) => a.dev === b.dev && a.ino === b.ino;

/** A UsageError when `output` (a plain path) is one of `inputs`: the same file by device and inode. An output
 * that does not exist yet cannot be one. */
export function refuseInputAsOutput(output: string, shownOutput: string, inputs: Iterable<InputFile>): void {
  const out = statOrNot(fsPath(toRaw(output)));
  if (!out) return;
  for (const input of inputs) {
    const s = statOrNot(fsPath(input.raw));
    if (s && same(s, out)) {
      const shown = input.shown;
      const alias = shown === shownOutput ? '' : `（即${input.what} ${printable(shown)}）`;
      throw new UsageError(
        `输出文件 ${printable(shownOutput)}${alias}是输入的${input.what}：不能覆盖输入，--force 也不行，请换一个输出文件名`,
      );
    }
  }
}
