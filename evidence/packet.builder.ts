import { createHash, randomUUID, sign } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { Duplex, PassThrough, type Readable, type Writable } from 'node:stream';
import { finished, pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { AdRecord, CaptureRecord } from '../store/index.js';
import {
  adDocument,
  captureDocument,
  classificationDocument,
  reviewDocument,
} from './ad-documents.js';
import { custodyDocument } from './custody.js';
import {
  checksumLines,
  checksumsFile,
  ManifestFiles,
  manifestBytes,
  aggregateSha256,
} from './manifest.js';
import { PacketStaging, sha256Hex } from './packet.staging.js';
import type {
  CaseRecord,
  ExportAuditEntry,
  PacketExporter,
  PacketInstance,
  PacketProgress,
  PacketSelection,
  PacketSources,
  PacketSummary,
} from './packet.types.js';
import { adPageHtml, reportHead, reportTail } from './report.html.js';
import { renderPdf } from './report.renderer.js';
import type { SigningKey } from './signing-key.js';
import { requestTimestamp } from './timestamp.js';
import { verifyInstructions } from './verify-text.js';
import { WaczWriter, type WaczCaptureIndex } from './wacz.writer.js';
import { describeError, ErrorCode, InputError } from '../core/index.js';

/** Paths of the packet's fixed files. */
export const PacketPaths = {
  Wacz: 'web-archive/capture.wacz',
  Report: 'report.pdf',
  Custody: 'custody.json',
  PublicKey: 'signing-key.pub.pem',
  Verify: 'VERIFY.txt',
} as const;

export interface BuildPacketOptions {
  sources: PacketSources;
  selection: PacketSelection;
  exporter: PacketExporter;
  instance: PacketInstance;
  signingKey: SigningKey;
  /** Where the ZIP goes: a file, an HTTP reply... It is ended when the packet is complete. */
  output: Writable;
  /** Chromium for the PDF report (browser.executablePath). */
  executablePath?: string;
  onProgress?: PacketProgress;
  /** The export time (tests); default now. */
  now?: Date;
  /** RFC 3161 timestamp authority (evidence.timestampAuthorityUrl): the manifest gets a token. */
  timestampAuthorityUrl?: string;
  /** Roles allowed to export; when given, anyone else is refused and the refusal audited. */
  permittedRoles?: readonly string[];
  /** Aborted when whoever asked for the packet goes away (client disconnect, Ctrl-C): audited as cancelled. */
  signal?: AbortSignal;
}

/** Most ads one packet may hold; a case larger than this is split by the analyst. */
export const maxPacketAds = 5_000;

/**
 * Builds a signed evidence packet and streams it, as a ZIP, to options.output. Files are staged
 * on disk one ad at a time so memory stays bounded whatever the number of ads. The audit trail
 * records the start of every permitted export (who, what) and its outcome: completed once the
 * output has taken the whole packet, cancelled when options.signal aborts, or failed.
 */
export async function buildPacket(options: BuildPacketOptions): Promise<PacketSummary> {
  const { signal, output } = options;
  // Whoever reads the output sees it end early; the builder notices at its next step.
  const abortOutput = (): void => {
    output.destroy();
  };
  signal?.addEventListener('abort', abortOutput, { once: true });
  try {
    await ensurePermitted(options);
    const exportId = randomUUID();
    await recordExportEvent(options, 'evidence.export.started', { exportId });
    try {
      return await writePacket(options, exportId);
    } catch (error) {
      await recordOutcome(options, exportId, error);
      throw error;
    }
  } catch (error) {
    // An incomplete packet must not look like a complete one to whoever reads the output.
    output.destroy();
    throw error;
  } finally {
    signal?.removeEventListener('abort', abortOutput);
  }
}

/** Audits a cancelled or failed export; a failure to audit must not hide why the export ended. */
async function recordOutcome(
  options: BuildPacketOptions,
  exportId: string,
  error: unknown,
): Promise<void> {
  const cancelled = options.signal?.aborted === true;
  try {
    await recordExportEvent(
      options,
      cancelled ? 'evidence.export.cancelled' : 'evidence.export.failed',
      {
        exportId,
        ...(cancelled ? {} : { error: describeError(error) }),
      },
    );
  } catch {
    // The original error is what the caller needs; the audit store is failing too.
  }
}

function recordExportEvent(
  options: BuildPacketOptions,
  action: ExportAuditEntry['action'],
  details: Record<string, unknown>,
): Promise<void> {
  const { exporter, selection } = options;
  return options.sources.recordExport({
    actor: exporter.username,
    role: exporter.role,
    action,
    ...('caseId' in selection
      ? { target: { caseId: selection.caseId } }
      : selection.adIds.length === 1
        ? { target: { adId: selection.adIds[0] } }
        : {}),
    details: { ...details, selection },
    ...(exporter.ip ? { ip: exporter.ip } : {}),
  });
}

async function writePacket(options: BuildPacketOptions, exportId: string): Promise<PacketSummary> {
  const { sources, exporter, instance, signingKey, signal } = options;
  const createdAt = options.now ?? new Date();
  const { adIds, caseRecord } = await resolveSelection(sources, options.selection);
  const progress = options.onProgress ?? (() => undefined);
  const staging = await PacketStaging.create();
  let wacz: WaczWriter | undefined;
  let html: WriteStream | undefined;
  try {
    wacz = await WaczWriter.create(staging.scratch('data.warc'));
    const htmlPath = staging.scratch('report.html');
    html = createWriteStream(htmlPath);
    const cover = {
      adCount: adIds.length,
      exporter,
      instance,
      createdAt,
      keyFingerprint: signingKey.fingerprint,
      ...(caseRecord ? { caseRecord } : {}),
    };
    await write(html, reportHead(cover));
    for (const [index, adId] of adIds.entries()) {
      signal?.throwIfAborted();
      const ad = await sources.ad(adId);
      if (!ad) throw unknownAds([adId]);
      await write(html, await stageAd(ad, sources, staging, wacz));
      progress({ phase: 'ads', done: index + 1, total: adIds.length });
    }
    await write(html, reportTail);
    html.end();
    await once(html, 'close');

    signal?.throwIfAborted();
    progress({ phase: 'archive', done: 0, total: 1 });
    const waczPath = staging.realPath(PacketPaths.Wacz);
    await mkdir(dirname(waczPath), { recursive: true });
    await wacz.finish(waczPath, {
      title: caseRecord
        ? `adwatch case ${caseRecord.name}`
        : `adwatch export of ${adIds.length} ad(s)`,
      software: `adwatch ${instance.adwatchVersion}`,
      created: createdAt,
    });
    await staging.adopt(PacketPaths.Wacz);

    const audit = await sources.auditEntries(adIds);
    await staging.write(
      PacketPaths.Custody,
      json(
        custodyDocument({
          exporter,
          instance,
          createdAt,
          adIds,
          audit,
          ...(caseRecord ? { caseId: caseRecord._id } : {}),
        }),
      ),
    );

    progress({ phase: 'report', done: 0, total: 1 });
    await renderPdf(htmlPath, staging.realPath(PacketPaths.Report), {
      ...(options.executablePath ? { executablePath: options.executablePath } : {}),
    });
    await staging.adopt(PacketPaths.Report);
    signal?.throwIfAborted();

    await staging.write(PacketPaths.PublicKey, signingKey.publicKeyPem);
    await staging.write(
      PacketPaths.Verify,
      verifyInstructions({ fingerprint: signingKey.fingerprint, createdAt }),
    );
    await staging.write(checksumsFile, checksumLines(staging.files()).join(''));
    const files = staging.files();
    const manifest = manifestBytes({
      files,
      createdAt,
      publicKeyFile: PacketPaths.PublicKey,
      fingerprint: signingKey.fingerprint,
    });
    const signature = sign(null, manifest, signingKey.privateKey);
    const timestamp = options.timestampAuthorityUrl
      ? await requestTimestamp(
          options.timestampAuthorityUrl,
          createHash('sha256').update(manifest).digest(),
        )
      : undefined;

    progress({ phase: 'zip', done: 0, total: 1 });
    const zip = new yazl.ZipFile();
    zip.addBuffer(manifest, ManifestFiles.Manifest, { mtime: createdAt });
    zip.addBuffer(signature, ManifestFiles.Signature, { mtime: createdAt, compress: false });
    if (timestamp) zip.addBuffer(timestamp, ManifestFiles.Timestamp, { mtime: createdAt });
    for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
      zip.addFile(staging.realPath(file.path), file.path, {
        mtime: createdAt,
        compress: !/\.(png|pdf|wacz)$/.test(file.path),
      });
    }
    zip.end();
    await pipeline(zip.outputStream, options.output);
    // A stream read by someone else (an HTTP reply) is complete once they have read all of it.
    if (options.output instanceof Duplex) await finished(options.output);
    signal?.throwIfAborted();
    progress({ phase: 'zip', done: 1, total: 1 });

    const summary: PacketSummary = {
      adIds,
      ...(caseRecord ? { caseId: caseRecord._id } : {}),
      files: files.length + (timestamp ? 3 : 2),
      bytes:
        files.reduce((sum, f) => sum + f.bytes, 0) + manifest.byteLength + signature.byteLength,
      aggregateSha256: aggregateSha256(files),
      manifestSha256: sha256Hex(manifest),
      keyFingerprint: signingKey.fingerprint,
      createdAt,
      timestamped: timestamp !== undefined,
    };
    await sources.recordExport({
      actor: exporter.username,
      role: exporter.role,
      action: 'evidence.export',
      ...(caseRecord
        ? { target: { caseId: caseRecord._id } }
        : adIds.length === 1
          ? { target: { adId: adIds[0] } }
          : {}),
      details: {
        exportId,
        outcome: 'completed',
        adIds,
        manifestSha256: summary.manifestSha256,
        aggregateSha256: summary.aggregateSha256,
        keyFingerprint: summary.keyFingerprint,
        instanceId: instance.instanceId,
      },
      ...(exporter.ip ? { ip: exporter.ip } : {}),
    });
    return summary;
  } finally {
    // Closes the scratch files a failed export left open (no-ops after a complete one).
    wacz?.abort();
    html?.on('error', () => undefined);
    html?.destroy();
    await staging.dispose();
  }
}

