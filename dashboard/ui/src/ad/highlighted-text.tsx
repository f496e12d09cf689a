import { useMemo, useState } from 'react';
import type { IndicatorDetail } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { dimensionName } from './dimension.js';
import { segmentText } from './highlight.js';

/** Colour slot of each indicator, by its place in the indicator list. */
export function colourSlots(indicators: IndicatorDetail[]): Map<string, number> {
  return new Map(indicators.map((indicator, index) => [indicator.id, index % 6]));
}

/**
 * The ad text as React text nodes (never HTML), with each evidence span in a <mark>. Hovering or
 * focusing a mark explains it in the line above the text and in the native tooltip.
 */
export function HighlightedText({
  text,
  indicators,
}: {
  text: string;
  indicators: IndicatorDetail[];
}) {
  const { t, formatNumber } = useI18n();
  const segments = useMemo(() => segmentText(text, indicators), [text, indicators]);
  const slots = useMemo(() => colourSlots(indicators), [indicators]);
  const [active, setActive] = useState<number | null>(null);

  const explain = (list: IndicatorDetail[]) =>
    list
      .map((indicator) =>
        t('ad.highlightTitle', {
          label: indicator.label,
          dimension: dimensionName(indicator.dimension, t),
          weight: formatNumber(indicator.weight, 2),
        }),
      )
      .join('\n');
  const activeSegment = active === null ? undefined : segments[active];

  return (
    <div className="ad-text-wrap">
      <p className="explain" aria-live="polite">
        {activeSegment ? explain(activeSegment.indicators) : t('ad.textHint')}
      </p>
      <div className="ad-text" data-testid="ad-text" lang="">
        {segments.map((segment, index) =>
          segment.indicators.length === 0 ? (
            <span key={segment.start}>{segment.text}</span>
          ) : (
            <mark
              key={segment.start}
              tabIndex={0}
              className={
                segment.indicators.length > 1
                  ? 'ev ev-multi'
                  : `ev ev-${slots.get(segment.indicators[0]?.id ?? '') ?? 0}`
              }
              title={explain(segment.indicators)}
              data-indicators={segment.indicators.map((indicator) => indicator.id).join(' ')}
              onMouseEnter={() => setActive(index)}
              onFocus={() => setActive(index)}
              onMouseLeave={() => setActive(null)}
              onBlur={() => setActive(null)}
            >
              {segment.text}
            </mark>
          ),
        )}
      </div>
    </div>
  );
}
