import { once } from 'node:events';
import type { FastifyInstance } from 'fastify';
import {
  packetStream,
  storePacketSources,
  type PacketInstance,
  type PacketSelection,
  type SigningKey,
} from '../../evidence/index.js';
import type { DashboardContext } from '../dashboard.context.js';
import { exportBody, type ExportBody } from '../contract/ads.contract.js';
import { rawResponse, responses } from '../contract/common.contract.js';
import { contractRoutes } from '../http/contract-schemas.js';
import { ApiError } from '../http/http-errors.js';
import { ErrorCode } from '../../core/index.js';

/** What the dashboard needs to sign packets: the instance's key and identity. */
export interface DashboardEvidence {
  /** Loads the instance's key on the first export (it is created then if there is none). */
  signingKey: () => SigningKey;
  instance: PacketInstance;
  /** Chromium for the PDF report (browser.executablePath). */
  executablePath?: string;
  timestampAuthorityUrl?: string;
}

/** Analysts export the ads they work on; exporting a whole case is for supervisors and admins. */
const adExportRoles = ['analyst', 'supervisor', 'admin'] as const;
const caseExportRoles = ['supervisor', 'admin'] as const;

/**
 * `POST /api/exports` streams a signed evidence packet (docs/evidence-packet.md) of the given ads
 * or of a case as a ZIP download. The packet builder refuses, and audits, a role that may not
 * export the selection; it audits the start of every other export and its outcome: completed,
 * cancelled (the client disconnected before it had the whole ZIP) or failed.
 */
export function registerExportRoutes(
  fastify: FastifyInstance,
  context: DashboardContext,
  evidence: DashboardEvidence | undefined,
): void {
  const app = contractRoutes(fastify);
  app.post(
    '/api/exports',
    {
      config: { role: 'analyst' },
      schema: {
        tags: ['evidence'],
        body: exportBody,
        response: responses(
          {
            200: rawResponse(
              'application/zip',
              'The signed evidence packet (docs/evidence-packet.md) as a download.',
            ),
          },
          404,
        ),
      },
    },
    async (request, reply) => {
      const selection = exportSelection(request.body);
      if (!evidence) {
        throw new ApiError(
          ErrorCode.Internal,
          'evidence export is not available in this process; run the dashboard with "adwatch up" or "adwatch dashboard"',
        );
      }
      const user = request.session?.user;
      if (!user) throw new ApiError(ErrorCode.Unauthenticated, 'log in first');
      // A client that goes away before it has the whole packet cancels the export (audited).
      const cancel = new AbortController();
      let delivered = false;
      reply.raw.once('finish', () => (delivered = true));
      reply.raw.once('close', () => {
        if (!delivered) cancel.abort();
      });
      const { stream, done } = packetStream({
        signal: cancel.signal,
        sources: storePacketSources(context.store),
        selection,
        exporter: { username: user.username, role: user.role, ip: request.ip },
        instance: evidence.instance,
        signingKey: evidence.signingKey(),
        permittedRoles: 'caseId' in selection ? caseExportRoles : adExportRoles,
        ...(evidence.executablePath ? { executablePath: evidence.executablePath } : {}),
        ...(evidence.timestampAuthorityUrl
          ? { timestampAuthorityUrl: evidence.timestampAuthorityUrl }
          : {}),
      });
      // Refusals and unknown ids are found before the first byte: answer them as errors, not as a
      // broken download. Once bytes flow, a failure aborts the download (the ZIP is incomplete).
      const firstBytes = new AbortController();
      try {
        await Promise.race([done, once(stream, 'readable', { signal: firstBytes.signal })]);
      } finally {
        firstBytes.abort();
      }
      done.catch((error: unknown) => {
        if (cancel.signal.aborted) request.log.info('evidence export cancelled by the client');
        else request.log.error({ err: error }, 'evidence export failed while streaming');
      });
      const name = 'caseId' in selection ? `case-${selection.caseId}` : `ads-${Date.now()}`;
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="adwatch-evidence-${name}.zip"`)
        .send(stream);
    },
  );
}

function exportSelection(body: ExportBody): PacketSelection {
  if (body.caseId && body.adIds) {
    throw new ApiError(ErrorCode.InputInvalid, 'give either adIds or caseId, not both');
  }
  if (body.caseId) return { caseId: body.caseId };
  if (body.adIds) return { adIds: body.adIds };
  throw new ApiError(ErrorCode.InputInvalid, 'give adIds (one or more ad ids) or a caseId');
}
