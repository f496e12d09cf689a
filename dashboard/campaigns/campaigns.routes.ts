import type { FastifyInstance } from 'fastify';
import {
  campaignDetail,
  campaignList,
  campaignListQuery,
  campaignParams,
  campaignReviewBody,
  campaignReviewResult,
  type CampaignAdRow,
  type CampaignInfo,
} from '../contract/campaigns.contract.js';
import { responses } from '../contract/common.contract.js';
import { contractRoutes } from '../http/contract-schemas.js';
import { campaignTemplate } from '../../classifiers/index.js';
import {
  classifiedText,
  entityDisplay,
  parseEntityKey,
  ReviewStatus,
  type CampaignAd,
  type CampaignRecord,
  type ReviewChange,
} from '../../store/index.js';
import { bandOf } from '../ads/ad-view.js';
import { assign, changeStatus, checkAssignee } from '../ads/review.routes.js';
import { sessionOf } from '../auth/access.hook.js';
import type { DashboardContext } from '../dashboard.context.js';
import { ApiError, notFound } from '../http/http-errors.js';
import { audit } from '../http/request-audit.js';
import { ErrorCode } from '../../core/index.js';

/** Ads a campaign page lists (and a campaign-wide decision reaches), earliest first. */
export const maxCampaignAds = 500;
/** Ads the template is aligned against (the earliest ones). */
const templateAds = 50;

/** Statuses a campaign-wide decision leaves alone: ads someone already decided. */
const decided: ReadonlySet<ReviewStatus> = new Set([
  ReviewStatus.Confirmed,
  ReviewStatus.Dismissed,
]);

/** Campaigns: ads that are variants of one template (workers/link.processor.ts). */
export function registerCampaignRoutes(fastify: FastifyInstance, context: DashboardContext): void {
  const app = contractRoutes(fastify);
  const { store } = context;

  app.get(
    '/api/campaigns',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['campaigns'],
        description: 'Campaigns with the most recent new ad first.',
        querystring: campaignListQuery,
        response: responses({ 200: campaignList }),
      },
    },
    async (request) => {
      const { limit } = request.query;
      return { items: (await store.campaigns.list(limit)).map(toCampaignView) };
    },
  );

  app.get(
    '/api/campaigns/:id',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['campaigns'],
        description:
          'A campaign: its figures, its ads earliest first (timeline), review status counts, and its template (the earliest ad cut into shared, varying and slot parts).',
        params: campaignParams,
        response: responses({ 200: campaignDetail }, 404),
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const { id } = request.params;
      const campaign = await store.campaigns.findById(id);
      if (!campaign) throw notFound(`campaign ${id}`);
      const ads = await store.campaigns.adsOf(id, maxCampaignAds);
      await audit(context, request, session, 'campaign_view', { campaignId: id });
      const statuses: Record<string, number> = {};
      for (const ad of ads) statuses[ad.review.status] = (statuses[ad.review.status] ?? 0) + 1;
      const template = campaignTemplate(
        ads
          .slice(0, templateAds)
          .map((ad) => ({ id: ad._id, title: ad.title, text: classifiedText(ad) })),
      );
      return {
        ...toCampaignView(campaign),
        statuses,
        ads: ads.map(toCampaignAdView),
        truncated: campaign.adCount > ads.length,
        template: {
          adId: template.adId,
          parts: template.parts.map(({ text, kind, share }) => ({ text, kind, share })),
        },
      };
    },
  );

  app.post(
    '/api/campaigns/:id/review',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['campaigns', 'review'],
        description:
          'Applies one decision or assignment to the flagged ads of a campaign that nobody has decided yet (confirmed and dismissed ads are left as they are); each ad gets its own history and audit entry.',
        params: campaignParams,
        body: campaignReviewBody,
        response: responses({ 200: campaignReviewResult }, 404, 422),
      },
    },
    async (request) => {
      const session = sessionOf(request);
      const { id } = request.params;
      const body = request.body;
      const status = body.status;
      if (body.action === 'status' && !status)
        throw new ApiError(
          ErrorCode.InputInvalid,
          'a campaign status action needs "status" (e.g. "confirmed")',
        );
      if (!(await store.campaigns.findById(id))) throw notFound(`campaign ${id}`);
      const assignee =
        body.action === 'assign' ? await checkAssignee(context, body.assignee ?? null) : null;
      const ads = (await store.campaigns.adsOf(id, maxCampaignAds)).filter(
        (ad) => ad.flagged && !decided.has(ad.review.status),
      );
      const updated: string[] = [];
      const skipped: string[] = [];
      for (const ad of ads) {
        // A dismissal without a valid reason throws at the first ad, before anything changed.
        const result: ReviewChange =
          status && body.action === 'status'
            ? await changeStatus(context, session, ad._id, status, ad.review.version, body.reason)
            : await assign(context, session, ad._id, assignee, ad.review.version);
        if (!result.ok) {
          skipped.push(ad._id);
          continue;
        }
        updated.push(ad._id);
        await audit(
          context,
          request,
          session,
          body.action === 'status' ? 'campaign_status' : 'campaign_assign',
          { adId: ad._id, campaignId: id },
          body.action === 'status'
            ? { status: body.status, ...(body.reason ? { reason: body.reason } : {}) }
            : { assignee },
        );
      }
      return { updated: updated.length, skipped };
    },
  );
}

function toCampaignView(campaign: CampaignRecord): CampaignInfo {
  return {
    id: campaign._id,
    firstAdId: campaign.firstAdId,
    adCount: campaign.adCount,
    flaggedCount: campaign.flaggedCount,
    minScore: campaign.minScore,
    maxScore: campaign.maxScore,
    firstSeen: campaign.firstSeen.toISOString(),
    lastSeen: campaign.lastSeen.toISOString(),
    sources: campaign.sources,
    contacts: campaign.contacts.map((key) => {
      const parsed = parseEntityKey(key);
      return { key, display: parsed ? entityDisplay(parsed) : key };
    }),
  };
}

function toCampaignAdView(ad: CampaignAd): CampaignAdRow {
  return {
    id: ad._id,
    title: ad.title,
    score: ad.score ?? 0,
    band: bandOf(ad.classification?.band),
    flagged: ad.flagged,
    sourceId: ad.sourceId,
    url: ad.url,
    firstSeenAt: ad.firstSeenAt.toISOString(),
    ...(ad.postedAt ? { postedAt: ad.postedAt.toISOString() } : {}),
    status: ad.review.status,
    contacts: ad.contacts ?? [],
  };
}
