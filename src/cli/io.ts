// What the CLI may touch of the outside world; tests pass a fake.
import { writeSync } from 'node:fs';
import type { Messages } from '../report/messages.js';

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Whether stdout is a terminal (colour and layout). */
  isTTY: boolean;
  /** The human-facing texts in the chosen language (main sets them; Chinese when absent). */
  messages?: Messages;
}

/** Why output could not be written, in words. */
function writeReason(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOSPC':
      return '磁盘空间不足';
    case 'EDQUOT':
      return '超出磁盘配额';
    case 'EFBIG':
      return '文件超过允许的大小';
    case 'EIO':
      return '输入输出错误';
    case 'EBADF':
      return '输出已关闭';
    case 'EACCES':
    case 'EPERM':
      return '没有写入权限';
    default:
      return e.code ?? e.message;
  }
}

/** The one line said when a standard stream cannot be written (and how to say it when that stream is stderr). */
export function outputFailure(stream: 'stdout' | 'stderr', e: NodeJS.ErrnoException): string {
  return `evalform: 无法写出${stream === 'stdout' ? '结果（标准输出）' : '消息（标准错误）'}：${writeReason(e)}${e.code ? `（${e.code}）` : ''}\n`;
}

export function processIo(): Io {
  const closed = { stdout: false, stderr: false };
  for (const [name, stream] of [
    ['stdout', process.stdout],
    ['stderr', process.stderr],
  ] as const) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      // A reader that stops early (`evalform check | head`) is not an error: nothing more is written there, and
      // the command ends with its own exit code (`check` prints as it goes, and forms with errors still fail it).
      if (e.code === 'EPIPE') {
        closed[name] = true;
        return;
      }
      // A full disk or a closed stream: one line, exit 2, never a stack (stderr itself may be what failed).
      try {
        writeSync(2, outputFailure(name, e));
      } catch {
        // Nowhere left to say it.
      }
      process.exit(2);
    });
  }
  let cwd: string;
  try {
    cwd = process.cwd();
  } catch {
    // The working directory was deleted under the shell.
    writeSync(2, 'evalform: 当前文件夹已不存在：请换到一个存在的文件夹再运行\n');
    process.exit(2);
  }
  return {
    stdout: (t) => {
      if (!closed.stdout) process.stdout.write(t);
    },
    stderr: (t) => {
      if (!closed.stderr) process.stderr.write(t);
    },
    cwd,
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
  };
}

/** "evalform could not run": mapped to exit 2 with its message, never a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
