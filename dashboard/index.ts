export { buildDashboard, listenDashboard, type DashboardOptions } from './dashboard.server.js';
export {
  checkPasswordPolicy,
  hashPassword,
  verifyPassword,
  minPasswordLength,
} from './auth/password.js';
export { ensureFirstAdmin } from './auth/first-admin.js';
export { contentSecurityPolicy } from './http/security-headers.js';
export { type DashboardEvidence } from './ads/export.routes.js';
