import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { ensureFirstAdmin, verifyPassword } from '../../dashboard/index.js';
import type { Store } from '../../store/index.js';
import { runCli } from '../helpers/cli.js';
import { openTestStore, testConfig } from '../helpers/services.js';

describe('adwatch user', () => {
  let store: Store;
  let env: Record<string, string>;

  beforeEach(async () => {
    const config = testConfig();
    store = await openTestStore(config);
    env = {
      MONGODB_URI: inject('mongoUri'),
      REDIS_URL: inject('redisUrl'),
      ADWATCH_MONGO_DATABASE: config.mongo.database,
      ADWATCH_LOG_LEVEL: 'silent',
    };
  });
  afterEach(async () => {
    await store.dropDatabase();
    await store.close();
  });

  it('adds and lists accounts, reading the password from stdin', async () => {
    const added = await runCli(
      ['user', 'add', '--username', 'Anna', '--role', 'analyst', '--password-stdin'],
      env,
      'a long enough passphrase\n',
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('created analyst "anna"');
    const user = await store.users.findByUsername('anna');
    expect(user?.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('a long enough passphrase', user?.passwordHash ?? '')).toBe(true);
    expect(JSON.stringify(user)).not.toContain('a long enough passphrase');

    const again = await runCli(
      ['user', 'add', '--username', 'anna', '--role', 'admin', '--password-stdin'],
      env,
      'another long passphrase',
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');

    const list = await runCli(['user', 'list', '--json'], env);
    expect(JSON.parse(list.stdout)).toEqual([
      expect.objectContaining({
        username: 'anna',
        role: 'analyst',
        disabled: false,
        lastLoginAt: null,
      }),
    ]);
    expect((await runCli(['user', 'list'], env)).stdout).toMatch(/^anna\s+analyst\s+active/);
    expect((await store.audit.list({}, null, 10)).items.map((e) => e.action)).toEqual(['user_add']);
  }, 300_000);

  it('resets a password and disables an account, ending its sessions', async () => {
    await store.users.insert({
      username: 'anna',
      role: 'analyst',
      passwordHash: 'scrypt$1$1$1$x$y',
    });
    const now = new Date();
    const session = {
      username: 'anna',
      csrfToken: 't',
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + 60_000),
    };
    await store.sessions.insert({ _id: 'session-1', ...session });

    const reset = await runCli(
      ['user', 'reset', '--username', 'anna', '--password-stdin'],
      env,
      'a brand new passphrase',
    );
    expect(reset.code).toBe(0);
    expect(
      await verifyPassword(
        'a brand new passphrase',
        (await store.users.findByUsername('anna'))?.passwordHash ?? '',
      ),
    ).toBe(true);

    expect(await store.sessions.findById('session-1')).toBeNull();
    await store.sessions.insert({ _id: 'session-2', ...session });
    const disabled = await runCli(['user', 'disable', '--username', 'anna'], env);
    expect(disabled.code).toBe(0);
    expect((await store.users.findByUsername('anna'))?.disabled).toBe(true);
    expect(await store.sessions.findById('session-2')).toBeNull();
    const missing = await runCli(['user', 'disable', '--username', 'nobody'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no user "nobody"');

    const actions = (await store.audit.list({}, null, 10)).items.map((e) => e.action);
    expect(actions).toEqual(['user_disable', 'user_reset']);
  }, 300_000);

  it('refuses short passwords and unknown roles with a clear message', async () => {
    const short = await runCli(
      ['user', 'add', '--username', 'bob', '--role', 'analyst', '--password-stdin'],
      env,
      'short',
    );
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 12 characters');
    for (const weak of [' '.repeat(12), 'aaaaaaaaaaaa', '123456789012']) {
      const refused = await runCli(
        ['user', 'add', '--username', 'bob', '--role', 'analyst', '--password-stdin'],
        env,
        `${weak}\n`,
      );
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('too easy to guess');
      expect(refused.stderr).toContain('a strength of at least 3 of 4');
    }
    const role = await runCli(
      ['user', 'add', '--username', 'bob', '--role', 'boss', '--password-stdin'],
      env,
      'long enough password',
    );
    expect(role.code).not.toBe(0);
    expect(role.stderr).toContain('must be one of analyst, supervisor, admin');
    expect(await store.users.count()).toBe(0);
  }, 300_000);

  it('unlocks an account locked by failed logins, audited, and lists the lock', async () => {
    await store.users.insert({
      username: 'anna',
      role: 'analyst',
      passwordHash: 'scrypt$1$1$1$x$y',
    });
    const policy = { maxFailures: 5, windowMillis: 900_000, lockMillis: 900_000 };
    const at = new Date();
    for (let i = 0; i < 5; i++) await store.users.recordFailedLogin('anna', at, policy);
    const lockedUntil = (await store.users.findByUsername('anna'))?.lockedUntil;
    expect(lockedUntil?.getTime()).toBeGreaterThan(Date.now());
    const listed = await runCli(['user', 'list'], env);
    expect(listed.stdout).toContain(`LOCKED until ${lockedUntil?.toISOString()}`);

    const unlocked = await runCli(['user', 'unlock', '--username', 'Anna'], env);
    expect(unlocked.stderr).toBe('');
    expect(unlocked.code).toBe(0);
    expect(unlocked.stdout).toContain('unlocked "anna"');
    expect(await store.users.findByUsername('anna')).toMatchObject({
      lockedUntil: null,
      failedLogins: 0,
    });
    expect((await runCli(['user', 'list'], env)).stdout).not.toContain('LOCKED');
    const missing = await runCli(['user', 'unlock', '--username', 'nobody'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no user "nobody"');
    const [entry] = (await store.audit.list({}, null, 10)).items;
    expect(entry).toMatchObject({
      actor: 'cli',
      action: 'user_unlock',
      target: { username: 'anna' },
      details: { lockedUntil: lockedUntil?.toISOString() },
    });
  }, 300_000);

  it('creates the first admin with a random password only when there are no accounts', async () => {
    const password = await ensureFirstAdmin(store);
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const admin = await store.users.findByUsername('admin');
    expect(admin?.role).toBe('admin');
    expect(await verifyPassword(password ?? '', admin?.passwordHash ?? '')).toBe(true);
    expect(await ensureFirstAdmin(store)).toBeUndefined();
  });
});
