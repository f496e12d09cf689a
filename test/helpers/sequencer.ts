import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Files that take minutes, in the order they start (figures in docs/benchmarks.md, "Test suite").
 * The whole demo through the pipeline, the longest, starts first; with two workers the others
 * follow on the second worker and the quick files fill whichever is free.
 */
export const longRunningFiles = [
  'test/pipeline/demo-pipeline.test.ts',
  'test/evidence/memory.test.ts',
  'test/e2e/triage-workflow.test.ts',
  'test/cli/up-and-status.test.ts',
  'test/workers/threads/pipeline-threads.test.ts',
  'test/pipeline/installations.test.ts',
];

/**
 * Vitest's own order runs the projects of one group one after another by name (e2e, integration,
 * slow, unit) and, on a fresh clone with no recorded durations, their files in no useful order:
 * the slow project's files, minutes each, started last and the run ended long after the other
 * worker had finished. This order starts the long files first in their group, so the short ones
 * fill the other worker meanwhile; everything else keeps vitest's order.
 */
export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { shuffle, seed } = this.ctx.config.sequence;
    // A custom sequencer replaces vitest's random one: --sequence.shuffle still shuffles the files.
    if (shuffle) return shuffled(files, seed);
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification): number => {
      const index = longRunningFiles.findIndex((file) => spec.moduleId.endsWith(`/${file}`));
      return index < 0 ? longRunningFiles.length : index;
    };
    // Array.prototype.sort is stable: ties keep vitest's order.
    return sorted.sort(
      (a, b) =>
        a.project.config.sequence.groupOrder - b.project.config.sequence.groupOrder ||
        rank(a) - rank(b),
    );
  }
}

/** The files in an order drawn from seed (mulberry32), so a shuffled run can be repeated. */
function shuffled(files: TestSpecification[], seed: number): TestSpecification[] {
  let state = seed >>> 0;
  const random = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = [...files];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}
