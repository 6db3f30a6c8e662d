// What the CLI may touch of the outside world; tests pass a fake.
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** Whether stdout is a terminal (colour and layout). */
  isTTY: boolean;
}

export function processIo(): Io {
  // A reader that stops early (`evalform schema | head`) is not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
      process.exit(process.exitCode ?? 0);
    });
  }
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    isTTY: Boolean(process.stdout.isTTY),
  };
}

/** "evalform could not run": mapped to exit 2 with its message, never a stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}
