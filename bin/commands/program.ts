import { Command } from 'commander';
import { isProcessIO, processIO, type CommandIO } from './command-io.js';
import { registerCommands } from './index.js';

/**
 * The `adwatch` command line with every subcommand, as the binary runs it (bin/commands/run.ts);
 * tests run it in-process with their own I/O. Errors and `--help` throw a CommanderError instead
 * of exiting.
 */
export function createProgram(io: CommandIO = processIO()): Command {
  const program = new Command('adwatch')
    .description(
      'Watches online job and recruitment ads for signs of human trafficking, forced labour and deceptive recruitment.',
    )
    .version(io.env.npm_package_version ?? '0.1.0', '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  // Set before the subcommands are added, which inherit it. The binary keeps commander's own
  // output, which also sizes help to the terminal.
  if (!isProcessIO(io)) {
    program.configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
    });
  }
  registerCommands(program, io);
  return program;
}
