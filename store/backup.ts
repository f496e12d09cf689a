import { createHash } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  mkdirSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { BSON, type Db, type Document } from 'mongodb';
import { Collections, ensureCollections } from './collections.js';
import { connectMongo } from './store.js';
import { ErrorCode, InputError } from '../core/index.js';

/** The format a backup directory is written in; restore reads this version only. */
export const backupFormat = 'adwatch-backup/1';

/**
 * Sessions are logins to a running dashboard, not data: a restore signs everyone out rather than
 * bringing back sessions (perhaps the very ones an incident made the restore necessary for).
 */
const notBackedUp = new Set<string>([Collections.Sessions]);

const ownerOnly = { mode: 0o600 } as const;

/** One collection of a backup: its file and what restore checks it against. */
export interface BackedUpCollection {
  name: string;
  /** `<name>.bson.gz`: the documents as stored (BSON, one after another), gzipped. */
  file: string;
  documents: number;
  /** Size and SHA-256 of the file as written. */
  bytes: number;
  sha256: string;
  /** Options the collection was created with (capped, collation, …); usually empty. */
  options: Document;
  /** Its indexes as `listIndexes` gives them, `_id_` excepted. */
  indexes: Document[];
}

/** `manifest.json` of a backup directory. */
export interface BackupManifest {
  format: typeof backupFormat;
  database: string;
  createdAt: string;
  /** The installation the database belongs to (workers/installation.ts), if one had started. */
  installationId: string | null;
  collections: BackedUpCollection[];
}

export interface BackupOptions {
  uri: string;
  database: string;
  /** An empty or missing directory. */
  outDir: string;
  onCollection?: (collection: BackedUpCollection) => void;
  now?: () => Date;
}

/**
 * Writes every collection of the database (GridFS buckets included: they are collections) to
 * outDir, streaming, with a manifest of counts and SHA-256s and a SHA256SUMS file for sha256sum.
 * Documents are copied as the server holds them (raw BSON), so types and field order survive.
 * Collections are read one after another, not at one instant: stop writers for a consistent copy.
 */
export async function backupDatabase(options: BackupOptions): Promise<BackupManifest> {
  // A backup holds personal data: readable by its owner only, whatever the umask.
  mkdirSync(options.outDir, { recursive: true, mode: 0o700 });
  if (readdirSync(options.outDir).length > 0) {
    throw new InputError(
      `${options.outDir} is not empty; give a new directory for the backup (nothing is overwritten)`,
      { code: ErrorCode.OutputExists },
    );
  }
  const client = await connectMongo(options.uri);
  try {
    const db = client.db(options.database);
    const listed = await db.listCollections({ type: 'collection' }).toArray();
    const names = listed
      .map((info) => info.name)
      .filter((name) => !name.startsWith('system.') && !notBackedUp.has(name))
      .sort();
    const collections: BackedUpCollection[] = [];
    for (const name of names) {
      const info = listed.find((entry) => entry.name === name);
      const backedUp = await backupCollection(db, name, options.outDir, {
        options: (info as { options?: Document } | undefined)?.options ?? {},
      });
      collections.push(backedUp);
      options.onCollection?.(backedUp);
    }
    const installation = await db
      .collection<{ _id: string; installationId: string }>(Collections.Installation)
      .findOne({ _id: 'installation' });
    const manifest: BackupManifest = {
      format: backupFormat,
      database: options.database,
      createdAt: (options.now?.() ?? new Date()).toISOString(),
      installationId: installation?.installationId ?? null,
      collections,
    };
    writeFileSync(
      join(options.outDir, 'manifest.json'),
      `${JSON.stringify(manifest, null, 2)}\n`,
      ownerOnly,
    );
    writeFileSync(
      join(options.outDir, 'SHA256SUMS'),
      collections.map((c) => `${c.sha256}  ${c.file}\n`).join(''),
      ownerOnly,
    );
    return manifest;
  } finally {
    await client.close();
  }
}

