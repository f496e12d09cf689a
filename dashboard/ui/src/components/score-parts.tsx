import { useId } from 'react';
import type { PreviousClassification, ScoreParts as Parts } from '../api/types.js';
import { useI18n, type I18n } from '../i18n/index.js';

/** Signed points with a real minus sign: "+9", "−4", "±0". */
function signedPoints(points: number, formatNumber: I18n['formatNumber']): string {
  const sign = points > 0 ? '+' : points < 0 ? '−' : '±';
  return `${sign}${formatNumber(Math.abs(points))}`;
}

/**
 * Below this say the model hardly moves the score (ads not in English), and its value alone would
 * mislead: it is shown greyed out, and not at all in queue rows.
 */
const littleSay = 0.1;

function modelSilent(parts: Parts): boolean {
  return parts.modelWeight !== undefined && parts.modelWeight < littleSay;
}

/** The model's value, its say and the points it moved, as one line of text. */
function modelText(parts: Parts, { t, formatNumber }: I18n): string {
  return [
    t('score.outOf', { value: formatNumber(parts.model) }),
    parts.modelWeight !== undefined
      ? t('score.say', { weight: formatNumber(parts.modelWeight * 100) })
      : null,
    parts.modelPoints !== undefined
      ? t('score.points', { points: signedPoints(parts.modelPoints, formatNumber) })
      : null,
  ]
    .filter(Boolean)
    .join(', ');
}

/** One part: its name, a bar, its value, and a help text (tooltip and screen readers). */
function Part({
  name,
  value,
  text,
  help,
  kind,
  silent = false,
}: {
  name: string;
  value: number;
  text: string;
  help: string;
  kind: 'rules' | 'model';
  silent?: boolean;
}) {
  const helpId = useId();
  return (
    <div
      className={`score-part score-part-${kind}${silent ? ' silent' : ''}`}
      title={help}
      data-testid={`score-${kind}`}
    >
      <dt aria-describedby={helpId}>
        {name}
        <span className="help-mark" aria-hidden="true">
          ?
        </span>
      </dt>
      <dd>
        <span className="part-bar" aria-hidden="true">
          <span style={{ width: `${Math.max(0, Math.min(100, value))}%` }} />
        </span>
        {text}
      </dd>
      <span id={helpId} className="visually-hidden">
        {help}
      </span>
    </div>
  );
}

/**
 * The score's two parts apart, next to the final score: the trafficking indicators (explainable,
 * in every language) and the English text model, with its say and the points it moved.
 */
export function ScoreParts({
  parts,
  previous,
}: {
  parts: Parts | null | undefined;
  previous?: PreviousClassification | null;
}) {
  const i18n = useI18n();
  const { t, formatNumber, formatDate } = i18n;
  if (!parts) return null;
  return (
    <section className="score-parts" aria-label={t('score.parts')}>
      <dl>
        <Part
          kind="rules"
          name={t('score.rules')}
          value={parts.rules}
          text={t('score.outOf', { value: formatNumber(parts.rules) })}
          help={t('score.rulesHelp')}
        />
        <Part
          kind="model"
          name={t('score.model')}
          value={parts.model}
          text={modelText(parts, i18n)}
          help={t('score.modelHelp')}
          silent={modelSilent(parts)}
        />
      </dl>
      {previous && (
        <p className="muted small" data-testid="score-previous">
          {t('score.previous', {
            date: formatDate(previous.classifiedAt),
            score: formatNumber(previous.score),
            flag: t(previous.flagged ? 'score.wasFlagged' : 'score.wasNotFlagged'),
          })}
        </p>
      )}
    </section>
  );
}

/**
 * The two parts in a queue row: two short numbers (the model's a dash when it had little say), the
 * full wording as tooltip.
 */
export function ScorePartsCompact({ parts }: { parts: Parts | null | undefined }) {
  const i18n = useI18n();
  const { t, formatNumber } = i18n;
  if (!parts) return null;
  const full = `${t('score.rules')} ${t('score.outOf', { value: formatNumber(parts.rules) })} · ${t('score.model')} ${modelText(parts, i18n)}`;
  return (
    <span className="score-parts-compact" title={full}>
      <span aria-hidden="true">
        {t('score.rulesShort')} {formatNumber(parts.rules)}
        <br />
        {t('score.modelShort')} {modelSilent(parts) ? '–' : formatNumber(parts.model)}
      </span>
      <span className="visually-hidden">{full}</span>
    </span>
  );
}
