/**
 * The time as the pipeline sees it when it decides what is due: scan periods, revisits. Injected
 * (PipelineContext.clock) so that tests move time forward instead of waiting for it. Times that
 * are evidence — when a page was fetched, when a capture was stored — are always the real time.
 */
export interface Clock {
  now(): Date;
}

/** The real time. */
export const systemClock: Clock = { now: () => new Date() };
