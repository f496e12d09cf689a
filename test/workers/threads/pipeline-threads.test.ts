import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClassifier, type AdText } from '../../../classifiers/index.js';
import { sourceSchema } from '../../../config/index.js';
import { adapterFor, SkippedPageError } from '../../../crawlers/index.js';
import { PipelineThreads } from '../../../workers/threads/index.js';
import { silentLogger, waitFor } from '../../helpers/services.js';
import { AdwatchError, ErrorCode } from '../../../core/index.js';

const ADS: AdText[] = [
  {
    title: 'Աշխատանք Դուբայում',
    text: 'Պահանջվում են աղջիկներ 18-25 տարեկան Դուբայում աշխատելու համար, անվճար վիզա և տոմսեր։ Գրեք WhatsApp +971 50 123 4567',
  },
  {
    title: 'Հաշվապահ',
    text: 'Ընկերությունը հրավիրում է աշխատանքի հաշվապահի, աշխատավարձը 300000 դրամ ամսական, աշխատանքային պայմանագիր և սոցփաթեթ։',
  },
  {
    title: 'Работа в Стамбуле',
    text: 'Требуются девушки 18-25 лет для работы в ночном клубе, зарплата от 3000$ в месяц. Билеты и виза бесплатно, паспорт хранится у работодателя. Пишите только в Telegram @club_job',
  },
  {
    title: 'Менеджер по продажам',
    text: 'Официальное трудоустройство, график 5/2, офис на ул. Абовяна 12. Резюме на jobs@example.am',
  },
  {
    title: 'Hostess wanted',
    text: 'Attractive girls needed abroad, no experience, $4000 per month, cost of tickets deducted from salary. Send full body photo to hr@club.ae or https://t.me/hostess_jobs',
  },
  { text: 'We are hiring a warehouse assistant in Yerevan. Contract, 450,000 AMD per month.' },
  {
    title: 'rabota',
    text: 'trebuyutsya devushki v klub, zarplata vysokaya, pishite tolko v vatsap',
  },
];

/** Threads with the settings a test needs, logging nowhere. */
function startThreads(threads: number, timeoutMillis: number, flagThreshold = 60): PipelineThreads {
  return new PipelineThreads({ threads, timeoutMillis, flagThreshold, logger: silentLogger });
}

/** Text whose classification takes seconds (a megabyte of a recruitment pitch repeated). */
const costlyText = 'Требуются девушки в Дубай, whatsapp +971 50 123 4567, 3000$ в месяц. '.repeat(
  30_000,
);

describe('classification in worker threads', () => {
  let threads: PipelineThreads;
  beforeAll(() => {
    threads = startThreads(2, 30_000, 50);
  });
  afterAll(() => threads.close());

  it('gives the same assessment as the classifier in process, field for field', async () => {
    const classifier = createClassifier({ flagThreshold: 50 });
    const fromThreads = await Promise.all(ADS.map((ad) => threads.classify(ad)));
    for (const [i, ad] of ADS.entries()) {
      // Strict: a property lost or set to undefined by the structured clone would fail it.
      expect(fromThreads[i]).toStrictEqual(classifier.assess(ad));
    }
    expect(fromThreads.some((a) => a.flagged)).toBe(true);
    expect(fromThreads.some((a) => !a.flagged)).toBe(true);
    expect(new Set(fromThreads.map((a) => a.lang))).toEqual(
      new Set(['hy', 'ru', 'en', 'translit']),
    );
  });

  it('answers HTTP requests on the main thread while a thread classifies', async () => {
    const busy = startThreads(1, 600_000);
    const server: Server = createServer((_request, response) => response.end('pong'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      let settled = false;
      const classified = busy.classify({ text: costlyText }).finally(() => {
        settled = true;
      });
      classified.catch(() => undefined);
      await waitFor(() => Promise.resolve(busy.running === 1), { what: 'the thread to start' });
      const { port } = server.address() as AddressInfo;
      const answer = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());
      // In process, the request would wait for the classification: here it is answered first.
      expect(answer).toBe('pong');
      expect(settled).toBe(false);
      expect(busy.running).toBe(1);
    } finally {
      server.close();
      await busy.close();
    }
  });
});

