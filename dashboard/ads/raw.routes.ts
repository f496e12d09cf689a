import type { FastifyInstance } from 'fastify';
import type { CaptureRecord } from '../../store/index.js';
import type { DashboardContext } from '../dashboard.context.js';
import { notFound } from '../http/http-errors.js';
import { sandboxPolicy } from '../http/security-headers.js';
import { adIdParams } from './ads.routes.js';

/**
 * The captured page and screenshot of an ad. Scraped HTML is never served as a live page of the
 * dashboard: it is a download, or a document under a `sandbox` CSP for the UI's `<iframe sandbox>`.
 */
export function registerRawRoutes(app: FastifyInstance, context: DashboardContext): void {
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
    { config: { role: 'analyst' }, schema: { tags: ['evidence'], params: adIdParams } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
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
    { config: { role: 'analyst' }, schema: { tags: ['evidence'], params: adIdParams } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
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
    { config: { role: 'analyst' }, schema: { tags: ['evidence'], params: adIdParams } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const png = await screenshotOf(id);
      if (!png) throw notFound(`a screenshot of ad ${id}`);
      return reply.type('image/png').send(png);
    },
  );
}
