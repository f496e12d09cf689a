import { Piscina } from 'piscina';
import { startedTaskId } from './task-started.js';

export interface TimedThreadPoolOptions {
  /** Path of the module the threads load, a .js file (see thread.entry.js). */
  filename: string;
  threads: number;
  /** Handed to every thread as `workerData`. */
  workerData: unknown;
  /** Told of a thread that failed while running no task (piscina replaces it). */
  onError: (error: Error) => void;
}

/** How long a task may run in its thread, and what it fails with when it runs longer. */
export interface TimeLimit {
  millis: number;
  error: () => Error;
}

/**
 * A fixed number of worker threads whose tasks each have a time limit, counted from the moment a
 * thread starts the task (the thread posts a started message, see task-started.ts), not while
 * the task waits for a free thread. A task out of time has its thread terminated, the only way
 * to stop JavaScript that never yields, and replaced; the task fails with the limit's error.
 * Piscina does the pooling: aborting the signal of a running task terminates its thread.
 */
export class TimedThreadPool {
  readonly #pool: Piscina;
  /** Starts the time limit of each task that has been handed to piscina and not started yet. */
  readonly #onStart = new Map<number, () => void>();
  #lastId = 0;
  #running = 0;

  constructor(options: TimedThreadPoolOptions) {
    this.#pool = new Piscina({
      filename: options.filename,
      minThreads: options.threads,
      maxThreads: options.threads,
      workerData: options.workerData,
    });
    this.#pool.on('message', (message: unknown) => {
      const id = startedTaskId(message);
      if (id !== undefined) this.#onStart.get(id)?.();
    });
    // Without a listener, an 'error' event would end the process.
    this.#pool.on('error', options.onError);
  }

  /** Tasks that a thread is working on now. */
  get running(): number {
    return this.#running;
  }

  /** Runs the named export of the thread module on `{ id, input }` within the time limit. */
  async run<T>(name: string, input: unknown, limit: TimeLimit): Promise<T> {
    const id = ++this.#lastId;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    this.#onStart.set(id, () => {
      this.#onStart.delete(id);
      this.#running += 1;
      timer = setTimeout(() => controller.abort(limit.error()), limit.millis);
    });
    try {
      return (await this.#pool.run({ id, input }, { name, signal: controller.signal })) as T;
    } catch (error) {
      // Piscina rejects an aborted task with its own AbortError; the limit's error says more.
      throw controller.signal.aborted ? (controller.signal.reason as Error) : error;
    } finally {
      this.#onStart.delete(id);
      if (timer) {
        clearTimeout(timer);
        this.#running -= 1;
      }
    }
  }

  /** Terminates the threads, and with them any task still running. */
  close(): Promise<void> {
    return this.#pool.destroy();
  }
}
