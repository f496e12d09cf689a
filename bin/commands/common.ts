import { loadConfig, type AdwatchConfig } from '../../config/index.js';
import { createLogger, type Logger } from '../../core/index.js';
import { isProcessIO, type CommandIO } from './command-io.js';

/**
 * Loads the configuration (from the command's environment) and a logger writing to the command's
 * stdout; errors surface as ConfigError.
 */
export function commandSetup(
  io: CommandIO,
  overrides: Record<string, unknown> = {},
): {
  config: AdwatchConfig;
  logger: Logger;
  file?: string;
} {
  const { config, file } = loadConfig({ env: io.env, overrides });
  const logger = createLogger(
    config.logLevel,
    isProcessIO(io) ? {} : { pretty: false, destination: io.stdout },
  );
  return { config, logger, ...(file ? { file } : {}) };
}
