import type { IndicatorDetail } from '../api/types.js';

/** A run of the ad text covered by the same set of indicators (none for plain text). */
export interface Segment {
  start: number;
  end: number;
  text: string;
  indicators: IndicatorDetail[];
}

/**
 * Cuts the text at every evidence boundary so overlapping spans become separate runs, each knowing
 * every indicator that covers it. Offsets outside the text or empty spans are ignored, since they
 * come from a classifier that may have seen a different version of the text.
 */
export function segmentText(text: string, indicators: IndicatorDetail[]): Segment[] {
  const spans: { start: number; end: number; indicator: IndicatorDetail }[] = [];
  for (const indicator of indicators) {
    for (const span of indicator.evidence ?? []) {
      const start = Math.max(0, Math.min(text.length, Math.floor(span.start)));
      const end = Math.max(0, Math.min(text.length, Math.floor(span.end)));
      if (Number.isFinite(start) && Number.isFinite(end) && end > start)
        spans.push({ start, end, indicator });
    }
  }
  const cuts = new Set<number>([0, text.length]);
  for (const span of spans) {
    cuts.add(span.start);
    cuts.add(span.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const segments: Segment[] = [];
  for (let i = 0; i < points.length - 1; i += 1) {
    const start = points[i];
    const end = points[i + 1];
    if (end <= start) continue;
    const covering: IndicatorDetail[] = [];
    for (const span of spans) {
      if (span.start <= start && span.end >= end && !covering.includes(span.indicator))
        covering.push(span.indicator);
    }
    const previous = segments[segments.length - 1];
    // Neighbouring runs with the same indicators merge, so the DOM stays small.
    if (previous && sameIndicators(previous.indicators, covering)) {
      previous.end = end;
      previous.text = text.slice(previous.start, end);
    } else {
      segments.push({ start, end, text: text.slice(start, end), indicators: covering });
    }
  }
  return segments;
}

function sameIndicators(a: IndicatorDetail[], b: IndicatorDetail[]): boolean {
  return a.length === b.length && a.every((indicator) => b.includes(indicator));
}
