#!/usr/bin/env node
/* global console, process */
// Runs one benchmark: `npm run bench -- <name>` executes bench/<name>.bench.ts with tsx.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''));
const [name, ...rest] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(
    `usage: npm run bench -- <name> [options]\n` +
      `${name ? `unknown benchmark "${name}". ` : ''}available: ${available.join(', ') || '(none)'}`,
  );
  process.exit(2);
}
const file = join(here, `${name}.bench.ts`);
if (!existsSync(file)) process.exit(2);
const result = spawnSync(process.execPath, ['--import', 'tsx', file, ...rest], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
