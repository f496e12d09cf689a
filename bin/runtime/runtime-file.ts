import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** What a running `adwatch` process tells others about itself, in `<dataDir>/adwatch.runtime.json`. */
const runtimeInfoSchema = z.object({
  pid: z.number().int(),
  startedAt: z.string(),
  roles: z.array(z.string()),
  /** Absent when the URL came from the environment (it may carry a password). */
  redisUrl: z.string().optional(),
  mongoUri: z.string().optional(),
  database: z.string(),
  queuePrefix: z.string(),
  dashboardUrl: z.string().optional(),
  demoOrigin: z.string().optional(),
  sourceIds: z.array(z.string()),
  embedded: z.object({ mongodPid: z.number().optional(), redisPid: z.number().optional() }),
});
export type RuntimeInfo = z.infer<typeof runtimeInfoSchema>;

export function runtimeFilePath(dataDir: string): string {
  return join(dataDir, 'adwatch.runtime.json');
}

/** Writes the runtime file atomically, readable by its owner only. */
export function writeRuntimeFile(dataDir: string, info: RuntimeInfo): void {
  const path = runtimeFilePath(dataDir);
  writeFileSync(`${path}.tmp`, `${JSON.stringify(info, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
}

/** The runtime file, or undefined when there is none or it cannot be read. */
export function readRuntimeFile(dataDir: string): RuntimeInfo | undefined {
  const path = runtimeFilePath(dataDir);
  if (!existsSync(path)) return undefined;
  try {
    const parsed = runtimeInfoSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The instance running with this data directory, if its runtime file names a live process. */
export function liveInstance(dataDir: string): RuntimeInfo | undefined {
  const found = readRuntimeFile(dataDir);
  return found && isProcessAlive(found.pid) ? found : undefined;
}

/** Removes the runtime file if it still belongs to this process. */
export function removeRuntimeFile(dataDir: string, pid = process.pid): void {
  if (readRuntimeFile(dataDir)?.pid === pid) rmSync(runtimeFilePath(dataDir), { force: true });
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
