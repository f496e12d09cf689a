/* global console, process, URL */
// Runs before `npm start`: a fresh checkout whose install skipped scripts (npm ci --ignore-scripts)
// would otherwise serve a dashboard without its web UI. Builds it once, loudly, when it is missing.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const index = fileURLToPath(new URL('./dist/index.html', import.meta.url));
if (!existsSync(index)) {
  console.error(
    'adwatch: the dashboard web UI is not built (dashboard/ui/dist is missing); building it now with `npm run build:ui`.',
  );
  const result = spawnSync('npm', ['run', 'build:ui'], {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    console.error(
      'adwatch: building the web UI failed; run `npm run build:ui` and fix the error above.',
    );
    process.exit(result.status ?? 1);
  }
}
