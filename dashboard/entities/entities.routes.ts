import type { FastifyInstance, FastifyRequest } from 'fastify';
import { responses } from '../contract/common.contract.js';
import {
  entityDetail,
  entityGraph,
  entityGraphQuery,
  entityKeyParams,
  entityList,
  entityQuery,
  entitySearchQuery,
  type EntityAdRow,
  type EntityInfo,
} from '../contract/entities.contract.js';
import { contractRoutes } from '../http/contract-schemas.js';
import {
  decodeAdCursor,
  messengerPlatforms,
  parseEntityKey,
  type EntityAd,
  type EntityRecord,
  type ParsedEntityKey,
} from '../../store/index.js';
import { bandOf, contactSearchKeys } from '../ads/ad-view.js';
import { sessionOf } from '../auth/access.hook.js';
import type { DashboardContext } from '../dashboard.context.js';
import { ApiError, notFound } from '../http/http-errors.js';
import { audit } from '../http/request-audit.js';
import { ErrorCode } from '../../core/index.js';

const keyPrefixes = ['tel', 'email', 'link', 'employer', ...messengerPlatforms].join(', ');

/** The entity page: an entity with its ads and co-occurring entities, and its graph. */
export function registerEntityRoutes(fastify: FastifyInstance, context: DashboardContext): void {
  const app = contractRoutes(fastify);
  const { store } = context;

  app.get(
    '/api/entities',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['entities'],
        description:
          'The entities matching what an analyst typed in the contact filter: a phone in any format, an e-mail, @handle, link, employer name or entity key.',
        querystring: entitySearchQuery,
        response: responses({ 200: entityList }),
      },
    },
    async (request) => {
      const { contact } = request.query;
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
        params: entityKeyParams,
        querystring: entityQuery,
        response: responses({ 200: entityDetail }, 404),
      },
    },
    async (request) => {
      const { cursor, limit } = request.query;
      if (cursor && !decodeAdCursor(cursor))
        throw new ApiError(
          ErrorCode.InputInvalid,
          'cursor is not one this server gave out; start from the first page',
        );
      const { entity, parsed } = await loadEntity(
        context,
        request,
        request.params.key,
        'entity_view',
      );
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
        params: entityKeyParams,
        querystring: entityGraphQuery,
        response: responses({ 200: entityGraph }, 404),
      },
    },
    async (request) => {
      const { hops, limit } = request.query;
      const { parsed } = await loadEntity(
        context,
        request,
        request.params.key,
        'entity_graph_view',
      );
      const graph = await store.entities.neighbourhood(parsed.key, hops, limit);
      return {
        ...graph,
        nodes: graph.nodes.map(({ band, ...node }) =>
          band === undefined ? node : { ...node, band: bandOf(band) },
        ),
      };
    },
  );
}

/** The entity named in the path (400 for a key of no known type, 404 if unknown), audited. */
async function loadEntity(
  context: DashboardContext,
  request: FastifyRequest,
  key: string,
  action: string,
): Promise<{ entity: EntityRecord; parsed: ParsedEntityKey }> {
  const session = sessionOf(request);
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

function toEntityView(entity: EntityRecord): EntityInfo {
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

function toEntityAdView(ad: EntityAd): EntityAdRow {
  return {
    id: ad._id,
    title: ad.title,
    score: ad.score ?? 0,
    band: bandOf(ad.classification?.band),
    flagged: ad.flagged,
    status: ad.review.status,
    sourceId: ad.sourceId,
    url: ad.url,
    firstSeenAt: ad.firstSeenAt.toISOString(),
    lastSeenAt: ad.lastSeenAt.toISOString(),
  };
}
