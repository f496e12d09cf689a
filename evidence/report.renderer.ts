import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../core/index.js';

/** A4 in inches, as the DevTools protocol wants it. */
const a4 = { paperWidth: 8.27, paperHeight: 11.69 };

/**
 * Prints an HTML file to PDF with Chromium. JavaScript is off and every request other than the
 * report's own local files (its screenshots) is refused, so scraped content cannot run or fetch.
 * The PDF is read from Chromium as a protocol stream straight into the file: page.pdf() would
 * hold the whole document (hundreds of screenshots) in memory.
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
    await page.goto(pathToFileURL(htmlPath).href, { waitUntil: 'load', timeout: 300_000 });
    const cdp = await context.newCDPSession(page);
    const { stream } = (await cdp.send('Page.printToPDF', {
      transferMode: 'ReturnAsStream',
      printBackground: true,
      preferCSSPageSize: true,
      ...a4,
    })) as { stream: string };
    const out = createWriteStream(pdfPath);
    for (;;) {
      const chunk = await cdp.send('IO.read', { handle: stream, size: 1024 * 1024 });
      const data = Buffer.from(chunk.data, chunk.base64Encoded ? 'base64' : 'utf8');
      if (!out.write(data)) await once(out, 'drain');
      if (chunk.eof) break;
    }
    await cdp.send('IO.close', { handle: stream });
    out.end();
    await once(out, 'close');
    await context.close();
  } finally {
    await browser.close();
  }
}