/**
 * The packet as a Readable, for an HTTP reply. Errors destroy the stream; the returned promise
 * settles with the summary (or the error) once the packet is complete.
 */
export function packetStream(options: Omit<BuildPacketOptions, 'output'>): {
  stream: Readable;
  done: Promise<PacketSummary>;
} {
  const stream = new PassThrough();
  const done = buildPacket({ ...options, output: stream });
  done.catch((error: unknown) => stream.destroy(error as Error));
  return { stream, done };
}

/** Refuses (and audits) an exporter whose role may not export. */
async function ensurePermitted(options: BuildPacketOptions): Promise<void> {
  const { permittedRoles, exporter, selection } = options;
  if (!permittedRoles || permittedRoles.includes(exporter.role)) return;
  await options.sources.recordExport({
    actor: exporter.username,
    role: exporter.role,
    action: 'evidence.export.denied',
    ...('caseId' in selection ? { target: { caseId: selection.caseId } } : {}),
    details: { selection, permittedRoles: [...permittedRoles] },
    ...(exporter.ip ? { ip: exporter.ip } : {}),
  });
  throw new InputError(
    `${exporter.username} (${exporter.role}) may not export evidence; roles allowed: ${permittedRoles.join(', ')}`,
    { code: ErrorCode.ExportForbidden },
  );
}

