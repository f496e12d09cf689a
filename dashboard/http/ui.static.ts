import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { ErrorCode } from '../../core/index.js';

/** Where `npm run build:ui` writes the web UI. */
export const defaultUiDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'ui', 'dist');

const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>adwatch</title></head>
<body><h1>adwatch</h1><p>The dashboard's web UI is not built yet: run <code>npm run build:ui</code>, then reload.</p>
<p>The API is served under <code>/api/</code>.</p></body></html>`;

/**
 * Serves the built single-page UI: its files as static assets (public), and index.html for `/`
 * and every unknown non-API GET path so that client-side routes load. Unknown API paths are a JSON 404.
 */
export async function registerUi(app: FastifyInstance, uiDir: string): Promise<void> {
  const indexPath = join(uiDir, 'index.html');
  const built = existsSync(indexPath);
  const indexHtml = async (): Promise<string> =>
    built ? readFile(indexPath, 'utf8') : notBuiltPage;

  if (built) {
    await app.register(async (child) => {
      child.addHook('onRoute', (route) => {
        route.config = { ...(route.config ?? {}), role: 'public' };
      });
      await child.register(fastifyStatic, {
        root: uiDir,
        prefix: '/',
        index: false,
        wildcard: true,
        // Source maps are not built (vite.config.ts); one left in an older dist is not served.
        allowedPath: (pathName) => !/\.map$/i.test(pathName),
      });
    });
  }
  app.get('/', { config: { role: 'public' }, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(await indexHtml()),
  );

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (
      request.method === 'GET' &&
      !path.startsWith('/api/') &&
      path !== '/api' &&
      !/\.[a-z0-9]+$/i.test(path)
    ) {
      return reply.type('text/html; charset=utf-8').send(await indexHtml());
    }
    return reply.code(404).send({
      error: { code: ErrorCode.NotFound, message: `${request.method} ${path} does not exist` },
    });
  });
}
