import { once } from 'node:events';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/index.js';
import { startDemo } from '../../bin/runtime/demo.js';
import { ErrorCode } from '../../core/index.js';

const blocker = createServer();
let busyPort: number;

beforeAll(async () => {
  blocker.listen(0, '127.0.0.1');
  await once(blocker, 'listening');
  busyPort = (blocker.address() as AddressInfo).port;
});

afterAll(async () => {
  blocker.close();
  await once(blocker, 'close');
});

describe('the demo boards on a port already in use', () => {
  it('fail with ADW_PORT_IN_USE naming demo.port and ADWATCH_DEMO_PORT, not a bare EADDRINUSE', async () => {
    const { config } = loadConfig({
      env: { ADWATCH_DEMO_PORT: String(busyPort) },
      cwd: mkdtempSync(join(tmpdir(), 'adwatch-demo-port-')),
    });
    const error: unknown = await startDemo(config).then(
      (boards) => boards.close().then(() => new Error('the demo boards started on a busy port')),
      (thrown: unknown) => thrown,
    );
    expect(error).toMatchObject({ code: ErrorCode.PortInUse });
    expect((error as Error).message).toContain(`port ${busyPort} on 127.0.0.1 is already in use`);
    expect((error as Error).message).toContain('ADWATCH_DEMO_PORT (demo.port)');
  });
});