/** Checks the ads exist before anything is written, so a typo fails fast with every bad id. */
async function resolveSelection(
  sources: PacketSources,
  selection: PacketSelection,
): Promise<{ adIds: string[]; caseRecord?: CaseRecord }> {
  let caseRecord: CaseRecord | undefined;
  let adIds: string[];
  if ('caseId' in selection) {
    const found = await sources.caseById(selection.caseId);
    if (!found) {
      throw new InputError(`no case with id "${selection.caseId}"; list cases in the dashboard`, {
        code: ErrorCode.NotFound,
      });
    }
    caseRecord = found;
    adIds = found.adIds;
  } else {
    adIds = selection.adIds;
  }
  adIds = [...new Set(adIds)];
  // Ids become folder names inside the packet.
  const malformed = adIds.filter((id) => !/^[A-Za-z0-9_-]{1,64}$/.test(id));
  if (malformed.length > 0) {
    throw new InputError(
      `not an ad id: ${malformed
        .slice(0, 5)
        .map((id) => JSON.stringify(id))
        .join(', ')} (ids are letters, digits, _ or -)`,
    );
  }
  if (adIds.length === 0) {
    throw new InputError(
      caseRecord
        ? `case "${caseRecord.name}" has no ads to export`
        : 'no ads to export: give at least one --ad ID',
    );
  }
  if (adIds.length > maxPacketAds) {
    throw new InputError(
      `${adIds.length} ads is more than one packet holds (${maxPacketAds}); export them in parts`,
    );
  }
  const missing: string[] = [];
  for (const id of adIds) if (!(await sources.ad(id))) missing.push(id);
  if (missing.length > 0) throw unknownAds(missing);
  return { adIds, ...(caseRecord ? { caseRecord } : {}) };
}

