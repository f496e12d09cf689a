import { CommanderError } from 'commander';
import type { Writable } from 'node:stream';
import { AdwatchError } from '../../core/index.js';
import { CommandExit, type CommandIO } from './command-io.js';
import { createProgram } from './program.js';

/**
 * Runs `adwatch <args>` with the given I/O and resolves with its exit code: the binary with the
 * process's, tests in-process with their own.
 */
export async function runProgram(args: string[], io: CommandIO): Promise<number> {
  const program = createProgram(io);
  try {
    await program.parseAsync(args, { from: 'user' });
    return 0;
  } catch (error) {
    return exitCodeFor(error, io.stderr);
  }
}

/** Prints an error for a person (no stack trace for errors adwatch expects) and picks an exit code. */
export function exitCodeFor(error: unknown, stderr: Writable): number {
  if (error instanceof CommandExit) {
    // The command has said why already.
    return error.exitCode;
  }
  if (error instanceof CommanderError) {
    // Commander has printed the message (or the help) already.
    return error.exitCode;
  }
  if (error instanceof AdwatchError) {
    stderr.write(`adwatch: ${error.message}\n`);
    return 1;
  }
  stderr.write(
    `adwatch: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return 70;
}