async function backupCollection(
  db: Db,
  name: string,
  outDir: string,
  extra: { options: Document },
): Promise<BackedUpCollection> {
  const file = `${name}.bson.gz`;
  const hash = createHash('sha256');
  let bytes = 0;
  let documents = 0;
  // raw: the server's bytes as they are, never decoded and encoded again.
  const cursor = db.collection(name).find({}, { raw: true, batchSize: 500 });
  async function* rawDocuments(): AsyncGenerator<Buffer> {
    for await (const document of cursor) {
      documents += 1;
      yield document as unknown as Buffer;
    }
  }
  await pipeline(
    rawDocuments,
    createGzip(),
    async function* (chunks: AsyncIterable<Buffer>) {
      for await (const chunk of chunks) {
        hash.update(chunk);
        bytes += chunk.length;
        yield chunk;
      }
    },
    createWriteStream(join(outDir, file), { ...ownerOnly, flags: 'wx' }),
  );
  const listed = (await db.collection(name).listIndexes().toArray()) as ListedIndex[];
  // `v` and `ns` describe the index where it was; createIndexes sets them where it is restored.
  const indexes = listed
    .filter((index) => index.name !== '_id_')
    .map(({ v: _version, ns: _namespace, ...index }) => index);
  return {
    name,
    file,
    documents,
    bytes,
    sha256: hash.digest('hex'),
    options: extra.options,
    indexes,
  };
}

/** An index as `listIndexes` describes it. */
interface ListedIndex extends Document {
  name: string;
  v?: number;
  ns?: string;
}

export interface RestoreOptions {
  uri: string;
  database: string;
  fromDir: string;
  /** Drop every collection of the target database first; without it a database with data is refused. */
  drop?: boolean;
  onCollection?: (collection: BackedUpCollection) => void;
}

/**
 * Restores a backup written by backupDatabase into an empty database (or one dropped first with
 * `drop`). Every file is checked against the manifest before anything is written, every count
 * after; then the indexes this version of adwatch wants are added to those the backup had.
 */
export async function restoreDatabase(options: RestoreOptions): Promise<BackupManifest> {
  const manifest = await readManifest(options.fromDir);
  for (const collection of manifest.collections) await checkFile(options.fromDir, collection);
  const client = await connectMongo(options.uri);
  try {
    const db = client.db(options.database);
    const existing = (await db.listCollections({ type: 'collection' }).toArray())
      .map((info) => info.name)
      .filter((name) => !name.startsWith('system.'));
    if (!options.drop) {
      for (const name of existing) {
        if ((await db.collection(name).estimatedDocumentCount()) > 0) {
          throw new InputError(
            `database "${options.database}" is not empty (collection "${name}" holds documents); ` +
              'restore into an empty database (ADWATCH_MONGO_DATABASE), or add --drop to drop every collection in it first',
            { code: ErrorCode.RestoreTargetNotEmpty },
          );
        }
      }
    }
    // Empty collections go too: ones the schema of another version created could clash with the
    // indexes of the backup.
    for (const name of existing) await db.collection(name).drop();
    for (const collection of manifest.collections) {
      await restoreCollection(db, options.fromDir, collection);
      options.onCollection?.(collection);
    }
    await ensureCollections(db);
    return manifest;
  } finally {
    await client.close();
  }
}

/** Reads and checks `manifest.json`; what it names is checked file by file afterwards. */
export async function readManifest(dir: string): Promise<BackupManifest> {
  let text: string;
  try {
    text = await readFile(join(dir, 'manifest.json'), 'utf8');
  } catch (error) {
    throw new InputError(
      `${dir} holds no readable manifest.json (${(error as Error).message}); give the directory "adwatch backup --out" wrote`,
      { code: ErrorCode.BackupInvalid, cause: error },
    );
  }
  let manifest: Partial<BackupManifest>;
  try {
    manifest = JSON.parse(text) as Partial<BackupManifest>;
  } catch (error) {
    throw new InputError(`${dir}/manifest.json is not JSON: ${(error as Error).message}`, {
      code: ErrorCode.BackupInvalid,
      cause: error,
    });
  }
  if (manifest.format !== backupFormat || !Array.isArray(manifest.collections)) {
    throw new InputError(
      `${dir}/manifest.json is not an adwatch backup of format ${backupFormat} (format: ${JSON.stringify(manifest.format)})`,
      { code: ErrorCode.BackupInvalid },
    );
  }
  for (const collection of manifest.collections) {
    // The file name comes from the manifest: nothing outside the backup directory may be read.
    if (collection.file !== `${collection.name}.bson.gz` || /[/\\]|^\./.test(collection.name)) {
      throw new InputError(
        `${dir}/manifest.json names the file "${collection.file}" for collection "${collection.name}"; a backup names <collection>.bson.gz files in its own directory`,
        { code: ErrorCode.BackupInvalid },
      );
    }
  }
  return manifest as BackupManifest;
}

