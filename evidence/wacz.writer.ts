import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { once } from 'node:events';
import { CDXIndexer, WARCParser } from 'warcio';
import yazl from 'yazl';
import { hashFile, sha256Hex } from './packet.staging.js';

/** WACZ version this writer follows (https://specs.webrecorder.net/wacz/1.1.1/). */
export const waczVersion = '1.1.1';

/** A page for pages/pages.jsonl: what a web-archive player lists. */
export interface WaczPage {
  url: string;
  /** The capture's fetch time. */
  ts: Date;
  title?: string;
}

/** What one capture's WARC records became inside the WACZ. */
export interface WaczCaptureIndex {
  /** Offset of the capture's first record in archive/data.warc. */
  offset: number;
  length: number;
  /** WARC-Record-IDs found in the capture's records. */
  recordIds: string[];
}

/**
 * Builds a WACZ file: the captures' stored WARC records appended one capture at a time to
 * archive/data.warc on disk, indexed with warcio's CDXJ indexer, then zipped uncompressed (players
 * read the WARC by byte range).
 */
export class WaczWriter {
  private readonly warc: WriteStream;
  private warcBytes = 0;
  private readonly cdxLines: string[] = [];
  private readonly pages: string[] = [];

  private constructor(private readonly warcPath: string) {
    this.warc = createWriteStream(warcPath);
  }

  static async create(warcPath: string): Promise<WaczWriter> {
    await mkdir(dirname(warcPath), { recursive: true });
    return new WaczWriter(warcPath);
  }

  get captureCount(): number {
    return this.pages.length;
  }

  /** Appends a capture's stored WARC records (request and response) and indexes them. */
  async addCapture(records: Buffer, page: WaczPage): Promise<WaczCaptureIndex> {
    const offset = this.warcBytes;
    const indexer = new CDXIndexer({ format: 'cdxj' });
    for await (const cdx of indexer.iterRecords(new WARCParser([records]), 'data.warc')) {
      cdx.offset = Number(cdx.offset) + offset;
      this.cdxLines.push(indexer.serializeCDXJ(cdx));
    }
    const recordIds: string[] = [];
    for await (const record of new WARCParser([records])) {
      const id = record.warcHeader('WARC-Record-ID');
      if (id) recordIds.push(id);
    }
    if (!this.warc.write(records)) await once(this.warc, 'drain');
    this.warcBytes += records.byteLength;
    this.pages.push(
      JSON.stringify({
        id: sha256Hex(`${page.url}\n${page.ts.toISOString()}`).slice(0, 24),
        url: page.url,
        ts: page.ts.toISOString(),
        ...(page.title ? { title: page.title } : {}),
      }),
    );
    return { offset, length: records.byteLength, recordIds };
  }

  /** Closes the WARC and writes the WACZ to outPath. */
  async finish(outPath: string, meta: { title: string; software: string; created: Date }) {
    this.warc.end();
    await once(this.warc, 'close');
    const warcHash = await hashFile(this.warcPath);
    // CDXJ is sorted by SURT key then timestamp, as players binary-search it.
    const cdxj = Buffer.from(this.cdxLines.sort(compareBytes).join(''));
    const pagesJsonl = Buffer.from(
      [
        JSON.stringify({ format: 'json-pages-1.0', id: 'pages', title: 'All Pages' }),
        ...this.pages,
      ].join('\n') + '\n',
    );
    const resource = (path: string, hash: { sha256: string; bytes: number }) => ({
      name: path.split('/').pop() ?? path,
      path,
      hash: `sha256:${hash.sha256}`,
      bytes: hash.bytes,
    });
    const datapackage = Buffer.from(
      JSON.stringify(
        {
          profile: 'data-package',
          wacz_version: waczVersion,
          title: meta.title,
          created: meta.created.toISOString(),
          software: meta.software,
          resources: [
            resource('archive/data.warc', warcHash),
            resource('indexes/index.cdxj', { sha256: sha256Hex(cdxj), bytes: cdxj.byteLength }),
            resource('pages/pages.jsonl', {
              sha256: sha256Hex(pagesJsonl),
              bytes: pagesJsonl.byteLength,
            }),
          ],
        },
        null,
        2,
      ),
    );
    const digest = Buffer.from(
      JSON.stringify(
        { path: 'datapackage.json', hash: `sha256:${sha256Hex(datapackage)}` },
        null,
        2,
      ),
    );
    const zip = new yazl.ZipFile();
    const stored = { compress: false, mtime: meta.created };
    zip.addFile(this.warcPath, 'archive/data.warc', stored);
    zip.addBuffer(cdxj, 'indexes/index.cdxj', stored);
    zip.addBuffer(pagesJsonl, 'pages/pages.jsonl', stored);
    zip.addBuffer(datapackage, 'datapackage.json', stored);
    zip.addBuffer(digest, 'datapackage-digest.json', stored);
    zip.end();
    const out = createWriteStream(outPath);
    zip.outputStream.pipe(out);
    await once(out, 'close');
  }

  /** Stops writing without producing a WACZ (on a failed export). */
  abort(): void {
    // A write still in flight fails once the stream is gone; nobody waits for it any more.
    this.warc.on('error', () => undefined);
    this.warc.destroy();
  }
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
