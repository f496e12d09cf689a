/**
 * The tasks worker threads run: classification and extraction, the pipeline's CPU-heavy steps,
 * each a pure function of what it is sent. Loaded in the thread by thread.entry.js; the main
 * thread imports only its types. Results cross back by structured clone, which keeps plain data
 * (and Dates) but not error classes, so an AdwatchError comes back as a failure with its code.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type {
  AdText,
  Classifier,
  LexiconOverride,
  RiskAssessment,
} from '../../classifiers/index.js';
import { type SourceConfig } from '../../config/index.js';
import { startedMessage } from './task-started.js';
import { AdwatchError, type ErrorCode, type ExtractedAd } from '../../core/index.js';

/** What every thread is started with. */
export interface ThreadSettings {
  flagThreshold: number;
}

/** One task as sent to a thread: its input and the id it reports starting under. */
export interface ThreadTask<T> {
  id: number;
  input: T;
}

/** An ad to classify, with the stored override in force (the worker reads it from MongoDB). */
export interface ClassifyInput {
  ad: AdText;
  override: LexiconOverride | null;
  /**
   * A registered model to score with (its file's local copy), null for the committed model. A
   * thread loads each model once and keeps the last few, so only the path crosses per task.
   */
  model: { version: string; path: string } | null;
}

export interface ExtractInput {
  source: SourceConfig;
  /** The page's decoded text. */
  html: string;
  url: string;
}

/** The AdwatchError a task failed with, as data (its class does not survive the crossing). */
export interface TaskFailure {
  failure: { code: ErrorCode; message: string; retryable: boolean };
}

/** A task's result: its value, or the AdwatchError it failed with. */
export type TaskOutcome<T> = { value: T } | TaskFailure;

/** Extraction's result may also be a page without an ad, with the reason (SkippedPageError). */
export type ExtractOutcome = TaskOutcome<ExtractedAd> | { skipped: string };

// Ads in each language the classifier reads, run once by a new classifier: a thread's first
// real ad then runs warm code, and the time limit measures the ad rather than V8's compiler.
const WARM_UP: AdText[] = [
  {
    title: 'Hostess',
    text: 'Girls 18-25 wanted for a club in Dubai, free visa, WhatsApp +971 50 123 4567.',
  },
  {
    title: 'Работа',
    text: 'Требуются девушки в ночной клуб в Стамбуле, зарплата 3000$ в месяц, билеты бесплатно.',
  },
  {
    title: 'Աշխատանք',
    text: 'Պահանջվում է հաշվապահ, աշխատավարձը 300000 դրամ ամսական, աշխատանքային պայմանագիր։',
  },
  {
    title: 'Rabota',
    text: 'trebuyutsya devushki v klub, zarplata vysokaya, pishite tolko v vatsap.',
  },
];
const WARM_UP_ROUNDS = 5;

/** Loaded classifiers by model file ('' for the committed model), oldest first. */
const classifiers = new Map<string, Promise<Classifier>>();
/** Models a thread keeps loaded: the active one, a shadow run's, and one being replaced. */
const MAX_LOADED_MODELS = 3;
/** Each loaded classifier with the override of its last task (versions are never edited). */
const overridden = new WeakMap<Classifier, { id: string; classifier: Classifier }>();

/** Scores one ad. The classifier is loaded on the first task, so threads that only extract skip it. */
export function classify(task: ThreadTask<ClassifyInput>): Promise<TaskOutcome<RiskAssessment>> {
  return outcomeOf(async () => {
    const { ad, override, model } = task.input;
    const loaded = await classifierFor(model?.path ?? '');
    parentPort?.postMessage(startedMessage(task.id));
    return { value: withOverride(loaded, override).assess(ad) };
  });
}

function classifierFor(modelPath: string): Promise<Classifier> {
  let loaded = classifiers.get(modelPath);
  if (!loaded) {
    loaded = loadClassifier(modelPath);
    classifiers.set(modelPath, loaded);
    // A model that failed to load is tried again by the next task.
    loaded.catch(() => classifiers.delete(modelPath));
    for (const key of classifiers.keys()) {
      if (classifiers.size <= MAX_LOADED_MODELS) break;
      classifiers.delete(key);
    }
  }
  return loaded;
}

function withOverride(loaded: Classifier, override: LexiconOverride | null): Classifier {
  if (!override) return loaded;
  let kept = overridden.get(loaded);
  if (kept?.id !== override.id) {
    kept = { id: override.id, classifier: loaded.withOverride(override) };
    overridden.set(loaded, kept);
  }
  return kept.classifier;
}

/** Reads the ad from a captured page, as the source's adapter does. */
export function extract(task: ThreadTask<ExtractInput>): Promise<ExtractOutcome> {
  return outcomeOf<ExtractOutcome>(async () => {
    const { adapterFor, SkippedPageError } = await import('../../crawlers/index.js');
    const { source, html, url } = task.input;
    parentPort?.postMessage(startedMessage(task.id));
    try {
      return { value: adapterFor(source).extract(source, html, url) };
    } catch (error) {
      if (error instanceof SkippedPageError) return { skipped: error.reason };
      throw error;
    }
  });
}

async function loadClassifier(modelPath: string): Promise<Classifier> {
  const { createClassifier } = await import('../../classifiers/index.js');
  const settings = workerData as ThreadSettings;
  const loaded = createClassifier({
    flagThreshold: settings.flagThreshold,
    ...(modelPath ? { modelPath } : {}),
  });
  for (let round = 0; round < WARM_UP_ROUNDS; round++) WARM_UP.forEach((ad) => loaded.assess(ad));
  return loaded;
}

/** Other errors are thrown, and arrive in the main thread as plain Errors (retried as bugs are). */
async function outcomeOf<O>(work: () => Promise<O>): Promise<O | TaskFailure> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof AdwatchError)) throw error;
    return {
      failure: { code: error.code, message: error.message, retryable: error.retryable },
    };
  }
}