async function checkFile(dir: string, collection: BackedUpCollection): Promise<void> {
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(join(dir, collection.file))) {
      hash.update(chunk as Buffer);
      bytes += (chunk as Buffer).length;
    }
  } catch (error) {
    throw new InputError(`${dir}/${collection.file} cannot be read: ${(error as Error).message}`, {
      code: ErrorCode.BackupInvalid,
      cause: error,
    });
  }
  const sha256 = hash.digest('hex');
  if (sha256 !== collection.sha256 || bytes !== collection.bytes) {
    throw new InputError(
      `${dir}/${collection.file} is not the file the backup wrote (${bytes} bytes, SHA-256 ${sha256}; the manifest says ${collection.bytes} bytes, ${collection.sha256}); nothing was restored`,
      { code: ErrorCode.BackupInvalid },
    );
  }
}

/** Documents inserted per round trip: about this many bytes (a GridFS chunk is 255 kB). */
const insertBatchBytes = 8 * 1024 * 1024;

async function restoreCollection(
  db: Db,
  dir: string,
  collection: BackedUpCollection,
): Promise<void> {
  const target = await db.createCollection(collection.name, collection.options);
  let batch: Document[] = [];
  let batchBytes = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    // ordered: a duplicate _id (a damaged backup) stops the restore instead of being skipped.
    await target.insertMany(batch, { ordered: true });
    batch = [];
    batchBytes = 0;
  };
  await pipeline(
    createReadStream(join(dir, collection.file)),
    createGunzip(),
    async (chunks: AsyncIterable<Buffer>) => {
      for await (const document of bsonDocuments(chunks)) {
        // Numbers stay Int32, Double or Long, binaries Binary: written back exactly as they were.
        batch.push(
          BSON.deserialize(document, {
            promoteValues: false,
            promoteLongs: false,
            promoteBuffers: false,
            bsonRegExp: true,
          }),
        );
        batchBytes += document.length;
        if (batchBytes >= insertBatchBytes || batch.length >= 1000) await flush();
      }
      await flush();
    },
  );
  if (collection.indexes.length > 0) {
    await target.createIndexes(collection.indexes as Parameters<typeof target.createIndexes>[0]);
  }
  const count = await target.countDocuments();
  if (count !== collection.documents) {
    throw new InputError(
      `collection "${collection.name}" holds ${count} documents after the restore; the backup lists ${collection.documents}`,
      { code: ErrorCode.BackupInvalid },
    );
  }
}

/** Splits a stream of concatenated BSON documents (each starts with its int32 length). */
async function* bsonDocuments(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  // Bytes the next document needs; chunks are only joined once they hold all of it.
  let needed = 4;
  for await (const chunk of chunks) {
    pending.push(chunk);
    pendingBytes += chunk.length;
    if (pendingBytes < needed) continue;
    let buffer = pending.length === 1 ? pending[0] : Buffer.concat(pending);
    let offset = 0;
    while (buffer.length - offset >= 4) {
      const size = buffer.readInt32LE(offset);
      if (size < 5) throw damaged('holds a damaged BSON document');
      if (buffer.length - offset < size) break;
      yield buffer.subarray(offset, offset + size);
      offset += size;
    }
    buffer = buffer.subarray(offset);
    pending = buffer.length > 0 ? [buffer] : [];
    pendingBytes = buffer.length;
    needed = buffer.length >= 4 ? buffer.readInt32LE(0) : 4;
  }
  if (pendingBytes > 0) throw damaged('ends in the middle of a document');
}

function damaged(what: string): InputError {
  return new InputError(`a backup file ${what}; restore from an intact copy`, {
    code: ErrorCode.BackupInvalid,
  });
}
