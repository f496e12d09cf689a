import { createWriteStream, existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { hostname, userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { Writable } from 'node:stream';
import type { Command } from 'commander';
import {
  buildPacket,
  configuredSigningKey,
  instanceIdentity,
  storePacketSources,
  type PacketProgress,
  type PacketSelection,
} from '../../evidence/index.js';
import { CommandExit, type CommandIO } from './command-io.js';
import { commandSetup } from './common.js';
import { openCommandStore, parseIds } from './evidence.common.js';
import { AdwatchError, ErrorCode, InputError } from '../../core/index.js';

interface ExportOptions {
  ad: string[];
  case?: string;
  out: string;
  force?: boolean;
}

/** `adwatch export`: writes a signed evidence packet of ads or a case to a ZIP file. */
export function registerExportCommand(program: Command, io: CommandIO): void {
  program
    .command('export')
    .description(
      'Write a signed evidence packet (ZIP) of the given ads or of a case: web archive (WACZ), screenshots, text, classification, review history, custody log, PDF report, manifest and signature. Check it with "adwatch verify". The audit trail records the start and the outcome (completed, cancelled, failed) of every export; Ctrl-C cancels (exit code 130).',
    )
    .option(
      '--ad <id>',
      'an ad to export (repeat for more)',
      (v: string, all: string[]) => [...all, v],
      [],
    )
    .option('--case <id>', 'export every ad of this case')
    .requiredOption('--out <file>', 'the ZIP file to write')
    .option('--force', 'overwrite --out if it exists')
    .action(async (options: ExportOptions) => {
      const selection = parseSelection(options);
      const out = resolve(options.out);
      if (existsSync(out) && !options.force) {
        throw new AdwatchError(
          ErrorCode.OutputExists,
          `${out} already exists; choose another --out or add --force to overwrite it`,
        );
      }
      const { config } = commandSetup(io, { logLevel: 'silent' });
      const signingKey = configuredSigningKey(config, io.env);
      const store = await openCommandStore(config);
      const partial = `${out}.partial`;
      // Ctrl-C (or a stop signal) cancels the export: audited as cancelled, nothing left behind.
      const cancel = new AbortController();
      const stopListening = io.onSignal(['SIGINT', 'SIGTERM'], () => cancel.abort());
      try {
        const summary = await buildPacket({
          signal: cancel.signal,
          sources: storePacketSources(store),
          selection,
          exporter: { username: cliActor(io.env), role: 'cli' },
          instance: instanceIdentity(config.dataDir),
          signingKey,
          output: createWriteStream(partial),
          ...(config.browser.executablePath
            ? { executablePath: config.browser.executablePath }
            : {}),
          onProgress: progressPrinter(io.stderr),
          ...(config.evidence.timestampAuthorityUrl
            ? { timestampAuthorityUrl: config.evidence.timestampAuthorityUrl }
            : {}),
        });
        await rename(partial, out);
        io.stdout.write(
          [
            `wrote ${out}`,
            `  ads:           ${summary.adIds.length}`,
            `  files:         ${summary.files}`,
            `  manifest:      sha256 ${summary.manifestSha256}`,
            `  aggregate:     sha256 ${summary.aggregateSha256}`,
            `  signing key:   ${summary.keyFingerprint}`,
            `  timestamp:     ${summary.timestamped ? 'RFC 3161 token in manifest.tsr' : 'none'}`,
            `check it with: npx adwatch verify ${options.out}`,
            '',
          ].join('\n'),
        );
      } catch (error) {
        await rm(partial, { force: true });
        if (!cancel.signal.aborted) throw error;
        io.stderr.write(`export cancelled; nothing written to ${out}\n`);
        throw new CommandExit(130);
      } finally {
        stopListening();
        await store.close();
      }
    });
}

/** The audit actor for exports made from the command line. */
export function cliActor(env: NodeJS.ProcessEnv): string {
  let user = env.USER ?? 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // no passwd entry (some containers): keep $USER
  }
  return `cli:${user}@${hostname()}`;
}

function parseSelection(options: ExportOptions): PacketSelection {
  if (options.case && options.ad.length > 0) {
    throw new InputError('give either --ad (one or more) or --case, not both');
  }
  if (options.case) return { caseId: parseIds('--case', [options.case])[0] };
  if (options.ad.length === 0)
    throw new InputError('nothing to export: give --ad ID (repeatable) or --case ID');
  return { adIds: parseIds('--ad', options.ad) };
}

/** A progress bar on a terminal, a line per step otherwise. */
function progressPrinter(stderr: Writable & { isTTY?: boolean }): PacketProgress {
  const tty = stderr.isTTY === true;
  let lastLine = '';
  return ({ phase, done, total }) => {
    if (phase === 'ads') {
      if (tty) {
        const width = 30;
        const filled = Math.round((done / total) * width);
        stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ads`);
        if (done === total) stderr.write('\n');
        return;
      }
      const step = Math.max(1, Math.ceil(total / 10));
      if (done % step !== 0 && done !== total) return;
      stderr.write(`ads ${done}/${total}\n`);
      return;
    }
    const line = {
      archive: 'writing web archive (WACZ)',
      report: 'rendering PDF report',
      zip: 'writing ZIP',
    }[phase];
    if (line !== lastLine && done === 0) stderr.write(`${line}\n`);
    lastLine = line;
  };
}
