import { fileURLToPath } from 'node:url';
import type { AdText, LexiconOverride, RiskAssessment } from '../../classifiers/index.js';
import { type SourceConfig } from '../../config/index.js';
import { SkippedPageError } from '../../crawlers/index.js';
import { TimedThreadPool, type TimeLimit } from './timed-thread-pool.js';
import type {
  ClassifyInput,
  ExtractInput,
  ExtractOutcome,
  TaskOutcome,
  ThreadSettings,
} from './thread.tasks.js';
import {
  AdwatchError,
  ErrorCode,
  ExternalError,
  type Logger,
  type ExtractedAd,
} from '../../core/index.js';

export interface PipelineThreadsOptions {
  /** Config `classifier.threads`. */
  threads: number;
  /** Config `classifier.timeoutMillis`: the limit of each classification and extraction. */
  timeoutMillis: number;
  flagThreshold: number;
  logger: Logger;
}

/**
 * Classification and extraction in worker threads, so that neither blocks the event loop that
 * renews the jobs' locks and serves the dashboard. Each task has the time limit; one that runs
 * out of it loses its thread (a new one takes its place) and fails with ADW_CLASSIFY_TIMEOUT or
 * ADW_EXTRACT_TIMEOUT, not retryable: the same text would run as long again.
 */
export class PipelineThreads {
  readonly #pool: TimedThreadPool;
  readonly #timeoutMillis: number;
  #closed: Promise<void> | undefined;

  constructor(options: PipelineThreadsOptions) {
    this.#timeoutMillis = options.timeoutMillis;
    const settings: ThreadSettings = { flagThreshold: options.flagThreshold };
    this.#pool = new TimedThreadPool({
      filename: fileURLToPath(new URL('./thread.entry.js', import.meta.url)),
      threads: options.threads,
      workerData: settings,
      onError: (error) => options.logger.error(`worker thread failed, replaced: ${error.message}`),
    });
  }

  /** Tasks that a thread is working on now. */
  get running(): number {
    return this.#pool.running;
  }

  /**
   * The classifier's verdict on the ad, as `Classifier.assess` gives it in process, with the
   * stored override in force (null: the shipped lexicon and configured threshold) and the model
   * (null: the committed model; else a registered model's version and local file).
   */
  async classify(
    ad: AdText,
    override: LexiconOverride | null = null,
    model: ClassifyInput['model'] = null,
  ): Promise<RiskAssessment> {
    const input: ClassifyInput = { ad, override, model };
    const outcome = await this.#pool.run<TaskOutcome<RiskAssessment>>(
      'classify',
      input,
      this.#limit(ErrorCode.ClassifyTimeout, 'classifying the ad'),
    );
    return valueOf(outcome);
  }

  /** The ad read from a captured page, as `adapterFor(source).extract` reads it in process. */
  async extract(source: SourceConfig, html: string, url: string): Promise<ExtractedAd> {
    const input: ExtractInput = { source, html, url };
    const outcome = await this.#pool.run<ExtractOutcome>(
      'extract',
      input,
      this.#limit(ErrorCode.ExtractTimeout, `reading the ad from ${url}`),
    );
    if ('skipped' in outcome) throw new SkippedPageError(url, outcome.skipped);
    return valueOf(outcome);
  }

  /** Terminates the threads (a task still running fails); the same promise on every call. */
  close(): Promise<void> {
    this.#closed ??= this.#pool.close();
    return this.#closed;
  }

  #limit(code: ErrorCode, what: string): TimeLimit {
    const millis = this.#timeoutMillis;
    return {
      millis,
      error: () =>
        new ExternalError(
          code,
          `${what} took longer than classifier.timeoutMillis (${millis} ms) and was stopped; ` +
            'a text or page this costly is hostile, else raise ADWATCH_CLASSIFIER_TIMEOUT_MILLIS',
          { retryable: false },
        ),
    };
  }
}

/** The task's value, or the error it failed with, rebuilt on this side of the thread boundary. */
function valueOf<T>(outcome: TaskOutcome<T>): T {
  if ('value' in outcome) return outcome.value;
  const { code, message, retryable } = outcome.failure;
  throw new AdwatchError(code, message, { retryable });
}
