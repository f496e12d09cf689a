import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/index.js';
import { allQueueNames, parseQueueNames } from '../../workers/index.js';
import {
  deployDir,
  parseUnitFile,
  rejectedCommandLine,
  unitValues,
  type UnitFile,
} from './deploy.helpers.js';

const unitDir = join(deployDir, 'systemd');
const units = new Map<string, UnitFile>(
  readdirSync(unitDir)
    .filter((name) => /\.(service|target)$/.test(name))
    .map((name) => [name, parseUnitFile(readFileSync(join(unitDir, name), 'utf8'))]),
);
const services = [...units].filter(([name]) => name.endsWith('.service'));
const target = units.get('adwatch.target') as UnitFile;
/** The units the target starts, e.g. adwatch-worker@crawl.service. */
const wanted = unitValues(target, 'Unit', 'Wants').flatMap((line) => line.split(/\s+/));
/** The settings the units' processes read (/etc/adwatch/adwatch.yaml is deploy's file). */
const config = loadConfig({
  env: { ADWATCH_CONFIG: join(deployDir, 'adwatch.deploy.yaml') },
  cwd: deployDir,
}).config;

/** One service's single value of key in [Service]. */
function serviceValue(unit: UnitFile, key: string): string | undefined {
  const values = unitValues(unit, 'Service', key);
  expect(values.length, key).toBeLessThanOrEqual(1);
  return values[0];
}

describe('deploy/systemd units', () => {
  it('start every role, and a worker for every queue', () => {
    expect(services.map(([name]) => name).sort()).toEqual([
      'adwatch-dashboard.service',
      'adwatch-scheduler.service',
      'adwatch-worker@.service',
    ]);
    const queues = wanted
      .map((unit) => /^adwatch-worker@(.+)\.service$/.exec(unit)?.[1])
      .filter((queue): queue is string => queue !== undefined);
    expect(queues.sort()).toEqual([...allQueueNames].sort());
    for (const unit of wanted) {
      const file = unit.replace(/@[^.]+\./, '@.');
      expect(existsSync(join(unitDir, file)), unit).toBe(true);
    }
    expect(unitValues(target, 'Install', 'WantedBy')).toEqual(['multi-user.target']);
  });

  it('run only commands the adwatch CLI accepts', async () => {
    for (const [name, unit] of services) {
      const exec = serviceValue(unit, 'ExecStart') ?? '';
      const [node, cli, ...args] = exec.split(/\s+/);
      expect(node, name).toBe('/usr/bin/node');
      expect(cli, name).toBe('/opt/adwatch/bin/adwatch.js');
      // A template's %i is each instance the target starts.
      const instances = name.includes('@')
        ? wanted
            .filter((u) => u.startsWith(name.split('@')[0] + '@'))
            .map((u) => u.split(/[@.]/)[1])
        : [''];
      for (const instance of instances) {
        const line = args.map((arg) => arg.replace('%i', instance));
        expect(
          await rejectedCommandLine(line),
          `${name}: adwatch ${line.join(' ')}`,
        ).toBeUndefined();
        if (line[0] === 'worker') expect(parseQueueNames(instance)).toEqual([instance]);
      }
    }
  });

  it('harden every service and restart it on failure', () => {
    for (const [name, unit] of services) {
      expect(serviceValue(unit, 'User'), name).toBe('adwatch');
      expect(serviceValue(unit, 'NoNewPrivileges'), name).toBe('yes');
      expect(serviceValue(unit, 'ProtectSystem'), name).toBe('strict');
      expect(serviceValue(unit, 'ProtectHome'), name).toBe('yes');
      expect(serviceValue(unit, 'PrivateTmp'), name).toBe('yes');
      expect(serviceValue(unit, 'CapabilityBoundingSet'), name).toBe('');
      expect(serviceValue(unit, 'StateDirectory'), name).toBe('adwatch');
      expect(serviceValue(unit, 'Restart'), name).toBe('on-failure');
      // V8 compiles code at run time: this option would stop Node on start.
      expect(serviceValue(unit, 'MemoryDenyWriteExecute'), name).toBeUndefined();
      const environment = unitValues(unit, 'Service', 'Environment');
      expect(environment, name).toContain('ADWATCH_DATA_DIR=/var/lib/adwatch');
      expect(environment, name).toContain('ADWATCH_CONFIG=/etc/adwatch/adwatch.yaml');
      // Secrets only from the root-only environment file, never in the unit.
      expect(serviceValue(unit, 'EnvironmentFile'), name).toBe('/etc/adwatch/adwatch.env');
      expect(environment.join(' '), name).not.toMatch(/REDIS_URL|MONGODB_URI|TOKEN|PASSWORD/);
      expect(unitValues(unit, 'Unit', 'PartOf'), name).toEqual(['adwatch.target']);
    }
  });

  it('wait out queues.stopGraceMillis before killing, signalling the main process first', () => {
    for (const [name, unit] of services) {
      expect(serviceValue(unit, 'KillSignal'), name).toBe('SIGTERM');
      expect(serviceValue(unit, 'KillMode'), name).toBe('mixed');
      const stop = /^(\d+)s$/.exec(serviceValue(unit, 'TimeoutStopSec') ?? '');
      expect(Number(stop?.[1]) * 1000, name).toBeGreaterThan(config.queues.stopGraceMillis);
    }
  });

  it('document every variable the environment file needs', () => {
    const example = readFileSync(join(unitDir, 'adwatch.env.example'), 'utf8');
    expect(example).toMatch(/^REDIS_URL=redis:\/\//m);
    expect(example).toMatch(/^MONGODB_URI=mongodb:\/\/.*replicaSet=adwatch/m);
  });
});
