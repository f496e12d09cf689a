import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import type { Store } from '../store/index.js';
import { AdwatchError, ErrorCode, type Logger } from '../core/index.js';

/**
 * One adwatch installation: a database and the processes, on any host, that work for it. Its id
 * is kept in the database (authoritative) and in `<dataDir>/instance-id` (which evidence packets
 * name as the exporting instance). The default queue namespace follows it, and every job carries
 * it, so that two installations sharing one Redis never take each other's jobs and an
 * installation started afresh (`rm -rf data`) never meets the jobs its predecessor left.
 */
export interface Installation {
  readonly id: string;
  /** `queues.prefix` when configured, else `adwatch-` and the first 12 hex digits of the id. */
  readonly queuePrefix: string;
  /**
   * Prepended to every content-derived job id: on a configured prefix, which a new installation
   * may inherit with the completed jobs of an old one, the same page gets a new job id.
   */
  readonly jobTag: string;
}

/** The file in the data directory that keeps the installation id (evidence/custody.ts reads it). */
export const installationIdFile = 'instance-id';

/** The installation of a known id, with the queue prefix configured or derived from it. */
export function installationFor(id: string, configuredPrefix?: string): Installation {
  const hex = id.replace(/[^0-9a-f]/gi, '').toLowerCase();
  return {
    id,
    queuePrefix: configuredPrefix ?? `adwatch-${hex.slice(0, 12)}`,
    jobTag: hex.slice(0, 8),
  };
}

/**
 * The installation this process works for: the id stored in the database, or (first start) the
 * one in the data directory, or a new one. The data directory's copy is brought in line.
 */
export async function resolveInstallation(
  store: Store,
  options: { dataDir: string; configuredPrefix?: string; logger: Logger },
): Promise<Installation> {
  const path = join(options.dataDir, installationIdFile);
  const cached = existsSync(path) ? readFileSync(path, 'utf8').trim() || undefined : undefined;
  const id = await store.installation.claim(cached ?? randomUUID());
  if (id !== cached) {
    if (cached) {
      options.logger.warn(
        { dataDir: options.dataDir, was: cached, now: id },
        'the data directory named another installation than its database; it now names the database’s',
      );
    }
    mkdirSync(options.dataDir, { recursive: true });
    writeFileSync(path, `${id}\n`);
  }
  return installationFor(id, options.configuredPrefix);
}

/**
 * The installation of a store without claiming it (for commands that only read, like
 * `adwatch status`); undefined while no process has started on this database.
 */
export async function storedInstallation(
  store: Store,
  configuredPrefix?: string,
): Promise<Installation | undefined> {
  const id = await store.installation.get();
  return id ? installationFor(id, configuredPrefix) : undefined;
}

/** What a live installation says of itself under `<prefix>:installation`. */
interface PrefixHolder {
  installation: string;
  database: string;
  host: string;
  pid: number;
}

export interface QueuePrefixClaim {
  /** Gives the prefix up if this installation still holds it. */
  release(): Promise<void>;
}

/** How long a claim lasts without renewal, and how often live processes renew it. */
export const prefixClaimMillis = 60_000;
const prefixRenewMillis = 20_000;

/**
 * Claims the installation's queue prefix on this Redis while the process runs. Processes of the
 * same installation share the claim; a live process of another installation holding it (a
 * configured prefix shared by mistake) makes the start fail with a message naming both.
 */
export async function claimQueuePrefix(
  connection: Redis,
  installation: Installation,
  options: { database: string; logger: Logger },
): Promise<QueuePrefixClaim> {
  const key = `${installation.queuePrefix}:installation`;
  const mine: PrefixHolder = {
    installation: installation.id,
    database: options.database,
    host: hostname(),
    pid: process.pid,
  };
  const claim = async (): Promise<PrefixHolder | undefined> => {
    const set = await connection.set(key, JSON.stringify(mine), 'PX', prefixClaimMillis, 'NX');
    if (set === 'OK') return undefined;
    const holder = parseHolder(await connection.get(key));
    if (!holder || holder.installation === installation.id) {
      await connection.set(key, JSON.stringify(mine), 'PX', prefixClaimMillis);
      return undefined;
    }
    return holder;
  };
  const other = await claim();
  if (other) {
    throw new AdwatchError(
      ErrorCode.QueuesInUse,
      `the queues "${installation.queuePrefix}" on this Redis belong to another running installation ` +
        `(${other.installation}, database "${other.database}", pid ${other.pid} on ${other.host}); ` +
        `this installation is ${installation.id} (database "${options.database}"). Unset queues.prefix ` +
        '(ADWATCH_QUEUE_PREFIX) so that each installation gets its own queues, or give this one a prefix of its own',
    );
  }
  const renew = setInterval(() => {
    claim().then(
      (holder) =>
        holder &&
        options.logger.error(
          { prefix: installation.queuePrefix, holder },
          'another installation took over this installation’s queue prefix',
        ),
      (error: unknown) =>
        options.logger.warn({ error: String(error) }, 'could not renew the queue prefix claim'),
    );
  }, prefixRenewMillis);
  renew.unref();
  return {
    release: async () => {
      clearInterval(renew);
      const holder = parseHolder(await connection.get(key));
      // Other processes of this installation renew the claim within prefixRenewMillis.
      if (holder?.installation === installation.id) await connection.del(key);
    },
  };
}

function parseHolder(text: string | null): PrefixHolder | undefined {
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text) as Partial<PrefixHolder>;
    return typeof parsed.installation === 'string'
      ? {
          installation: parsed.installation,
          database: String(parsed.database ?? '?'),
          host: String(parsed.host ?? '?'),
          pid: Number(parsed.pid ?? 0),
        }
      : undefined;
  } catch {
    return undefined;
  }
}

/** The installation a job was queued by; undefined for jobs queued before installations existed. */
export function jobInstallation(data: unknown): string | undefined {
  const value = (data as { installation?: unknown } | null)?.installation;
  return typeof value === 'string' ? value : undefined;
}
