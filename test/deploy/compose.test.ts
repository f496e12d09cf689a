import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type AdwatchConfig } from '../../config/index.js';
import { allQueueNames, parseQueueNames } from '../../workers/index.js';
import { deployDir, readYaml, rejectedCommandLine } from './deploy.helpers.js';

/** The parts of the Compose file the checks read (the Compose specification names them). */
interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  secrets?: string[];
  networks?: string[] | Record<string, { ipv4_address?: string }>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test?: string[]; disable?: boolean };
  stop_grace_period?: string;
  deploy?: { replicas?: number };
  restart?: string;
}
interface ComposeFile {
  name: string;
  services: Record<string, ComposeService>;
  networks: Record<string, { internal?: boolean; ipam?: { config: Array<{ subnet: string }> } }>;
  volumes: Record<string, unknown>;
  secrets: Record<string, { file?: string; environment?: string }>;
}

/** Service keys of the Compose specification (schema/compose-spec.json) this file may use. */
const serviceKeys = new Set([
  'build', 'cap_add', 'cap_drop', 'command', 'configs', 'container_name', 'depends_on', 'deploy',
  'entrypoint', 'env_file', 'environment', 'expose', 'healthcheck', 'image', 'init', 'labels',
  'logging', 'mem_limit', 'networks', 'ports', 'read_only', 'restart', 'secrets', 'security_opt',
  'shm_size', 'stop_grace_period', 'stop_signal', 'tmpfs', 'ulimits', 'user', 'volumes',
  'working_dir',
]); // prettier-ignore
const topLevelKeys = new Set(['name', 'services', 'networks', 'volumes', 'secrets', 'configs']);

const compose = readYaml(join(deployDir, 'compose.yaml')) as ComposeFile;
const services = Object.entries(compose.services);
/** Services that run the adwatch image, with their command line. */
const adwatchServices = services.filter(([, s]) => s.image?.startsWith('adwatch:'));

function millis(duration: string): number {
  const match = /^(\d+)(ms|s|m)$/.exec(duration);
  if (!match) throw new Error(`"${duration}" is not a duration this test reads`);
  return Number(match[1]) * { ms: 1, s: 1_000, m: 60_000 }[match[2] as 'ms' | 's' | 'm'];
}

/** The file a relative volume or secret path of the Compose file names. */
const fromDeploy = (path: string): string => resolve(deployDir, path);

