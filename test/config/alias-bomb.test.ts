import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/index.js';
import { spawnCli } from '../helpers/cli.js';
import { ConfigError, ErrorCode } from '../../core/index.js';

/** Nine levels of nine aliases each: 9^9 (387 million) strings once expanded. */
function aliasBomb(): string {
  const names = 'abcdefghi'.split('');
  const lines = [`a: &a [${Array(9).fill('"lol"').join(', ')}]`];
  for (const [index, name] of names.slice(1).entries()) {
    lines.push(`${name}: &${name} [${Array(9).fill(`*${names[index]}`).join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}

function configFile(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'adwatch-alias-bomb-'));
  const file = join(dir, 'adwatch.yaml');
  writeFileSync(file, yaml);
  return file;
}

describe('a YAML alias bomb in the configuration', () => {
  it('is refused with a coded configuration error that names the file and the cause', () => {
    const file = configFile(aliasBomb());
    let thrown: unknown;
    try {
      loadConfig({ env: { ADWATCH_CONFIG: file } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const error = thrown as ConfigError;
    expect(error.code).toBe(ErrorCode.ConfigInvalid);
    expect(error.message).toContain(file);
    expect(error.message).toContain('billion laughs');
  });

  it('still accepts a configuration that uses a few aliases', () => {
    const file = configFile(
      'dashboard: &d { port: 9001 }\nredis: {}\ncrawler:\n  hosts:\n    a.example: &limits { maxConcurrency: 2 }\n    b.example: *limits\n',
    );
    const { config } = loadConfig({ env: { ADWATCH_CONFIG: file } });
    expect(config.crawler.hosts['b.example']).toMatchObject({ maxConcurrency: 2 });
  });

  it(
    'ends the command with the configuration exit code 1 and no stack trace',
    { timeout: 120_000 },
    async () => {
      const file = configFile(aliasBomb());
      const result = await spawnCli(['keys', 'show'], { ADWATCH_CONFIG: file });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`adwatch: ${file} cannot be read as settings`);
      expect(result.stderr).not.toContain('    at ');
    },
  );
});
