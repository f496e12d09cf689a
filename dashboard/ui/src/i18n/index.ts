import { createContext, useContext } from 'react';
import type { Locale } from '../api/types.js';
import { en, type MessageKey, type Messages } from './en.js';
import { hy } from './hy.js';
import { ru } from './ru.js';

export type { MessageKey } from './en.js';

const catalogues: Record<Locale, Messages> = { en, hy, ru };

/** BCP 47 tags for Intl: Armenian dates read as in Armenia, Russian as in Russia. */
const intlLocale: Record<Locale, string> = { en: 'en-GB', hy: 'hy-AM', ru: 'ru-RU' };

/** Labels of the language switch, each in its own language. */
export const localeLabels: Record<Locale, string> = { en: 'EN', hy: 'ՀԱՅ', ru: 'РУС' };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** Everything a screen needs to speak the analyst's language. */
export interface I18n {
  locale: Locale;
  t: Translate;
  formatDate: (iso: string | null | undefined) => string;
  /** The time of day alone, 24-hour "14:05", for moments within the next hours. */
  formatTime: (iso: string) => string;
  formatNumber: (value: number, maximumFractionDigits?: number) => string;
}

const armenianMonths = [
  'հնվ',
  'փտվ',
  'մրտ',
  'ապր',
  'մյս',
  'հնս',
  'հլս',
  'օգս',
  'սեպ',
  'հոկ',
  'նոյ',
  'դեկ',
];

/**
 * Dates as "29 նոյ, 2026 թ., 09:09". Chromium ships without Armenian locale data, so Intl would
 * silently fall back to English; the pattern is then built here from the numeric parts.
 */
function armenianDates(): { format: (date: Date) => string } {
  const numeric = new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return {
    format: (date) => {
      const part = (type: Intl.DateTimeFormatPartTypes) =>
        numeric.formatToParts(date).find((p) => p.type === type)?.value ?? '';
      const month = armenianMonths[Number(part('month')) - 1] ?? part('month');
      return `${part('day')} ${month}, ${part('year')} թ., ${part('hour')}:${part('minute')}`;
    },
  };
}

/** True when this browser's Intl really has the locale's data, rather than a fallback. */
function intlSupports(tag: string): boolean {
  return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0;
}

/** Builds the translator and formatters for one locale; unknown placeholders stay visible. */
export function createI18n(locale: Locale): I18n {
  const messages = catalogues[locale];
  const tag = intlLocale[locale];
  const native = intlSupports(tag);
  const dates =
    locale === 'hy' && !native
      ? armenianDates()
      : new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  // Armenian groups digits like Russian (12 345,6), the closest locale every browser has.
  const numberTag = native ? tag : 'ru-RU';
  const numbers = new Map<number, Intl.NumberFormat>();
  const times = new Intl.DateTimeFormat(native ? tag : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return {
    locale,
    t: (key, values) => {
      const template = messages[key] ?? en[key] ?? key;
      if (!values) return template;
      return template.replace(/\{(\w+)\}/g, (match, name: string) =>
        name in values ? String(values[name]) : match,
      );
    },
    formatDate: (iso) => {
      if (!iso) return '—';
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : dates.format(date);
    },
    formatTime: (iso) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : times.format(date);
    },
    formatNumber: (value, maximumFractionDigits = 0) => {
      let format = numbers.get(maximumFractionDigits);
      if (!format) {
        format = new Intl.NumberFormat(numberTag, { maximumFractionDigits });
        numbers.set(maximumFractionDigits, format);
      }
      return format.format(value);
    },
  };
}

export const I18nContext = createContext<I18n>(createI18n('en'));

/** The current language's translator and formatters. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
