import { resolve } from 'node:path';
import type { Command } from 'commander';
import {
  backupDatabase,
  openStore,
  restoreDatabase,
  type BackedUpCollection,
  type BackupManifest,
} from '../../store/index.js';
import { openDatabaseAccess, type DatabaseAccess } from '../runtime/services.js';
import type { CommandIO } from './command-io.js';
import { commandSetup } from './common.js';
import { AdwatchError, ErrorCode } from '../../core/index.js';

/** `adwatch backup` and `adwatch restore`: a verified copy of the database, without mongo-tools. */
export function registerBackupCommands(program: Command, io: CommandIO): void {
  program
    .command('backup')
    .description(
      'Copy every collection of the database (GridFS captures included, sessions not) to a new directory: one gzipped BSON file per collection, manifest.json with counts, indexes and SHA-256s, and SHA256SUMS. Uses MONGODB_URI, the running instance, or the stopped embedded MongoDB of ADWATCH_DATA_DIR. Audited.',
    )
    .requiredOption('--out <dir>', 'directory to write (must be empty or not exist)')
    .action(async (options: { out: string }) => {
      const { config, logger } = commandSetup(io, { logLevel: 'warn' });
      const outDir = resolve(options.out);
      await withDatabase(
        await openDatabaseAccess(config, logger, { createIfMissing: false }),
        async (access) => {
          const manifest = await backupDatabase({
            uri: access.mongoUri,
            database: access.database,
            outDir,
            onCollection: (collection) => io.stdout.write(formatCollection(collection)),
          });
          await audit(access, 'backup', { dir: outDir, ...totals(manifest) });
          io.stdout.write(
            `backed up database "${access.database}" to ${outDir}: ${describeTotals(manifest)}\n`,
          );
        },
      );
    });

  program
    .command('restore')
    .description(
      'Restore a directory written by "adwatch backup" into an empty database (the one MONGODB_URI and ADWATCH_MONGO_DATABASE name, or the embedded MongoDB of ADWATCH_DATA_DIR): checks every file against the manifest first and every count after. Stop every adwatch process of the installation first. Audited.',
    )
    .requiredOption('--from <dir>', 'the backup directory')
    .option('--drop', 'drop every collection of the target database first (its data is lost)')
    .action(async (options: { from: string; drop?: boolean }) => {
      const { config, logger } = commandSetup(io, { logLevel: 'warn' });
      const fromDir = resolve(options.from);
      const access = await openDatabaseAccess(config, logger, { createIfMissing: true });
      if (access.instance) {
        throw new AdwatchError(
          ErrorCode.RestoreTargetNotEmpty,
          `an adwatch instance (pid ${access.instance.pid}) is running with ${config.dataDir}; stop it (and every other process of the installation) before restoring its database`,
        );
      }
      await withDatabase(access, async () => {
        const manifest = await restoreDatabase({
          uri: access.mongoUri,
          database: access.database,
          fromDir,
          drop: options.drop === true,
          onCollection: (collection) => io.stdout.write(formatCollection(collection)),
        });
        await audit(access, 'restore', {
          from: fromDir,
          backupCreatedAt: manifest.createdAt,
          backupDatabase: manifest.database,
          dropped: options.drop === true,
          ...totals(manifest),
        });
        io.stdout.write(
          `restored database "${access.database}" from ${fromDir} (backup of "${manifest.database}" made ${manifest.createdAt}): ${describeTotals(manifest)}\n` +
            'Sessions are not in backups: everyone signs in again. Run "adwatch audit verify" to check the audit trail.\n',
        );
      });
    });
}

async function withDatabase(
  access: DatabaseAccess,
  use: (access: DatabaseAccess) => Promise<void>,
): Promise<void> {
  try {
    await use(access);
  } finally {
    await access.release();
  }
}

/** One entry in the audit trail (actor `cli`), appended after the work is done. */
async function audit(
  access: DatabaseAccess,
  action: 'backup' | 'restore',
  details: Record<string, unknown>,
): Promise<void> {
  const store = await openStore({
    uri: access.mongoUri,
    database: access.database,
    ensureSchema: false,
  });
  try {
    await store.audit.append({ actor: 'cli', action, details });
  } finally {
    await store.close();
  }
}

function formatCollection(collection: BackedUpCollection): string {
  return `  ${collection.name}: ${collection.documents} documents, ${kilobytes(collection.bytes)}\n`;
}

function totals(manifest: BackupManifest): { collections: number; documents: number } {
  return {
    collections: manifest.collections.length,
    documents: manifest.collections.reduce((sum, c) => sum + c.documents, 0),
  };
}

function describeTotals(manifest: BackupManifest): string {
  const { collections, documents } = totals(manifest);
  const bytes = manifest.collections.reduce((sum, c) => sum + c.bytes, 0);
  return `${collections} collections, ${documents} documents, ${kilobytes(bytes)} compressed`;
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}
