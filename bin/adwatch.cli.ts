import { Command, CommanderError } from 'commander';
import { AdwatchError } from '../config/index.js';
import { registerCommands } from './commands/index.js';

const program = new Command('adwatch')
  .description(
    'Watches online job and recruitment ads for signs of human trafficking, forced labour and deceptive recruitment.',
  )
  .version(process.env.npm_package_version ?? '0.1.0', '-V, --version')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

registerCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = exitCodeFor(error);
}

/** Prints an error for a person (no stack trace for errors adwatch expects) and picks an exit code. */
function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    // Commander has printed the message (or the help) already.
    return error.exitCode;
  }
  if (error instanceof AdwatchError) {
    process.stderr.write(`adwatch: ${error.message}\n`);
    return 1;
  }
  process.stderr.write(
    `adwatch: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return 70;
}
