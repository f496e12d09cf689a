import type { FastifyInstance } from 'fastify';
import { ReviewStatus, type AdRecord, type ReviewChange } from '../../store/index.js';
import { audit } from '../http/request-audit.js';
import { sessionOf } from '../auth/access.hook.js';
import type { DashboardContext, RequestSession } from '../dashboard.context.js';
import { ApiError, notFound } from '../http/http-errors.js';
import {
  adDetail,
  adIdParams,
  assignBody,
  bulkBody,
  bulkResult,
  noteBody,
  statusBody,
} from '../contract/ads.contract.js';
import { responses } from '../contract/common.contract.js';
import { contractRoutes } from '../http/contract-schemas.js';
import { toAdDetail } from './ad-view.js';
import { reviewTransitions, statusesLeadingTo } from './review.workflow.js';
import { ErrorCode } from '../../core/index.js';

/** Decisions, notes, assignment and bulk actions, each recorded in the history and the audit trail. */
export function registerReviewRoutes(fastify: FastifyInstance, context: DashboardContext): void {
  const app = contractRoutes(fastify);
  const { store } = context;

  app.post(
    '/api/ads/:id/status',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['review'],
        params: adIdParams,
        body: statusBody,
        response: responses({ 200: adDetail }, 404, 409, 422),
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const { id } = request.params;
      const body = request.body;
      const result = await changeStatus(
        context,
        session,
        id,
        body.status,
        body.version,
        body.reason,
      );
      const ad = outcome(result, id, body.status);
      await audit(
        context,
        request,
        session,
        'status',
        { adId: id },
        {
          to: body.status,
          version: ad.review.version,
          ...(body.reason ? { reason: body.reason } : {}),
        },
      );
      return toAdDetail(store, ad);
    },
  );

  app.post(
    '/api/ads/:id/notes',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['review'],
        params: adIdParams,
        body: noteBody,
        response: responses({ 200: adDetail }, 404),
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const { id } = request.params;
      const { text } = request.body;
      const ad = await store.ads.findById(id);
      if (!ad) throw notFound(`ad ${id}`);
      await store.reviews.add({
        adId: id,
        at: new Date(),
        user: session.user.username,
        action: 'note',
        note: text,
      });
      await audit(context, request, session, 'note', { adId: id }, { note: text });
      return toAdDetail(store, ad);
    },
  );

  app.post(
    '/api/ads/:id/assign',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['review'],
        params: adIdParams,
        body: assignBody,
        response: responses({ 200: adDetail }, 404, 409),
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const { id } = request.params;
      const body = request.body;
      const assignee = await checkAssignee(context, body.assignee);
      const result = await assign(context, session, id, assignee, body.version);
      const ad = outcome(result, id);
      await audit(context, request, session, 'assign', { adId: id }, { assignee });
      return toAdDetail(store, ad);
    },
  );

  app.post(
    '/api/ads/bulk',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['review'],
        description:
          'Applies one status change or assignment to many ads, each at its current version.',
        body: bulkBody,
        response: responses({ 200: bulkResult }, 422),
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const body = request.body;
      const status = body.status;
      if (body.action === 'status' && !status) {
        throw new ApiError(ErrorCode.InputInvalid, 'a bulk status action needs "status"');
      }
      const assignee =
        body.action === 'assign' ? await checkAssignee(context, body.assignee ?? null) : null;
      const conflicts: string[] = [];
      let updated = 0;
      for (const id of [...new Set(body.ids)]) {
        const ad = await store.ads.findById(id);
        if (!ad) {
          conflicts.push(id);
          continue;
        }
        const result =
          status && body.action === 'status'
            ? await changeStatus(context, session, id, status, ad.review.version, body.reason)
            : await assign(context, session, id, assignee, ad.review.version);
        if (result.ok) updated++;
        else conflicts.push(id);
      }
      await audit(context, request, session, 'bulk', null, {
        action: body.action,
        ids: body.ids,
        updated,
        conflicts,
        ...(body.status ? { status: body.status } : {}),
        ...(body.reason ? { reason: body.reason } : {}),
        ...(body.action === 'assign' ? { assignee } : {}),
      });
      return { updated, conflicts };
    },
  );
}

/** Applies one status change; returns the outcome without throwing (bulk counts conflicts). */
export async function changeStatus(
  context: DashboardContext,
  session: RequestSession,
  id: string,
  status: ReviewStatus,
  version: number,
  reason: string | undefined,
): Promise<ReviewChange> {
  const { store } = context;
  if (
    status === ReviewStatus.Dismissed &&
    (!reason || !context.settings.dismissReasons.includes(reason))
  ) {
    throw new ApiError(
      ErrorCode.ReviewTransition,
      `dismissing needs a reason, one of: ${context.settings.dismissReasons.join('; ')}`,
    );
  }
  const result = await store.triage.changeReview(
    id,
    version,
    { status },
    session.user.username,
    statusesLeadingTo(status),
  );
  if (result.ok) {
    await store.reviews.add({
      adId: id,
      at: result.ad.review.changedAt ?? new Date(),
      user: session.user.username,
      action: 'status',
      from: result.previous.status,
      to: status,
      ...(status === ReviewStatus.Dismissed ? { reason } : {}),
    });
  }
  return result;
}

export async function assign(
  context: DashboardContext,
  session: RequestSession,
  id: string,
  assignee: string | null,
  version: number,
): Promise<ReviewChange> {
  const result = await context.store.triage.changeReview(
    id,
    version,
    { assignee },
    session.user.username,
  );
  if (result.ok) {
    await context.store.reviews.add({
      adId: id,
      at: result.ad.review.changedAt ?? new Date(),
      user: session.user.username,
      action: 'assign',
      assignee,
    });
  }
  return result;
}

/** The active user named as assignee (null clears); 400 for anyone else. */
export async function checkAssignee(
  context: DashboardContext,
  assignee: string | null,
): Promise<string | null> {
  if (assignee === null || assignee === '') return null;
  const user = await context.store.users.findByUsername(assignee);
  if (!user || user.disabled) {
    throw new ApiError(
      ErrorCode.InputInvalid,
      `cannot assign to "${assignee}": no such active user`,
    );
  }
  return user.username;
}

/** The updated ad, or the error the caller should see (404, 409 naming who changed it, 422). */
function outcome(result: ReviewChange, id: string, wanted?: ReviewStatus): AdRecord {
  if (result.ok) return result.ad;
  if (result.reason === 'not_found') throw notFound(`ad ${id}`);
  const review = result.ad.review;
  if (result.reason === 'conflict') {
    const when = review.changedAt?.toISOString() ?? 'an unknown time';
    throw new ApiError(
      ErrorCode.ReviewConflict,
      `${review.changedBy ?? 'someone'} changed this ad at ${when} (it is now "${review.status}", version ${review.version}); reload it and decide again`,
      {
        changedBy: review.changedBy ?? null,
        changedAt: review.changedAt?.toISOString() ?? null,
        currentVersion: review.version,
        currentStatus: review.status,
      },
    );
  }
  throw new ApiError(
    ErrorCode.ReviewTransition,
    `an ad that is "${review.status}" cannot become "${wanted ?? '?'}"; allowed next: ${reviewTransitions[review.status].join(', ')}`,
  );
}