function unknownAds(ids: string[]): InputError {
  const shown = ids
    .slice(0, 10)
    .map((id) => `"${id}"`)
    .join(', ');
  return new InputError(
    `no ad with id ${shown}${ids.length > 10 ? ` and ${ids.length - 10} more` : ''}; list ads with "adwatch ads list"`,
    { code: ErrorCode.NotFound },
  );
}

/** Stages one ad's files and WARC records; returns its report page. */
async function stageAd(
  ad: AdRecord,
  sources: PacketSources,
  staging: PacketStaging,
  wacz: WaczWriter,
): Promise<string> {
  const dir = `ads/${ad._id}`;
  const captures: CaptureRecord[] = [];
  for (const id of ad.captureIds) {
    const capture = await sources.capture(id);
    if (capture) captures.push(capture);
  }
  const captureDocs: Record<string, unknown>[] = [];
  let screenshotHref: string | undefined;
  for (const capture of captures) {
    const body = await sources.captureBody(capture);
    const records = await sources.captureWarc(capture);
    let inArchive: WaczCaptureIndex | undefined;
    if (records) {
      inArchive = await wacz.addCapture(records, {
        url: capture.finalUrl,
        ts: capture.fetchedAt,
        title: ad.title,
      });
    }
    const screenshot = await sources.captureScreenshot(capture);
    let screenshotPath: string | undefined;
    if (screenshot) {
      screenshotPath = `${dir}/screenshot-${capture._id}.png`;
      await staging.write(screenshotPath, screenshot);
      // The report shows the screenshot of the latest text: the latest capture's own (browser
      // sources), else the one taken when that text was flagged.
      const current = capture._id === ad.latestCaptureId || capture._id === ad.screenshotCaptureId;
      if (current || !screenshotHref) screenshotHref = `../files/${screenshotPath}`;
    }
    captureDocs.push({
      ...captureDocument(capture, inArchive),
      screenshotFile: screenshotPath ?? null,
      // Re-checked at export: the stored bytes still have the hashes recorded at capture time.
      storedHashesVerified: {
        body: sha256Hex(body) === capture.sha256,
        warc: records && capture.warc ? sha256Hex(records) === capture.warc.sha256 : null,
        screenshot:
          screenshot && capture.screenshot
            ? sha256Hex(screenshot) === capture.screenshot.sha256
            : null,
      },
    });
  }
  const history = await sources.reviewHistory(ad._id);
  await staging.write(`${dir}/ad.json`, json(adDocument(ad)));
  await staging.write(`${dir}/classification.json`, json(classificationDocument(ad)));
  await staging.write(`${dir}/review.json`, json(reviewDocument(ad, history)));
  await staging.write(`${dir}/capture.json`, json({ adId: ad._id, captures: captureDocs }));
  return adPageHtml({
    ad,
    history,
    captureCount: captures.length,
    ...(screenshotHref ? { screenshotHref } : {}),
  });
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}
