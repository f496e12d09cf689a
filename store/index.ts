export * from './ad.types.js';
export { openStore, redactMongoUri, type Store, type OpenStoreOptions } from './store.js';
export {
  adContentHash,
  type SaveExtractedAdInput,
  type SaveExtractedAdResult,
} from './ads.repository.js';
export { type NewCapture } from './captures.repository.js';
export { startEmbeddedMongod, comfyMongodPath, type EmbeddedMongod } from './embedded-mongod.js';
export { findFreePort, isPortFree } from './free-port.js';
export { adIdFor, sha256Hex } from './ids.js';
export { buildWarcRecords, type WarcExchange, type WarcRecords } from './warc.js';
export { Collections } from './collections.js';
