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
  failedLogins: number;
  lockedUntil: Date | null;
}

export interface NewUser {
  username: string;
  role: UserRole;
  passwordHash: string;
  locale?: UserLocale;
}

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
    await this.collection.updateOne(
      { username },
      { $set: { lastLoginAt: at, failedLogins: 0, lockedUntil: null } },
    );
  }

  /** Counts a failed login; locks the account for lockMillis once maxFailures is reached. */
  async recordFailedLogin(
    username: string,
    at: Date,
    maxFailures: number,
    lockMillis: number,
  ): Promise<void> {
    const updated = await this.collection.findOneAndUpdate(
      { username },
      { $inc: { failedLogins: 1 } },
      { returnDocument: 'after' },
    );
    if (updated.value && updated.value.failedLogins >= maxFailures) {
      await this.collection.updateOne(
        { username },
        { $set: { lockedUntil: new Date(at.getTime() + lockMillis), failedLogins: 0 } },
      );
    }
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
      { $set: { passwordHash, failedLogins: 0, lockedUntil: null } },
    );
    return result.matchedCount === 1;
  }

  async setLocale(username: string, locale: UserLocale): Promise<void> {
    await this.collection.updateOne({ username }, { $set: { locale } });
  }
}
