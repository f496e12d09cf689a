export { buildDashboard, listenDashboard, type DashboardOptions } from './dashboard.server.js';
export {
  checkPasswordPolicy,
  hashPassword,
  verifyPassword,
  minPasswordLength,
} from './auth/password.js';
