export { buildDashboard, listenDashboard, type DashboardOptions } from './dashboard.server.js';
