import type { AdFacts } from '../api/types.js';
import { useI18n } from '../i18n/index.js';

/** A value the extractor produced, shown as text whatever its shape. */
function show(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  const record = value as Record<string, unknown>;
  if (typeof record.min === 'number' || typeof record.max === 'number') {
    const bound = (n: unknown) => (typeof n === 'number' ? String(n) : '…');
    return `${bound(record.min)}–${bound(record.max)}`;
  }
  if (typeof record.value === 'number' || typeof record.value === 'string')
    return String(record.value);
  return JSON.stringify(value);
}

export function FactsPanel({ facts }: { facts: AdFacts }) {
  const { t, formatNumber } = useI18n();
  const rows: [string, string[]][] = [
    [t('ad.phones'), (facts.phones ?? []).map((phone) => phone.e164)],
    [t('ad.emails'), (facts.emails ?? []).map((email) => email.email)],
    [
      t('ad.handles'),
      (facts.handles ?? []).map((handle) => `${handle.platform}: ${handle.handle}`),
    ],
    [
      t('ad.salary'),
      facts.salary
        ? [
            [
              facts.salary.amount !== undefined ? formatNumber(facts.salary.amount) : '',
              facts.salary.currency ?? '',
              facts.salary.period ? `/ ${facts.salary.period}` : '',
              facts.salary.monthlyUsd !== undefined
                ? `(${t('ad.salaryUsd', { usd: formatNumber(facts.salary.monthlyUsd) })})`
                : '',
            ]
              .filter(Boolean)
              .join(' '),
          ]
        : [],
    ],
    [t('ad.ages'), (facts.ages ?? []).map(show)],
    [
      t('ad.destinations'),
      (facts.destinations ?? []).map((d) => (d.city ? `${d.city}, ${d.country}` : d.country)),
    ],
    [t('ad.category'), facts.category ? [facts.category] : []],
  ];
  const present = rows.filter(([, values]) => values.length > 0);
  return (
    <section className="panel" aria-labelledby="facts-title">
      <h2 id="facts-title">{t('ad.facts')}</h2>
      {present.length === 0 ? (
        <p className="muted">{t('ad.noFacts')}</p>
      ) : (
        <dl className="facts">
          {present.map(([label, values]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>
                {values.map((value) => (
                  <span key={value} className="fact">
                    {value}
                  </span>
                ))}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
