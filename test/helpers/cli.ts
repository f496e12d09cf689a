import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import type { CommandIO } from '../../bin/commands/command-io.js';
import { runProgram } from '../../bin/commands/run.js';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cliPath = join(repoRoot, 'bin', 'adwatch.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `adwatch <args>` to completion in this process, through the command registry as the binary
 * runs it, in a clean environment plus `env`, with `input` on its standard input.
 */
export async function runCli(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
): Promise<CliResult> {
  const io = capturingIO(cliEnv(env), input);
  const code = await runProgram(args, io);
  return { code, ...io.captured() };
}

/**
 * Runs the real binary (`node bin/adwatch.js <args>`) to completion, for what needs a process of
 * its own: the smoke test, exit and crash behaviour, signals.
 */
export function spawnCli(
  args: string[],
  env: Record<string, string> = {},
  input?: string,
): Promise<CliResult> {
  return runToEnd(process.execPath, [cliPath, ...args], cliEnv(env), input);
}

/**
 * A command's I/O inside the test process: what it prints is collected, standard input holds
 * `input`, and it receives no signals (so it adds no process listener).
 */
export function capturingIO(
  env: NodeJS.ProcessEnv,
  input = '',
): CommandIO & { captured(): { stdout: string; stderr: string } } {
  let stdout = '';
  let stderr = '';
  const collector = (append: (text: string) => void): Writable =>
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        append(chunk.toString('utf8'));
        done();
      },
    });
  return {
    stdout: collector((text) => (stdout += text)),
    stderr: collector((text) => (stderr += text)),
    stdin: Readable.from(input === '' ? [] : [Buffer.from(input)], { objectMode: false }),
    env,
    onSignal: () => () => undefined,
    captured: () => ({ stdout, stderr }),
  };
}

/** Runs a program from the repository's root to completion, collecting what it prints. */
export function runToEnd(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  input?: string,
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** A long-running `adwatch` process whose output is collected as it comes. */
export interface CliProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first match of pattern in the output. */
  waitForOutput(pattern: RegExp, timeoutMillis?: number): Promise<RegExpMatchArray>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
}

export function startCli(args: string[], env: Record<string, string> = {}): CliProcess {
  const child = spawn(process.execPath, [cliPath, ...args], {
    cwd: repoRoot,
    env: cliEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer): void => {
    output += chunk.toString();
    listeners.forEach((listener) => listener());
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  return {
    child,
    output: () => output,
    exited,
    waitForOutput: (pattern, timeoutMillis = 90_000) =>
      new Promise((resolve, reject) => {
        const check = (): void => {
          const match = output.match(pattern);
          if (!match) return;
          cleanup();
          resolve(match);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `no ${String(pattern)} in output within ${timeoutMillis} ms:\n${output.slice(-3000)}`,
            ),
          );
        }, timeoutMillis);
        const cleanup = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        void exited.then(() => {
          if (!output.match(pattern)) {
            cleanup();
            reject(
              new Error(
                `process exited before printing ${String(pattern)}:\n${output.slice(-3000)}`,
              ),
            );
          }
        });
        listeners.add(check);
        check();
      }),
  };
}

/** The test process's environment without adwatch settings, so only what a test passes applies. */
export function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(ADWATCH_|REDIS_URL|MONGODB_URI|CHROMIUM_PATH|VITEST|NODE_ENV)/.test(name),
    ),
  );
  return { ...base, FORCE_COLOR: '0', ...env };
}

/**
 * The environment of a command run against a test database: its own data directory (so that no
 * instance running from the repository is found instead), MongoDB, silent logs. `remove()` deletes
 * the directory.
 */
export function commandTestEnv(
  database: string,
  name: string,
): { env: Record<string, string>; remove(): void } {
  const dataDir = mkdtempSync(join(tmpdir(), `adwatch-${name}-`));
  return {
    env: {
      ADWATCH_DATA_DIR: dataDir,
      MONGODB_URI: inject('mongoUri'),
      ADWATCH_MONGO_DATABASE: database,
      ADWATCH_LOG_LEVEL: 'silent',
    },
    remove: () => rmSync(dataDir, { recursive: true, force: true }),
  };
}