describe('deploy/compose.yaml', () => {
  let config: AdwatchConfig;

  beforeAll(() => {
    // The settings file the adwatch services mount, read as adwatch reads it at start-up.
    const mount = must(
      adwatchServices[0][1].volumes?.find((v) => v.endsWith(':/etc/adwatch/adwatch.yaml:ro')),
    );
    config = loadConfig({
      env: { ADWATCH_CONFIG: fromDeploy(mount.split(':')[0]) },
      cwd: deployDir,
    }).config;
  });

  it('uses only keys of the Compose specification, and every service has an image or a build', () => {
    for (const key of Object.keys(compose)) {
      expect(topLevelKeys.has(key) || key.startsWith('x-'), key).toBe(true);
    }
    for (const [name, service] of services) {
      for (const key of Object.keys(service)) expect(serviceKeys, `${name}.${key}`).toContain(key);
      expect(service.image ?? service.build, name).toBeTruthy();
      if (service.build) {
        expect(existsSync(join(fromDeploy(service.build.context), service.build.dockerfile))).toBe(
          true,
        );
      }
    }
  });

  it('runs Redis 7 with its append-only file on and no eviction of queue keys', () => {
    const redis = compose.services.redis;
    expect(redis.image).toMatch(/^redis:7(\.|-|$)/);
    const command = must(redis.command).join(' ');
    expect(command).toContain('--appendonly yes');
    expect(command).toContain('--maxmemory-policy noeviction');
    expect(redis.volumes).toEqual(['redis-data:/data']);
  });

  it('runs a MongoDB replica set of three members, initiated once before adwatch starts', () => {
    const members = services.filter(([, s]) => s.command?.[0] === 'mongod');
    expect(members.map(([name]) => name)).toEqual(['mongo1', 'mongo2', 'mongo3']);
    for (const [name, member] of members) {
      expect(member.command).toEqual(expect.arrayContaining(['--replSet', 'adwatch']));
      expect(member.volumes, name).toEqual([`${name}-data:/data/db`]);
    }
    const init = compose.services['mongo-init'];
    expect(Object.keys(must(init.depends_on))).toEqual(['mongo1', 'mongo2', 'mongo3']);
    const script = must(init.volumes?.[0]).split(':')[0];
    const initiation = readFileSync(fromDeploy(script), 'utf8');
    for (const [name] of members) expect(initiation).toContain(`host: '${name}:27017'`);
    expect(initiation).toContain("_id: 'adwatch'");
    for (const [name, service] of adwatchServices) {
      expect(service.environment?.MONGODB_URI, name).toBe(
        'mongodb://mongo1:27017,mongo2:27017,mongo3:27017/?replicaSet=adwatch',
      );
      expect(service.depends_on?.['mongo-init'], name).toEqual({
        condition: 'service_completed_successfully',
      });
      expect(service.depends_on?.redis, name).toEqual({ condition: 'service_healthy' });
    }
  });

  it('runs only commands the adwatch CLI accepts, with workers for every queue', async () => {
    const served = new Set<string>();
    for (const [name, service] of adwatchServices) {
      const args = must(service.command);
      expect(await rejectedCommandLine(args), `${name}: adwatch ${args.join(' ')}`).toBeUndefined();
      const queues = args[args.indexOf('--queues') + 1];
      if (args[0] === 'worker') {
        const names = parseQueueNames(queues);
        expect(Array.isArray(names), name).toBe(true);
        (names as string[]).forEach((queue) => served.add(queue));
      }
    }
    expect([...served].sort()).toEqual([...allQueueNames].sort());
    expect(adwatchServices.map(([, s]) => s.command?.[0])).toEqual(
      expect.arrayContaining(['scheduler', 'dashboard']),
    );
    // The link queue runs one job at a time: more than one link worker is a stand-by at most.
    expect(compose.services['worker-link'].deploy?.replicas).toBe(1);
    expect(compose.services['worker-classify'].deploy?.replicas).toBeGreaterThanOrEqual(2);
  });

  it('mounts a configuration that adwatch validates, for a dashboard behind the TLS proxy', () => {
    expect(config.demo.enabled).toBe(false);
    expect(config.dashboard.secureCookies).toBe(true);
    const proxy = compose.services.proxy;
    const proxyAddress = (proxy.networks as Record<string, { ipv4_address: string }>).frontend
      .ipv4_address;
    expect(config.dashboard.trustProxy).toEqual([proxyAddress]);
    const subnet = must(compose.networks.frontend.ipam?.config[0]).subnet;
    expect(proxyAddress.startsWith(subnet.split('.').slice(0, 3).join('.'))).toBe(true);
    const caddyfile = readFileSync(
      fromDeploy(must(proxy.volumes?.find((v) => v.includes('Caddyfile'))).split(':')[0]),
      'utf8',
    );
    expect(caddyfile).toContain(`reverse_proxy dashboard:${config.dashboard.port}`);
    expect(caddyfile).toMatch(/^\s*tls /m);
  });

  it('publishes no port but the proxy, keeps Redis and MongoDB on an internal network', () => {
    for (const [name, service] of services) {
      if (name === 'proxy') expect(service.ports).toEqual(['443:443', '80:80']);
      else expect(service.ports, name).toBeUndefined();
    }
    expect(compose.networks.backend.internal).toBe(true);
    for (const name of ['redis', 'mongo1', 'mongo2', 'mongo3']) {
      expect(compose.services[name].networks, name).toEqual(['backend']);
    }
    expect(Object.keys(compose.services.dashboard.networks ?? {})).not.toContain('egress');
  });

  it('checks the health of every long-running service, and says why a worker has no check', () => {
    for (const [name, service] of services) {
      if (name === 'mongo-init') {
        expect(service.restart).toBe('no');
        continue;
      }
      const check = must(service.healthcheck, `${name}.healthcheck`);
      if (check.disable) {
        // Workers and the scheduler serve nothing to ask; a crash is restarted.
        expect(['worker', 'scheduler'], name).toContain(service.command?.[0]);
        expect(service.restart, name).toBe('unless-stopped');
      } else {
        expect(check.test?.length, name).toBeGreaterThan(1);
      }
    }
    expect(compose.services.dashboard.healthcheck?.test?.join(' ')).toContain(
      `http://127.0.0.1:${config.dashboard.port}/healthz`,
    );
  });

  it('gives active jobs their grace on stop: stop_grace_period beyond queues.stopGraceMillis', () => {
    for (const [name, service] of adwatchServices) {
      expect(millis(must(service.stop_grace_period)), name).toBeGreaterThan(
        config.queues.stopGraceMillis,
      );
    }
  });

  it('keeps secrets in files: none is written in the Compose file or its settings', () => {
    for (const [name, secret] of Object.entries(compose.secrets)) {
      expect(secret.file, name).toMatch(/^\.\/secrets\/[a-z_]+$/);
    }
    const gitignore = readFileSync(join(deployDir, 'secrets', '.gitignore'), 'utf8');
    expect(gitignore.split('\n')).toContain('*');
    for (const [name, service] of services) {
      for (const [variable, value] of Object.entries(service.environment ?? {})) {
        expect(String(value), `${name}: ${variable}`).not.toMatch(/\/\/[^/@\s]*:[^/@\s]+@/);
        if (/PASSWORD|TOKEN|SECRET|KEY$|REDIS_URL/.test(variable)) {
          expect(variable, `${name}: ${variable} must name a file`).toMatch(/_FILE$/);
          expect(value, `${name}: ${variable}`).toMatch(/^\/run\/secrets\/[a-z_]+$/);
          expect(service.secrets, name).toContain(value.replace('/run/secrets/', ''));
        }
      }
    }
    // The image's entrypoint turns VARIABLE_FILE into VARIABLE for adwatch.
    const entrypoint = join(deployDir, 'docker-entrypoint.sh');
    accessSync(entrypoint, constants.X_OK);
    const handled = readFileSync(entrypoint, 'utf8');
    for (const variable of ['REDIS_URL', 'ADWATCH_METRICS_TOKEN'])
      expect(handled).toContain(variable);
  });
});

function must<T>(value: T | undefined, what = 'value'): T {
  if (value === undefined) throw new Error(`expected a ${what}`);
  return value;
}
