import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { formatFaultTable, type FaultCaseRow } from './fault-table.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** JSON lines of fault case outcomes, printed as one table when the run ends. */
    faultTableFile: string;
  }
}

/**
 * Collects the fault cases' outcomes from every test file (they run in parallel workers) and
 * prints them as one table at the end of the run, whatever reporters the run was given.
 */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'adwatch-fault-table-'));
  const file = join(dir, 'cases.jsonl');
  project.provide('faultTableFile', file);
  return () => {
    if (existsSync(file)) {
      const rows = readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as FaultCaseRow);
      process.stdout.write(`\n${formatFaultTable(rows)}\n`);
    }
    rmSync(dir, { recursive: true, force: true });
  };
}
