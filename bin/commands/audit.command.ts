import type { Command } from 'commander';
import { CommandExit, type CommandIO } from './command-io.js';
import { commandSetup } from './common.js';
import { openCommandStore } from './command-store.js';

/** `adwatch audit verify`: walks the hash chain of the audit trail. */
export function registerAuditCommand(program: Command, io: CommandIO): void {
  const audit = program.command('audit').description('Check the tamper-evident audit trail.');
  audit
    .command('verify')
    .description(
      'Walk the hash chain of the audit trail from the first entry and report the first broken link (exit code 1), or the number of intact entries (exit code 0).',
    )
    .action(async () => {
      const { config } = commandSetup(io, { logLevel: 'silent' });
      const store = await openCommandStore(config);
      try {
        const result = await store.audit.verify();
        if (result.ok) {
          io.stdout.write(`audit trail intact: ${result.entries} entries verified\n`);
        } else {
          io.stdout.write(
            `audit trail BROKEN at entry ${result.brokenAt}: ${result.reason} (${result.entries} entries before it verified)\n`,
          );
          throw new CommandExit(1);
        }
      } finally {
        await store.close();
      }
    });
}
