import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelSummary, Store } from '../store/index.js';
import { OVERRIDE_REFRESH_MILLIS } from './active-override.js';

/** A registered model as a worker thread loads it: its version and a local copy of its file. */
export interface ModelRef {
  version: string;
  /** The file, written once per content under the data directory (threads load it by path). */
  path: string;
}

/** The models a classify worker scores with now. */
export interface ModelsInForce {
  /** null: the committed model (the registry has no active model). */
  active: ModelRef | null;
  /** The candidate in a shadow run, scored next to the active model; its scores never flag. */
  shadow: (ModelRef & { scored: number }) | null;
}

/** Shadow scores kept per run at most; the run goes on counting nothing once it has them. */
export const MAX_SHADOW_SCORES = 20_000;

/**
 * Reads the registry's active and shadow models at most once per `refreshMillis` (a model a
 * supervisor activates reaches every worker within that time, without a restart), and keeps a
 * copy of each model file under `cacheDir`, named by its SHA-256, fetched from MongoDB only when
 * missing: the 1–3 MB file is read once per process and version, never sent with a task.
 */
export function modelsInForceReader(
  store: Pick<Store, 'models'>,
  cacheDir: string,
  refreshMillis = OVERRIDE_REFRESH_MILLIS,
  now: () => number = Date.now,
): () => Promise<ModelsInForce> {
  let cached: { value: Promise<ModelsInForce>; readAt: number } | undefined;
  const files = new Map<string, Promise<string>>();
  const refOf = async (model: ModelSummary | null): Promise<ModelRef | null> => {
    if (!model) return null;
    let path = files.get(model.sha256);
    if (!path) {
      path = localCopy(store, model, cacheDir);
      files.set(model.sha256, path);
      path.catch(() => files.delete(model.sha256));
    }
    return { version: model._id, path: await path };
  };
  const read = async (): Promise<ModelsInForce> => {
    const [active, shadow] = await Promise.all([store.models.active(), store.models.shadow()]);
    const [activeRef, shadowRef] = await Promise.all([refOf(active), refOf(shadow)]);
    return {
      active: activeRef,
      shadow: shadowRef && shadow ? { ...shadowRef, scored: shadow.shadow?.scored ?? 0 } : null,
    };
  };
  return () => {
    const at = now();
    if (!cached || at - cached.readAt >= refreshMillis) {
      const value = read();
      // A failed read is not kept: the next ad asks again.
      value.catch(() => {
        if (cached?.value === value) cached = undefined;
      });
      cached = { value, readAt: at };
    }
    return cached.value;
  };
}

/** The model's file under `cacheDir`, written from the registry unless already there. */
async function localCopy(
  store: Pick<Store, 'models'>,
  model: ModelSummary,
  cacheDir: string,
): Promise<string> {
  const path = join(cacheDir, `${model.sha256}.model.json`);
  const present = await stat(path).then(
    (s) => s.size === model.bytes,
    () => false,
  );
  if (present) return path;
  const record = await store.models.findById(model._id);
  if (!record) throw new Error(`model ${model._id} left the registry while being loaded`);
  await mkdir(cacheDir, { recursive: true });
  // Written under another name and renamed, so a thread never reads half a file.
  const partial = `${path}.${process.pid}.partial`;
  await writeFile(partial, record.json);
  await rename(partial, path);
  return path;
}
