import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, startDashboard, type DashboardFixture } from './dashboard.fixture.js';

describe('the UI files', () => {
  let f: DashboardFixture;
  let uiDir: string;
  beforeAll(async () => {
    // A dist built before maps were turned off still holds them: they must not be served.
    uiDir = mkdtempSync(join(tmpdir(), 'adwatch-ui-'));
    mkdirSync(join(uiDir, 'assets'));
    writeFileSync(
      join(uiDir, 'index.html'),
      '<!doctype html><script src="/assets/app.js"></script>',
    );
    writeFileSync(join(uiDir, 'assets', 'app.js'), 'console.log(1);\n');
    writeFileSync(join(uiDir, 'assets', 'app.js.map'), '{"version":3,"sources":["secret.ts"]}');
    f = await startDashboard({ uiDir });
  });
  afterAll(async () => {
    await f.close();
    rmSync(uiDir, { recursive: true, force: true });
  });

  it('serves the assets but never a source map, not even to an admin', async () => {
    expect((await f.app.inject({ method: 'GET', url: '/assets/app.js' })).statusCode).toBe(200);
    const admin = await login(f.app, 'admin');
    for (const url of ['/assets/app.js.map', '/assets/APP.JS.MAP', '/assets/app.js.map?x=1']) {
      const anonymous = await f.app.inject({ method: 'GET', url });
      expect(anonymous.statusCode, url).toBe(404);
      expect(anonymous.body).not.toContain('secret.ts');
      expect((await admin.get(url)).statusCode, url).toBe(404);
    }
  });
});
