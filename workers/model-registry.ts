import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { DEFAULT_MODEL_PATH, parseTextModel } from '../classifiers/index.js';
import {
  ModelStatus,
  type ModelStamp,
  type ModelSummary,
  type NewModel,
  type Store,
} from '../store/index.js';
import { AdwatchError, ErrorCode, InputError } from '../core/index.js';

/** A model file read and checked, ready to register. */
export type ModelFile = Omit<NewModel, 'origin' | 'registered' | 'status'>;

/** When a candidate may replace the active model (config `classifier.shadowMinAds/Hours`). */
export interface RolloutRules {
  shadowMinAds: number;
  shadowMinHours: number;
}

/** Largest model file accepted (the committed one is 0.7 MB; MongoDB documents stop at 16 MB). */
export const MAX_MODEL_BYTES = 12 * 1024 * 1024;

/** Top-level fields of a model file that are its parameters, not figures to show. */
const PARAMETER_FIELDS = new Set(['format', 'version', 'terms', 'bias', 'prior', 'weights']);
/** A figure is shown whole up to this size; larger fields are parameters (weights, vocabularies). */
const MAX_FIGURE_CHARS = 4_000;

/**
 * Reads a model file's text: it must be JSON that the classifier loads as a model (any format it
 * supports). Throws `InputError` saying what is wrong, naming `origin`.
 */
export function readModelFile(text: string, origin: string): ModelFile {
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_MODEL_BYTES)
    throw new InputError(
      `${origin}: ${bytes} bytes, more than a model file may have (${MAX_MODEL_BYTES})`,
    );
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new InputError(
      `${origin}: not JSON (${(error as Error).message}); give a model file written by adwatch train`,
      { cause: error },
    );
  }
  let version: string;
  try {
    version = parseTextModel(raw, origin).version;
  } catch (error) {
    if (error instanceof AdwatchError) throw new InputError(error.message, { cause: error });
    throw error;
  }
  const format = (raw as { format: string }).format;
  return {
    _id: version,
    format,
    sha256: createHash('sha256').update(text).digest('hex'),
    bytes,
    json: text,
    figures: figuresOf(raw),
  };
}

/**
 * The figures a model file carries (training data, held-out precision and recall, per language
 * where it has them): its top-level fields but the model's parameters, whatever the format.
 */
export function figuresOf(raw: unknown): Record<string, unknown> {
  const figures: Record<string, unknown> = {};
  if (typeof raw !== 'object' || raw === null) return figures;
  for (const [key, value] of Object.entries(raw)) {
    if (PARAMETER_FIELDS.has(key)) continue;
    if (JSON.stringify(value).length > MAX_FIGURE_CHARS) continue;
    figures[key] = value;
  }
  return figures;
}

let committed: ModelFile | undefined;

/** The committed model file, which is the active model while the registry has none active. */
export function committedModel(): ModelFile {
  committed ??= readModelFile(readFileSync(DEFAULT_MODEL_PATH, 'utf8'), 'committed model');
  return committed;
}

/** Registers a model file as a candidate; a version already registered (or committed) is refused. */
export async function registerModel(
  store: Pick<Store, 'models'>,
  file: ModelFile,
  origin: string,
  stamp: ModelStamp,
): Promise<ModelSummary> {
  const builtIn = committedModel();
  if (file._id === builtIn._id && file.sha256 !== builtIn.sha256)
    throw new InputError(
      `model ${file._id} is the committed model's version with other contents; a model's version must name it alone`,
    );
  const inserted = await store.models.insert({ ...file, origin, registered: stamp });
  if (!inserted)
    throw new InputError(`model ${file._id} is already registered (adwatch models list)`);
  const saved = await store.models.summary(file._id);
  if (!saved) throw new Error(`model ${file._id} vanished after registration`);
  return saved;
}

/** Why `model` may not be activated now under `rules`, or null when it may. */
export function activationRefusal(
  model: ModelSummary,
  rules: RolloutRules,
  now: Date,
): string | null {
  if (model.status === ModelStatus.Active) return `model ${model._id} is already active`;
  // A model that was active before (a retired one) has been seen at work already.
  if (model.status === ModelStatus.Retired) return null;
  const run = model.shadow;
  if (model.status !== ModelStatus.Shadow || !run)
    return `model ${model._id} has no shadow run; start one and let it score at least ${rules.shadowMinAds} new ads over ${rules.shadowMinHours} h`;
  const missing: string[] = [];
  if (run.scored < rules.shadowMinAds)
    missing.push(`it has scored ${run.scored} of the ${rules.shadowMinAds} new ads required`);
  const hours = (now.getTime() - run.startedAt.getTime()) / 3_600_000;
  if (hours < rules.shadowMinHours)
    missing.push(
      `it has run ${formatHours(hours)} of the ${rules.shadowMinHours} h required (until ${new Date(run.startedAt.getTime() + rules.shadowMinHours * 3_600_000).toISOString()})`,
    );
  return missing.length
    ? `the shadow run of ${model._id} is too short: ${missing.join('; ')} (classifier.shadowMinAds, classifier.shadowMinHours)`
    : null;
}

