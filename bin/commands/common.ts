import { loadConfig, type AdwatchConfig } from '../../config/index.js';
import { createLogger, type Logger } from '../../core/index.js';

/** Loads the configuration and a logger for a command; errors surface as ConfigError. */
export function commandSetup(overrides: Record<string, unknown> = {}): {
  config: AdwatchConfig;
  logger: Logger;
  file?: string;
} {
  const { config, file } = loadConfig({ overrides });
  const logger = createLogger(config.logLevel);
  return { config, logger, ...(file ? { file } : {}) };
}
