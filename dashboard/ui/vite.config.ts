import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * Builds the analyst dashboard into dashboard/ui/dist, which the Fastify server serves.
 * Assets are never inlined as data: URIs because the dashboard's CSP only allows 'self'.
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsInlineLimit: 0,
    // No source maps in dist: the UI's assets are public, and a map would publish its full source.
    sourcemap: false,
  },
  server: {
    // `vite --config dashboard/ui/vite.config.ts` during development, against a running backend.
    proxy: { '/api': process.env.ADWATCH_API_URL ?? 'http://127.0.0.1:8080' },
  },
});
