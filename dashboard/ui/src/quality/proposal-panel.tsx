import { useState, type FormEvent } from 'react';
import { describeError } from '../components/error-text.js';
import { useI18n } from '../i18n/index.js';
import {
  classifierLangs,
  qualityApi,
  type AdjustmentChange,
  type FlagFigures,
  type LexiconState,
  type PreviewFigures,
  type QualityFilters,
} from './quality.api.js';

type Kind = 'weight' | 'disable' | 'reset';

export interface ProposalPanelProps {
  lexicon: LexiconState;
  initialIndicator: string | null;
  filters: QualityFilters;
  /** Called with the id of the version saved. */
  onSaved: (id: string) => void;
}

/**
 * A proposed weight change or disabling for one language (or all): previewed on the reviewed ads,
 * then saved as a new lexicon version; the saved versions with a revert for each.
 */
export function ProposalPanel({ lexicon, initialIndicator, filters, onSaved }: ProposalPanelProps) {
  const { t, formatNumber, formatDate } = useI18n();
  const first = initialIndicator ?? lexicon.indicators[0]?.id ?? '';
  const [indicatorId, setIndicatorId] = useState(first);
  const [lang, setLang] = useState<AdjustmentChange['lang']>('all');
  const [kind, setKind] = useState<Kind>('weight');
  const shipped = lexicon.indicators.find((i) => i.id === indicatorId);
  const [weight, setWeight] = useState(String(shipped?.weight ?? 1));
  const [note, setNote] = useState('');
  const [preview, setPreview] = useState<PreviewFigures | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const change = (): AdjustmentChange => ({
    indicatorId,
    lang,
    ...(kind === 'weight' ? { weight: Number(weight) } : {}),
    ...(kind === 'disable' ? { disabled: true } : {}),
    ...(kind === 'reset' ? { reset: true } : {}),
  });
  const inForce = lexicon.active?.adjustments.find(
    (a) => a.indicatorId === indicatorId && a.lang === lang,
  );
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (failure) {
      setError(describeError(failure, t));
    } finally {
      setBusy(false);
    }
  };
  const onPreview = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => setPreview(await qualityApi.preview(change(), filters)));
  };
  const onSave = () =>
    void run(async () => {
      const saved = await qualityApi.save(change(), note.trim());
      onSaved(saved.id);
    });
  // Asked in the row itself (no browser dialog): the second click reverts.
  const [confirming, setConfirming] = useState<string | null>(null);
  const onRevert = (id: string) => {
    setConfirming(null);
    void run(async () => {
      const saved = await qualityApi.revert(id);
      onSaved(saved.id);
    });
  };
  const ratio = (value: number | null) =>
    value === null ? '—' : `${formatNumber(100 * value, 1)} %`;
  const figuresRow = (label: string, figures: FlagFigures) => (
    <tr>
      <th scope="row">{label}</th>
      <td className="num">{formatNumber(figures.flagged)}</td>
      <td className="num">{ratio(figures.precision)}</td>
      <td className="num">{ratio(figures.recall)}</td>
    </tr>
  );

  return (
    <section className="panel" aria-labelledby="quality-proposal-title" data-testid="proposal">
      <h2 id="quality-proposal-title">{t('quality.proposalTitle')}</h2>
      <p className="hint">{t('quality.proposalHelp')}</p>
      <form className="inline-form" onSubmit={onPreview}>
        <label className="field">
          <span>{t('quality.indicator')}</span>
          <select
            aria-label={t('quality.indicator')}
            value={indicatorId}
            onChange={(e) => {
              setIndicatorId(e.target.value);
              setPreview(null);
              const next = lexicon.indicators.find((i) => i.id === e.target.value);
              if (next) setWeight(String(next.weight));
            }}
          >
            {lexicon.indicators.map((i) => (
              <option key={i.id} value={i.id}>
                {i.label} ({i.id})
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('quality.lang')}</span>
          <select
            aria-label={t('quality.lang')}
            value={lang}
            onChange={(e) => {
              setLang(e.target.value as AdjustmentChange['lang']);
              setPreview(null);
            }}
          >
            <option value="all">{t('quality.allLangs')}</option>
            {classifierLangs.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('quality.changeKind')}</span>
          <select
            aria-label={t('quality.changeKind')}
            value={kind}
            onChange={(e) => {
              setKind(e.target.value as Kind);
              setPreview(null);
            }}
          >
            <option value="weight">{t('quality.kindWeight')}</option>
            <option value="disable">{t('quality.kindDisable')}</option>
            <option value="reset">{t('quality.kindReset')}</option>
          </select>
        </label>
        {kind === 'weight' && (
          <label className="field">
            <span>{t('quality.weight')}</span>
            <input
              type="number"
              step="0.1"
              min={-10}
              max={10}
              value={weight}
              onChange={(e) => {
                setWeight(e.target.value);
                setPreview(null);
              }}
            />
          </label>
        )}
        <button type="submit" className="button primary align-end" disabled={busy}>
          {t('quality.preview')}
        </button>
      </form>
      <p className="muted small">
        {shipped && t('quality.shippedWeight', { weight: formatNumber(shipped.weight, 2) })}
        {inForce &&
          ` · ${t('quality.currentAdjustment', {
            value: inForce.disabled ? t('quality.disabled') : formatNumber(inForce.weight ?? 0, 2),
          })}`}
      </p>
      {busy && <p className="muted">{t('quality.previewing')}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {preview && (
        <div data-testid="preview">
          <p>
            {t('quality.previewOf', {
              ads: formatNumber(preview.ads),
              confirmed: formatNumber(preview.confirmed),
              dismissed: formatNumber(preview.dismissed),
            })}
          </p>
          {preview.limited && <p className="muted">{t('quality.previewLimited')}</p>}
          <table className="data">
            <thead>
              <tr>
                <th scope="col" />
                <th scope="col" className="num">
                  {t('quality.flagged')}
                </th>
                <th scope="col" className="num">
                  {t('quality.precision')}
                </th>
                <th scope="col" className="num">
                  {t('quality.recall')}
                </th>
              </tr>
            </thead>
            <tbody>
              {figuresRow(t('quality.now'), preview.current)}
              {figuresRow(t('quality.withChange'), preview.proposed)}
            </tbody>
          </table>
          <p data-testid="preview-appear">
            {t('quality.appear', {
              count: formatNumber(preview.appear),
              confirmed: formatNumber(preview.appearConfirmed),
            })}
          </p>
          <p data-testid="preview-disappear">
            {t('quality.disappear', {
              count: formatNumber(preview.disappear),
              confirmed: formatNumber(preview.disappearConfirmed),
            })}
          </p>
          <div className="inline-form">
            <label className="field">
              <span>{t('quality.note')}</span>
              <input value={note} maxLength={500} onChange={(e) => setNote(e.target.value)} />
            </label>
            <button
              type="button"
              className="button primary align-end"
              onClick={onSave}
              disabled={busy}
            >
              {t('quality.save')}
            </button>
          </div>
        </div>
      )}
      <h3>{t('quality.history')}</h3>
      {lexicon.history.length === 0 ? (
        <p className="muted">{t('quality.historyNone')}</p>
      ) : (
        <table className="data" data-testid="history">
          <thead>
            <tr>
              <th scope="col">{t('quality.version')}</th>
              <th scope="col">{t('quality.changeKind')}</th>
              <th scope="col">{t('quality.threshold')}</th>
              <th scope="col">{t('quality.note')}</th>
              <th scope="col" className="col-actions">
                <span className="sr-only">{t('quality.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lexicon.history.map((v) => (
              <tr key={v.id}>
                <td className="nowrap">
                  <code>{v.id}</code>{' '}
                  {v.id === lexicon.active?.id && (
                    <span className="pill">{t('quality.inForce')}</span>
                  )}
                  <div className="muted small">
                    {v.createdBy}, {formatDate(v.createdAt)}
                  </div>
                </td>
                <td>
                  {v.change === 'revert'
                    ? t('quality.changeRevert', { id: v.reverts ?? '' })
                    : t(v.change === 'adjust' ? 'quality.changeAdjust' : 'quality.changeThreshold')}
                  <ul className="small">
                    {v.adjustments.map((a) => (
                      <li key={`${a.indicatorId}-${a.lang}`}>
                        {a.indicatorId} ({a.lang === 'all' ? t('quality.allLangsShort') : a.lang}):{' '}
                        {a.disabled ? t('quality.disabled') : formatNumber(a.weight ?? 0, 2)}
                      </li>
                    ))}
                  </ul>
                </td>
                <td className="num">{v.flagThreshold ?? '—'}</td>
                <td>{v.note ?? ''}</td>
                <td className="row-actions">
                  {confirming === v.id ? (
                    <>
                      <span className="small">{t('quality.revertConfirm', { id: v.id })}</span>{' '}
                      <button
                        type="button"
                        className="button small primary"
                        disabled={busy}
                        onClick={() => onRevert(v.id)}
                      >
                        {t('quality.revert')}
                      </button>
                      <button
                        type="button"
                        className="button small"
                        onClick={() => setConfirming(null)}
                      >
                        {t('common.cancel')}
                      </button>
                    </>
                  ) : (
                    <button
                      type="button"
                      className="button small"
                      disabled={busy}
                      onClick={() => setConfirming(v.id)}
                    >
                      {t('quality.revert')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
