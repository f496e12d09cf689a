import { CommanderError } from 'commander';
import { createProgram } from './commands/program.js';
import { AdwatchError } from '../core/index.js';

const program = createProgram();

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
