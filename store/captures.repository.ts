import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Binary, GridFSBucket, ObjectId, type Collection, type Db } from 'mongodb';
import type { AdRecord, CaptureRecord, CaptureWarc } from './ad.types.js';
import { Collections } from './collections.js';
import { sha256Hex } from './ids.js';
import { buildWarcRecords, type WarcRecords } from './warc.js';
import { ErrorCode, ExternalError } from '../core/index.js';

/** The GridFS bucket of large bodies, large WARC records and screenshots. */
const captureBucket = 'captureFiles';

/** Bodies up to this size stay inside the capture document; larger ones go to GridFS. */
export const inlineBodyLimitBytes = 256 * 1024;

export type NewCapture = Omit<
  CaptureRecord,
  '_id' | 'sha256' | 'bodyBytes' | 'transmitted' | 'body' | 'bodyFileId' | 'screenshot' | 'warc'
> & {
  body: Uint8Array;
  /** The body as transmitted, when the server compressed it (kept in the WARC record). */
  transmittedBody?: Uint8Array;
  screenshot?: Uint8Array;
};

/**
 * WARC records up to this size stay inside the capture document (`warcRecords`, with
 * `warc.fileId` empty); larger ones go to GridFS.
 */
export const inlineWarcLimitBytes = 1024 * 1024;

/** A capture as stored: the record plus its WARC bytes when they are kept inline. */
type StoredCapture = CaptureRecord & { warcRecords?: Uint8Array };

/** What the caller already knows about a capture's body, so it is not hashed twice. */
export interface KnownBody {
  /** Hex SHA-256 of the body, as computed by the caller. */
  sha256: string;
}

/** Captures are evidence: inserted once, never updated. */
export class CapturesRepository {
  private readonly collection: Collection<StoredCapture>;
  private readonly files: GridFSBucket;
  /** The bucket's own collections, for deleting many files at once (GridFSBucket deletes one). */
  private readonly fileInfos: Collection<{ _id: ObjectId }>;
  private readonly fileChunks: Collection<{ files_id: ObjectId }>;

  constructor(db: Db) {
    this.collection = db.collection<StoredCapture>(Collections.Captures);
    this.files = new GridFSBucket(db, { bucketName: captureBucket });
    this.fileInfos = db.collection(`${captureBucket}.files`);
    this.fileChunks = db.collection(`${captureBucket}.chunks`);
  }

  /** Stores one fetch of one page with the SHA-256 of its body; returns the capture. */
  async insert(capture: NewCapture, known?: KnownBody): Promise<CaptureRecord> {
    const { record, document } = await this.prepare(capture, known);
    // One document write: body and WARC records ride along as BSON binaries.
    await this.collection.insertOne(document);
    return record;
  }

  /**
   * Stores several fetches in one write (a batch of ad pages), in order; returns the captures in
   * the order given. If the write fails part way, the captures before the failing one are stored.
   */
  async insertMany(
    captures: ReadonlyArray<{ capture: NewCapture; known?: KnownBody }>,
  ): Promise<CaptureRecord[]> {
    if (captures.length === 0) return [];
    const prepared = [];
    for (const { capture, known } of captures) prepared.push(await this.prepare(capture, known));
    await this.collection.insertMany(
      prepared.map((p) => p.document),
      { ordered: true },
    );
    return prepared.map((p) => p.record);
  }

  /** Builds the record and its document (WARC included); large files go to GridFS here. */
  private async prepare(
    capture: NewCapture,
    known?: KnownBody,
  ): Promise<{ record: CaptureRecord; document: StoredCapture }> {
    const id = new ObjectId().toHexString();
    const { body, transmittedBody, screenshot, ...meta } = capture;
    const record: StoredCapture = {
      _id: id,
      ...meta,
      sha256: known?.sha256 ?? sha256Hex(body),
      bodyBytes: body.byteLength,
      ...(transmittedBody
        ? {
            transmitted: { sha256: sha256Hex(transmittedBody), bytes: transmittedBody.byteLength },
          }
        : {}),
    };
    if (body.byteLength <= inlineBodyLimitBytes) record.body = body;
    else record.bodyFileId = await this.writeFile(`${id}.body`, body, capture.url);
    const warc = await this.buildWarc(record, body, transmittedBody);
    if (warc.bytes.byteLength <= inlineWarcLimitBytes) {
      record.warc = this.warcMeta('', warc);
      record.warcRecords = warc.bytes;
    } else {
      record.warc = this.warcMeta(
        await this.writeFile(`${id}.warc`, warc.bytes, capture.url),
        warc,
      );
    }
    if (screenshot) {
      const fileId = await this.writeFile(`${id}.png`, screenshot, capture.url);
      record.screenshot = { sha256: sha256Hex(screenshot), fileId, bytes: screenshot.byteLength };
    }
    const document: StoredCapture = {
      ...record,
      ...(record.body ? { body: new Binary(body) as unknown as Uint8Array } : {}),
      ...(record.warcRecords
        ? { warcRecords: new Binary(record.warcRecords) as unknown as Uint8Array }
        : {}),
    };
    return { record, document };
  }

  async findById(id: string): Promise<CaptureRecord | null> {
    return this.collection.findOne({ _id: id }, { projection: { warcRecords: 0 } });
  }

