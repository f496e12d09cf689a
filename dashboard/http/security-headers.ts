/** The dashboard's Content-Security-Policy: only its own scripts run; nothing may frame it. */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/**
 * Bull Board's own policy (`/admin/queues`): its page sets `<base href>` to its mount point, so
 * `base-uri` allows the dashboard's origin; everything else is as tight as the main policy, and
 * fonts come only from here (its external font stylesheet is removed from the page).
 */
export const bullBoardPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/** For captured pages shown in the UI's `<iframe sandbox>`: no script, no requests, no same origin. */
export const sandboxPolicy = "sandbox; default-src 'none'; frame-ancestors 'self'";

/** Headers on every response. */
export const securityHeaders: Record<string, string> = {
  'content-security-policy': contentSecurityPolicy,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
};
