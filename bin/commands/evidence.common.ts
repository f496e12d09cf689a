import { z } from 'zod';
import { type AdwatchConfig } from '../../config/index.js';
import { openStore, type Store } from '../../store/index.js';
import { liveInstance } from '../runtime/runtime-file.js';
import { AdwatchError, ErrorCode, InputError } from '../../core/index.js';

/** Ad and case ids as adwatch creates them. */
export const recordId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, {
  error: 'is not an id (letters, digits, _ or -; see "adwatch ads list")',
});

/** Validates ids given on the command line, naming the option and the bad value. */
export function parseIds(option: string, values: string[]): string[] {
  return values.map((value) => {
    const parsed = recordId.safeParse(value);
    if (!parsed.success)
      throw new InputError(
        `${option} "${value}" ${parsed.error.issues[0]?.message ?? 'is not valid'}`,
      );
    return parsed.data;
  });
}

/**
 * The store of the running instance (found through its runtime file) or MONGODB_URI, without
 * touching its schema. Unlike role commands, these need no Redis.
 */
export async function openCommandStore(config: AdwatchConfig): Promise<Store> {
  const instance = liveInstance(config.dataDir);
  const uri = config.mongo.uri ?? instance?.mongoUri;
  if (!uri) {
    throw new AdwatchError(
      ErrorCode.NoRunningInstance,
      `no running adwatch instance found in ${config.dataDir} and MONGODB_URI not set. Start one with "npm start" using the same ADWATCH_DATA_DIR, or set MONGODB_URI.`,
    );
  }
  return openStore({
    uri,
    database: instance?.database ?? config.mongo.database,
    ensureSchema: false,
    serverSelectionTimeoutMillis: 5_000,
  });
}
