import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPasswordPolicy } from '../../dashboard/index.js';
import { login, password, startDashboard, type DashboardFixture } from './dashboard.fixture.js';

const weak = [
  ' '.repeat(12),
  'aaaaaaaaaaaa',
  '123456789012',
  'password1234',
  'qwertyuiop12',
  'abcabcabcabc',
];

describe('password policy', () => {
  it.each(weak)('refuses %j as too easy to guess, naming the rule', async (weakPassword) => {
    await expect(checkPasswordPolicy(weakPassword)).rejects.toThrow(
      /too easy to guess \(strength [0-2] of 4\): passwords need at least 12 characters and a strength of at least 3 of 4/,
    );
  });

  it('says why a password is weak and what works instead', async () => {
    await expect(checkPasswordPolicy('aaaaaaaaaaaa')).rejects.toThrow(
      /Repeated characters like "aaa" are easy to guess\..*A passphrase of four or more unrelated words works well\./,
    );
  });

  it('keeps the length rule', async () => {
    await expect(checkPasswordPolicy('Xq7#vB2!')).rejects.toThrow(
      'the password is too short: it must have at least 12 characters',
    );
  });

  it('refuses a password built from the username', async () => {
    await expect(checkPasswordPolicy('gayanegayane', { username: 'gayane' })).rejects.toThrow(
      /too easy to guess/,
    );
  });

  it.each([
    'correct horse battery staple',
    'a long enough passphrase 42',
    'another long passphrase 7',
    'a brand new passphrase',
  ])('accepts the passphrase %j', async (passphrase) => {
    await expect(checkPasswordPolicy(passphrase)).resolves.toBeUndefined();
  });
});

describe('account routes apply the password policy', () => {
  let f: DashboardFixture;
  beforeAll(async () => {
    f = await startDashboard();
  });
  afterAll(async () => {
    await f.close();
  });

  it('refuses weak passwords when creating an account or resetting one', async () => {
    const admin = await login(f.app, 'admin');
    for (const weakPassword of ['aaaaaaaaaaaa', '123456789012', ' '.repeat(12)]) {
      const created = await admin.post('/api/users', {
        username: 'gayane',
        role: 'analyst',
        password: weakPassword,
      });
      expect(created.statusCode).toBe(400);
      const error = created.json<{ error: { code: string; message: string } }>().error;
      expect(error.code).toBe('ADW_INPUT_INVALID');
      expect(error.message).toContain('too easy to guess');
      const reset = await admin.post('/api/users/analyst/reset', { password: weakPassword });
      expect(reset.statusCode).toBe(400);
    }
    expect(await f.store.users.findByUsername('gayane')).toBeNull();
    // The old password still works: no reset happened.
    await login(f.app, 'analyst', password);
    const ok = await admin.post('/api/users', {
      username: 'gayane',
      role: 'analyst',
      password: 'a long enough passphrase 42',
    });
    expect(ok.statusCode).toBe(201);
  });
});
