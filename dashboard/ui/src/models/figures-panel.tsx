import { useI18n } from '../i18n/index.js';
import { readFigures, type HeldOutScores } from './model-figures.reader.js';

/** The held-out table's columns: the language, then figures. */
const heldOutColumns = [
  'models.lang',
  'models.ads',
  'models.precision',
  'models.recall',
  'models.rocAuc',
] as const;

/**
 * What a model file says of itself: its training data, its held-out precision, recall and ROC-AUC
 * (per language next to the model in force where the file has them), and which languages keep
 * the base model and why.
 */
export function FiguresPanel({ figures }: { figures: Record<string, unknown> }) {
  const { t, formatNumber, formatDate } = useI18n();
  const read = readFigures(figures);
  const ratio = (value: number | null) => (value === null ? '—' : formatNumber(value, 3));
  const count = (value: number | null) => (value === null ? '—' : formatNumber(value));
  const cells = (scores: HeldOutScores) => (
    <>
      <td className="num">{count(scores.ads)}</td>
      <td className="num" data-testid="precision">
        {ratio(scores.precision)}
      </td>
      <td className="num" data-testid="recall">
        {ratio(scores.recall)}
      </td>
      <td className="num" data-testid="roc-auc">
        {ratio(scores.rocAuc)}
      </td>
    </>
  );
  const training = [
    read.trainingAds !== null &&
      t('models.trainingAds', {
        ads: count(read.trainingAds),
        positives: count(read.trainingPositives),
      }),
    read.trainingDecisions !== null &&
      t('models.trainingDecisions', { decisions: count(read.trainingDecisions) }),
    read.since && t('models.trainingSince', { date: formatDate(read.since) }),
    read.emscadAds !== null && t('models.trainingEmscad', { ads: count(read.emscadAds) }),
  ].filter((part): part is string => typeof part === 'string');

  return (
    <div className="model-figures">
      {(training.length > 0 || read.baseVersion) && (
        <dl className="facts model-facts">
          {training.length > 0 && (
            <div>
              <dt>{t('models.training')}</dt>
              <dd>{training.join(', ')}</dd>
            </div>
          )}
          {read.baseVersion && (
            <div>
              <dt>{t('models.baseVersion')}</dt>
              <dd className="break">{read.baseVersion}</dd>
            </div>
          )}
        </dl>
      )}
      <h3>{t('models.heldOut')}</h3>
      {read.heldOut.length === 0 ? (
        <p className="muted">{t('models.heldOutNone')}</p>
      ) : (
        <table className="data model-held-out" data-testid="held-out">
          <thead>
            <tr>
              {heldOutColumns.map((key, index) => (
                <th key={key} scope="col" className={index > 0 ? 'num' : undefined}>
                  {t(key)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {read.heldOut.flatMap((row) => {
              const lang = row.lang ?? t('models.allLangs');
              const rows = [
                <tr key={lang} data-lang={lang}>
                  <th scope="row">{lang}</th>
                  {cells(row)}
                </tr>,
              ];
              if (row.base)
                rows.push(
                  <tr key={`${lang}-base`} className="model-base-row">
                    <th scope="row" className="muted small">
                      {t('models.baseFigures')}
                    </th>
                    {cells(row.base)}
                  </tr>,
                );
              return rows;
            })}
          </tbody>
        </table>
      )}
      {read.languages.length > 0 && (
        <>
          <h3>{t('models.languages')}</h3>
          <ul className="model-languages" data-testid="languages">
            {read.languages.map((route) => (
              <li key={route.lang} data-lang={route.lang}>
                <strong>{route.lang}</strong>:{' '}
                {route.model === 'candidate'
                  ? t('models.routeCandidate', {
                      confirmed: count(route.confirmed),
                      dismissed: count(route.dismissed),
                    })
                  : t('models.routeBase', { reason: route.reason ?? '—' })}
              </li>
            ))}
          </ul>
        </>
      )}
      {read.other.length > 0 && (
        <details>
          <summary>{t('models.otherFigures')}</summary>
          <dl className="facts">
            {read.other.map(({ key, value }) => (
              <div key={key}>
                <dt>{key}</dt>
                <dd className="break">{value}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </div>
  );
}
