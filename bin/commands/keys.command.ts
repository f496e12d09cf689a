import type { Command } from 'commander';
import { formatFingerprint } from '../../evidence/index.js';
import { commandSetup } from './common.js';
import { configuredSigningKey } from '../../evidence/index.js';

/** `adwatch keys show`: the evidence signing key's public half and fingerprint. */
export function registerKeysCommand(program: Command): void {
  const keys = program.command('keys').description('The key that signs evidence packets.');
  keys
    .command('show')
    .description(
      'Print the public key (PEM) and its fingerprint (SHA-256 of the SPKI DER). The private key is created on first use under <dataDir>/keys/ (mode 0600) unless ADWATCH_SIGNING_KEY_FILE, ADWATCH_SIGNING_KEY or evidence.signingKeyFile supplies one.',
    )
    .option('--json', 'print {publicKeyPem, fingerprint, origin} as JSON')
    .action((options: { json?: boolean }) => {
      const { config } = commandSetup({ logLevel: 'silent' });
      const key = configuredSigningKey(config);
      const origin = key.origin === 'ADWATCH_SIGNING_KEY' ? key.origin : `file ${key.origin}`;
      if (options.json) {
        process.stdout.write(
          `${JSON.stringify({ publicKeyPem: key.publicKeyPem, fingerprint: key.fingerprint, origin: key.origin }, null, 2)}\n`,
        );
        return;
      }
      process.stdout.write(
        `${key.publicKeyPem}fingerprint (SHA-256 of SPKI DER): ${key.fingerprint}\n                                   ${formatFingerprint(key.fingerprint)}\nprivate key: ${origin}\n`,
      );
    });
}
