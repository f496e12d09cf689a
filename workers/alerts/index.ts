export { AlertEngine, type AlertEngineOptions } from './alert.engine.js';
export { AlertRules, findSurges, type AlertCampaign, type SurgeSettings } from './alert.rules.js';
export { AlertDeliverer, type DeliveryOutcome } from './alert.delivery.js';
export {
  alertChannels,
  alertPayload,
  channelsFor,
  dashboardUrlOf,
  emailChannel,
  type AlertChannel,
  type AlertPayload,
} from './alert.channels.js';
export { webhookSignature } from './webhook.sender.js';
export { createAlertProcessor, registerAlertSchedule } from './alert.processor.js';
