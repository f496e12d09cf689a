import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  configuredKeyOptions,
  findSigningKey,
  formatFingerprint,
  parseFingerprint,
  verifyPacket,
  type PacketVerification,
  type TrustedKey,
  type VerifyPacketOptions,
} from '../../evidence/index.js';
import { CommandExit, type CommandIO } from './command-io.js';
import { commandSetup } from './common.js';
import { AdwatchError, InputError } from '../../core/index.js';

/** What `adwatch verify` exits with; scripts and courts rely on these, so they never change. */
export const VerifyExitCode = {
  /** Intact and signed by a trusted key. */
  Authentic: 0,
  /** A file was changed, added or removed, or the signature does not match. */
  NotIntact: 1,
  /** The packet, the key given or the configuration could not be read: nothing was checked. */
  Unchecked: 2,
  /** Intact, but signed by a key nobody trusts here: who made it is not established. */
  SignerUnknown: 3,
} as const;

const exitCodeHelp = `Exit codes: ${VerifyExitCode.Authentic} intact and signed by a trusted key; ${VerifyExitCode.NotIntact} not intact (a file changed, added or missing, or a bad signature); ${VerifyExitCode.Unchecked} could not be checked (packet, key or configuration unreadable); ${VerifyExitCode.SignerUnknown} intact but authenticity not established (the packet's key is not trusted: anyone can re-sign a changed packet with a new key).`;

/** `adwatch verify`: checks a packet offline, its integrity and who signed it. */
export function registerVerifyCommand(program: Command, io: CommandIO): void {
  program
    .command('verify')
    .description(
      `Check an evidence packet without any service: every file against the signed manifest, missing or added files, the signature, and whether the signing key is trusted: given with --key, listed in evidence.trustedKeys, or this instance's own key (found through ADWATCH_DATA_DIR / ./adwatch.yaml, like "adwatch status"). ${exitCodeHelp}`,
    )
    .argument('<file>', 'the packet ZIP')
    .option(
      '--key <file or fingerprint>',
      'trust this key: a public key PEM file from "adwatch keys show" on the issuing instance, or its fingerprint (64 hex digits)',
    )
    .option('--json', 'print the verdict as JSON')
    .addHelpText('after', `\n${exitCodeHelp}\n`)
    .action(async (file: string, options: { key?: string; json?: boolean }) => {
      let verdict: PacketVerification;
      try {
        verdict = await verifyPacket(file, trustOptions(io, options.key));
      } catch (error) {
        if (error instanceof AdwatchError) {
          io.stderr.write(`adwatch: ${error.message}\n`);
          throw new CommandExit(VerifyExitCode.Unchecked);
        }
        throw error;
      }
      io.stdout.write(
        options.json ? `${JSON.stringify(verdict, null, 2)}\n` : formatVerdict(file, verdict),
      );
      const code = !verdict.intact
        ? VerifyExitCode.NotIntact
        : verdict.authenticity.established
          ? VerifyExitCode.Authentic
          : VerifyExitCode.SignerUnknown;
      if (code !== VerifyExitCode.Authentic) throw new CommandExit(code);
    });
}

/** The keys to trust: --key, evidence.trustedKeys and this instance's key (never created here). */
function trustOptions(io: CommandIO, key: string | undefined): VerifyPacketOptions {
  const { config } = commandSetup(io, { logLevel: 'silent' });
  const trustedKeys: TrustedKey[] = config.evidence.trustedKeys.map((fingerprint) => ({
    fingerprint,
    trustedAs: 'evidence.trustedKeys',
  }));
  const own = findSigningKey(configuredKeyOptions(config, io.env));
  if (own) {
    trustedKeys.push({
      fingerprint: own.fingerprint,
      trustedAs: `this instance's key (${own.origin})`,
    });
  }
  if (!key) return { trustedKeys };
  const fingerprint = parseFingerprint(key);
  if (fingerprint) {
    return {
      trustedKeys: [{ fingerprint, trustedAs: 'the fingerprint given with --key' }, ...trustedKeys],
    };
  }
  try {
    return { trustedKeys, publicKeyPem: readFileSync(key, 'utf8') };
  } catch (error) {
    throw new InputError(
      `--key ${key}: neither a fingerprint (64 hex digits) nor a readable public key file (${(error as Error).message})`,
    );
  }
}

function formatVerdict(file: string, v: PacketVerification): string {
  const headline = !v.intact
    ? 'NOT INTACT'
    : v.authenticity.established
      ? 'INTACT AND AUTHENTIC'
      : 'INTACT, AUTHENTICITY NOT ESTABLISHED';
  const lines = [
    `${headline}: ${file}`,
    `  created:      ${v.manifest?.createdAt ?? 'unknown'} (${v.manifest?.format ?? 'no valid manifest'})`,
    `  files:        ${v.filesChecked} checked against the manifest`,
    `  signature:    ${v.signatureValid ? 'valid (Ed25519)' : 'NOT VALID'}`,
    `  signing key:  ${v.fingerprint ? formatFingerprint(v.fingerprint) : 'none'}`,
    `  integrity:    ${v.intact ? 'holds: the files are the ones the manifest lists and the signature matches it' : 'DOES NOT HOLD (see the problems below)'}`,
    `  authenticity: ${v.authenticity.detail}`,
  ];
  if (v.intact && !v.authenticity.established) {
    lines.push(
      '                compare the key with "adwatch keys show" on the issuing instance, then',
      '                verify again with --key <fingerprint> or list it in evidence.trustedKeys',
    );
  }
  lines.push(`  timestamp:    ${timestampLine(v)}`);
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
