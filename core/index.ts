// The small shared core every layer may import: coded errors, the logger, the ad as extracted,
// Chromium's launch, free ports. It imports no other adwatch folder.
export * from './errors.js';
export { createLogger, type Logger } from './logger.js';
export {
  adFieldLimits,
  limitAdFields,
  type ExtractedAd,
  type LimitedAdField,
} from './extracted-ad.js';
export { findChromium, launchChromium, chromiumArgs } from './chromium.js';
export { findFreePort, isPortFree } from './free-port.js';
export { systemClock, type Clock } from './clock.js';
