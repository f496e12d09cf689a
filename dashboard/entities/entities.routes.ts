import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  decodeAdCursor,
  maxEntityKeyChars,
  messengerPlatforms,
  parseEntityKey,
  type EntityAd,
  type EntityRecord,
  type ParsedEntityKey,
} from '../../store/index.js';
import { contactSearchKeys } from '../ads/ad-view.js';
import { sessionOf } from '../auth/access.hook.js';
import type { DashboardContext } from '../dashboard.context.js';
import { ApiError, notFound } from '../http/http-errors.js';
import { audit } from '../http/request-audit.js';
import { ErrorCode } from '../../core/index.js';

/** Nodes of the graph view, at most (a browser stays readable and quick up to about this). */
export const maxGraphNodes = 500;

const keyParams = {
  type: 'object',
  required: ['key'],
  properties: { key: { type: 'string', minLength: 1, maxLength: maxEntityKeyChars } },
} as const;

const keyPrefixes = ['tel', 'email', 'link', 'employer', ...messengerPlatforms].join(', ');

/** The entity page: an entity with its ads and co-occurring entities, and its graph. */
export function registerEntityRoutes(app: FastifyInstance, context: DashboardContext): void {
  const { store } = context;

  app.get(
    '/api/entities',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['entities'],
        description:
          'The entities matching what an analyst typed in the contact filter: a phone in any format, an e-mail, @handle, link, employer name or entity key.',
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['contact'],
          properties: { contact: { type: 'string', minLength: 1, maxLength: 200 } },
        },
      },
    },
    async (request) => {
      const { contact } = request.query as { contact: string };
      const found = await store.entities.findByKeys(contactSearchKeys(contact));
      return { items: found.map(toEntityView) };
    },
  );

  app.get(
    '/api/entities/:key',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['entities'],
        description:
          'An entity (contact key such as tel:+37491234567), its ads newest first (cursor pages), its sources and the entities that share its ads.',
        params: keyParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            cursor: { type: 'string', maxLength: 400 },
            limit: { type: 'integer', minimum: 1, maximum: 200, default: 50 },
          },
        },
      },
    },
    async (request) => {
      const { cursor, limit = 50 } = request.query as { cursor?: string; limit?: number };
      if (cursor && !decodeAdCursor(cursor))
        throw new ApiError(
          ErrorCode.InputInvalid,
          'cursor is not one this server gave out; start from the first page',
        );
      const { entity, parsed } = await loadEntity(context, request, 'entity_view');
      const [ads, coOccurring] = await Promise.all([
        store.entities.adsOf(parsed.key, cursor ?? null, limit),
        store.entities.coOccurring(parsed.key),
      ]);
      return {
        entity: toEntityView(entity),
        sources: entity.sources,
        ads: { items: ads.items.map(toEntityAdView), nextCursor: ads.nextCursor },
        coOccurring,
      };
    },
  );

  app.get(
    '/api/entities/:key/graph',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['entities'],
        description:
          'Ads and entities around an entity, breadth first (hop 1: its ads, hop 2: their entities, hop 3: their ads), at most `limit` nodes; `truncated` when some were left out.',
        params: keyParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            hops: { type: 'integer', minimum: 1, maximum: 3, default: 2 },
            limit: { type: 'integer', minimum: 1, maximum: maxGraphNodes, default: 200 },
          },
        },
      },
    },
    async (request) => {
      const { hops = 2, limit = 200 } = request.query as { hops?: number; limit?: number };
      const { parsed } = await loadEntity(context, request, 'entity_graph_view');
      return store.entities.neighbourhood(parsed.key, hops, limit);
    },
  );
}

/** The entity named in the path (400 for a key of no known type, 404 if unknown), audited. */
async function loadEntity(
  context: DashboardContext,
  request: FastifyRequest,
  action: string,
): Promise<{ entity: EntityRecord; parsed: ParsedEntityKey }> {
  const session = sessionOf(request);
  const { key } = request.params as { key: string };
  const parsed = parseEntityKey(key);
  if (!parsed)
    throw new ApiError(
      ErrorCode.InputInvalid,
      `"${key}" is not an entity key: use <type>:<value> with type one of ${keyPrefixes} (e.g. tel:+37491234567)`,
    );
  const entity = await context.store.entities.findByKey(parsed.key);
  if (!entity) throw notFound(`entity ${parsed.key}`);
  await audit(context, request, session, action, null, { entity: parsed.key });
  return { entity, parsed };
}

function toEntityView(entity: EntityRecord) {
  return {
    key: entity._id,
    kind: entity.kind,
    platform: entity.platform ?? null,
    display: entity.display,
    firstSeen: entity.firstSeen.toISOString(),
    lastSeen: entity.lastSeen.toISOString(),
    adCount: entity.adCount,
    flaggedCount: entity.flaggedCount,
    maxScore: entity.maxScore,
  };
}

function toEntityAdView(ad: EntityAd) {
  return {
    id: ad._id,
    title: ad.title,
    score: ad.score ?? 0,
    band: ad.classification?.band ?? 'low',
    flagged: ad.flagged,
    status: ad.review.status,
    sourceId: ad.sourceId,
    url: ad.url,
    firstSeenAt: ad.firstSeenAt.toISOString(),
    lastSeenAt: ad.lastSeenAt.toISOString(),
  };
}
