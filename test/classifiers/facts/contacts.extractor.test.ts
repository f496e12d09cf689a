import { describe, expect, it } from 'vitest';
import {
  extractEmails,
  extractHandles,
  extractLinks,
  extractPhones,
} from '../../../classifiers/facts/contacts.extractor.js';

describe('extractPhones', () => {
  it('normalises Armenian numbers written locally to E.164', () => {
    const [phone] = extractPhones('Звоните 094 55 12 90 после обеда');
    expect(phone?.e164).toBe('+37494551290');
    expect(phone?.span.text).toBe('094 55 12 90');
  });

  it('reads international and Russian numbers', () => {
    const text = 'WhatsApp +971 50 123 4567, Москва 8 (926) 123-45-67, Ереван (010) 54-32-10';
    expect(extractPhones(text).map((p) => p.e164)).toEqual([
      '+971501234567',
      '+79261234567',
      '+37410543210',
    ]);
  });

  it('does not take prices, ages or dates for phone numbers', () => {
    expect(extractPhones('Salary 3000$, age 18-25, start 01.06.2025, 450 000 AMD')).toEqual([]);
  });

  it('gives spans that point at the number in the source', () => {
    const text = 'tel: +374 (91) 123-456.';
    const [phone] = extractPhones(text);
    expect(text.slice(phone?.span.start, phone?.span.end)).toBe('+374 (91) 123-456');
  });
});

describe('extractEmails and extractLinks', () => {
  it('finds e-mail addresses with their spans', () => {
    const text = 'CV to HR.Team@example.am or jobs@работа.рф.';
    expect(extractEmails(text).map((e) => e.email)).toEqual([
      'hr.team@example.am',
      'jobs@работа.рф',
    ]);
  });

  it('finds links', () => {
    expect(extractLinks('See https://example.am/jobs and www.jobs.am').map((l) => l.text)).toEqual([
      'https://example.am/jobs',
      'www.jobs.am',
    ]);
  });
});

describe('extractHandles', () => {
  it('reads messenger handles from links and from "@name" after a messenger name', () => {
    const text = 'wa.me/37494551290 or Telegram: @dubai_jobs, insta @model.agency';
    const handles = extractHandles(text, extractLinks(text));
    expect(handles.map((h) => [h.platform, h.handle])).toEqual([
      ['whatsapp', '37494551290'],
      ['telegram', 'dubai_jobs'],
      ['instagram', 'model.agency'],
    ]);
  });

  it('leaves the full stop that ends a sentence out of the handle', () => {
    const text = 'Write on Telegram @dubai_easy_job. Instagram: @model.agency.';
    expect(extractHandles(text, extractLinks(text)).map((h) => h.handle)).toEqual([
      'dubai_easy_job',
      'model.agency',
    ]);
  });

  it('does not read an e-mail as a handle', () => {
    const text = 'Telegram or mail jobs@example.am';
    expect(extractHandles(text, extractLinks(text))).toEqual([]);
  });
});
