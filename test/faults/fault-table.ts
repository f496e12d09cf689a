import { appendFileSync } from 'node:fs';
import { inject, onTestFinished } from 'vitest';
import type { Tally } from './fault-run.js';

/** One line of the table printed at the end of a fault run. */
export interface FaultCaseRow {
  case: string;
  fault: string;
  expected?: number;
  stored?: number;
  duplicates?: number;
  classified?: number;
  /** What `adwatch status` showed about the fault afterwards. */
  status?: string;
  outcome?: string;
}

/** A case's row being filled in, with the store's tally copied in by tally(). */
export type FaultCase = FaultCaseRow & { tally(t: Tally): void };

/**
 * Starts the row of the running test; fill it in as the case goes. It is written when the test
 * ends, with the test's result as its outcome, so a failed case shows in the table too.
 */
export function faultCase(name: string, fault: string): FaultCase {
  const row: FaultCaseRow = { case: name, fault };
  onTestFinished(({ task }) => {
    const state = task.result?.state;
    const reason = task.result?.errors?.[0]?.message?.split('\n')[0] ?? '';
    row.outcome = state === 'pass' ? 'ok' : `FAILED ${reason}`.trim();
    appendFileSync(inject('faultTableFile'), `${JSON.stringify(row)}\n`);
  });
  return Object.assign(row, {
    tally(t: Tally) {
      Object.assign(row, {
        expected: t.expected,
        stored: t.stored,
        duplicates: t.duplicates,
        classified: t.classified,
      });
    },
  });
}

/** The rows as a fixed-width table, in the order the cases are listed. */
export function formatFaultTable(rows: FaultCaseRow[]): string {
  const header = [
    'case',
    'fault',
    'ads',
    'stored',
    'twice',
    'classified',
    'adwatch status',
    'outcome',
  ];
  const cells = rows
    .sort((a, b) => a.case.localeCompare(b.case))
    .map((r) => [
      r.case,
      r.fault,
      String(r.expected ?? '-'),
      String(r.stored ?? '-'),
      String(r.duplicates ?? '-'),
      String(r.classified ?? '-'),
      r.status ?? '-',
      (r.outcome ?? '-').slice(0, 60),
    ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]) => c.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ');
  return [
    'Fault cases',
    line(header),
    widths.map((w) => '-'.repeat(w)).join('-|-'),
    ...cells.map(line),
  ].join('\n');
}
