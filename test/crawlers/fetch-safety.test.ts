import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceSchema } from '../../config/index.js';
import {
  fetchHttp,
  isPrivateAddress,
  sourceNetwork,
  type HttpFetchOptions,
} from '../../crawlers/index.js';
import { must } from '../helpers/services.js';
import { html, startFixtureSite, type FixtureSite } from './fixture-site.js';
import { ErrorCode } from '../../core/index.js';

const base: HttpFetchOptions = {
  userAgent: 'adwatch-test/1.0 (+https://example.org/test)',
  timeoutMillis: 5_000,
  firstByteTimeoutMillis: 1_000,
  maxBodyBytes: 100_000,
  maxDecompressedBytes: 300_000,
  maxRedirects: 3,
  allowPrivateNetwork: true,
};

let site: FixtureSite;
let tls: HttpsServer;
let tlsOrigin: string;
const certDir = mkdtempSync(join(tmpdir(), 'adwatch-tls-'));

async function codeOf(promise: Promise<unknown>): Promise<{ code?: string; retryable?: boolean }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; retryable?: boolean };
  }
  throw new Error('expected the fetch to fail');
}

beforeAll(async () => {
  site = await startFixtureSite({
    '/ok': html('<p>fine</p>'),
    '/loop-a': (_q, r) => r.writeHead(302, { location: '/loop-b' }).end(),
    '/loop-b': (_q, r) => r.writeHead(302, { location: '/loop-a' }).end(),
    '/chain': (_q, r, url) => {
      const n = Number(url.searchParams.get('n') ?? '0');
      r.writeHead(302, { location: `/chain?n=${n + 1}` }).end();
    },
    '/to-metadata': (_q, r) =>
      r.writeHead(302, { location: 'http://169.254.169.254/latest/' }).end(),
    '/to-loopback6': (_q, r) => r.writeHead(301, { location: 'http://[::1]/' }).end(),
    '/slow-headers': (_q, r) => void setTimeout(() => r.writeHead(200).end('late'), 3_000),
    '/slow-body': (_q, r) => {
      r.writeHead(200, { 'content-type': 'text/html' });
      r.write('<p>start');
      const timer = setInterval(() => r.write('.'), 200);
      r.once('close', () => clearInterval(timer));
    },
    '/big': html('x'.repeat(200_000)),
    '/bomb': (_q, r) => {
      r.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      r.end(gzipSync(Buffer.alloc(5_000_000, 0x20)));
    },
    '/gzip': (_q, r) => {
      r.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
      r.end(gzipSync('<p>compressed</p>'));
    },
  });
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-keyout',
      join(certDir, 'key.pem'),
      '-out',
      join(certDir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  tls = createHttpsServer(
    { key: readFileSync(join(certDir, 'key.pem')), cert: readFileSync(join(certDir, 'cert.pem')) },
    (_q, r) => r.end('secret'),
  );
  await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
  tlsOrigin = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await site?.close();
  await new Promise((resolve) => tls?.close(resolve));
  rmSync(certDir, { recursive: true, force: true });
});

describe('the SSRF guard', () => {
  it('knows private, loopback, link-local, ULA, CGNAT, multicast and mapped addresses', () => {
    for (const address of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.5.4',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '224.0.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      // IPv6 forms that embed a private IPv4 address, and deprecated site-local.
      '64:ff9b::7f00:1', // NAT64 well-known prefix
      '64:ff9b::a00:1',
      '64:ff9b:1::1', // NAT64 local-use prefix
      '2002:7f00:1::', // 6to4
      '2002:a9fe:a9fe::1',
      '::7f00:1', // IPv4-compatible
      '::ffff:0:7f00:1', // RFC 6145 translated
      '2001:0:4136:e378:8000:63bf:80ff:fffe', // Teredo, client 127.0.0.1
      'fec0::1', // site-local
      '2001:db8::1',
      'fe80::1%eth0',
      'not-an-address',
    ]) {
      expect(isPrivateAddress(address), address).toBe(true);
    }
    for (const address of [
      '93.184.216.34',
      '8.8.8.8',
      '2606:4700::1111',
      '::ffff:8.8.8.8',
      '64:ff9b::808:808',
      '2002:808:808::1',
    ]) {
      expect(isPrivateAddress(address), address).toBe(false);
    }
  });

  it('refuses loopback, private, link-local and IPv6 loopback hosts unless allowed', async () => {
    const closed = { ...base, allowPrivateNetwork: false };
    for (const url of [
      `${site.origin}/ok`,
      'http://10.0.0.7/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]/',
      'http://localhost:9/',
    ]) {
      const error = await codeOf(fetchHttp(url, closed));
      expect(error.code, url).toBe(ErrorCode.FetchPrivateAddress);
      expect(error.retryable).toBe(false);
    }
    expect((await fetchHttp(`${site.origin}/ok`, base)).status).toBe(200);
  });

  it('refuses a redirect from an allowed site to a private address', async () => {
    // The fixture stands in for a public site: its own address is trusted, nothing else.
    const options = { ...base, allowPrivateNetwork: false, trustedAddresses: ['127.0.0.1'] };
    expect((await fetchHttp(`${site.origin}/ok`, options)).status).toBe(200);
    for (const path of ['/to-metadata', '/to-loopback6']) {
      const before = site.requests.length;
      const error = await codeOf(fetchHttp(`${site.origin}${path}`, options));
      expect(error.code, path).toBe(ErrorCode.FetchPrivateAddress);
      expect(site.requests.length).toBe(before + 1);
    }
  });
});