  /** The bytes received for a capture, after removing any Content-Encoding (see `warc()`). */
  async body(capture: CaptureRecord): Promise<Buffer> {
    if (capture.body) return Buffer.from(toBytes(capture.body));
    if (!capture.bodyFileId) return Buffer.alloc(0);
    return this.readFile(capture.bodyFileId);
  }

  /** The capture's WARC request + response records, as stored. */
  async warc(capture: CaptureRecord): Promise<Buffer | undefined> {
    if (!capture.warc) return undefined;
    if (capture.warc.fileId) return this.readFile(capture.warc.fileId);
    const inline =
      (capture as StoredCapture).warcRecords ??
      (await this.collection.findOne({ _id: capture._id }, { projection: { warcRecords: 1 } }))
        ?.warcRecords;
    return inline ? Buffer.from(toBytes(inline)) : undefined;
  }

  async screenshot(capture: CaptureRecord): Promise<Buffer | undefined> {
    return capture.screenshot ? this.readFile(capture.screenshot.fileId) : undefined;
  }

  count(): Promise<number> {
    return this.collection.estimatedDocumentCount();
  }

  /**
   * Every capture of these ads, by ad id: those an ad names and any other of its page (a fetch
   * whose extraction failed), without their bytes.
   */
  async ofAds(
    ads: ReadonlyArray<Pick<AdRecord, '_id' | 'sourceId' | 'url' | 'captureIds'>>,
  ): Promise<Map<string, CaptureRecord[]>> {
    const byId = new Map<string, string>();
    const byPage = new Map<string, string>();
    for (const ad of ads) {
      for (const id of ad.captureIds) byId.set(id, ad._id);
      byPage.set(`${ad.sourceId}\n${ad.url}`, ad._id);
    }
    const found = new Map<string, CaptureRecord[]>(ads.map((ad) => [ad._id, []]));
    if (ads.length === 0) return found;
    const rows = await this.collection
      .find(
        { $or: [{ _id: { $in: [...byId.keys()] } }, { url: { $in: ads.map((ad) => ad.url) } }] },
        { projection: { body: 0, warcRecords: 0 } },
      )
      .sort({ fetchedAt: 1, _id: 1 })
      .toArray();
    for (const capture of rows) {
      const adId = byId.get(capture._id) ?? byPage.get(`${capture.sourceId}\n${capture.url}`);
      if (adId) found.get(adId)?.push(capture);
    }
    return found;
  }

  /**
   * Deletes captures with their GridFS files: the one exception to "never updated", made by the
   * retention policy (store/retention.repository.ts). Files go first, so that a run stopped half
   * way leaves no bytes that nothing points to; running it again finishes the job.
   */
  async remove(captures: readonly CaptureRecord[]): Promise<void> {
    if (captures.length === 0) return;
    const fileIds = captures
      .flatMap((c) => [c.bodyFileId, c.warc?.fileId, c.screenshot?.fileId])
      .filter((id): id is string => Boolean(id))
      .map((id) => new ObjectId(id));
    if (fileIds.length > 0) {
      await this.fileChunks.deleteMany({ files_id: { $in: fileIds } });
      await this.fileInfos.deleteMany({ _id: { $in: fileIds } });
    }
    await this.collection.deleteMany({ _id: { $in: captures.map((c) => c._id) } });
  }

  private buildWarc(
    record: CaptureRecord,
    body: Uint8Array,
    transmittedBody: Uint8Array | undefined,
  ): Promise<WarcRecords> {
    return buildWarcRecords({
      url: record.finalUrl,
      fetchedAt: record.fetchedAt,
      requestHeaders: record.requestHeaders ?? {},
      status: record.status,
      headers: record.headers,
      ...(record.remoteAddress ? { remoteAddress: record.remoteAddress } : {}),
      body,
      bodySha256: record.sha256,
      ...(transmittedBody && record.transmitted
        ? { transmitted: { body: transmittedBody, sha256: record.transmitted.sha256 } }
        : {}),
    });
  }

  /** `fileId` is empty when the records are stored inline in the capture document. */
  private warcMeta(fileId: string, warc: WarcRecords): CaptureWarc {
    return {
      fileId,
      sha256: sha256Hex(warc.bytes),
      bytes: warc.bytes.byteLength,
      recordIds: { request: warc.requestId, response: warc.responseId },
      payloadDigest: warc.payloadDigest,
    };
  }

  /** Writes one file of the capture of url to GridFS; a refused write leaves no chunks behind. */
  private async writeFile(filename: string, bytes: Uint8Array, url: string): Promise<string> {
    const upload = this.files.openUploadStream(filename);
    try {
      await pipeline(Readable.from([bytes]), upload);
    } catch (error) {
      await upload.abort().catch(() => undefined);
      throw new ExternalError(
        ErrorCode.StoreWriteFailed,
        `${url}: storing ${filename} (${bytes.byteLength} bytes) in GridFS failed (${(error as Error).message}); it is retried, check MongoDB's free space and the user's rights`,
        { cause: error },
      );
    }
    return upload.id.toHexString();
  }

  private async readFile(fileId: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.files.openDownloadStream(new ObjectId(fileId))) {
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }
}

function toBytes(value: unknown): Uint8Array {
  if (value instanceof Binary) return value.buffer;
  return value as Uint8Array;
}
