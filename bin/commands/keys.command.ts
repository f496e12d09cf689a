import type { Command } from 'commander';
import { type AdwatchConfig } from '../../config/index.js';
import {
  configuredKeyOptions,
  findSigningKey,
  formatFingerprint,
  loadSigningKey,
  type SigningKey,
} from '../../evidence/index.js';
import { liveInstance } from '../runtime/runtime-file.js';
import type { CommandIO } from './command-io.js';
import { commandSetup } from './common.js';
import { AdwatchError, ErrorCode } from '../../core/index.js';

const keySources =
  'ADWATCH_SIGNING_KEY, ADWATCH_SIGNING_KEY_FILE (evidence.signingKeyFile) or <dataDir>/keys/';

/**
 * `adwatch keys show` and `adwatch keys create`. Show looks for the key the way `adwatch status`
 * looks for the instance (ADWATCH_DATA_DIR, ./adwatch.yaml) and never creates one: a key made in
 * the wrong directory would print a fingerprint that is not the instance's.
 */
export function registerKeysCommand(program: Command, io: CommandIO): void {
  const keys = program.command('keys').description('The key that signs evidence packets.');
  keys
    .command('show')
    .description(
      `Print the instance's public key (PEM) and its fingerprint (SHA-256 of the SPKI DER), from ${keySources}. Never creates a key: the first export creates it, or "adwatch keys create".`,
    )
    .option('--json', 'print {publicKeyPem, fingerprint, origin, dataDir, instancePid} as JSON')
    .action((options: { json?: boolean }) => {
      const { config } = commandSetup(io, { logLevel: 'silent' });
      const key = findSigningKey(configuredKeyOptions(config, io.env));
      if (!key) throw noKey(config);
      io.stdout.write(formatKey(key, config, options.json === true));
    });
  keys
    .command('create')
    .description(
      `Create the signing key under <dataDir>/keys/ (mode 0600) if the instance has none yet, and print it. An existing key (${keySources}) is kept and shown, never replaced.`,
    )
    .option(
      '--json',
      'print {publicKeyPem, fingerprint, origin, dataDir, instancePid, created} as JSON',
    )
    .action((options: { json?: boolean }) => {
      const { config } = commandSetup(io, { logLevel: 'silent' });
      const keyOptions = configuredKeyOptions(config, io.env);
      const existing = findSigningKey(keyOptions);
      const key = existing ?? loadSigningKey(keyOptions);
      if (!options.json) {
        io.stdout.write(
          existing
            ? 'a signing key exists already; it is kept (adwatch never replaces a signing key)\n'
            : `created a signing key in ${key.origin}\n`,
        );
      }
      io.stdout.write(formatKey(key, config, options.json === true, { created: !existing }));
    });
}

function formatKey(
  key: SigningKey,
  config: AdwatchConfig,
  json: boolean,
  extra: Record<string, unknown> = {},
): string {
  const instance = liveInstance(config.dataDir);
  if (json) {
    const shown = {
      publicKeyPem: key.publicKeyPem,
      fingerprint: key.fingerprint,
      origin: key.origin,
      dataDir: config.dataDir,
      instancePid: instance?.pid ?? null,
      ...extra,
    };
    return `${JSON.stringify(shown, null, 2)}\n`;
  }
  const origin = key.origin === 'ADWATCH_SIGNING_KEY' ? key.origin : `file ${key.origin}`;
  const running = instance
    ? `instance pid ${instance.pid} is running with it`
    : 'no instance is running with it now';
  return [
    `${key.publicKeyPem}fingerprint (SHA-256 of SPKI DER): ${key.fingerprint}`,
    `                                   ${formatFingerprint(key.fingerprint)}`,
    `private key: ${origin}`,
    `data directory: ${config.dataDir} (${running})`,
    '',
  ].join('\n');
}

function noKey(config: AdwatchConfig): AdwatchError {
  const instance = liveInstance(config.dataDir);
  if (instance) {
    return new AdwatchError(
      ErrorCode.NotFound,
      `the adwatch instance running with data directory ${config.dataDir} (pid ${instance.pid}) has no signing key yet; it creates one at its first evidence export, or create it now with "adwatch keys create"`,
    );
  }
  return new AdwatchError(
    ErrorCode.NoRunningInstance,
    `no signing key and no running adwatch instance in ${config.dataDir}. Run this where the instance runs, or set ADWATCH_DATA_DIR to its data directory (as for "adwatch status"); to give a new instance its key, run "adwatch keys create" there`,
  );
}
