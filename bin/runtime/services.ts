import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AdwatchConfig } from '../../config/index.js';
import { startEmbeddedMongod, type EmbeddedMongod } from '../../store/index.js';
import {
  redisAnswers,
  redactRedisUrl,
  resolveRedis,
  type ResolvedRedis,
} from '../../workers/index.js';
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
    throw noServices(config, [!redisUrl && 'REDIS_URL', !mongoUri && 'MONGODB_URI']);
  }
  return { redisUrl, mongoUri, ...(live ? { instance: live } : {}), stop: () => Promise.resolve() };
}

/** For commands that only use the database (`audit verify`, `user`): no Redis is asked for. */
export function findDatabase(config: AdwatchConfig): { mongoUri: string; instance?: RuntimeInfo } {
  const live = liveInstance(config.dataDir);
  const mongoUri = config.mongo.uri ?? live?.mongoUri;
  if (!mongoUri) throw noServices(config, ['MONGODB_URI']);
  return { mongoUri, ...(live ? { instance: live } : {}) };
}

function noServices(config: AdwatchConfig, unset: Array<string | false>): AdwatchError {
  const missing = unset.filter(Boolean).join(' and ');
  return new AdwatchError(
    ErrorCode.NoRunningInstance,
    `no running adwatch instance found in ${config.dataDir} and ${missing} not set. Start one with "npm start" ` +
      `(or "npx adwatch up") using the same ADWATCH_DATA_DIR, or set ${missing} to shared services.`,
  );
}

/** Where a maintenance command (`backup`, `restore`) finds the database, and how to let it go. */
export interface DatabaseAccess {
  mongoUri: string;
  database: string;
  /** The instance running with this data directory, when the database is its. */
  instance?: RuntimeInfo;
  release(): Promise<void>;
}

/**
 * MONGODB_URI when set; else the running instance's MongoDB; else, when the data directory holds
 * an embedded MongoDB's files, that mongod started for the command (nothing else may use the data
 * directory meanwhile), so that an installation of one host is backed up and restored stopped.
 */
export async function openDatabaseAccess(
  config: AdwatchConfig,
  logger: Logger,
  options: { createIfMissing: boolean },
): Promise<DatabaseAccess> {
  const live = liveInstance(config.dataDir);
  if (config.mongo.uri || live?.mongoUri) {
    return {
      mongoUri: config.mongo.uri ?? (live?.mongoUri as string),
      database: live?.database ?? config.mongo.database,
      ...(live ? { instance: live } : {}),
      release: () => Promise.resolve(),
    };
  }
  const dbPath = join(config.dataDir, 'mongo');
  if (!options.createIfMissing && !existsSync(dbPath)) {
    throw new AdwatchError(
      ErrorCode.NoRunningInstance,
      `no database to read: MONGODB_URI is not set, no adwatch instance runs with ${config.dataDir} and it holds no embedded MongoDB (${dbPath}). ` +
        "Set MONGODB_URI and ADWATCH_MONGO_DATABASE, or ADWATCH_DATA_DIR to the installation's data directory",
    );
  }
  await claimDataDir(config.dataDir, logger);
  const mongod = await startEmbeddedMongod({ dbPath, logger });
  return { mongoUri: mongod.uri, database: config.mongo.database, release: () => mongod.stop() };
}

/**
 * For role processes: fails at once, naming the setting, when their Redis does not answer. Without
 * this check a worker on another host, given a wrong REDIS_URL or started before Redis, would wait
 * for it forever without a word (its connection retries every command indefinitely).
 */
export async function ensureRedisAnswers(services: Services): Promise<void> {
  if (await redisAnswers(services.redisUrl)) return;
  const url = redactRedisUrl(services.redisUrl);
  throw new AdwatchError(
    ErrorCode.RedisUnavailable,
    services.instance
      ? `the Redis of the running instance (pid ${services.instance.pid}), ${url}, does not answer PING; restart that instance, or set REDIS_URL to the installation's shared Redis`
      : `REDIS_URL (${url}) does not answer PING: this process needs the installation's shared Redis. Start that Redis, or correct REDIS_URL (redis://[:password@]host:port) so that this host reaches it`,
  );
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
