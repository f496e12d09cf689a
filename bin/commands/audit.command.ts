import type { Command } from 'commander';
import { commandSetup } from './common.js';
import { openCommandStore } from './command-store.js';

/** `adwatch audit verify`: walks the hash chain of the audit trail. */
export function registerAuditCommand(program: Command): void {
  const audit = program.command('audit').description('Check the tamper-evident audit trail.');
  audit
    .command('verify')
    .description(
      'Walk the hash chain of the audit trail from the first entry and report the first broken link (exit code 1), or the number of intact entries (exit code 0).',
    )
    .action(async () => {
      const { config } = commandSetup({ logLevel: 'silent' });
      const store = await openCommandStore(config);
      try {
        const result = await store.audit.verify();
        if (result.ok) {
          process.stdout.write(`audit trail intact: ${result.entries} entries verified\n`);
        } else {
          process.stdout.write(
            `audit trail BROKEN at entry ${result.brokenAt}: ${result.reason} (${result.entries} entries before it verified)\n`,
          );
          process.exitCode = 1;
        }
      } finally {
        await store.close();
      }
    });
}
