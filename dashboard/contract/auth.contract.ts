import { z } from 'zod';
import { locale, role } from './common.contract.js';

/** Login, logout, the session probe and the user's own settings. */

export const loginBody = z.object({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1000),
});
export type LoginBody = z.input<typeof loginBody>;

export const sessionUser = z.object({ username: z.string(), role, locale });
export type SessionUser = z.infer<typeof sessionUser>;

/** The signed-in user and the token to send as x-csrf-token on state-changing requests. */
export const sessionInfo = z.object({ user: sessionUser, csrfToken: z.string() });
export type SessionInfo = z.infer<typeof sessionInfo>;

export const localeBody = z.object({ locale });
