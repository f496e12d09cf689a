import { describe, expect, it } from 'vitest';
import { spanOf } from '../../../classifiers/facts/evidence-span.js';

describe('spanOf', () => {
  it('trims exactly what its reference regular expressions trim', () => {
    const trimStart = /[\s,;:.()[\]"'«»]/u;
    const trimEnd = /[\s,;:.([\]"'«»]/u;
    const reference = (source: string, start: number, end: number): [number, number] => {
      while (start < end && trimStart.test(source[start] ?? '')) start++;
      while (end > start && trimEnd.test(source[end - 1] ?? '')) end--;
      return [start, end];
    };
    const source = ' «(Hostess)», \u00A0"visa"; [girls 18-25]. \u2003pay: 3000$\n\t(call)';
    for (let start = 0; start < source.length; start++)
      for (let end = start; end <= source.length; end++) {
        const span = spanOf(source, start, end);
        expect([span.start, span.end]).toEqual(reference(source, start, end));
        expect(span.text).toBe(source.slice(span.start, span.end));
      }
  });

  it('keeps a closing bracket that ends a phrase', () => {
    expect(spanOf('see (tickets paid) now', 4, 18).text).toBe('tickets paid)');
  });
});