describe('extraction in worker threads', () => {
  let threads: PipelineThreads;
  beforeAll(() => {
    threads = startThreads(1, 30_000);
  });
  afterAll(() => threads.close());

  const http = sourceSchema.parse({
    id: 'board',
    type: 'http',
    listingUrls: ['https://jobs.example.am/'],
    adLinkSelector: 'a.ad',
    detail: { title: 'h1', body: '.body', salary: '.salary', location: '.where' },
    jsonLd: true,
  });
  const telegram = sourceSchema.parse({ id: 'channel', type: 'telegram', channels: ['jobs_am'] });

  it('reads the same ad as the adapter in process, dates included', async () => {
    const page = `<html><head><script type="application/ld+json">${JSON.stringify({
      '@type': 'JobPosting',
      title: 'Seamstress in Gyumri',
      description: '<p>Sewing factory.</p><p>Dormitory provided.</p>',
      datePosted: '2026-10-01T09:00:00Z',
      hiringOrganization: { '@type': 'Organization', name: 'Shirak Textiles' },
    })}</script></head><body><h1>Seamstress</h1><div class="body">Sewing.</div>
      <span class="salary">250 000 AMD</span><span class="where">Gyumri</span></body></html>`;
    const url = 'https://jobs.example.am/ad/1';
    const ad = await threads.extract(http, page, url);
    expect(ad).toStrictEqual(adapterFor(http).extract(http, page, url));
    expect(ad.postedAt).toBeInstanceOf(Date);
  });

  it('stops a page that takes longer than the limit with ADW_EXTRACT_TIMEOUT, and goes on', async () => {
    // 99,000 elements of twenty words, within the markup budget: reading them takes about two
    // seconds, ten times the limit here; a small page takes milliseconds on a fresh thread.
    const quick = startThreads(1, 200);
    try {
      const cell = `<div class="where">${'word '.repeat(20)}</div>`;
      const large = `<h1>Big</h1><div class="body">${cell.repeat(99_000)}</div>`;
      const outOfTime = quick.extract(http, large, 'https://jobs.example.am/ad/4');
      await expect(outOfTime).rejects.toBeInstanceOf(AdwatchError);
      await expect(outOfTime).rejects.toMatchObject({
        code: ErrorCode.ExtractTimeout,
        retryable: false,
      });
      const small = '<h1>Cook</h1><div class="body">Kitchen work.</div>';
      expect(await quick.extract(http, small, 'https://jobs.example.am/ad/5')).toMatchObject({
        title: 'Cook',
      });
    } finally {
      await quick.close();
    }
  });

  it('keeps the code of an extraction error, and a skipped page as skipped', async () => {
    const noTitle = threads.extract(http, '<p>nothing</p>', 'https://jobs.example.am/ad/2');
    await expect(noTitle).rejects.toBeInstanceOf(AdwatchError);
    await expect(noTitle).rejects.toMatchObject({ code: ErrorCode.ExtractFailed });
    const deep = `<h1>x</h1><div class="body">${'<div>'.repeat(600)}</div>`;
    await expect(threads.extract(http, deep, 'https://jobs.example.am/ad/3')).rejects.toMatchObject(
      { code: ErrorCode.PageTooComplex, retryable: false },
    );
    const empty =
      '<div class="tgme_widget_message" data-post="jobs_am/7"><div class="tgme_widget_message_text"></div></div>';
    const skipped = threads.extract(telegram, empty, 'https://t.me/jobs_am/7');
    await expect(skipped).rejects.toBeInstanceOf(SkippedPageError);
    await expect(skipped).rejects.toThrow(/no text/);
  });
});
