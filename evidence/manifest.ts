import { createHash } from 'node:crypto';
import { z } from 'zod';
import { packetFormatVersion, type PacketFileEntry } from './packet.types.js';

/** Files that the manifest cannot list because they are made from it. */
export const ManifestFiles = {
  Manifest: 'manifest.json',
  Signature: 'manifest.sig',
  Timestamp: 'manifest.tsr',
} as const;

/** The file in `sha256sum -c` format; the manifest lists it, it does not list itself. */
export const checksumsFile = 'SHA256SUMS';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** manifest.json, as written and as a verifier reads it (see docs/evidence-packet.md). */
export const manifestSchema = z.object({
  format: z.literal(packetFormatVersion),
  createdAt: z.string(),
  signing: z.object({
    algorithm: z.literal('Ed25519'),
    publicKeyFile: z.string(),
    publicKeyFingerprintSha256: hex64,
  }),
  aggregate: z.object({ algorithm: z.literal('sha256-sorted-lines'), sha256: hex64 }),
  files: z.array(
    z.object({
      path: z.string().min(1),
      sha256: hex64,
      bytes: z.number().int().min(0),
    }),
  ),
});
export type PacketManifest = z.infer<typeof manifestSchema>;

/**
 * The aggregate hash: SHA-256 over the lines `"<sha256>  <path>\n"` of every listed file, sorted
 * by path in byte order (UTF-8) — exactly the content of SHA256SUMS plus SHA256SUMS's own line.
 */
export function aggregateSha256(files: readonly PacketFileEntry[]): string {
  const hash = createHash('sha256');
  for (const line of checksumLines(files)) hash.update(line);
  return hash.digest('hex');
}

/** `"<sha256>  <path>\n"` per file, sorted by path bytes. */
export function checksumLines(files: readonly PacketFileEntry[]): string[] {
  return [...files]
    .sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)))
    .map((f) => `${f.sha256}  ${f.path}\n`);
}

export interface ManifestInput {
  files: readonly PacketFileEntry[];
  createdAt: Date;
  publicKeyFile: string;
  fingerprint: string;
}

/** The exact bytes of manifest.json (these bytes are signed). */
export function manifestBytes(input: ManifestInput): Buffer {
  const files = [...input.files].sort((a, b) =>
    Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)),
  );
  const manifest: PacketManifest = {
    format: packetFormatVersion,
    createdAt: input.createdAt.toISOString(),
    signing: {
      algorithm: 'Ed25519',
      publicKeyFile: input.publicKeyFile,
      publicKeyFingerprintSha256: input.fingerprint,
    },
    aggregate: { algorithm: 'sha256-sorted-lines', sha256: aggregateSha256(files) },
    files: files.map((f) => ({ path: f.path, sha256: f.sha256, bytes: f.bytes })),
  };
  return Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`);
}
