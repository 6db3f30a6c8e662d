// The command line: commander wiring, and every failure mapped to an exit code (0 clean, 1 findings, 2 could not run).
import { Command, CommanderError, Help, Option } from 'commander';
import { printable } from '../report/printable.js';
import { ConfigError } from './common.js';
import { commanderError, HELP, helpExtras, helpTitle } from './help.js';
import { UsageError, type Io } from './io.js';
import { chooseLang, LANGS } from './lang.js';
import { MESSAGES } from '../report/messages.js';
import { VERSION as version } from './version.js';

export async function main(argv: string[], given: Io): Promise<number> {
  const lang = chooseLang(argv, given.env);
  const m = MESSAGES[lang];
  const h = HELP[lang];
  const io: Io = { ...given, messages: m };
  const base = new Help();
  let exitCode = 0;
  const debug = argv.includes('--debug');
  const program = new Command('evalform')
    .description(h.program)
    .version(version, '-v, --version', h.version)
    .helpOption('-h, --help', h.help)
    .helpCommand('help [command]', h.helpCommand)
    .option('--debug', h.debug)
    .addOption(new Option('--lang <lang>', h.lang).choices(LANGS))
    .addHelpText('after', h.exitCodes)
    .showSuggestionAfterError()
    .showHelpAfterError(h.helpAfterError)
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      outputError: (text, write) => write(commanderError(lang, text)),
    })
    .configureHelp({
      styleTitle: (title) => helpTitle(lang, title),
      optionDescription: (option) => helpExtras(lang, base.optionDescription(option)),
    });

  program
    .command('score')
    .description(h.score)
    .argument('<files...>', h.formFiles)
    .addOption(new Option('-f, --format <format>', h.format).choices(['table', 'json']).default('table'))
    .option('-c, --config <file>', h.config)
    .option('--fix', h.fix)
    .option('--fix-dry-run', h.fixDryRun)
    .action(async (files: string[], opts: { format: string; config?: string; fix?: boolean; fixDryRun?: boolean }) => {
      const { runScore } = await import('./score.js');
      exitCode = await runScore(files, opts, io);
    });

  program
    .command('check')
    .description(h.check)
    .argument('[paths...]', h.paths)
    .option('-f, --format <format>', h.reporter)
    .option('--max-warnings <n>', h.maxWarnings, parseCount)
    .option('-q, --quiet', h.quiet)
    .option('-o, --output <file>', h.output)
    .option('-c, --config <file>', h.config)
    .option('--fix', h.fix)
    .option('--fix-dry-run', h.fixDryRun)
    .action(async (paths: string[], opts: import('./check.js').CheckOptions) => {
      const { runCheck } = await import('./check.js');
      exitCode = await runCheck(paths, opts, io);
    });

  program
    .command('render')
    .description(h.render)
    .argument('<files...>', h.formFiles)
    .option('--docx', h.docx)
    .option('--xlsx', h.xlsx)
    .option('--html', h.html)
    .option('-o, --output <file>', h.renderOutput)
    .option('-t, --template <file>', h.template)
    .option('--force', h.force)
    .option('-c, --config <file>', h.config)
    .addHelpText('after', h.renderLimits)
    .action(
      async (
        files: string[],
        opts: { docx?: boolean; xlsx?: boolean; html?: boolean; output?: string; template?: string; force?: boolean; config?: string },
      ) => {
        const { runRender } = await import('./render.js');
        exitCode = await runRender(files, opts, io);
      },
    );

  program
    .command('summary')
    .description(h.summary)
    .argument('[paths...]', h.paths)
    .option('--html', h.summaryHtml)
    .option('--xlsx', h.summaryXlsx)
    .option('-o, --output <file>', h.summaryOutput)
    .option('--force', h.force)
    .option('-c, --config <file>', h.config)
    .action(async (paths: string[], opts: { html?: boolean; xlsx?: boolean; output?: string; force?: boolean; config?: string }) => {
      const { runSummary } = await import('./summary.js');
      exitCode = await runSummary(paths, opts, io);
    });

  program
    .command('init')
    .description(h.init)
    .argument('[file]', h.initFile)
    .option('--year <year>', h.year)
    .option('--layout <layout>', h.layout)
    .option('--force', h.initForce)
    .action(async (file: string | undefined, opts: { year?: string; layout?: string; force?: boolean }) => {
      const { runInit } = await import('./init.js');
      exitCode = await runInit(file, opts, io);
    });

  program
    .command('import')
    .description(h.importCmd)
    .argument('<file>', h.importFile)
    .option('-o, --output <file>', h.importOutput)
    .option('--out-dir <dir>', h.importOutDir)
    .option('--force', h.importForce)
    .action(async (file: string, opts: { output?: string; outDir?: string; force?: boolean }) => {
      const { runImport } = await import('./import.js');
      exitCode = await runImport(file, opts, io);
    });

  program
    .command('schema')
    .description(h.schema)
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
    io.stderr(`${m.internalError(printable(String(err?.message ?? e)))}\n`);
    io.stderr(debug ? `${err?.stack ?? ''}\n` : `${m.bugHint}\n`);
    return 2;
  }
}

/** A plain count: digits only, so "", " ", "1e3", "0x10" and "-0" are refused rather than read as numbers. */
function parseCount(value: string): number {
  if (!/^[0-9]+$/.test(value)) throw new UsageError(`--max-warnings 需要一个非负整数，收到 “${printable(value)}”`);
  return Number(value);
}
