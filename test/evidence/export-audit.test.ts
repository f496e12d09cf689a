import { createWriteStream } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  buildPacket,
  instanceIdentity,
  loadSigningKey,
  type SigningKey,
} from '../../evidence/index.js';
import type { AuditRecord, Store } from '../../store/index.js';
import { runCli } from '../helpers/cli.js';
import { openTestStore, testConfig } from '../helpers/services.js';
import {
  login,
  seedAd as seedDashboardAd,
  startDashboard,
  type DashboardFixture,
} from '../dashboard/dashboard.fixture.js';
import { armenianAd, englishAd, seedAd, TestPacketSources } from './packet.fixtures.js';
import { tempDir } from './packet.helpers.js';

let store: Store;
let dir: string;
let key: SigningKey;
let adIds: string[];
const instance = { instanceId: 'audit-test', hostname: 'h', adwatchVersion: '0.1.0' };

beforeAll(async () => {
  store = await openTestStore(testConfig());
  dir = await tempDir();
  key = loadSigningKey({ dataDir: dir });
  adIds = [(await seedAd(store, armenianAd, 1))._id, (await seedAd(store, englishAd, 2))._id];
}, 120_000);

afterAll(async () => {
  await store.dropDatabase();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** The audit entries of one export, oldest first, found by its exportId. */
async function exportTrail(audit: Store['audit'], exportId: string): Promise<AuditRecord[]> {
  const { items } = await audit.list({}, null, 200);
  return items.filter((e) => e.details.exportId === exportId).reverse();
}

async function startedExports(audit: Store['audit']): Promise<AuditRecord[]> {
  const { items } = await audit.list({}, null, 200);
  return items.filter((e) => e.action === 'evidence.export.started');
}

function exportOptions(sources: TestPacketSources, path: string) {
  return {
    sources,
    selection: { adIds },
    exporter: { username: 'anna', role: 'analyst', ip: '10.0.0.9' },
    instance,
    signingKey: key,
    output: createWriteStream(path),
  };
}

describe('the audit trail of an export', { timeout: 300_000 }, () => {
  it('records who started what, then the completed export with the same exportId', async () => {
    const sources = new TestPacketSources(store);
    await buildPacket(exportOptions(sources, join(dir, 'done.zip')));
    const [started, completed] = sources.exports;
    expect(started).toMatchObject({
      action: 'evidence.export.started',
      actor: 'anna',
      role: 'analyst',
      ip: '10.0.0.9',
      details: { selection: { adIds } },
    });
    const exportId = started?.details?.exportId as string;
    expect(completed).toMatchObject({
      action: 'evidence.export',
      details: { exportId, outcome: 'completed', adIds },
    });
    const trail = await exportTrail(store.audit, exportId);
    expect(trail.map((e) => e.action)).toEqual(['evidence.export.started', 'evidence.export']);
    expect(await store.audit.verify()).toMatchObject({ ok: true });
  });

  it('records a cancelled export when its signal aborts part-way, and writes no completion', async () => {
    const sources = new TestPacketSources(store);
    const cancel = new AbortController();
    await expect(
      buildPacket({
        ...exportOptions(sources, join(dir, 'cancelled.zip')),
        signal: cancel.signal,
        onProgress: ({ phase, done }) => {
          if (phase === 'ads' && done === 1) cancel.abort();
        },
      }),
    ).rejects.toThrow();
    expect(sources.exports.map((e) => e.action)).toEqual([
      'evidence.export.started',
      'evidence.export.cancelled',
    ]);
    expect(sources.exports[1]?.details?.exportId).toBe(sources.exports[0]?.details?.exportId);
  });

  it('records a failed export with the reason', async () => {
    const sources = new TestPacketSources(store);
    await expect(
      buildPacket({
        ...exportOptions(sources, join(dir, 'failed.zip')),
        executablePath: join(dir, 'no-such-chromium'),
      }),
    ).rejects.toThrow();
    expect(sources.exports.map((e) => e.action)).toEqual([
      'evidence.export.started',
      'evidence.export.failed',
    ]);
    expect(String(sources.exports[1]?.details?.error)).not.toBe('');
  });

  it('audits the start and failure of a CLI export of an unknown ad', async () => {
    const config = testConfig();
    const cliStore = await openTestStore(config);
    try {
      const env = {
        MONGODB_URI: config.mongo.uri as string,
        ADWATCH_MONGO_DATABASE: config.mongo.database,
        ADWATCH_DATA_DIR: join(dir, 'cli-data'),
      };
      const result = await runCli(
        ['export', '--ad', 'ffffffffffffffffffffffff', '--out', join(dir, 'cli.zip')],
        env,
      );
      expect(result.code).toBe(1);
      const [started] = await startedExports(cliStore.audit);
      expect(started?.actor).toMatch(/^cli:.+@.+$/);
      expect(started?.details.selection).toEqual({ adIds: ['ffffffffffffffffffffffff'] });
      const trail = await exportTrail(cliStore.audit, started?.details.exportId as string);
      expect(trail.map((e) => e.action)).toEqual([
        'evidence.export.started',
        'evidence.export.failed',
      ]);
      expect(trail[1]?.details.error).toContain('no ad with id "ffffffffffffffffffffffff"');
    } finally {
      await cliStore.dropDatabase();
      await cliStore.close();
    }
  });
});

describe('a dashboard export whose client goes away', { timeout: 300_000 }, () => {
  let f: DashboardFixture;
  let dashboardAds: string[];

  beforeAll(async () => {
    f = await startDashboard({
      evidence: {
        signingKey: () => loadSigningKey({ dataDir: dir }),
        instance: instanceIdentity(dir),
      },
    });
    dashboardAds = [
      await seedDashboardAd(f.store, {
        url: 'https://jobs.example.am/a',
        title: 'Hostess in Dubai',
      }),
      await seedDashboardAd(f.store, { url: 'https://jobs.example.am/b', title: 'Nanny abroad' }),
    ];
    await f.app.listen({ host: '127.0.0.1', port: 0 });
  }, 120_000);

  afterAll(async () => {
    await f.close();
  });

  it('is audited as started and then cancelled, never as completed', async () => {
    const analyst = await login(f.app, 'analyst');
    const { port } = f.app.server.address() as AddressInfo;
    const body = JSON.stringify({ adIds: dashboardAds });
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/exports',
      headers: {
        cookie: analyst.cookie,
        'x-csrf-token': analyst.csrfToken,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
      },
    });
    req.on('error', () => undefined); // the test hangs up on purpose
    req.end(body);
    const started = await vi.waitFor(
      async () => {
        const [entry] = await startedExports(f.store.audit);
        if (!entry) throw new Error('the export has not started yet');
        return entry;
      },
      { timeout: 60_000, interval: 20 },
    );
    req.destroy();
    const exportId = started.details.exportId as string;
    const trail = await vi.waitFor(
      async () => {
        const entries = await exportTrail(f.store.audit, exportId);
        if (entries.length < 2) throw new Error('no outcome audited yet');
        return entries;
      },
      { timeout: 120_000, interval: 50 },
    );
    expect(trail.map((e) => e.action)).toEqual([
      'evidence.export.started',
      'evidence.export.cancelled',
    ]);
    expect(trail[0]).toMatchObject({ actor: 'analyst', role: 'analyst' });
  });
});
