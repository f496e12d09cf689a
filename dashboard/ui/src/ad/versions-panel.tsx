import type { AdDetail } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { wordDiff } from './word-diff.js';

/** Earlier versions of the ad, each with a word diff against the current text. */
export function VersionsPanel({ ad }: { ad: AdDetail }) {
  const { t, formatDate } = useI18n();
  return (
    <section className="panel" aria-labelledby="versions-title">
      <h2 id="versions-title">{t('ad.versions')}</h2>
      {ad.versions.length === 0 ? (
        <p className="muted">{t('ad.noVersions')}</p>
      ) : (
        <ol className="versions">
          {ad.versions.map((version) => {
            const diff = wordDiff(
              `${version.title}\n\n${version.body}`,
              `${ad.title}\n\n${ad.text}`,
            );
            return (
              <li key={version.contentHash}>
                <details>
                  <summary>
                    <span>{version.title || '—'}</span>{' '}
                    <span className="muted">
                      {t('ad.seenUntil', { date: formatDate(version.seenUntil) })}
                    </span>
                  </summary>
                  <p className="muted small">{t('ad.compare')}</p>
                  <div className="diff">
                    {diff
                      ? diff.map((part, index) =>
                          part.kind === 'same' ? (
                            <span key={index}>{part.text}</span>
                          ) : part.kind === 'added' ? (
                            <ins key={index}>{part.text}</ins>
                          ) : (
                            <del key={index}>{part.text}</del>
                          ),
                        )
                      : version.body}
                  </div>
                </details>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
