import type { Store } from '../../store/index.js';
import { hashPassword, randomPassword } from './password.js';

/**
 * On a first start with no accounts, creates `admin` with a random password and returns it so
 * the caller prints it once. Returns undefined when any account exists.
 */
export async function ensureFirstAdmin(store: Store): Promise<string | undefined> {
  if ((await store.users.count()) > 0) return undefined;
  const password = randomPassword();
  const created = await store.users.insert({
    username: 'admin',
    role: 'admin',
    passwordHash: await hashPassword(password),
  });
  if (!created) return undefined; // another process created it first
  await store.audit.append({
    actor: 'system',
    action: 'user_add',
    target: { username: 'admin' },
    details: { role: 'admin', firstStart: true },
  });
  return password;
}
