import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseSchedule } from '../../config/index.js';
import { ConfigError, ErrorCode } from '../../core/index.js';

function dirWith(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'adwatch-config-'));
  writeFileSync(join(dir, 'adwatch.yaml'), yaml);
  return dir;
}

function errorOf(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const validSource = `
sources:
  - id: list-am
    type: http
    listingUrls: [https://example.org/jobs]
    adLinkSelector: a.ad
    schedule: every 15 minutes
    detail: { body: .body }
`;

describe('loadConfig', () => {
  it('gives working defaults when there is no file and no environment', () => {
    const { config, file } = loadConfig({
      env: {},
      cwd: mkdtempSync(join(tmpdir(), 'adwatch-empty-')),
    });
    expect(file).toBeUndefined();
    expect(config.dashboard.port).toBe(8080);
    expect(config.sources).toEqual([]);
    expect(config.dataDir).toMatch(/\/data$/);
    expect(Object.isFrozen(config.queues)).toBe(true);
    // No prefix: the installation's own queues (workers/installation.ts).
    expect(config.queues.prefix).toBeUndefined();
    expect(config.queues.attempts).toBe(5);
  });

  it('reads ./adwatch.yaml and fills source defaults', () => {
    const cwd = dirWith(validSource);
    const { config, file } = loadConfig({ env: {}, cwd });
    expect(file).toBe(join(cwd, 'adwatch.yaml'));
    expect(config.sources[0]).toMatchObject({
      id: 'list-am',
      schedule: { everyMillis: 900_000 },
      maxPages: 20,
      allowPrivateNetwork: false,
      detail: { title: 'h1', body: '.body' },
    });
  });

  it('lets environment variables override the file', () => {
    const cwd = dirWith('dashboard: { port: 9000 }\n');
    const { config } = loadConfig({
      env: { ADWATCH_PORT: '9100', ADWATCH_FLAG_THRESHOLD: '75' },
      cwd,
    });
    expect(config.dashboard.port).toBe(9100);
    expect(config.classifier.flagThreshold).toBe(75);
  });

  it('names the field and the expected form for every problem in a file', () => {
    const cwd = dirWith(`
dashboard: { port: 70000 }
queues: { prefix: "bad:prefix" }
sources:
  - id: Bad Id
    type: http
    listingUrls: [ftp://example.org]
    adLinkSelector: a
    schedule: every 5 minutez
    detail: { body: .b }
  - id: x
    type: rss
colour: blue
`);
    const message = errorOf(() => loadConfig({ env: {}, cwd })).message;
    expect(message).toContain(join(cwd, 'adwatch.yaml'));
    expect(message).toContain('dashboard.port: must be a port number between 0 and 65535');
    expect(message).toContain('queues.prefix: must be 1-40 letters, digits, _ or -');
    expect(message).toContain('sources[0].id: must be 1-63 lowercase letters');
    expect(message).toContain('sources[0].listingUrls[0]: must be an http:// or https:// URL');
    expect(message).toContain(
      'sources[0].schedule: "every 5 minutez" is not a cron expression or interval (e.g. "*/5 * * * *"',
    );
    expect(message).toContain('sources[1].type: must be "http"');
    expect(message).toContain('Unrecognized key: "colour"');
  });

  it('reports duplicate source ids', () => {
    const cwd = dirWith(`${validSource}${validSource.replace('sources:\n', '')}`);
    expect(errorOf(() => loadConfig({ env: {}, cwd })).message).toContain(
      'sources[1].id: "list-am" is used by more than one source',
    );
  });

  it('reports YAML syntax errors with their position', () => {
    const cwd = dirWith('dashboard:\n  port: [8080\n');
    const error = errorOf(() => loadConfig({ env: {}, cwd }));
    expect(error.code).toBe(ErrorCode.ConfigInvalid);
    expect(error.message).toMatch(/is not valid YAML:[\s\S]*line \d+/);
  });

  it('rejects a file whose top level is not a mapping', () => {
    const cwd = dirWith('- just\n- a list\n');
    expect(errorOf(() => loadConfig({ env: {}, cwd })).message).toContain(
      'the top level must be a mapping of settings',
    );
  });

  it('says which environment variable is wrong', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'adwatch-env-'));
    expect(errorOf(() => loadConfig({ env: { ADWATCH_PORT: 'eighty' }, cwd })).message).toBe(
      'ADWATCH_PORT: "eighty" is not a number; set it to digits only or unset it',
    );
    expect(errorOf(() => loadConfig({ env: { ADWATCH_DEMO: 'maybe' }, cwd })).message).toBe(
      'ADWATCH_DEMO: "maybe" is not a boolean; use true or false',
    );
    expect(
      errorOf(() => loadConfig({ env: { REDIS_URL: 'http://localhost' }, cwd })).message,
    ).toContain('REDIS_URL (redis.url): must be a redis:// or rediss:// URL');
    expect(
      errorOf(() => loadConfig({ env: { ADWATCH_FLAG_THRESHOLD: '150' }, cwd })).message,
    ).toContain('ADWATCH_FLAG_THRESHOLD (classifier.flagThreshold):');
  });

  it('fails clearly when ADWATCH_CONFIG points at a missing file', () => {
    const error = errorOf(() =>
      loadConfig({ env: { ADWATCH_CONFIG: '/nonexistent/adwatch.yaml' } }),
    );
    expect(error.code).toBe(ErrorCode.ConfigFileUnreadable);
    expect(error.message).toContain('ADWATCH_CONFIG: no file at /nonexistent/adwatch.yaml');
  });
});

describe('parseSchedule', () => {
  it.each([
    ['every 10 minutes', { everyMillis: 600_000 }],
    ['15m', { everyMillis: 900_000 }],
    ['every 2h', { everyMillis: 7_200_000 }],
    ['*/5 * * * *', { cron: '*/5 * * * *' }],
    ['0 6 * * 1-5', { cron: '0 6 * * 1-5' }],
  ])('reads "%s"', (text, expected) => {
    expect(parseSchedule(text)).toEqual(expected);
  });

  it.each(['every 5 minutez', 'sometimes', '61 * * * *', ''])('rejects "%s"', (text) => {
    expect(parseSchedule(text)).toBeUndefined();
  });
});

describe('config/adwatch.example.yaml', () => {
  it('is a valid configuration', () => {
    const { config } = loadConfig({
      env: {
        ADWATCH_CONFIG: join(import.meta.dirname, '..', '..', 'config', 'adwatch.example.yaml'),
      },
    });
    expect(config.sources.map((s) => s.id)).toEqual(['example-classifieds', 'example-spa-jobs']);
    expect(config.sources[1]?.schedule).toEqual({ cron: '0 */2 * * *' });
  });
});
