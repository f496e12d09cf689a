import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../store/index.js';
import { committedModel } from '../../workers/index.js';
import { commandTestEnv, runCli } from '../helpers/cli.js';
import { candidateModelText } from '../helpers/models.js';
import { openTestStore, testConfig } from '../helpers/services.js';

describe('adwatch models', () => {
  let store: Store;
  let cli: ReturnType<typeof commandTestEnv>;
  let file: string;
  let version: string;

  beforeAll(async () => {
    const config = testConfig();
    store = await openTestStore(config);
    cli = commandTestEnv(config.mongo.database, 'models');
    file = join(cli.env.ADWATCH_DATA_DIR ?? '', 'candidate.json');
    const text = candidateModelText();
    writeFileSync(file, text);
    version = (JSON.parse(text) as { version: string }).version;
  });

  afterAll(async () => {
    await store.dropDatabase();
    await store.close();
    cli.remove();
  });

  it('lists the committed model as active while the registry is empty', async () => {
    const result = await runCli(['models', 'list', '--json'], cli.env);
    expect(result.code, result.stderr).toBe(0);
    const listed = JSON.parse(result.stdout) as { _id: string; status: string; inForce: boolean }[];
    expect(listed).toMatchObject([
      { _id: committedModel()._id, status: 'active', inForce: true, committed: true },
    ]);
  });

  it('registers a model file once, as a candidate with its figures, audited', async () => {
    const result = await runCli(['models', 'register', file], cli.env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`registered ${version}`);
    expect(result.stdout).toContain('heldOut: {');
    const again = await runCli(['models', 'register', file], cli.env);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('already registered');
    const listed = await runCli(['models', 'list'], cli.env);
    expect(listed.stdout).toMatch(new RegExp(`${version.replace(/[+.]/g, '\\$&')}  candidate`));
    const audit = await store.audit.list({ actor: 'cli' }, null, 10);
    expect(
      audit.items.filter((e) => e.action === 'model_register').map((e) => e.details),
    ).toMatchObject([{ version }]);
  });

  it('refuses a file that is not a model, saying what is wrong', async () => {
    const broken = join(cli.env.ADWATCH_DATA_DIR ?? '', 'broken.json');
    writeFileSync(broken, '{"format": "something-else/1", "version": "x"}');
    const result = await runCli(['models', 'register', broken], cli.env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('format "something-else/1" is not one this version reads');
    writeFileSync(broken, '{not json');
    expect((await runCli(['models', 'register', broken], cli.env)).stderr).toContain('not JSON');
  });

  it('refuses to activate a candidate without a shadow run', async () => {
    const result = await runCli(['models', 'activate', version], cli.env);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('has no shadow run');
  });
});
