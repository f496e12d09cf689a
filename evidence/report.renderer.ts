import { pathToFileURL } from 'node:url';
import { launchChromium } from '../crawlers/index.js';

/**
 * Prints an HTML file to PDF with Chromium. JavaScript is off and every request other than the
 * report's own local files (its screenshots) is refused, so scraped content cannot run or fetch.
 */
export async function renderPdf(
  htmlPath: string,
  pdfPath: string,
  options: { executablePath?: string } = {},
): Promise<void> {
  const browser = await launchChromium(options.executablePath);
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    await context.route('**/*', (route) =>
      route.request().url().startsWith('file:') ? route.continue() : route.abort(),
    );
    const page = await context.newPage();
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load', timeout: 120_000 });
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
    await context.close();
  } finally {
    await browser.close();
  }
}
