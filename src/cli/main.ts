// The command line: commander wiring, and every failure mapped to an exit code (0 clean, 1 findings, 2 could not run).
import { Command, CommanderError, Option } from 'commander';
import { printable } from '../report/printable.js';
import { ConfigError } from './common.js';
import { MAX_INPUT_LABEL } from './input.js';
import { UsageError, type Io } from './io.js';
import { MAX_RENDER_FORMS } from './limits.js';
import { VERSION as version } from './version.js';

const RENDER_LIMITS = `
Limits:
  at most ${MAX_RENDER_FORMS.docx} forms in one .docx (each takes about 1.7 MB of memory) and ${MAX_RENDER_FORMS.html} in one HTML page;
  forms, rules files and templates must be regular files of at most ${MAX_INPUT_LABEL}`;

const EXIT_CODES = `
Exit codes:
  0  no errors (warnings allowed, up to --max-warnings)
  1  errors found in a form (or too many warnings)
  2  evalform could not run: bad arguments, unreadable file, bad config`;

export async function main(argv: string[], io: Io): Promise<number> {
  let exitCode = 0;
  const debug = argv.includes('--debug');
  const program = new Command('evalform')
    .description('Score, check and render 项目支出绩效自评表 (project expenditure performance self-evaluation forms) written in YAML.')
    .version(version, '-v, --version')
    .option('--debug', 'print the stack of an unexpected internal error')
    .addHelpText('after', EXIT_CODES)
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });

  program
    .command('score')
    .description('score forms: the table for one file, an overview line per form for several')
    .argument('<files...>', 'form files (.yaml)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['table', 'json']).default('table'))
    .option('-c, --config <file>', 'rules file to use instead of the nearest evalform.config.yaml')
    .action(async (files: string[], opts: { format: string; config?: string }) => {
      const { runScore } = await import('./score.js');
      exitCode = await runScore(files, opts, io);
    });

  program
    .command('check')
    .description(
      'check every form under the given folders or globs (default: the working directory), for CI; a YAML file is a form when it parses to a mapping with an evalform key, and other YAML files are listed as skipped',
    )
    .argument('[paths...]', 'files, folders or quoted globs')
    .option('-f, --format <format>', 'reporter: stylish, json, junit, github, sarif (github when GITHUB_ACTIONS is set)')
    .option('--max-warnings <n>', 'exit 1 when there are more warnings than this', parseCount)
    .option('-q, --quiet', 'report errors only')
    .option('-o, --output <file>', 'write the report to a file')
    .option('-c, --config <file>', 'rules file to use instead of the nearest evalform.config.yaml')
    .action(async (paths: string[], opts: { format?: string; maxWarnings?: number; quiet?: boolean; output?: string; config?: string }) => {
      const { runCheck } = await import('./check.js');
      exitCode = await runCheck(paths, opts, io);
    });

  program
    .command('render')
    .description('write the filled official table, one table per form in the order given')
    .argument('<files...>', 'form files (.yaml)')
    .option('--docx', 'write a Word document (.docx)')
    .option('--html', 'write a printable HTML page')
    .option('-o, --output <file>', 'output file (default: beside the first form, with the right extension)')
    .option('-t, --template <file>', 'a Handlebars template of your own for --html')
    .option('--force', 'overwrite an existing output file')
    .option('-c, --config <file>', 'rules file to use instead of the nearest evalform.config.yaml')
    .addHelpText('after', RENDER_LIMITS)
    .action(
      async (
        files: string[],
        opts: { docx?: boolean; html?: boolean; output?: string; template?: string; force?: boolean; config?: string },
      ) => {
        const { runRender } = await import('./render.js');
        exitCode = await runRender(files, opts, io);
      },
    );

  program
    .command('init')
    .description('write a commented blank form (to stdout without FILE); never overwrites without --force')
    .argument('[file]', 'where to write the form')
    .option('--year <year>', 'the form year, four digits from 1990 to 2100 (default: last year)')
    .option('--layout <layout>', "the table's layout: central (default), sichuan or yunnan, with their columns and fields")
    .option('--force', 'overwrite an existing file')
    .action(async (file: string | undefined, opts: { year?: string; layout?: string; force?: boolean }) => {
      const { runInit } = await import('./init.js');
      exitCode = await runInit(file, opts, io);
    });

  program
    .command('schema')
    .description('print the JSON Schema of the form format')
    .action(async () => {
      const { runSchema } = await import('./init.js');
      exitCode = await runSchema(io);
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      // `evalform help [command]` shows help as --help does; help shown for a missing command is an error.
      if (e.code === 'commander.help') return e.exitCode === 0 ? 0 : 2;
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2;
    }
    if (e instanceof ConfigError) {
      io.stderr(`evalform: 规则文件无法使用：\n${e.message}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      io.stderr(`evalform: ${e.message}\n`);
      return 2;
    }
    const err = e as Error;
    io.stderr(`evalform: internal error: ${printable(String(err?.message ?? e))}\n`);
    io.stderr(
      debug
        ? `${err?.stack ?? ''}\n`
        : 'This is a bug in evalform. Run again with --debug for the stack and report it with the form that caused it.\n',
    );
    return 2;
  }
}

/** A plain count: digits only, so "", " ", "1e3", "0x10" and "-0" are refused rather than read as numbers. */
function parseCount(value: string): number {
  if (!/^[0-9]+$/.test(value)) throw new UsageError(`--max-warnings 需要一个非负整数，收到 “${printable(value)}”`);
  return Number(value);
}
