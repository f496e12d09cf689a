import type {
  AdRecord,
  AuditRecord as StoredAuditRecord,
  CaptureRecord,
  CaseRecord as StoredCaseRecord,
  ReviewEvent,
} from '../store/index.js';

/** Version of the packet layout described in docs/evidence-packet.md. */
export const packetFormatVersion = 'adwatch-evidence/1';

/** One step in an ad's review history, one hash-chained audit entry, and a case, as stored. */
export type ReviewHistoryEntry = ReviewEvent;
export type AuditRecord = StoredAuditRecord;
export type CaseRecord = StoredCaseRecord;

/** What an export writes to the audit trail. */
export interface ExportAuditEntry {
  actor: string;
  role?: string;
  /** `evidence.export` is the completed export; every permitted one starts with `.started`. */
  action:
    | 'evidence.export.started'
    | 'evidence.export'
    | 'evidence.export.cancelled'
    | 'evidence.export.failed'
    | 'evidence.export.denied';
  target?: { adId?: string; caseId?: string; username?: string };
  details?: Record<string, unknown>;
  ip?: string;
}

/**
 * Everything a packet needs besides ads and captures. The CLI and the dashboard each wire their
 * store's repositories into this, so the builder does not depend on how they are stored.
 */
export interface PacketSources {
  ad(adId: string): Promise<AdRecord | null>;
  capture(captureId: string): Promise<CaptureRecord | null>;
  captureBody(capture: CaptureRecord): Promise<Buffer>;
  captureScreenshot(capture: CaptureRecord): Promise<Buffer | undefined>;
  /** The stored request and response WARC records of a capture, when it has them. */
  captureWarc(capture: CaptureRecord): Promise<Buffer | undefined>;
  reviewHistory(adId: string): Promise<ReviewHistoryEntry[]>;
  auditEntries(adIds: string[]): Promise<AuditRecord[]>;
  caseById(caseId: string): Promise<CaseRecord | null>;
  recordExport(entry: ExportAuditEntry): Promise<void>;
}

/** Who exports and from where: written to custody.json and the audit trail. */
export interface PacketExporter {
  username: string;
  role: string;
  ip?: string;
}

/** The adwatch instance a packet comes from. */
export interface PacketInstance {
  instanceId: string;
  hostname: string;
  adwatchVersion: string;
}

/** What to export: a selection of ads or a case. */
export type PacketSelection = { adIds: string[] } | { caseId: string };

/** Called as the export goes; `done` of `total` ads staged, then the archive and report. */
export type PacketProgress = (event: {
  phase: 'ads' | 'archive' | 'report' | 'zip';
  done: number;
  total: number;
}) => void;

/** A file staged for the packet, with the hash the manifest records. */
export interface PacketFileEntry {
  path: string;
  sha256: string;
  bytes: number;
}

/** What an export produced. */
export interface PacketSummary {
  adIds: string[];
  caseId?: string;
  files: number;
  bytes: number;
  aggregateSha256: string;
  manifestSha256: string;
  keyFingerprint: string;
  createdAt: Date;
  timestamped: boolean;
}
