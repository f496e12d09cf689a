import type { FastifyInstance } from 'fastify';
import {
  unwatched,
  watchBody,
  watchKeyParams,
  watchlist,
  watchlistItem,
  type WatchlistItem,
} from '../contract/alerts.contract.js';
import { responses } from '../contract/common.contract.js';
import { contractRoutes } from '../http/contract-schemas.js';
import {
  messengerPlatforms,
  normaliseEmployer,
  normaliseLink,
  parseEntityKey,
  type ParsedEntityKey,
  type WatchlistEntry,
} from '../../store/index.js';
import { sessionOf } from '../auth/access.hook.js';
import type { DashboardContext } from '../dashboard.context.js';
import { ApiError, notFound } from '../http/http-errors.js';
import { audit } from '../http/request-audit.js';
import { ErrorCode } from '../../core/index.js';

const keyTypes = ['tel', 'email', 'employer', 'link', ...messengerPlatforms].join(', ');

/** The watch-list: analysts read it, supervisors and admins keep it; changes are audited. */
export function registerWatchlistRoutes(fastify: FastifyInstance, context: DashboardContext): void {
  const app = contractRoutes(fastify);
  const { store } = context;

  app.get(
    '/api/watchlist',
    {
      config: { role: 'analyst' },
      schema: { tags: ['alerts'], response: responses({ 200: watchlist }) },
    },
    async () => ({ items: (await store.watchlist.list()).map(toEntryView) }),
  );

  app.post(
    '/api/watchlist',
    {
      config: { role: 'supervisor' },
      schema: {
        tags: ['alerts'],
        description: `Watches a contact or employer: key "<type>:<value>" with type one of ${keyTypes} (e.g. tel:+37491234567, employer:Ромашка ООО). Adding a watched key again replaces its note.`,
        body: watchBody,
        response: responses({ 200: watchlistItem, 201: watchlistItem }),
      },
    },
    async (request, reply) => {
      const session = sessionOf(request);
      const body = request.body;
      const parsed = watchKeyOf(body.key);
      const { entry, created } = await store.watchlist.put({
        _id: parsed.key,
        kind: parsed.kind,
        note: body.note?.trim() ?? '',
        addedBy: session.user.username,
        addedAt: new Date(),
      });
      await audit(
        context,
        request,
        session,
        created ? 'watch_add' : 'watch_note',
        { entityKey: parsed.key },
        { note: entry.note },
      );
      return reply.code(created ? 201 : 200).send(toEntryView(entry));
    },
  );

  app.delete(
    '/api/watchlist/:key',
    {
      config: { role: 'supervisor' },
      schema: {
        tags: ['alerts'],
        params: watchKeyParams,
        response: responses({ 200: unwatched }, 404),
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const { key } = request.params;
      if (!(await store.watchlist.remove(key))) throw notFound(`watch-list entry ${key}`);
      await audit(context, request, session, 'watch_remove', { entityKey: key });
      return { removed: key };
    },
  );
}

/**
 * The key a typed entry is stored under, as on ads' `contacts`: phone digits without spaces or
 * dashes, e-mails and handles in lower case, employers and links normalised as entities are.
 */
export function watchKeyOf(input: string): ParsedEntityKey {
  const text = input.trim();
  const colon = text.indexOf(':');
  const type = colon > 0 ? text.slice(0, colon).toLowerCase() : '';
  const value = text.slice(colon + 1).trim();
  let key = `${type}:${value.toLowerCase()}`;
  if (type === 'tel') key = `tel:+${value.replace(/[\s()./-]/g, '').replace(/^\+/, '')}`;
  if (type === 'employer') key = `employer:${normaliseEmployer(value)}`;
  if (type === 'link') key = `link:${normaliseLink(value)}`;
  if (messengerPlatforms.includes(type as (typeof messengerPlatforms)[number]))
    key = `${type}:${value.replace(/^@/, '').toLowerCase()}`;
  const parsed = parseEntityKey(key);
  if (!parsed)
    throw new ApiError(
      ErrorCode.InputInvalid,
      `"${input}" is not a contact or employer key: use <type>:<value> with type one of ${keyTypes} (e.g. tel:+37491234567)`,
    );
  return parsed;
}

function toEntryView(entry: WatchlistEntry): WatchlistItem {
  return {
    key: entry._id,
    kind: entry.kind,
    note: entry.note,
    addedBy: entry.addedBy,
    addedAt: entry.addedAt.toISOString(),
  };
}
