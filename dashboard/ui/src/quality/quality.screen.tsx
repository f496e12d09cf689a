import { useState, type FormEvent } from 'react';
import { dayBound } from '../components/day-bound.js';
import { useI18n } from '../i18n/index.js';
import { useLoad } from '../screens/use-load.js';
import { DismissedAds } from './dismissed-ads.js';
import { IndicatorTable } from './indicator-table.js';
import { ProposalPanel } from './proposal-panel.js';
import { classifierLangs, qualityApi, type QualityFilters } from './quality.api.js';
import { ThresholdPanel } from './threshold-panel.js';

/**
 * The supervisors' indicator-quality screen: indicators by precision on the analysts' decisions,
 * the dismissed ads and evidence behind the noisy ones, proposed lexicon changes previewed before
 * they are saved, and the flag threshold against its precision–recall curves.
 */
export function QualityScreen() {
  const { t, formatNumber } = useI18n();
  const [draft, setDraft] = useState({ from: '', to: '', lang: '', source: '' });
  const [filters, setFilters] = useState<QualityFilters>({});
  const [dismissedOf, setDismissedOf] = useState<string | null>(null);
  const [proposalFor, setProposalFor] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const saved = (id: string) => {
    setNotice(t('quality.saved', { id }));
    setVersion((v) => v + 1);
  };
  const stats = useLoad(() => qualityApi.indicators(filters), [filters, version]);
  const lexicon = useLoad(() => qualityApi.lexicon(), [version]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next: QualityFilters = {};
    const from = dayBound(draft.from, false);
    const to = dayBound(draft.to, true);
    if (from) next.from = from;
    if (to) next.to = to;
    if (draft.lang) next.lang = draft.lang;
    if (draft.source.trim()) next.source = draft.source.trim();
    setFilters(next);
  };
  const field = (key: keyof typeof draft) => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: event.target.value });
  const labelOf = (id: string) =>
    stats.data?.indicators.find((i) => i.id === id)?.label ??
    lexicon.data?.indicators.find((i) => i.id === id)?.label ??
    id;
  const totals = stats.data?.totals;

  return (
    <section className="page quality" aria-labelledby="quality-title">
      <div className="page-head">
        <h1 id="quality-title">{t('quality.title')}</h1>
      </div>
      <p className="hint">{t('quality.intro')}</p>
      <form className="inline-form" onSubmit={apply} role="search" aria-label={t('filters.title')}>
        <label className="field">
          <span>{t('quality.from')}</span>
          <input type="date" value={draft.from} onChange={field('from')} />
        </label>
        <label className="field">
          <span>{t('quality.to')}</span>
          <input type="date" value={draft.to} onChange={field('to')} />
        </label>
        <label className="field">
          <span>{t('quality.lang')}</span>
          <select value={draft.lang} onChange={field('lang')}>
            <option value="">{t('quality.allLangs')}</option>
            {classifierLangs.map((lang) => (
              <option key={lang} value={lang}>
                {lang}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('quality.source')}</span>
          <input value={draft.source} onChange={field('source')} />
        </label>
        <button type="submit" className="button primary align-end">
          {t('common.apply')}
        </button>
      </form>
      {stats.error && (
        <p className="error" role="alert">
          {stats.error}
        </p>
      )}
      {totals && (
        <p className="muted" data-testid="quality-totals">
          {t('quality.totals', {
            reviewed: formatNumber(totals.reviewed),
            confirmed: formatNumber(totals.confirmed),
            dismissed: formatNumber(totals.dismissed),
          })}
        </p>
      )}
      {stats.data && stats.data.demo > 0 && <p className="notice">{t('quality.demoNote')}</p>}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      {stats.data && (
        <IndicatorTable
          stats={stats.data}
          onDismissed={(id) => setDismissedOf(id)}
          onPropose={(id) => setProposalFor(id)}
        />
      )}
      {dismissedOf && (
        <DismissedAds
          key={`${dismissedOf}-${JSON.stringify(filters)}`}
          indicatorId={dismissedOf}
          label={labelOf(dismissedOf)}
          filters={filters}
          onClose={() => setDismissedOf(null)}
        />
      )}
      {stats.data && stats.data.dismissedEvidence.length > 0 && (
        <div className="ad-columns">
          <section className="panel" aria-labelledby="quality-evidence">
            <h2 id="quality-evidence">{t('quality.evidence')}</h2>
            <ol className="quality-evidence">
              {stats.data.dismissedEvidence.slice(0, 15).map((row) => (
                <li key={`${row.indicatorId}-${row.text}`}>
                  <mark>{row.text}</mark> <span className="muted">{labelOf(row.indicatorId)}</span>{' '}
                  — {t('quality.evidenceAds', { count: formatNumber(row.ads) })}
                </li>
              ))}
            </ol>
          </section>
          <section className="panel" aria-labelledby="quality-reasons">
            <h2 id="quality-reasons">{t('quality.reasons')}</h2>
            <ul>
              {stats.data.reasons.map((row) => (
                <li key={row.reason}>
                  {row.reason || t('quality.noReason')}: {formatNumber(row.count)}
                </li>
              ))}
            </ul>
          </section>
        </div>
      )}
      {lexicon.error && (
        <p className="error" role="alert">
          {lexicon.error}
        </p>
      )}
      {lexicon.data && (
        <ProposalPanel
          key={`${proposalFor ?? ''}-${version}`}
          lexicon={lexicon.data}
          initialIndicator={proposalFor}
          filters={filters}
          onSaved={saved}
        />
      )}
      <ThresholdPanel key={`threshold-${version}`} filters={filters} onSaved={saved} />
    </section>
  );
}
