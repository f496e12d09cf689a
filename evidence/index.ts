export * from './packet.types.js';
export {
  buildPacket,
  packetStream,
  PacketPaths,
  maxPacketAds,
  type BuildPacketOptions,
} from './packet.builder.js';
export {
  verifyPacket,
  type PacketAuthenticity,
  type PacketProblem,
  type PacketVerification,
  type TrustedKey,
  type VerifyPacketOptions,
} from './packet.verifier.js';
export {
  loadSigningKey,
  findSigningKey,
  configuredSigningKey,
  configuredKeyOptions,
  parseFingerprint,
  keyFingerprint,
  formatFingerprint,
  defaultKeyPath,
  type SigningKey,
  type SigningKeyOptions,
} from './signing-key.js';
export { instanceIdentity, adwatchVersion } from './custody.js';
export {
  aggregateSha256,
  manifestSchema,
  ManifestFiles,
  checksumsFile,
  type PacketManifest,
} from './manifest.js';
export { storePacketSources } from './store.sources.js';
