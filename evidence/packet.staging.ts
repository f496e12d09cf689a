import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PacketFileEntry } from './packet.types.js';

/**
 * A temporary directory where the packet's files are written (and hashed) one at a time before
 * they are zipped, so an export of hundreds of ads never holds more than one ad in memory and a
 * slow reader of the ZIP never makes the exporter buffer.
 */
export class PacketStaging {
  private readonly entries = new Map<string, PacketFileEntry>();

  private constructor(readonly dir: string) {}

  static async create(): Promise<PacketStaging> {
    return new PacketStaging(await mkdtemp(join(tmpdir(), 'adwatch-packet-')));
  }

  /** Where a packet path lives on disk. */
  realPath(path: string): string {
    return join(this.dir, 'files', ...path.split('/'));
  }

  /** Writes one packet file and records its SHA-256 and size. */
  async write(path: string, data: Buffer | string): Promise<PacketFileEntry> {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    const real = this.realPath(path);
    await mkdir(dirname(real), { recursive: true });
    await writeFile(real, bytes);
    const entry = { path, sha256: sha256Hex(bytes), bytes: bytes.byteLength };
    this.entries.set(path, entry);
    return entry;
  }

  /** Records a file already written at realPath(path) by someone else, hashing it from disk. */
  async adopt(path: string): Promise<PacketFileEntry> {
    const entry = { path, ...(await hashFile(this.realPath(path))) };
    this.entries.set(path, entry);
    return entry;
  }

  /** A scratch path outside the packet's files. */
  scratch(name: string): string {
    return join(this.dir, 'scratch', name);
  }

  files(): PacketFileEntry[] {
    return [...this.entries.values()];
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 and size of a file, read as a stream. */
export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).byteLength;
  }
  return { sha256: hash.digest('hex'), bytes };
}
