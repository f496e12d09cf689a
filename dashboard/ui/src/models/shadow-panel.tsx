import { useId } from 'react';
import { LoadStatus } from '../components/load-status.js';
import { useI18n } from '../i18n/index.js';
import { hrefOf } from '../router.js';
import { useLoad } from '../screens/use-load.js';
import { modelsApi, type ModelView, type ShadowDifference } from './models.api.js';

export interface ShadowPanelProps {
  model: ModelView & { shadow: NonNullable<ModelView['shadow']> };
  /** Changes whenever the screen reloads, so the report is read again with the list. */
  version: number;
}

/**
 * A model's shadow run: who started it and when, how many new ads it scored, how often the two
 * models agreed, and the ads one flags and the other does not, with both scores.
 */
export function ShadowPanel({ model, version }: ShadowPanelProps) {
  const { t, formatDate, formatNumber } = useI18n();
  const titleId = useId();
  const { data, error } = useLoad(() => modelsApi.shadow(model.version), [model.version, version]);
  const run = model.shadow;
  const counts = data?.counts;
  const figures: [string, number | undefined, string][] = [
    [t('models.scored'), counts?.scored, 'scored'],
    [t('models.bothFlagged'), counts?.bothFlagged, 'both'],
    [t('models.onlyShadow'), counts?.onlyShadow, 'only-shadow'],
    [t('models.onlyActive'), counts?.onlyActive, 'only-active'],
  ];
  return (
    <section
      className="panel shadow-panel"
      aria-labelledby={titleId}
      data-testid="shadow-panel"
      data-version={model.version}
    >
      <h2 id={titleId}>{t('models.shadowTitle', { version: model.version })}</h2>
      <p className="muted">
        {t('models.shadowBy', { user: run.startedBy, date: formatDate(run.startedAt) })} ·{' '}
        {run.endedAt
          ? t('models.shadowEnded', { date: formatDate(run.endedAt) })
          : t('models.shadowRunning')}
      </p>
      <LoadStatus error={error} loaded={data !== null} />
      {counts && (
        <dl className="shadow-counts">
          {figures.map(([label, value, id]) => (
            <div key={id}>
              <dt>{label}</dt>
              <dd data-testid={`shadow-${id}`}>{formatNumber(value ?? 0)}</dd>
            </div>
          ))}
        </dl>
      )}
      {data && <Differences rows={data.differences} />}
    </section>
  );
}

const differenceColumns = [
  'models.ad',
  'models.lang',
  'models.shadowScore',
  'models.activeScore',
] as const;

function Differences({ rows }: { rows: ShadowDifference[] }) {
  const { t, formatNumber } = useI18n();
  if (rows.length === 0) return <p className="empty">{t('models.noDifferences')}</p>;
  const verdict = (score: number, flagged: boolean) => (
    <span className={flagged ? 'pill bad' : 'pill'}>
      {formatNumber(score)} · {t(flagged ? 'models.flagged' : 'models.notFlagged')}
    </span>
  );
  return (
    <>
      <h3>{t('models.differences')}</h3>
      <table className="data shadow-differences" data-testid="shadow-differences">
        <thead>
          <tr>
            {differenceColumns.map((key) => (
              <th key={key} scope="col">
                {t(key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.adId} data-ad={row.adId}>
              <td className="break">
                <a href={hrefOf({ name: 'ad', id: row.adId })}>{row.title || row.adId}</a>
              </td>
              <td>{row.lang}</td>
              <td>{verdict(row.score, row.flagged)}</td>
              <td title={row.activeVersion}>{verdict(row.activeScore, row.activeFlagged)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
