import type { Readable } from 'node:stream';
import type { AdwatchConfig } from '../../config/index.js';
import { openStore, type Store } from '../../store/index.js';
import { findDatabase } from '../runtime/services.js';

/** Opens the store of the running instance (runtime file) or of MONGODB_URI, as `status` does. */
export async function openCommandStore(config: AdwatchConfig): Promise<Store> {
  const services = findDatabase(config);
  return openStore({
    uri: services.mongoUri,
    database: services.instance?.database ?? config.mongo.database,
    ensureSchema: true,
    serverSelectionTimeoutMillis: 5_000,
  });
}

/** Reads all of standard input (for --password-stdin), without the final newline. */
export async function readStdin(stdin: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer | string));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
