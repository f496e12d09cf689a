import type { AdFacts } from '../api/types.js';
import { EntityLink } from '../entity/entity-link.js';
import { useI18n } from '../i18n/index.js';

/** One shown value and, when it is one of the ad's contacts, its entity key. */
interface FactValue {
  text: string;
  key?: string;
}

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

export function FactsPanel({ facts, contacts = [] }: { facts: AdFacts; contacts?: string[] }) {
  const { t, formatNumber } = useI18n();
  const known = new Set(contacts);
  const linked = new Set<string>();
  // The keys the store makes for these facts (store/ad.types.ts contactKeys).
  const contact = (text: string, key: string): FactValue => {
    if (!known.has(key)) return { text };
    linked.add(key);
    return { text, key };
  };
  const plain = (values: string[]): FactValue[] => values.map((text) => ({ text }));
  const rows: [string, FactValue[]][] = [
    [t('ad.phones'), (facts.phones ?? []).map((phone) => contact(phone.e164, `tel:${phone.e164}`))],
    [
      t('ad.emails'),
      (facts.emails ?? []).map((email) =>
        contact(email.email, `email:${email.email.toLowerCase()}`),
      ),
    ],
    [
      t('ad.handles'),
      (facts.handles ?? []).map((handle) =>
        contact(
          `${handle.platform}: ${handle.handle}`,
          `${handle.platform}:${handle.handle.toLowerCase()}`,
        ),
      ),
    ],
    [
      t('ad.salary'),
      plain(
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
      ),
    ],
    [t('ad.ages'), plain((facts.ages ?? []).map(show))],
    [
      t('ad.destinations'),
      plain(
        (facts.destinations ?? []).map((d) => (d.city ? `${d.city}, ${d.country}` : d.country)),
      ),
    ],
    [t('ad.category'), plain(facts.category ? [facts.category] : [])],
  ];
  // Employer, links and the Telegram channel: contacts that are not among the facts above.
  const others = contacts.filter((key) => !linked.has(key));
  if (others.length > 0)
    rows.push([
      t('ad.otherContacts'),
      others.map((key) => ({ text: key.replace(/^(employer|link):/, ''), key })),
    ]);
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
                {values.map((value) =>
                  value.key ? (
                    <EntityLink key={value.key} entityKey={value.key}>
                      <span className="fact">{value.text}</span>
                    </EntityLink>
                  ) : (
                    <span key={value.text} className="fact">
                      {value.text}
                    </span>
                  ),
                )}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}
