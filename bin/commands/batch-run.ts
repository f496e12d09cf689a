import { InvalidArgumentError } from 'commander';

/** Exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells report it. */
export const interruptedExitCode = 130;

/** `--batch-size`: a whole number between 1 and 10000. */
export function parseBatchSize(value: string): number {
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > 10_000)
    throw new InvalidArgumentError('give a whole number between 1 and 10000');
  return size;
}

/**
 * Runs a batch walk that a first Ctrl-C stops after the batch in progress (the signal aborts) and
 * a second Ctrl-C stops at once.
 */
export async function withBatchInterrupt<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const stop = new AbortController();
  const onSigint = (): void => {
    process.stderr.write('stopping after this batch (Ctrl-C again to stop at once)\n');
    stop.abort();
    process.once('SIGINT', () => process.exit(interruptedExitCode));
  };
  process.once('SIGINT', onSigint);
  try {
    return await run(stop.signal);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
