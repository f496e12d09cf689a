import type { RelatedAd } from '../api/types.js';
import { ScoreBadge } from '../components/score-badge.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { hrefOf } from '../router.js';

const kindKeys: Record<string, MessageKey> = {
  phone: 'kind.phone',
  email: 'kind.email',
  handle: 'kind.handle',
};

/** Other ads that share a phone, email or messenger handle with this one. */
export function RelatedPanel({ related }: { related: RelatedAd[] }) {
  const { t } = useI18n();
  return (
    <section className="panel" aria-labelledby="related-title">
      <h2 id="related-title">{t('ad.related')}</h2>
      {related.length === 0 ? (
        <p className="muted">{t('ad.noRelated')}</p>
      ) : (
        <ul className="related">
          {related.map((other) => (
            <li key={other.id}>
              <ScoreBadge
                score={other.score}
                band={other.score >= 70 ? 'high' : other.score >= 40 ? 'medium' : 'low'}
              />{' '}
              <a href={hrefOf({ name: 'ad', id: other.id })}>{other.title || other.id}</a>
              <div className="muted small">
                {other.shared
                  .map(
                    (item) =>
                      `${kindKeys[item.kind] ? t(kindKeys[item.kind]) : item.kind}: ${item.value}`,
                  )
                  .join(', ')}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
