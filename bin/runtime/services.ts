import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AdwatchConfig } from '../../config/index.js';
import { startEmbeddedMongod, type EmbeddedMongod } from '../../store/index.js';
import { resolveRedis, type ResolvedRedis } from '../../workers/index.js';
import { isProcessAlive, liveInstance, readRuntimeFile, type RuntimeInfo } from './runtime-file.js';
import { AdwatchError, ErrorCode, type Logger } from '../../core/index.js';

/** Where Redis and MongoDB are, and the embedded ones this process must stop. */
export interface Services {
  redisUrl: string;
  mongoUri: string;
  embeddedMongod?: EmbeddedMongod;
  embeddedRedis?: ResolvedRedis['embedded'];
  /** The running instance these services were found through (role processes). */
  instance?: RuntimeInfo;
  stop(): Promise<void>;
}

/**
 * For `adwatch up`: use MONGODB_URI / REDIS_URL when set; otherwise start the embedded MongoDB and
 * find or start Redis, with data under dataDir. Refuses a data directory another instance uses.
 */
export async function startOwnServices(config: AdwatchConfig, logger: Logger): Promise<Services> {
  await claimDataDir(config.dataDir, logger);
  const redis = await resolveRedis({
    ...(config.redis.url ? { url: config.redis.url } : {}),
    dataDir: config.dataDir,
    logger,
  });
  let mongod: EmbeddedMongod | undefined;
  try {
    mongod = config.mongo.uri
      ? undefined
      : await startEmbeddedMongod({ dbPath: join(config.dataDir, 'mongo'), logger });
  } catch (error) {
    await redis.embedded?.stop();
    throw error;
  }
  return {
    redisUrl: redis.url,
    mongoUri: config.mongo.uri ?? (mongod as EmbeddedMongod).uri,
    ...(mongod ? { embeddedMongod: mongod } : {}),
    ...(redis.embedded ? { embeddedRedis: redis.embedded } : {}),
    stop: async () => {
      await mongod?.stop();
      await redis.embedded?.stop();
    },
  };
}

/**
 * For role processes (`worker`, `scheduler`, `dashboard`, `status`): use MONGODB_URI / REDIS_URL
 * when set, else the services of the instance running with the same data directory.
 */
export function findServices(config: AdwatchConfig): Services {
  const live = liveInstance(config.dataDir);
  const redisUrl = config.redis.url ?? live?.redisUrl;
  const mongoUri = config.mongo.uri ?? live?.mongoUri;
  if (!redisUrl || !mongoUri) {
    const missing = [!redisUrl && 'REDIS_URL', !mongoUri && 'MONGODB_URI']
      .filter(Boolean)
      .join(' and ');
    throw new AdwatchError(
      ErrorCode.NoRunningInstance,
      `no running adwatch instance found in ${config.dataDir} and ${missing} not set. Start one with "npm start" ` +
        `(or "npx adwatch up") using the same ADWATCH_DATA_DIR, or set ${missing} to shared services.`,
    );
  }
  return { redisUrl, mongoUri, ...(live ? { instance: live } : {}), stop: () => Promise.resolve() };
}

/** Refuses a data directory in use; stops embedded services a crashed instance left behind. */
async function claimDataDir(dataDir: string, logger: Logger): Promise<void> {
  const previous = readRuntimeFile(dataDir);
  if (!previous) return;
  if (previous.pid !== process.pid && isProcessAlive(previous.pid)) {
    throw new AdwatchError(
      ErrorCode.DataDirInUse,
      `another adwatch instance (pid ${previous.pid}) is running with data directory ${dataDir}; ` +
        `stop it (Ctrl-C in its terminal) or use another ADWATCH_DATA_DIR`,
    );
  }
  for (const pid of [previous.embedded.mongodPid, previous.embedded.redisPid]) {
    // The pid may have been reused since: only a mongod or redis-server is stopped.
    if (pid && isProcessAlive(pid) && /mongod|redis-server/.test(commandLineOf(pid))) {
      logger.warn(
        { pid },
        'stopping a database process left behind by an instance that did not shut down',
      );
      process.kill(pid, 'SIGTERM');
      for (let i = 0; i < 100 && isProcessAlive(pid); i++) await sleep(200);
      if (isProcessAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  }
}

function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    return '';
  }
}
