import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { AdwatchError, ErrorCode, InputError } from '../config/index.js';
import {
  aggregateSha256,
  checksumLines,
  checksumsFile,
  ManifestFiles,
  manifestSchema,
  type PacketManifest,
} from './manifest.js';
import { keyFingerprint } from './signing-key.js';
import { readTimestampResponse } from './timestamp.js';

/** One thing wrong with a packet, naming the file it concerns. */
export interface PacketProblem {
  path: string;
  problem:
    'changed' | 'missing' | 'extra' | 'duplicate' | 'signature' | 'manifest' | 'key' | 'timestamp';
  detail: string;
}

/** The verdict on a packet. `intact` is true only when there is no problem at all. */
export interface PacketVerification {
  intact: boolean;
  problems: PacketProblem[];
  /** Fingerprint of the key that signed (from the packet, or the pinned key). */
  fingerprint: string | null;
  signatureValid: boolean;
  manifest: Pick<PacketManifest, 'format' | 'createdAt'> | null;
  filesChecked: number;
  /**
   * The RFC 3161 token (manifest.tsr), when present: granted and covering this manifest, and its
   * time. The TSA's signature needs the TSA's certificates: `openssl ts -verify` (VERIFY.txt).
   */
  timestamp: { time: string | null; coversManifest: boolean } | null;
}

export interface VerifyPacketOptions {
  /** A public key (PEM) the packet must be signed with, instead of trusting the one inside. */
  publicKeyPem?: string;
}

interface EntryDigest {
  sha256: string;
  bytes: number;
  /** Contents of the small files the verifier reads (manifest, signature, key, checksums). */
  content?: Buffer;
}

const readInFull = new Set<string>([
  ManifestFiles.Manifest,
  ManifestFiles.Signature,
  ManifestFiles.Timestamp,
  checksumsFile,
  'signing-key.pub.pem',
]);

/**
 * Verifies a packet ZIP without any service: every file's SHA-256 and size against the manifest,
 * no file missing or added, the aggregate hash, and the Ed25519 signature over manifest.json.
 */
export async function verifyPacket(
  zipPath: string,
  options: VerifyPacketOptions = {},
): Promise<PacketVerification> {
  const { entries, duplicates } = await digestEntries(zipPath);
  const problems: PacketProblem[] = duplicates.map((path) => ({
    path,
    problem: 'duplicate',
    detail: 'appears more than once in the ZIP',
  }));
  const result = (extra: Partial<PacketVerification>): PacketVerification => ({
    intact: problems.length === 0,
    problems,
    fingerprint: null,
    signatureValid: false,
    manifest: null,
    filesChecked: 0,
    timestamp: null,
    ...extra,
  });

  const manifestEntry = entries.get(ManifestFiles.Manifest);
  if (!manifestEntry?.content) {
    problems.push({
      path: ManifestFiles.Manifest,
      problem: 'missing',
      detail: 'the packet has no manifest',
    });
    return result({});
  }
  let manifest: PacketManifest;
  try {
    manifest = manifestSchema.parse(JSON.parse(manifestEntry.content.toString('utf8')));
  } catch (error) {
    problems.push({
      path: ManifestFiles.Manifest,
      problem: 'manifest',
      detail: `not a valid adwatch manifest (${(error as Error).message.split('\n')[0]})`,
    });
    return result({});
  }

  const { key, fingerprint } = signingKeyOf(entries, manifest, options, problems);
  const signature = entries.get(ManifestFiles.Signature)?.content;
  let signatureValid = false;
  if (!signature) {
    problems.push({
      path: ManifestFiles.Signature,
      problem: 'missing',
      detail: 'the packet has no signature',
    });
  } else if (key) {
    try {
      signatureValid = verify(null, manifestEntry.content, key, signature);
    } catch {
      signatureValid = false;
    }
    if (!signatureValid) {
      problems.push({
        path: `${ManifestFiles.Manifest} / ${ManifestFiles.Signature}`,
        problem: 'signature',
        detail:
          'the signature does not match the manifest: one of the two was altered, or another key signed it',
      });
    }
  }

  const listed = new Set<string>();
  for (const file of manifest.files) {
    listed.add(file.path);
    const entry = entries.get(file.path);
    if (!entry) {
      problems.push({
        path: file.path,
        problem: 'missing',
        detail: 'listed in the manifest but not in the packet',
      });
    } else if (entry.sha256 !== file.sha256 || entry.bytes !== file.bytes) {
      problems.push({
        path: file.path,
        problem: 'changed',
        detail: `SHA-256 ${entry.sha256} (${entry.bytes} bytes) differs from the manifest's ${file.sha256} (${file.bytes} bytes)`,
      });
    }
  }
  const unlisted = new Set<string>(Object.values(ManifestFiles));
  for (const path of entries.keys()) {
    if (!listed.has(path) && !unlisted.has(path)) {
      problems.push({
        path,
        problem: 'extra',
        detail: 'in the packet but not listed in the manifest',
      });
    }
  }
  if (aggregateSha256(manifest.files) !== manifest.aggregate.sha256) {
    problems.push({
      path: ManifestFiles.Manifest,
      problem: 'manifest',
      detail: 'the aggregate hash does not match the listed files',
    });
  }
  const sums = entries.get(checksumsFile)?.content?.toString('utf8');
  const expectedSums = checksumLines(manifest.files.filter((f) => f.path !== checksumsFile)).join(
    '',
  );
  if (sums !== undefined && sums !== expectedSums) {
    problems.push({
      path: checksumsFile,
      problem: 'manifest',
      detail: 'does not list the same files and hashes as the manifest',
    });
  }
  const timestamp = checkTimestamp(entries, manifestEntry.content, problems);
  return result({
    timestamp,
    fingerprint,
    signatureValid,
    manifest: { format: manifest.format, createdAt: manifest.createdAt },
    filesChecked: manifest.files.length,
  });
}

