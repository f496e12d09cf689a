import type { Clock } from '../../core/index.js';

/**
 * The real time plus what a test has added: a revisit or a new scan period falls due when the test
 * says so, not after a wait. It follows the real time because fetch times (evidence) stay real.
 */
export class AdvancingClock implements Clock {
  private offsetMillis = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMillis);
  }

  advance(millis: number): void {
    this.offsetMillis += millis;
  }
}
