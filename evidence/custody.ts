import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { AuditRecord, PacketExporter, PacketInstance } from './packet.types.js';

/**
 * The stable id of the adwatch instance that owns a data directory, kept in
 * `<dataDir>/instance-id` and created on first use.
 */
export function instanceIdentity(dataDir: string): PacketInstance {
  const path = join(dataDir, 'instance-id');
  if (!existsSync(path)) {
    mkdirSync(dataDir, { recursive: true });
    try {
      writeFileSync(path, `${randomUUID()}\n`, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return {
    instanceId: readFileSync(path, 'utf8').trim(),
    hostname: hostname(),
    adwatchVersion: adwatchVersion(),
  };
}

/** The version in adwatch's package.json. */
export function adwatchVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? 'unknown';
}

/** custody.json: who exported what, when, from where, and the audit trail of these ads. */
export function custodyDocument(input: {
  exporter: PacketExporter;
  instance: PacketInstance;
  createdAt: Date;
  adIds: string[];
  caseId?: string;
  audit: AuditRecord[];
}): Record<string, unknown> {
  return {
    exportedBy: {
      username: input.exporter.username,
      role: input.exporter.role,
      ...(input.exporter.ip ? { ip: input.exporter.ip } : {}),
    },
    exportedAt: input.createdAt.toISOString(),
    instance: input.instance,
    selection: { adIds: input.adIds, caseId: input.caseId ?? null },
    auditTrail: input.audit,
  };
}