function formatHours(hours: number): string {
  return hours < 1 ? `${Math.floor(hours * 60)} min` : `${hours.toFixed(1)} h`;
}

/** The model in force: the registry's active one, else the committed model. */
export async function activeVersion(store: Pick<Store, 'models'>): Promise<string> {
  return (await store.models.active())?._id ?? committedModel()._id;
}

/**
 * Makes a candidate (after its shadow run) or a retired model the active one. The committed
 * model, active while none is registered, is registered on the first activation so that a
 * rollback can return to it. Throws `ADW_MODEL_ROLLOUT` with the reason when refused.
 */
export async function activateModel(
  store: Pick<Store, 'models'>,
  version: string,
  rules: RolloutRules,
  stamp: ModelStamp,
): Promise<{ model: ModelSummary; previous: string }> {
  const model = await store.models.summary(version);
  if (!model) throw new AdwatchError(ErrorCode.NotFound, `model ${version} is not registered`);
  const refusal = activationRefusal(model, rules, stamp.at);
  if (refusal) throw new AdwatchError(ErrorCode.ModelRollout, refusal);
  const previous = await ensureActiveRegistered(store, stamp.at);
  const activated = await store.models.activate(version, previous, stamp);
  if (!activated)
    throw new AdwatchError(ErrorCode.ModelRollout, `model ${version} is already active`);
  return { model: activated, previous };
}

/** Returns to the model the active one replaced, in one step. */
export async function rollbackModel(
  store: Pick<Store, 'models'>,
  stamp: ModelStamp,
): Promise<{ model: ModelSummary; from: string }> {
  const active = await store.models.active();
  const to = active?.previousActive;
  if (!active || !to)
    throw new AdwatchError(
      ErrorCode.ModelRollout,
      active
        ? `model ${active._id} replaced no other model; there is nothing to roll back to`
        : 'the committed model is active and replaced no other model; there is nothing to roll back to',
    );
  const model = await store.models.activate(to, null, stamp, true);
  if (!model)
    throw new AdwatchError(ErrorCode.ModelRollout, `model ${to} cannot be made active again`);
  return { model, from: active._id };
}

/** Starts a shadow run of a candidate (or retired model); another run in progress ends. */
export async function startShadowRun(
  store: Pick<Store, 'models'>,
  version: string,
  stamp: ModelStamp,
): Promise<ModelSummary> {
  const model = await store.models.summary(version);
  if (!model) throw new AdwatchError(ErrorCode.NotFound, `model ${version} is not registered`);
  if (model.status === ModelStatus.Active || model.status === ModelStatus.Shadow)
    throw new AdwatchError(
      ErrorCode.ModelRollout,
      `model ${version} is ${model.status}; a shadow run is for a candidate or retired model`,
    );
  const started = await store.models.startShadow(version, stamp);
  if (!started)
    throw new AdwatchError(ErrorCode.ModelRollout, `model ${version} changed status meanwhile`);
  return started;
}

/** The active version, registered first if it is the committed model (so it can be returned to). */
async function ensureActiveRegistered(store: Pick<Store, 'models'>, at: Date): Promise<string> {
  const active = await store.models.active();
  if (active) return active._id;
  const builtIn = committedModel();
  // False when registered already (by a command, or an earlier activation since rolled back from).
  await store.models.insert({
    ...builtIn,
    origin: 'committed',
    registered: { by: 'system', at },
    status: ModelStatus.Retired,
  });
  return builtIn._id;
}

/** A model as lists show it: the registry's, plus the committed model while it is in force. */
export type ListedModel = ModelSummary & {
  /** The model classify workers use now. */
  inForce: boolean;
  /** The committed model, not (or not yet) in the registry. */
  committed: boolean;
};

/**
 * Every registered model, and the committed one when it is not registered: in force first, then
 * the shadow run, then the rest, newest registration first.
 */
export async function listModels(store: Pick<Store, 'models'>): Promise<ListedModel[]> {
  const models = await store.models.list();
  const hasActive = models.some((m) => m.status === ModelStatus.Active);
  const builtIn = committedModel();
  const listed: ListedModel[] = models.map((m) => ({
    ...m,
    // Without an active model in the registry, the committed one is in force (even if registered).
    status: !hasActive && m._id === builtIn._id ? ModelStatus.Active : m.status,
    inForce: m.status === ModelStatus.Active || (!hasActive && m._id === builtIn._id),
    committed: false,
  }));
  if (!models.some((m) => m._id === builtIn._id)) {
    const summary: Omit<ModelFile, 'json'> & { json?: string } = { ...builtIn };
    delete summary.json;
    listed.push({
      ...summary,
      origin: 'committed',
      registered: { by: 'system', at: new Date(0) },
      status: hasActive ? ModelStatus.Retired : ModelStatus.Active,
      inForce: !hasActive,
      committed: true,
    });
  }
  const rank = (m: ListedModel) => (m.inForce ? 0 : m.status === ModelStatus.Shadow ? 1 : 2);
  return listed.sort((a, b) => rank(a) - rank(b));
}