function checkTimestamp(
  entries: Map<string, EntryDigest>,
  manifest: Buffer,
  problems: PacketProblem[],
): PacketVerification['timestamp'] {
  const token = entries.get(ManifestFiles.Timestamp)?.content;
  if (!token) return null;
  const check = readTimestampResponse(token, createHash('sha256').update(manifest).digest());
  if (!check.granted || !check.coversDigest) {
    problems.push({
      path: ManifestFiles.Timestamp,
      problem: 'timestamp',
      detail: check.granted
        ? 'the timestamp token is not over this manifest'
        : 'not a granted RFC 3161 timestamp response',
    });
  }
  return { time: check.time, coversManifest: check.granted && check.coversDigest };
}

function signingKeyOf(
  entries: Map<string, EntryDigest>,
  manifest: PacketManifest,
  options: VerifyPacketOptions,
  problems: PacketProblem[],
): { key?: KeyObject; fingerprint: string | null } {
  const keyPath = manifest.signing.publicKeyFile;
  const packed = entries.get(keyPath)?.content;
  let packedKey: KeyObject | undefined;
  if (packed) {
    try {
      packedKey = createPublicKey(packed);
    } catch {
      problems.push({ path: keyPath, problem: 'key', detail: 'not a readable public key' });
    }
  }
  if (packedKey && keyFingerprint(packedKey) !== manifest.signing.publicKeyFingerprintSha256) {
    problems.push({
      path: keyPath,
      problem: 'key',
      detail: 'its fingerprint differs from the one in the manifest',
    });
  }
  if (options.publicKeyPem) {
    let pinned: KeyObject;
    try {
      pinned = createPublicKey(options.publicKeyPem);
    } catch (error) {
      throw new InputError(
        'the key to verify with is not a public key in PEM format (use the output of "adwatch keys show")',
        { cause: error },
      );
    }
    const fingerprint = keyFingerprint(pinned);
    if (fingerprint !== manifest.signing.publicKeyFingerprintSha256) {
      problems.push({
        path: keyPath,
        problem: 'key',
        detail: `the packet was not signed with the given key (${fingerprint}) but with ${manifest.signing.publicKeyFingerprintSha256}`,
      });
    }
    return { key: pinned, fingerprint };
  }
  return packedKey
    ? { key: packedKey, fingerprint: keyFingerprint(packedKey) }
    : { fingerprint: null };
}

/** Hashes every entry of the ZIP as a stream, one at a time. */
async function digestEntries(
  zipPath: string,
): Promise<{ entries: Map<string, EntryDigest>; duplicates: string[] }> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true, strictFileNames: false }, (error, file) =>
      error ? reject(unreadable(zipPath, error)) : resolve(file),
    ),
  );
  const entries = new Map<string, EntryDigest>();
  const duplicates: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (error: Error) => reject(unreadable(zipPath, error)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (error, stream) => {
          if (error) return reject(unreadable(zipPath, error));
          digestStream(stream, readInFull.has(entry.fileName)).then(
            (digest) => {
              if (entries.has(entry.fileName)) duplicates.push(entry.fileName);
              entries.set(entry.fileName, digest);
              zip.readEntry();
            },
            (streamError: unknown) => reject(unreadable(zipPath, streamError)),
          );
        });
      });
      zip.readEntry();
    });
  } finally {
    zip.close();
  }
  return { entries, duplicates };
}

async function digestStream(stream: Readable, keep: boolean): Promise<EntryDigest> {
  const hash = createHash('sha256');
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream) {
    const buffer = chunk as Buffer;
    hash.update(buffer);
    bytes += buffer.byteLength;
    if (keep && bytes <= 64 * 1024 * 1024) chunks.push(buffer);
  }
  return { sha256: hash.digest('hex'), bytes, ...(keep ? { content: Buffer.concat(chunks) } : {}) };
}

function unreadable(zipPath: string, cause: unknown): AdwatchError {
  return new AdwatchError(
    ErrorCode.PacketUnreadable,
    `${zipPath} is not a readable ZIP (${cause instanceof Error ? cause.message : String(cause)}); is it the packet file adwatch exported?`,
    { cause },
  );
}
