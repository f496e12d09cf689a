import { Command, type OutputConfiguration } from 'commander';
import { registerCommands } from './index.js';

/**
 * The `adwatch` command line with every subcommand, as the binary runs it; tests run it in-process
 * with their own output. Errors and `--help` throw a CommanderError instead of exiting.
 */
export function createProgram(output?: OutputConfiguration): Command {
  const program = new Command('adwatch')
    .description(
      'Watches online job and recruitment ads for signs of human trafficking, forced labour and deceptive recruitment.',
    )
    .version(process.env.npm_package_version ?? '0.1.0', '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  // Set before the subcommands are added, which inherit it.
  if (output) program.configureOutput(output);
  registerCommands(program);
  return program;
}
