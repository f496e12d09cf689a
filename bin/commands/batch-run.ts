import { InvalidArgumentError } from 'commander';
import type { CommandIO } from './command-io.js';

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
export async function withBatchInterrupt<T>(
  io: CommandIO,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const stop = new AbortController();
  const stopListening = io.onSignal(['SIGINT'], () => {
    // Only the binary receives signals, so exiting here never ends a test's process.
    if (stop.signal.aborted) process.exit(interruptedExitCode);
    io.stderr.write('stopping after this batch (Ctrl-C again to stop at once)\n');
    stop.abort();
  });
  try {
    return await run(stop.signal);
  } finally {
    stopListening();
  }
}
