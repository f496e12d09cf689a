import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import {
  aggregateSha256,
  checksumLines,
  checksumsFile,
  ManifestFiles,
  manifestSchema,
  type PacketManifest,
} from './manifest.js';
import type { PacketInstance } from './packet.types.js';
import { keyFingerprint } from './signing-key.js';
import { readTimestampResponse } from './timestamp.js';
import { AdwatchError, ErrorCode, InputError } from '../core/index.js';

/** One thing wrong with a packet, naming the file it concerns. */
export interface PacketProblem {
  path: string;
  problem:
    'changed' | 'missing' | 'extra' | 'duplicate' | 'signature' | 'manifest' | 'key' | 'timestamp';
  detail: string;
}

/**
 * Whether the packet comes from whom it says. Integrity alone proves nothing about that: anyone
 * can change a packet and re-sign its manifest with a key of their own. Only a signature by a key
 * the verifier trusts (given with --key, listed in evidence.trustedKeys, or this instance's own)
 * establishes who made the packet.
 */
export interface PacketAuthenticity {
  established: boolean;
  /** Why the signing key is trusted, when it is (e.g. "the key given with --key"). */
  trustedAs: string | null;
  /** The issuing instance as custody.json names it; only set when authenticity is established. */
  signedBy: PacketInstance | null;
  /** One sentence for people: who signed, or why that cannot be said. */
  detail: string;
}

/** A key whose signature `verifyPacket` accepts as proof of who made a packet. */
export interface TrustedKey {
  /** Hex SHA-256 of the SPKI DER, as the manifest records it. */
  fingerprint: string;
  /** Where the trust comes from, for the verdict (e.g. "evidence.trustedKeys"). */
  trustedAs: string;
}

/**
 * The verdict on a packet. `intact` (integrity) is true only when there is no problem at all;
 * `authenticity` says whether a trusted key signed it.
 */
export interface PacketVerification {
  intact: boolean;
  authenticity: PacketAuthenticity;
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
  /** A public key (PEM) to trust, e.g. from "adwatch keys show" on the issuing instance. */
  publicKeyPem?: string;
  /** Fingerprints to trust besides publicKeyPem. */
  trustedKeys?: readonly TrustedKey[];
}

interface EntryDigest {
  sha256: string;
  bytes: number;
  /** Contents of the small files the verifier reads (manifest, signature, key, checksums). */
  content?: Buffer;
}

const custodyFile = 'custody.json';

const readInFull = new Set<string>([
  ManifestFiles.Manifest,
  ManifestFiles.Signature,
  ManifestFiles.Timestamp,
  checksumsFile,
  'signing-key.pub.pem',
  custodyFile,
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
  const trusted = trustedKeysOf(options);
  const result = (extra: Partial<PacketVerification>): PacketVerification => ({
    intact: problems.length === 0,
    authenticity: authenticityOf(
      problems.length === 0,
      extra.fingerprint ?? null,
      trusted,
      entries,
    ),
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
  // The signature is checked with the packet's own key: that proves integrity. Whether that key
  // is one to trust is authenticity, decided apart (authenticityOf).
  if (packedKey) return { key: packedKey, fingerprint: keyFingerprint(packedKey) };
  const pinned = options.publicKeyPem ? pinnedKey(options.publicKeyPem) : undefined;
  if (pinned && keyFingerprint(pinned) === manifest.signing.publicKeyFingerprintSha256) {
    return { key: pinned, fingerprint: keyFingerprint(pinned) };
  }
  // A missing key file is reported with the other files the manifest lists.
  return { fingerprint: null };
}

function pinnedKey(pem: string): KeyObject {
  try {
    return createPublicKey(pem);
  } catch (error) {
    throw new InputError(
      'the key to verify with is not a public key in PEM format (use the output of "adwatch keys show")',
      { cause: error },
    );
  }
}

function trustedKeysOf(options: VerifyPacketOptions): TrustedKey[] {
  const trusted = [...(options.trustedKeys ?? [])];
  if (options.publicKeyPem) {
    const fingerprint = keyFingerprint(pinnedKey(options.publicKeyPem));
    trusted.unshift({ fingerprint, trustedAs: 'the key given with --key' });
  }
  return trusted;
}

function authenticityOf(
  intact: boolean,
  fingerprint: string | null,
  trusted: TrustedKey[],
  entries: Map<string, EntryDigest>,
): PacketAuthenticity {
  const unknown = { established: false, trustedAs: null, signedBy: null };
  if (!intact || !fingerprint) {
    return {
      ...unknown,
      detail: 'not established: the packet is not intact, so who signed it cannot be said',
    };
  }
  const match = trusted.find((t) => t.fingerprint === fingerprint);
  if (!match) {
    const known =
      trusted.length === 0
        ? 'no key to trust was given'
        : `the trusted keys are ${trusted.map((t) => `${t.fingerprint.slice(0, 16)}… (${t.trustedAs})`).join(', ')}`;
    return {
      ...unknown,
      detail: `not established: the packet was signed with key ${fingerprint}, which is not a key you trust (${known}); anyone can re-sign a changed packet with a key of their own`,
    };
  }
  const signedBy = custodyInstance(entries);
  const who = signedBy
    ? `instance ${signedBy.instanceId} (host ${signedBy.hostname}, adwatch ${signedBy.adwatchVersion})`
    : 'a trusted key (custody.json names no instance)';
  return {
    established: true,
    trustedAs: match.trustedAs,
    signedBy,
    detail: `signed by ${who} with key ${fingerprint}, trusted as ${match.trustedAs}`,
  };
}

/** The issuing instance named in custody.json (covered by the signed manifest). */
function custodyInstance(entries: Map<string, EntryDigest>): PacketInstance | null {
  const content = entries.get(custodyFile)?.content;
  if (!content) return null;
  try {
    const custody = JSON.parse(content.toString('utf8')) as { instance?: Partial<PacketInstance> };
    const { instanceId, hostname, adwatchVersion } = custody.instance ?? {};
    return typeof instanceId === 'string' &&
      typeof hostname === 'string' &&
      typeof adwatchVersion === 'string'
      ? { instanceId, hostname, adwatchVersion }
      : null;
  } catch {
    return null;
  }
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
