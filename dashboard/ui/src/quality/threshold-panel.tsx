import { useState } from 'react';
import { describeError } from '../components/error-text.js';
import { useI18n } from '../i18n/index.js';
import { useLoad } from '../screens/use-load.js';
import {
  qualityApi,
  type CurvePoint,
  type LanguageCurve,
  type QualityFilters,
} from './quality.api.js';

export interface ThresholdPanelProps {
  filters: QualityFilters;
  /** Called with the id of the version saved. */
  onSaved: (id: string) => void;
}

const width = 260;
const height = 200;
const pad = 30;

/**
 * Precision–recall curves per language with the threshold in force and the one being considered
 * marked; saving a threshold is a new override version (audited), which workers read.
 */
export function ThresholdPanel({ filters, onSaved }: ThresholdPanelProps) {
  const { t, formatNumber } = useI18n();
  const { data, error, reload } = useLoad(() => qualityApi.threshold(filters), [filters]);
  const [chosen, setChosen] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [saveError, setSaveError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!data) return null;
  const current = data.threshold;
  const candidate = chosen ?? current;
  const ratio = (value: number | null) =>
    value === null ? '—' : `${formatNumber(100 * value, 1)} %`;
  const save = async (threshold: number | null) => {
    setBusy(true);
    setSaveError(null);
    try {
      const saved = await qualityApi.setThreshold(threshold, note.trim());
      setChosen(null);
      await reload();
      onSaved(saved.versionId ?? '');
    } catch (failure) {
      setSaveError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  };
  const sourceText =
    data.source === 'config'
      ? t('quality.sourceConfig')
      : t('quality.sourceOverride', { id: data.versionId ?? '' });

  return (
    <section className="panel" aria-labelledby="quality-threshold-title" data-testid="threshold">
      <h2 id="quality-threshold-title">{t('quality.thresholdTitle')}</h2>
      <p data-testid="threshold-in-force">
        <strong>{t('quality.thresholdInForce', { threshold: current, source: sourceText })}</strong>
      </p>
      <p className="hint">{t('quality.thresholdHelp')}</p>
      <div className="inline-form">
        <label className="field">
          <span>{t('quality.threshold')}</span>
          <input
            type="range"
            min={0}
            max={100}
            value={candidate}
            onChange={(e) => setChosen(Number(e.target.value))}
          />
        </label>
        <label className="field">
          <span className="sr-only">{t('quality.threshold')}</span>
          <input
            type="number"
            min={0}
            max={100}
            value={candidate}
            data-testid="threshold-input"
            onChange={(e) =>
              setChosen(Math.max(0, Math.min(100, Math.round(Number(e.target.value)))))
            }
          />
        </label>
        <label className="field">
          <span>{t('quality.note')}</span>
          <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button
          type="button"
          className="button primary align-end"
          disabled={busy || candidate === current}
          onClick={() => void save(candidate)}
        >
          {t('quality.saveThreshold')}
        </button>
        {data.source === 'override' && (
          <button
            type="button"
            className="button align-end"
            disabled={busy}
            onClick={() => void save(null)}
          >
            {t('quality.useConfigured', { threshold: data.configured })}
          </button>
        )}
      </div>
      {saveError && (
        <p className="error" role="alert">
          {saveError}
        </p>
      )}
      <div className="quality-curves">
        {data.curves.map((curve) => (
          <Curve
            key={curve.lang}
            curve={curve}
            current={current}
            candidate={candidate}
            ratio={ratio}
          />
        ))}
      </div>
    </section>
  );
}

function Curve({
  curve,
  current,
  candidate,
  ratio,
}: {
  curve: LanguageCurve;
  current: number;
  candidate: number;
  ratio: (value: number | null) => string;
}) {
  const { t, formatNumber } = useI18n();
  const x = (recall: number) => pad + recall * (width - pad - 10);
  const y = (precision: number) => height - pad - precision * (height - pad - 10);
  const drawn = curve.points.filter(
    (p): p is CurvePoint & { precision: number; recall: number } =>
      p.precision !== null && p.recall !== null,
  );
  const path = drawn
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.recall)},${y(p.precision)}`)
    .join(' ');
  const title = t('quality.curve', {
    lang: curve.lang,
    confirmed: formatNumber(curve.confirmed),
    dismissed: formatNumber(curve.dismissed),
  });
  const at = (threshold: number) => curve.points[threshold];
  const marker = (threshold: number, className: string) => {
    const point = at(threshold);
    if (!point || point.precision === null || point.recall === null) return null;
    return <circle className={className} cx={x(point.recall)} cy={y(point.precision)} r={5} />;
  };
  const describe = (threshold: number) => {
    const point = at(threshold);
    return point
      ? t('quality.atThreshold', {
          threshold,
          flagged: formatNumber(point.flagged),
          precision: ratio(point.precision),
          recall: ratio(point.recall),
        })
      : '';
  };
  return (
    <figure className="quality-curve" data-lang={curve.lang}>
      <svg width={width} height={height} role="img" aria-label={title}>
        <line className="axis" x1={pad} y1={height - pad} x2={width - 10} y2={height - pad} />
        <line className="axis" x1={pad} y1={10} x2={pad} y2={height - pad} />
        <text x={width / 2} y={height - 8} textAnchor="middle" className="small">
          {t('quality.recall')}
        </text>
        <text
          x={12}
          y={height / 2}
          textAnchor="middle"
          className="small"
          transform={`rotate(-90 12 ${height / 2})`}
        >
          {t('quality.precision')}
        </text>
        <text x={pad} y={height - pad + 12} textAnchor="middle" className="small">
          0
        </text>
        <text x={width - 10} y={height - pad + 12} textAnchor="end" className="small">
          100 %
        </text>
        <text x={pad - 3} y={14} textAnchor="end" className="small">
          100
        </text>
        <path className="pr-line" d={path} fill="none" />
        {marker(current, 'pr-current')}
        {candidate !== current && marker(candidate, 'pr-candidate')}
      </svg>
      <figcaption>
        <div>{title}</div>
        <div className="small" data-testid={`at-current-${curve.lang}`}>
          {describe(current)}
        </div>
        {candidate !== current && <div className="small">{describe(candidate)}</div>}
      </figcaption>
    </figure>
  );
}
