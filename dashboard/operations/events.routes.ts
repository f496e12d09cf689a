import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { AdRecord } from '../../store/index.js';
import { toAdSummary } from '../ads/ad-view.js';
import { rawResponse, responses } from '../contract/common.contract.js';
import type { DashboardContext } from '../dashboard.context.js';
import { securityHeaders } from '../http/security-headers.js';

const heartbeatMillis = 25_000;

/**
 * Server-sent events: a `flagged` event with the ad's summary whenever an ad becomes flagged. One
 * MongoDB change stream, opened when the server is ready and kept open (reopened after an error),
 * feeds every connected browser, so an ad flagged while a browser connects is not missed.
 */
export function registerEventRoutes(app: FastifyInstance, context: DashboardContext): void {
  const clients = new Set<ServerResponse>();
  let stream: { close(): Promise<void> } | undefined;
  /** Settles once the current change stream is open on the server. */
  let streamOpen: Promise<void> = new Promise(() => undefined);

  const broadcast = (ad: AdRecord): void => {
    const message = `event: flagged\ndata: ${JSON.stringify(toAdSummary(ad))}\n\n`;
    for (const client of clients) client.write(message);
  };
  let retry: NodeJS.Timeout | undefined;
  let closing = false;
  const closeStream = async (): Promise<void> => {
    const open = stream;
    stream = undefined;
    await open?.close().catch(() => undefined);
  };
  const openStream = (): void => {
    let opened = (): void => undefined;
    streamOpen = new Promise((resolve) => (opened = resolve));
    stream = context.store.triage.watchFlagged(
      broadcast,
      (error) => {
        context.logger.warn(
          { err: error },
          'change stream of flagged ads failed; reopening in 5 s',
        );
        void closeStream();
        if (!closing) retry = setTimeout(openStream, 5_000);
      },
      opened,
    );
  };
  app.addHook('onReady', (done) => {
    openStream();
    done();
  });

  app.get(
    '/api/events',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['triage'],
        description:
          'Server-sent events: a `flagged` event, with the ad as a row of the triage queue (AdSummary), whenever an ad becomes flagged.',
        response: responses({
          200: rawResponse('text/event-stream', 'The event stream; it stays open.'),
        }),
      },
    },
    async (request, reply) => {
      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        ...securityHeaders,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      clients.add(response);
      // Said once the change stream is open, so a client knows that no later flag is missed.
      void streamOpen.then(() => response.write(': connected\n\n'));
      const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), heartbeatMillis);
      request.raw.on('close', () => {
        clearInterval(heartbeat);
        clients.delete(response);
      });
    },
  );

  app.addHook('onClose', async () => {
    closing = true;
    clearTimeout(retry);
    for (const client of clients) client.end();
    clients.clear();
    await closeStream();
  });
}
