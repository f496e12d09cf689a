import { CommanderError, type Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../../bin/commands/program.js';

/** Runs the command line in this process, as the binary would, capturing what it prints. */
async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const program = createProgram({
    writeOut: (text) => void (out += text),
    writeErr: (text) => void (err += text),
  });
  try {
    await program.parseAsync(args, { from: 'user' });
    return { code: 0, out, err };
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return { code: error.exitCode, out, err };
  }
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
});
