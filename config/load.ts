import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { configSchema, type AdwatchConfig } from './schema.js';
import { ConfigError, ErrorCode } from '../core/index.js';

type EnvKind = 'string' | 'number' | 'boolean';

/** Most alias expansions a configuration file may hold (the yaml library's `maxAliasCount`). */
const maxConfigAliasCount = 100;

/** Every setting that an environment variable can set, and the field it sets. */
export const envVariables: ReadonlyArray<{ name: string; path: string[]; kind: EnvKind }> = [
  { name: 'ADWATCH_DATA_DIR', path: ['dataDir'], kind: 'string' },
  { name: 'ADWATCH_LOG_LEVEL', path: ['logLevel'], kind: 'string' },
  { name: 'REDIS_URL', path: ['redis', 'url'], kind: 'string' },
  { name: 'MONGODB_URI', path: ['mongo', 'uri'], kind: 'string' },
  { name: 'ADWATCH_MONGO_DATABASE', path: ['mongo', 'database'], kind: 'string' },
  { name: 'ADWATCH_HOST', path: ['dashboard', 'host'], kind: 'string' },
  { name: 'ADWATCH_PORT', path: ['dashboard', 'port'], kind: 'number' },
  { name: 'ADWATCH_QUEUE_PREFIX', path: ['queues', 'prefix'], kind: 'string' },
  { name: 'ADWATCH_FLAG_THRESHOLD', path: ['classifier', 'flagThreshold'], kind: 'number' },
  { name: 'ADWATCH_CLASSIFIER_THREADS', path: ['classifier', 'threads'], kind: 'number' },
  {
    name: 'ADWATCH_CLASSIFIER_TIMEOUT_MILLIS',
    path: ['classifier', 'timeoutMillis'],
    kind: 'number',
  },
  { name: 'ADWATCH_USER_AGENT', path: ['crawler', 'userAgent'], kind: 'string' },
  { name: 'CHROMIUM_PATH', path: ['browser', 'executablePath'], kind: 'string' },
  { name: 'ADWATCH_BROWSER_PAGES', path: ['browser', 'pages'], kind: 'number' },
  { name: 'ADWATCH_DEMO', path: ['demo', 'enabled'], kind: 'boolean' },
  { name: 'ADWATCH_DEMO_PORT', path: ['demo', 'port'], kind: 'number' },
  { name: 'ADWATCH_SIGNING_KEY_FILE', path: ['evidence', 'signingKeyFile'], kind: 'string' },
  { name: 'ADWATCH_TSA_URL', path: ['evidence', 'timestampAuthorityUrl'], kind: 'string' },
  { name: 'ADWATCH_METRICS_TOKEN', path: ['dashboard', 'metricsToken'], kind: 'string' },
];

export interface LoadConfigOptions {
  /** Environment to read; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** Directory where ./adwatch.yaml is looked for and relative paths are resolved. */
  cwd?: string;
  /** Settings applied over file and environment (CLI flags, tests). */
  overrides?: Record<string, unknown>;
}

/** The loaded configuration plus where it came from. */
export interface LoadedConfig {
  config: AdwatchConfig;
  /** The YAML file read, if any. */
  file?: string;
}

/**
 * Reads the configuration once at start-up: the YAML file (`ADWATCH_CONFIG`, else `./adwatch.yaml`
 * when present), then environment variables over it, validated by the one schema. Throws a
 * ConfigError whose message lists every problem with the field (or variable) and expected form.
 */
export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const file = configFilePath(env, cwd);
  const raw: Record<string, unknown> = file ? readConfigFile(file) : {};
  const fromEnv = new Map<string, string>();
  for (const variable of envVariables) {
    const value = env[variable.name];
    if (value === undefined || value === '') continue;
    setPath(raw, variable.path, envValue(variable.name, value, variable.kind));
    fromEnv.set(variable.path.join('.'), variable.name);
  }
  const merged = { ...raw, ...options.overrides };
  const parsed = configSchema.safeParse(merged, { reportInput: true });
  if (!parsed.success) {
    const where = file ? ` in ${file}` : '';
    throw new ConfigError(
      `invalid configuration${where}:\n${formatIssues(parsed.error.issues, fromEnv)}`,
    );
  }
  const config = parsed.data;
  config.dataDir = resolve(cwd, config.dataDir);
  return { config: deepFreeze(config), ...(file ? { file } : {}) };
}

function configFilePath(env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  const explicit = env.ADWATCH_CONFIG;
  if (explicit) {
    const path = resolve(cwd, explicit);
    if (!existsSync(path)) {
      throw new ConfigError(
        `ADWATCH_CONFIG: no file at ${path}; point it at a YAML file (see config/adwatch.example.yaml) or unset it`,
        { code: ErrorCode.ConfigFileUnreadable },
      );
    }
    return path;
  }
  const local = resolve(cwd, 'adwatch.yaml');
  return existsSync(local) ? local : undefined;
}

function readConfigFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read configuration file ${path}: ${(error as Error).message}`, {
      code: ErrorCode.ConfigFileUnreadable,
      cause: error,
    });
  }
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const problems = document.errors.map((e) => `  - ${e.message.split('\n')[0]}`).join('\n');
    throw new ConfigError(`${path} is not valid YAML:\n${problems}`);
  }
  let value: unknown;
  try {
    // A handful of aliases is plenty for a configuration; the library refuses more than
    // maxAliasCount expansions so a "billion laughs" file cannot exhaust memory.
    value = document.toJS({ maxAliasCount: maxConfigAliasCount });
  } catch (error) {
    const reason = (error as Error).message.split('\n')[0];
    const bomb = /alias count/i.test(reason)
      ? `its aliases (*name) would expand to more than ${maxConfigAliasCount} copies of anchored values, as in a "billion laughs" alias bomb; write the settings out without nested aliases`
      : 'fix the anchors (&name) and aliases (*name) it names';
    throw new ConfigError(`${path} cannot be read as settings (${reason}): ${bomb}`, {
      cause: error,
    });
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(
      `${path}: the top level must be a mapping of settings (e.g. "sources:"), not a ${Array.isArray(value) ? 'list' : typeof value}`,
    );
  }
  // A section whose settings are all commented out ("redis:" alone) reads as null: use the defaults.
  return Object.fromEntries(Object.entries(value).filter(([, setting]) => setting !== null));
}

function envValue(name: string, value: string, kind: EnvKind): unknown {
  if (kind === 'string') return value;
  if (kind === 'number') {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number)) {
      throw new ConfigError(
        `${name}: "${value}" is not a number; set it to digits only or unset it`,
      );
    }
    return number;
  }
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new ConfigError(`${name}: "${value}" is not a boolean; use true or false`);
}

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === 'number') return `${text}[${key}]`;
    return text ? `${text}.${String(key)}` : String(key);
  }, '');
}

function formatIssues(issues: z.core.$ZodIssue[], fromEnv: Map<string, string>): string {
  return issues
    .map((issue) => {
      const path = formatPath(issue.path);
      const variable = fromEnv.get(issue.path.join('.'));
      const field = variable ? `${variable} (${path})` : path || '(top level)';
      const got =
        issue.code === 'invalid_type' || issue.code === 'invalid_value'
          ? received(issue.input)
          : '';
      return `  - ${field}: ${issue.message}${got}`;
    })
    .join('\n');
}

function received(input: unknown): string {
  if (input === undefined) return ' (missing)';
  if (typeof input === 'object' && input !== null) return '';
  return ` (got ${JSON.stringify(input)})`;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
