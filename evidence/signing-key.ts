import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AdwatchConfig } from '../config/index.js';
import { ConfigError, ErrorCode } from '../core/index.js';

/** The instance's Ed25519 key that signs packet manifests. The private key is never logged. */
export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicKeyPem: string;
  /** Hex SHA-256 of the public key's SPKI DER encoding. */
  fingerprint: string;
  /** Where the private key came from (a path or the variable's name), never the key itself. */
  origin: string;
}

export interface SigningKeyOptions {
  dataDir: string;
  /** A PEM file holding the private key (`evidence.signingKeyFile`, ADWATCH_SIGNING_KEY_FILE). */
  keyFile?: string;
  /** The private key itself, as PEM (ADWATCH_SIGNING_KEY). */
  keyPem?: string;
}

/** Where a key generated on first use is kept. */
export function defaultKeyPath(dataDir: string): string {
  return join(dataDir, 'keys', 'evidence-signing.key.pem');
}

/**
 * Loads the signing key from the PEM given, the key file given, or `<dataDir>/keys/`, generating
 * one there (mode 0600 in a 0700 directory) when none exists yet. Only exports and
 * `adwatch keys create` call this; everything else uses findSigningKey, which never creates one.
 */
export function loadSigningKey(options: SigningKeyOptions): SigningKey {
  const found = findSigningKey(options);
  if (found) return found;
  const path = defaultKeyPath(options.dataDir);
  generateKeyFile(path);
  return fromPem(readFileSync(path, 'utf8'), path);
}

/**
 * The signing key the options name, or the one under `<dataDir>/keys/` when it exists; undefined
 * when there is none yet. Never creates a key.
 */
export function findSigningKey(options: SigningKeyOptions): SigningKey | undefined {
  if (options.keyPem) return fromPem(options.keyPem, 'ADWATCH_SIGNING_KEY');
  if (options.keyFile) {
    if (!existsSync(options.keyFile)) {
      throw new ConfigError(
        `evidence.signingKeyFile / ADWATCH_SIGNING_KEY_FILE: no file at ${options.keyFile}; fix the path or unset it to use the key under the data directory`,
        { code: ErrorCode.SigningKeyInvalid },
      );
    }
    return fromPem(readFileSync(options.keyFile, 'utf8'), options.keyFile);
  }
  const path = defaultKeyPath(options.dataDir);
  return existsSync(path) ? fromPem(readFileSync(path, 'utf8'), path) : undefined;
}

/** Hex SHA-256 of a public key's SPKI DER encoding (what `keys show` and VERIFY.txt print). */
export function keyFingerprint(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** The fingerprint in groups of four for people to compare by eye. */
export function formatFingerprint(fingerprint: string): string {
  return fingerprint.match(/.{1,4}/g)?.join(' ') ?? fingerprint;
}

/**
 * A fingerprint as people copy it (hex, any case, in groups separated by spaces or colons) in the
 * form the manifest records; undefined when it is not 64 hex digits.
 */
export function parseFingerprint(text: string): string | undefined {
  const hex = text.replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : undefined;
}

function generateKeyFile(path: string): void {
  const dir = join(path, '..');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
  // 'wx' fails if another process created the key in the meantime; then that key is used.
  try {
    writeFileSync(path, pem, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

function fromPem(pem: string, origin: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(pem);
  } catch (error) {
    throw new ConfigError(
      `${origin}: not a readable private key in PEM format; it must be an Ed25519 key (openssl genpkey -algorithm ed25519)`,
      { code: ErrorCode.SigningKeyInvalid, cause: error },
    );
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new ConfigError(
      `${origin}: the signing key is ${privateKey.asymmetricKeyType ?? 'of an unknown type'}, not Ed25519; create one with "openssl genpkey -algorithm ed25519"`,
      { code: ErrorCode.SigningKeyInvalid },
    );
  }
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    fingerprint: keyFingerprint(publicKey),
    origin,
  };
}

/**
 * Where this configuration takes its signing key from: ADWATCH_SIGNING_KEY (of `env`, the
 * process's unless a command gives its own), evidence.signingKeyFile, or the data directory.
 */
export function configuredKeyOptions(
  config: AdwatchConfig,
  env: NodeJS.ProcessEnv = process.env,
): SigningKeyOptions {
  const keyPem = env.ADWATCH_SIGNING_KEY;
  return {
    dataDir: config.dataDir,
    ...(config.evidence.signingKeyFile ? { keyFile: config.evidence.signingKeyFile } : {}),
    ...(keyPem ? { keyPem } : {}),
  };
}

/** The instance's signing key as configured, created under the data directory if there is none (exports). */
export function configuredSigningKey(
  config: AdwatchConfig,
  env: NodeJS.ProcessEnv = process.env,
): SigningKey {
  return loadSigningKey(configuredKeyOptions(config, env));
}
