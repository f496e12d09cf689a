import type { Readable, Writable } from 'node:stream';

/**
 * What a command reads and writes instead of the process's own streams and environment, so that
 * tests run the command line in their own process and capture what it prints.
 */
export interface CommandIO {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  env: NodeJS.ProcessEnv;
  /**
   * Calls `listener` on each Ctrl-C (SIGINT) or stop signal (SIGTERM) until the returned function
   * is called. Only the binary listens to the process's signals: in-process runs get none, so they
   * add no process listener.
   */
  onSignal(signals: NodeJS.Signals[], listener: (signal: NodeJS.Signals) => void): () => void;
}

/** The binary's I/O: the process's streams, environment and signals. */
export function processIO(): CommandIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    onSignal: (signals, listener) => {
      for (const signal of signals) process.on(signal, listener);
      return () => {
        for (const signal of signals) process.off(signal, listener);
      };
    },
  };
}

/** Whether the command writes to the process's own terminal or pipe (not to a test's capture). */
export function isProcessIO(io: CommandIO): boolean {
  return io.stdout === process.stdout;
}

/**
 * Ends a command with an exit code after it has printed what it had to say (a broken audit trail,
 * an interrupted run, a verdict): the runner maps it to the code and prints nothing more.
 */
export class CommandExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit code ${exitCode}`);
    this.name = 'CommandExit';
  }
}
