import type { FastifyInstance } from 'fastify';
import type { CaptureRecord } from '../../store/index.js';
import type { DashboardContext } from '../dashboard.context.js';
import { notFound } from '../http/http-errors.js';
import { sandboxPolicy } from '../http/security-headers.js';
import { adIdParams } from '../contract/ads.contract.js';
import { rawResponse, responses } from '../contract/common.contract.js';
import { contractRoutes } from '../http/contract-schemas.js';

/** A route of one ad that answers bytes of the given type, or 404. */
function rawSchema(contentType: string, description: string) {
  return {
    tags: ['evidence'],
    params: adIdParams,
    response: responses({ 200: rawResponse(contentType, description) }, 404),
  };
}

/**
 * The captured page and screenshot of an ad. Scraped HTML is never served as a live page of the
 * dashboard: it is a download, or a document under a `sandbox` CSP for the UI's `<iframe sandbox>`.
 */
export function registerRawRoutes(fastify: FastifyInstance, context: DashboardContext): void {
  const app = contractRoutes(fastify);
  const { store } = context;

  const latestCapture = async (id: string): Promise<CaptureRecord> => {
    const ad = await store.ads.findById(id);
    const capture = ad?.latestCaptureId ? await store.captures.findById(ad.latestCaptureId) : null;
    if (!capture) throw notFound(`a capture of ad ${id}`);
    return capture;
  };

  /** The latest capture's screenshot, else the one taken when the ad was flagged. */
  const screenshotOf = async (id: string): Promise<Buffer | undefined> => {
    const ad = await store.ads.findById(id);
    for (const captureId of [ad?.latestCaptureId, ad?.screenshotCaptureId]) {
      const capture = captureId ? await store.captures.findById(captureId) : null;
      const png = capture ? await store.captures.screenshot(capture) : undefined;
      if (png) return png;
    }
    return undefined;
  };

  app.get(
    '/api/ads/:id/raw',
    {
      config: { role: 'analyst' },
      schema: rawSchema(
        'application/octet-stream',
        'The captured page as fetched, as a download; x-capture-sha256 gives its hash.',
      ),
    },
    async (request, reply) => {
      const { id } = request.params;
      const capture = await latestCapture(id);
      const body = await store.captures.body(capture);
      return reply
        .type('application/octet-stream')
        .header(
          'content-disposition',
          `attachment; filename="ad-${id.replace(/[^A-Za-z0-9_-]/g, '')}-${capture.sha256.slice(0, 12)}.html"`,
        )
        .header('x-capture-sha256', capture.sha256)
        .send(body);
    },
  );

  app.get(
    '/api/ads/:id/raw/view',
    {
      config: { role: 'analyst' },
      schema: rawSchema(
        'text/html',
        "The captured page under a sandbox CSP, for the UI's sandboxed iframe.",
      ),
    },
    async (request, reply) => {
      const { id } = request.params;
      const capture = await latestCapture(id);
      const body = await store.captures.body(capture);
      const charset = /charset=([\w-]+)/i.exec(capture.contentType ?? '')?.[1] ?? 'utf-8';
      return reply
        .type(`text/html; charset=${charset}`)
        .header('content-security-policy', sandboxPolicy)
        .header('x-frame-options', 'SAMEORIGIN')
        .send(body);
    },
  );

  app.get(
    '/api/ads/:id/screenshot',
    { config: { role: 'analyst' }, schema: rawSchema('image/png', 'The screenshot.') },
    async (request, reply) => {
      const { id } = request.params;
      const png = await screenshotOf(id);
      if (!png) throw notFound(`a screenshot of ad ${id}`);
      return reply.type('image/png').send(png);
    },
  );
}