describe('private hosts of a source that may reach its private network', () => {
  it('follows redirects on its own host but not to another port on the machine', async () => {
    const other = await startFixtureSite({ '*': html('<p>another service</p>') });
    try {
      site.route('/to-other-port', (_q, r) =>
        r.writeHead(302, { location: `${other.origin}/` }).end(),
      );
      site.route('/to-own-host', (_q, r) => r.writeHead(302, { location: '/ok' }).end());
      expect((await fetchHttp(`${site.origin}/to-own-host`, base)).finalUrl).toBe(
        `${site.origin}/ok`,
      );
      const error = await codeOf(fetchHttp(`${site.origin}/to-other-port`, base));
      expect(error).toMatchObject({ code: ErrorCode.FetchPrivateAddress, retryable: false });
      // Also with the source's hosts named: only those may be private.
      const named = { ...base, privateHosts: [new URL(site.origin).host] };
      expect((await codeOf(fetchHttp(`${site.origin}/to-other-port`, named))).code).toBe(
        ErrorCode.FetchPrivateAddress,
      );
      expect((await codeOf(fetchHttp(`${other.origin}/`, named))).code).toBe(
        ErrorCode.FetchPrivateAddress,
      );
      expect(other.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it("names a source's configured hosts, and none when it may not reach private addresses", () => {
    const listing = sourceSchema.parse({
      id: 'l',
      type: 'http',
      listingUrls: ['http://127.0.0.1:8080/jobs', 'http://10.0.0.5/list'],
      adLinkSelector: 'a',
      detail: { title: 'h1', body: 'p' },
      allowPrivateNetwork: true,
    });
    expect(sourceNetwork(listing)).toEqual({
      allowPrivateNetwork: true,
      privateHosts: ['127.0.0.1:8080', '10.0.0.5'],
    });
    const channel = sourceSchema.parse({
      id: 't',
      type: 'telegram',
      channels: ['jobs'],
      baseUrl: 'http://127.0.0.1:9000',
      allowPrivateNetwork: true,
    });
    expect(sourceNetwork(channel).privateHosts).toEqual(['127.0.0.1:9000']);
    expect(sourceNetwork({ ...channel, allowPrivateNetwork: false })).toEqual({
      allowPrivateNetwork: false,
    });
  });
});

describe('fetch limits and bad responses', () => {
  it('stops redirect loops and over-long redirect chains', async () => {
    expect((await codeOf(fetchHttp(`${site.origin}/loop-a`, base))).code).toBe(
      ErrorCode.FetchRedirects,
    );
    const chain = await codeOf(fetchHttp(`${site.origin}/chain`, base));
    expect(chain).toMatchObject({ code: ErrorCode.FetchRedirects, retryable: false });
  });

  it('gives up on slow servers: no headers in time, or a body that never ends', async () => {
    const headers = await codeOf(fetchHttp(`${site.origin}/slow-headers`, base));
    expect(headers).toMatchObject({ code: ErrorCode.FetchTimeout, retryable: true });
    const body = await codeOf(
      fetchHttp(`${site.origin}/slow-body`, { ...base, timeoutMillis: 1_500 }),
    );
    expect(body).toMatchObject({ code: ErrorCode.FetchTimeout, retryable: true });
  });

  it('refuses bodies over the size limit and decompression bombs, and decodes gzip', async () => {
    expect((await codeOf(fetchHttp(`${site.origin}/big`, base))).code).toBe(
      ErrorCode.FetchTooLarge,
    );
    expect((await codeOf(fetchHttp(`${site.origin}/bomb`, base))).code).toBe(
      ErrorCode.FetchTooLarge,
    );
    const page = await fetchHttp(`${site.origin}/gzip`, base);
    expect(page.body.toString()).toBe('<p>compressed</p>');
    // The headers and the compressed bytes are kept as transmitted, for the WARC record.
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(must(page.transmittedBody)).toString()).toBe('<p>compressed</p>');
    const plain = await fetchHttp(`${site.origin}/ok`, base);
    expect(plain.transmittedBody).toBeUndefined();
  });

  it('classifies a TLS failure (self-signed certificate)', async () => {
    const error = await codeOf(fetchHttp(`${tlsOrigin}/`, base));
    expect(error).toMatchObject({ code: ErrorCode.FetchTls, retryable: true });
  });

  it('records the request headers sent, the remote address and the fetch start time', async () => {
    const before = new Date();
    const page = await fetchHttp(`${site.origin}/ok`, base);
    expect(page.requestHeaders['user-agent']).toBe(base.userAgent);
    expect(page.remoteAddress).toBe('127.0.0.1');
    expect(page.fetchedAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 5);
  });
});
