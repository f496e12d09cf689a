import type { Collection, Db } from 'mongodb';
import { Collections } from './collections.js';

export const UserRoles = ['analyst', 'supervisor', 'admin'] as const;
export type UserRole = (typeof UserRoles)[number];
export const UserLocales = ['en', 'hy', 'ru'] as const;
export type UserLocale = (typeof UserLocales)[number];

/** A dashboard account. Only a salted scrypt hash of the password is stored. */
export interface UserRecord {
  _id: string;
  /** Unique, lowercase. */
  username: string;
  role: UserRole;
  /** `scrypt$N$r$p$salt$hash` (see dashboard/auth/password.ts). */
  passwordHash: string;
  disabled: boolean;
  locale: UserLocale;
  createdAt: Date;
  lastLoginAt: Date | null;
  /** Failed logins since `firstFailedLoginAt`; reset by a login, a lock, an unlock or a reset. */
  failedLogins: number;
  /** Start of the window in which `failedLogins` were counted (absent on older records). */
  firstFailedLoginAt?: Date | null;
  lockedUntil: Date | null;
}

export interface FailedLoginPolicy {
  /** Failures within `windowMillis` of the first that lock the account. */
  maxFailures: number;
  windowMillis: number;
  lockMillis: number;
}

export interface NewUser {
  username: string;
  role: UserRole;
  passwordHash: string;
  locale?: UserLocale;
}

const unlocked = { failedLogins: 0, firstFailedLoginAt: null, lockedUntil: null } as const;

/** The users collection. */
export class UsersRepository {
  private readonly collection: Collection<UserRecord>;

  constructor(db: Db) {
    this.collection = db.collection<UserRecord>(Collections.Users);
  }

  /** Inserts a user; returns false when the username is taken. */
  async insert(user: NewUser, now = new Date()): Promise<UserRecord | null> {
    const username = user.username.toLowerCase();
    const record: UserRecord = {
      _id: username,
      username,
      role: user.role,
      passwordHash: user.passwordHash,
      disabled: false,
      locale: user.locale ?? 'en',
      createdAt: now,
      lastLoginAt: null,
      failedLogins: 0,
      firstFailedLoginAt: null,
      lockedUntil: null,
    };
    try {
      await this.collection.insertOne(record);
      return record;
    } catch (error) {
      if ((error as { code?: number }).code === 11000) return null;
      throw error;
    }
  }

  findByUsername(username: string): Promise<UserRecord | null> {
    return this.collection.findOne({ username: username.toLowerCase() });
  }

  list(): Promise<UserRecord[]> {
    return this.collection.find({}).sort({ username: 1 }).toArray();
  }

  count(): Promise<number> {
    return this.collection.countDocuments({});
  }

  /** Records a successful login: clears failures and the lock. */
  async recordLogin(username: string, at: Date): Promise<void> {
    await this.collection.updateOne({ username }, { $set: { lastLoginAt: at, ...unlocked } });
  }

  /**
   * Counts a failed login and locks the account for `lockMillis` once `maxFailures` fall within
   * `windowMillis` of the first of them (a failure after the window starts a new count). Returns
   * the lock's end when this failure locked the account.
   */
  async recordFailedLogin(
    username: string,
    at: Date,
    policy: FailedLoginPolicy,
  ): Promise<Date | null> {
    const windowStart = new Date(at.getTime() - policy.windowMillis);
    let failedLogins: number | undefined;
    // Conditional updates, each atomic: count within the open window, or open a new one. When a
    // concurrent failure opened the window between the two, the loop counts within it instead.
    for (let attempt = 0; attempt < 3 && failedLogins === undefined; attempt++) {
      const counted = await this.collection.findOneAndUpdate(
        { username, firstFailedLoginAt: { $gt: windowStart } },
        { $inc: { failedLogins: 1 } },
        { returnDocument: 'after' },
      );
      if (counted.value) {
        failedLogins = counted.value.failedLogins;
        continue;
      }
      const opened = await this.collection.updateOne(
        {
          username,
          $or: [{ firstFailedLoginAt: { $lte: windowStart } }, { firstFailedLoginAt: null }],
        },
        { $set: { failedLogins: 1, firstFailedLoginAt: at } },
      );
      if (opened.matchedCount === 1) failedLogins = 1;
      else if (!(await this.collection.findOne({ username }))) return null;
    }
    if (failedLogins === undefined || failedLogins < policy.maxFailures) return null;
    const lockedUntil = new Date(at.getTime() + policy.lockMillis);
    await this.collection.updateOne(
      { username },
      { $set: { lockedUntil, failedLogins: 0, firstFailedLoginAt: null } },
    );
    return lockedUntil;
  }

  /** Lifts a lock and forgets failed logins; false when there is no such user. */
  async unlock(username: string): Promise<boolean> {
    const result = await this.collection.updateOne(
      { username: username.toLowerCase() },
      { $set: unlocked },
    );
    return result.matchedCount === 1;
  }

  /** Returns false when there is no such user. */
  async setDisabled(username: string, disabled: boolean): Promise<boolean> {
    const result = await this.collection.updateOne(
      { username: username.toLowerCase() },
      { $set: { disabled } },
    );
    return result.matchedCount === 1;
  }

  /** Sets a new password hash and unlocks the account; false when there is no such user. */
  async setPasswordHash(username: string, passwordHash: string): Promise<boolean> {
    const result = await this.collection.updateOne(
      { username: username.toLowerCase() },
      { $set: { passwordHash, ...unlocked } },
    );
    return result.matchedCount === 1;
  }

  async setLocale(username: string, locale: UserLocale): Promise<void> {
    await this.collection.updateOne({ username }, { $set: { locale } });
  }
}
