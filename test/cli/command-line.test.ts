import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../bin/commands/program.js';
import { runCli, spawnCli } from '../helpers/cli.js';

/** Runs the command line in this process, as the binary would, capturing what it prints. */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const result = await runCli(args);
  return { code: result.code ?? -1, out: result.stdout, err: result.stderr };
}

/** Every command path of the program (`user add`, `keys show`, ...), leaves and groups. */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((sub) => {
    const path = [...prefix, sub.name()];
    return [path, ...commandPaths(sub, path)];
  });
}

describe('the adwatch command line', () => {
  it('prints help for every command and subcommand, and starts nothing', async () => {
    const paths = commandPaths(createProgram());
    expect(paths.map((path) => path.join(' '))).toEqual(
      expect.arrayContaining([
        'up',
        'worker',
        'scheduler',
        'dashboard',
        'status',
        'rescore',
        'retention report',
        'retention run',
      ]),
    );
    for (const path of paths) {
      const result = await run([...path, '--help']);
      expect(result.code, path.join(' ')).toBe(0);
      expect(result.out, path.join(' ')).toContain(`Usage: adwatch ${path.join(' ')}`);
      expect(result.out, path.join(' ')).toMatch(/Options:/);
    }
  });

  it('refuses an unknown queue, naming the queues there are', async () => {
    const bad = await run(['worker', '--queues', 'crawl,bogus']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain(
      'unknown queue "bogus"; choose from crawl, extract, classify, link, alerts',
    );
  });

  it('refuses an unknown command with a pointer to --help', async () => {
    const bad = await run(['stauts']);
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain("unknown command 'stauts'");
    expect(bad.err).toContain('--help');
  });

  it('runs as the real binary: its version, and an ad scored from standard input', async () => {
    const version = await spawnCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);

    const ad = {
      id: 'smoke-1',
      title: 'Waitress abroad',
      text: 'Free flight, passport kept by us',
    };
    const scored = await spawnCli(['score', '--input', '-'], {}, `${JSON.stringify(ad)}\n`);
    expect(scored.code, scored.stderr).toBe(0);
    const line = JSON.parse(scored.stdout) as { id: string; score: unknown };
    expect(line.id).toBe('smoke-1');
    expect(typeof line.score).toBe('number');
    const empty = await spawnCli(['score', '--input', '-'], {}, '');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('no ad could be read');
  });
});
