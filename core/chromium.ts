import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { ErrorCode, ExternalError } from './errors.js';

/** Flags for a headless Chromium that may run as root and must not phone home. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/**
 * Finds a Chromium: the configured path (CHROMIUM_PATH) when set, else a Playwright-installed
 * Chromium, else /usr/bin/chromium, else the one packed inside @sparticuz/chromium.
 */
export async function findChromium(configured?: string): Promise<string> {
  if (configured) {
    if (existsSync(configured)) return configured;
    throw new ExternalError(
      ErrorCode.BrowserUnavailable,
      `CHROMIUM_PATH / browser.executablePath: no file at ${configured}; fix the path or unset it`,
      { retryable: false },
    );
  }
  const candidates = [safePlaywrightPath(), '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  try {
    const packed = (await import('@sparticuz/chromium')).default;
    return await packed.executablePath();
  } catch (error) {
    throw new ExternalError(
      ErrorCode.BrowserUnavailable,
      'no Chromium found: install one (Debian: apt-get install chromium) or set CHROMIUM_PATH',
      { cause: error, retryable: false },
    );
  }
}

function safePlaywrightPath(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/** Launches headless Chromium with the flags above. */
export async function launchChromium(configured?: string): Promise<Browser> {
  const executablePath = await findChromium(configured);
  try {
    // adwatch closes the browser itself on shutdown, after the jobs using it have finished.
    return await chromium.launch({
      executablePath,
      headless: true,
      args: chromiumArgs,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
  } catch (error) {
    throw new ExternalError(
      ErrorCode.BrowserUnavailable,
      `Chromium at ${executablePath} did not start: ${(error as Error).message.split('\n')[0]}`,
      { cause: error },
    );
  }
}
