import { useEffect, useState } from 'react';
import type { AdFilters } from '../api/endpoints.js';
import { endpoints } from '../api/endpoints.js';
import type { EntityInfo, IndicatorRef } from '../api/types.js';
import { EntityLink } from '../entity/entity-link.js';
import { useI18n } from '../i18n/index.js';

export const searchInputId = 'triage-search';

/** Everything but the status, which the tabs above the table set. */
export function hasFieldFilters(filters: AdFilters): boolean {
  return Object.entries(filters).some(([key, value]) => key !== 'status' && Boolean(value));
}

export function FiltersBar({
  filters,
  onChange,
}: {
  filters: AdFilters;
  onChange: (next: AdFilters) => void;
}) {
  const { t } = useI18n();
  const [indicators, setIndicators] = useState<IndicatorRef[]>([]);
  const [assignable, setAssignable] = useState<string[]>([]);
  useEffect(() => {
    endpoints.indicators().then(
      (result) => setIndicators(result.indicators),
      () => undefined,
    );
    endpoints.assignable().then(
      (result) => setAssignable(result.users.map((user) => user.username)),
      () => undefined,
    );
  }, []);

  // The entity pages of what the contact filter finds (phone in any format, name, handle...).
  const [entities, setEntities] = useState<EntityInfo[]>([]);
  const contact = filters.contact?.trim() ?? '';
  useEffect(() => {
    setEntities([]);
    if (!contact) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      endpoints.findEntities(contact, abort.signal).then(
        (result) => setEntities(result.items),
        () => undefined,
      );
    }, 300);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [contact]);

  const set = (key: keyof AdFilters) => (event: { target: { value: string } }) =>
    onChange({ ...filters, [key]: event.target.value });

  return (
    <form
      className="filters"
      role="search"
      aria-label={t('filters.title')}
      onSubmit={(event) => event.preventDefault()}
    >
      <label className="field grow">
        <span>{t('filters.q')}</span>
        <input
          id={searchInputId}
          type="search"
          placeholder={t('filters.qPlaceholder')}
          value={filters.q ?? ''}
          onChange={set('q')}
          onKeyDown={(event) => {
            // Esc or Enter hands the keyboard back to the list.
            if (event.key === 'Escape' || event.key === 'Enter') event.currentTarget.blur();
          }}
        />
      </label>
      <label className="field narrow">
        <span>{t('filters.minScore')}</span>
        <input
          type="number"
          min={0}
          max={100}
          inputMode="numeric"
          value={filters.minScore ?? ''}
          onChange={set('minScore')}
        />
      </label>
      <label className="field narrow">
        <span>{t('filters.maxScore')}</span>
        <input
          type="number"
          min={0}
          max={100}
          inputMode="numeric"
          value={filters.maxScore ?? ''}
          onChange={set('maxScore')}
        />
      </label>
      <label className="field">
        <span>{t('filters.indicator')}</span>
        <select value={filters.indicator ?? ''} onChange={set('indicator')}>
          <option value="">{t('common.any')}</option>
          {indicators.map((indicator) => (
            <option key={indicator.id} value={indicator.id}>
              {indicator.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('filters.lang')}</span>
        <select value={filters.lang ?? ''} onChange={set('lang')}>
          <option value="">{t('common.any')}</option>
          <option value="hy">{t('lang.hy')}</option>
          <option value="ru">{t('lang.ru')}</option>
          <option value="en">{t('lang.en')}</option>
        </select>
      </label>
      <label className="field">
        <span>{t('filters.source')}</span>
        <input
          placeholder={t('filters.sourcePlaceholder')}
          value={filters.source ?? ''}
          onChange={set('source')}
        />
      </label>
      <label className="field">
        <span>{t('filters.from')}</span>
        <input type="date" value={filters.from ?? ''} onChange={set('from')} />
      </label>
      <label className="field">
        <span>{t('filters.to')}</span>
        <input type="date" value={filters.to ?? ''} onChange={set('to')} />
      </label>
      <label className="field">
        <span>{t('filters.assignee')}</span>
        <select value={filters.assignee ?? ''} onChange={set('assignee')}>
          <option value="">{t('common.any')}</option>
          {assignable.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('filters.contact')}</span>
        <input
          placeholder={t('filters.contactPlaceholder')}
          value={filters.contact ?? ''}
          onChange={set('contact')}
        />
        {entities.length > 0 && (
          <span className="entity-matches small">
            {entities.slice(0, 3).map((entity) => (
              <EntityLink key={entity.key} entityKey={entity.key}>
                {t('filters.openEntity', { name: entity.display, count: entity.adCount })}
              </EntityLink>
            ))}
          </span>
        )}
      </label>
      <button
        type="button"
        className="button small align-end"
        disabled={!hasFieldFilters(filters)}
        onClick={() => onChange({ status: filters.status ?? '' })}
      >
        {t('filters.reset')}
      </button>
    </form>
  );
}
