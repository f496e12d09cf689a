import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { AdwatchError, InputError } from '../../config/index.js';
import { formatFingerprint, verifyPacket, type PacketVerification } from '../../evidence/index.js';

/** `adwatch verify`: checks a packet offline; exit 0 only when it is intact. */
export function registerVerifyCommand(program: Command): void {
  program
    .command('verify')
    .description(
      'Check an evidence packet without any service: every file against the signed manifest, missing or added files, and the signature. Exit code 0 only when the packet is intact, 1 when it is not, 2 when it cannot be read.',
    )
    .argument('<file>', 'the packet ZIP')
    .option(
      '--key <file>',
      'public key (PEM) the packet must be signed with, e.g. from "adwatch keys show"',
    )
    .option('--json', 'print the verdict as JSON')
    .action(async (file: string, options: { key?: string; json?: boolean }) => {
      let publicKeyPem: string | undefined;
      if (options.key) {
        try {
          publicKeyPem = readFileSync(options.key, 'utf8');
        } catch (error) {
          throw new InputError(
            `--key ${options.key}: cannot read it (${(error as Error).message})`,
          );
        }
      }
      let verdict: PacketVerification;
      try {
        verdict = await verifyPacket(file, publicKeyPem ? { publicKeyPem } : {});
      } catch (error) {
        if (error instanceof AdwatchError) {
          process.stderr.write(`adwatch: ${error.message}\n`);
          process.exitCode = 2;
          return;
        }
        throw error;
      }
      process.stdout.write(
        options.json ? `${JSON.stringify(verdict, null, 2)}\n` : formatVerdict(file, verdict),
      );
      process.exitCode = verdict.intact ? 0 : 1;
    });
}

function formatVerdict(file: string, v: PacketVerification): string {
  const lines = [
    v.intact ? `INTACT: ${file}` : `NOT INTACT: ${file}`,
    `  created:      ${v.manifest?.createdAt ?? 'unknown'} (${v.manifest?.format ?? 'no valid manifest'})`,
    `  files:        ${v.filesChecked} checked against the manifest`,
    `  signature:    ${v.signatureValid ? 'valid (Ed25519)' : 'NOT VALID'}`,
    `  signing key:  ${v.fingerprint ? formatFingerprint(v.fingerprint) : 'none'}`,
    '                compare with "adwatch keys show" on the issuing instance',
    `  timestamp:    ${timestampLine(v)}`,
  ];
  if (v.problems.length > 0) {
    lines.push('', 'Problems:');
    for (const p of v.problems)
      lines.push(`  ${p.problem.toUpperCase().padEnd(9)} ${p.path}: ${p.detail}`);
  }
  return `${lines.join('\n')}\n`;
}

function timestampLine(v: PacketVerification): string {
  if (!v.timestamp) return 'none';
  if (!v.timestamp.coversManifest) return 'NOT VALID for this manifest';
  return `${v.timestamp.time ?? 'unknown time'} (RFC 3161 token over the manifest; check the TSA's signature with openssl ts -verify, see VERIFY.txt)`;
}
