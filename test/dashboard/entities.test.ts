import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  login,
  seedAd,
  startDashboard,
  type Client,
  type DashboardFixture,
} from './dashboard.fixture.js';
import type {
  EntityDetail as EntityResponse,
  EntityGraphData as GraphResponse,
} from '../../dashboard/contract/entities.contract.js';

const phone = '+37491234567';
const phoneKey = `tel:${phone}`;
const facts = (phones: string[], emails: string[] = []) => ({
  phones: phones.map((e164) => ({ e164 })),
  emails: emails.map((email) => ({ email })),
  handles: [],
});

describe('entity routes', () => {
  let f: DashboardFixture;
  let analyst: Client;
  const ids: string[] = [];

  beforeAll(async () => {
    f = await startDashboard();
    analyst = await login(f.app, 'analyst');
    // Three ads share a phone; two also an employer, one an e-mail that a fourth ad carries.
    ids.push(
      await seedAd(f.store, {
        url: 'https://x.test/1',
        title: 'Waitresses in Dubai',
        score: 90,
        employer: 'ООО «Гранд Тур»',
        facts: facts([phone]),
        firstSeenAt: new Date('2026-01-01T00:00:00Z'),
      }),
      await seedAd(f.store, {
        url: 'https://x.test/2',
        title: 'Hostesses abroad',
        score: 70,
        sourceId: 'tg-channel',
        employer: 'Гранд Тур ЗАО',
        facts: facts([phone], ['jobs@grand.example']),
        firstSeenAt: new Date('2026-01-02T00:00:00Z'),
      }),
      await seedAd(f.store, {
        url: 'https://x.test/3',
        title: 'Cleaner',
        score: 20,
        flagged: false,
        facts: facts([phone]),
        firstSeenAt: new Date('2026-01-03T00:00:00Z'),
      }),
      await seedAd(f.store, {
        url: 'https://x.test/4',
        title: 'Models wanted',
        score: 80,
        facts: facts([], ['jobs@grand.example']),
        firstSeenAt: new Date('2026-01-04T00:00:00Z'),
      }),
    );
  });

  afterAll(async () => {
    await f.close();
  });

  const url = (key: string, rest = '') => `/api/entities/${encodeURIComponent(key)}${rest}`;

  it('answers 401 without a session on both routes', async () => {
    for (const path of [url(phoneKey), url(phoneKey, '/graph')]) {
      const response = await f.app.inject({ method: 'GET', url: path });
      expect(response.statusCode, path).toBe(401);
    }
  });

  it('answers 400 for a key of no known type, 404 for an unknown entity', async () => {
    const bad = await analyst.get(url('icq:12345'));
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ error: { message: string } }>().error.message).toMatch(
      /not an entity key.*tel:\+37491234567/,
    );
    expect((await analyst.get(url('nonsense', '/graph'))).statusCode).toBe(400);
    expect((await analyst.get(url('tel:+37400000000'))).statusCode).toBe(404);
    expect((await analyst.get(`${url(phoneKey)}?cursor=xyz`)).statusCode).toBe(400);
  });

  it('shows an entity with its ads newest first, sources and co-occurring entities, audited', async () => {
    const response = await analyst.get(`${url(phoneKey)}?limit=2`);
    expect(response.statusCode).toBe(200);
    const body = response.json<EntityResponse>();
    expect(body.entity).toMatchObject({
      key: phoneKey,
      kind: 'phone',
      adCount: 3,
      flaggedCount: 2,
      maxScore: 90,
    });
    expect(body.sources).toEqual(['demo-jobs', 'tg-channel']);
    expect(body.ads.items.map((a) => a.title)).toEqual(['Cleaner', 'Hostesses abroad']);
    expect(body.ads.items[0]).toMatchObject({ score: 20, status: 'new' });
    const next = await analyst.get(`${url(phoneKey)}?limit=2&cursor=${body.ads.nextCursor ?? ''}`);
    const rest = next.json<EntityResponse>();
    expect(rest.ads.items.map((a) => a.title)).toEqual(['Waitresses in Dubai']);
    expect(rest.ads.nextCursor).toBeNull();
    expect(body.coOccurring.map(({ key, kind, count }) => ({ key, kind, count }))).toEqual([
      { key: 'employer:гранд тур', kind: 'employer', count: 2 },
      { key: 'email:jobs@grand.example', kind: 'email', count: 1 },
    ]);
    // The employer in one of its spellings (the smallest, so always the same), the e-mail as keyed.
    expect(body.coOccurring.map((c) => c.display)).toEqual(['Гранд Тур ЗАО', 'jobs@grand.example']);
    const trail = (await f.store.audit.list({ actor: 'analyst' }, null, 20)).items;
    expect(trail.some((e) => e.action === 'entity_view' && e.details.entity === phoneKey)).toBe(
      true,
    );
  });

  it('finds the employer page from any spelling of its name', async () => {
    const response = await analyst.get(url('employer:гранд тур'));
    expect(response.json<EntityResponse>().entity.adCount).toBe(2);
  });

  it('returns the two-hop neighbourhood as nodes and edges, capped with a truncated flag', async () => {
    const response = await analyst.get(url(phoneKey, '/graph'));
    expect(response.statusCode).toBe(200);
    const graph = response.json<GraphResponse>();
    const ids2 = graph.nodes.map((n) => n.id).sort();
    expect(ids2).toEqual(
      [
        phoneKey,
        'employer:гранд тур',
        'email:jobs@grand.example',
        `ad:${ids[0]}`,
        `ad:${ids[1]}`,
        `ad:${ids[2]}`,
      ].sort(),
    );
    expect(graph.truncated).toBe(false);
    expect(graph.edges).toContainEqual({
      source: `ad:${ids[1]}`,
      target: 'email:jobs@grand.example',
    });
    expect(graph.nodes.find((n) => n.id === `ad:${ids[0]}`)).toMatchObject({ band: 'high' });

    const three = (await analyst.get(url(phoneKey, '/graph?hops=3'))).json<GraphResponse>();
    expect(three.nodes.map((n) => n.id)).toContain(`ad:${ids[3]}`);
    const capped = (await analyst.get(url(phoneKey, '/graph?limit=3'))).json<GraphResponse>();
    expect(capped.nodes).toHaveLength(3);
    expect(capped.truncated).toBe(true);
    expect((await analyst.get(url(phoneKey, '/graph?limit=5000'))).statusCode).toBe(400);
  });

  it('filters the triage queue by an employer name, a phone in any format or a key', async () => {
    const titles = async (contact: string) =>
      (await analyst.get(`/api/ads?contact=${encodeURIComponent(contact)}`))
        .json<{ items: { title: string }[] }>()
        .items.map((i) => i.title)
        .sort();
    expect(await titles('"Гранд тур" ООО')).toEqual(['Hostesses abroad', 'Waitresses in Dubai']);
    expect(await titles('091 23-45-67')).toEqual(['Hostesses abroad', 'Waitresses in Dubai']);
    expect(await titles('email:jobs@grand.example')).toEqual(['Hostesses abroad', 'Models wanted']);
  });
});
