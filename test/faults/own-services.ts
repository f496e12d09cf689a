import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startEmbeddedMongod, type EmbeddedMongod } from '../../store/index.js';
import { redisAnswers } from '../../workers/index.js';
import { waitFor } from '../helpers/services.js';
import { createLogger, findFreePort } from '../../core/index.js';

/** A service of a fault case's own that the case crashes (kill -9) and starts again. */
export interface OwnService {
  readonly url: string;
  /** kill -9, and wait until the process is gone. */
  crash(): Promise<void>;
  /** Starts it again on the same port and data, and waits until it answers. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** redis-server on a free port with append-only persistence (fsync every second) under dir. */
export async function startOwnRedis(dir: string): Promise<OwnService> {
  mkdirSync(dir, { recursive: true });
  const port = await findFreePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();
  const start = async (): Promise<void> => {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir];
    args.push('--appendonly', 'yes', '--appendfsync', 'everysec', '--save', '');
    args.push('--logfile', join(dir, 'redis.log'));
    const started = spawn('redis-server', args, { stdio: 'ignore' });
    child = started;
    exited = new Promise((resolve) => started.once('exit', () => resolve()));
    await waitFor(() => redisAnswers(url), {
      timeoutMillis: 30_000,
      what: `redis-server on ${port}`,
    });
  };
  const kill = async (signal: NodeJS.Signals): Promise<void> => {
    if (child?.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      await exited;
    }
  };
  await start();
  return { url, crash: () => kill('SIGKILL'), restart: start, stop: () => kill('SIGTERM') };
}

/**
 * adwatch's own embedded mongod (a single-node replica set) with its data under dbPath; after a
 * crash it starts again on the same port (store/embedded-mongod.ts reuses a free previous port),
 * so clients reconnect to the URI they had.
 */
export async function startOwnMongod(dbPath: string): Promise<OwnService> {
  const logger = createLogger('silent', { pretty: false });
  let mongod: EmbeddedMongod = await startEmbeddedMongod({ dbPath, logger });
  const uri = mongod.uri;
  const gone = (pid: number): boolean => {
    try {
      process.kill(pid, 0);
      return false;
    } catch {
      return true;
    }
  };
  return {
    url: uri,
    async crash() {
      const pid = mongod.pid;
      process.kill(pid, 'SIGKILL');
      await waitFor(() => Promise.resolve(gone(pid)), { what: `mongod ${pid} to be gone` });
    },
    async restart() {
      mongod = await startEmbeddedMongod({ dbPath, logger });
      if (mongod.uri !== uri) throw new Error(`mongod came back on ${mongod.uri}, not ${uri}`);
    },
    stop: () => mongod.stop(),
  };
}
