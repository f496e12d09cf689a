import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../classifiers/index.js';
import type { AdText, RiskAssessment } from '../../classifiers/index.js';
import { ConfigError } from '../../core/index.js';

const classifier = createClassifier();

/** The same risky ad in the three languages and in translit. */
const PARALLEL: Record<string, AdText> = {
  en: {
    title: 'Work in Dubai for girls',
    text: 'Attractive girls 18-25 years needed as hostess in a night club. Salary $3000 per month. Free visa, tickets paid, deducted from salary later. Send a full body photo on WhatsApp +971 50 123 4567.',
  },
  ru: {
    title: 'Работа в Дубае для девушек',
    text: 'Требуются привлекательные девушки 18-25 лет, хостес в ночной клуб. Зарплата 3000$ в месяц. Бесплатная виза, билеты за счет работодателя, потом вычитается из зарплаты. Присылайте фото в полный рост в WhatsApp +971 50 123 4567.',
  },
  hy: {
    title: 'Աշխատանք Դուբայում աղջիկների համար',
    text: 'Պահանջվում են գրավիչ արտաքինով աղջիկներ 18-25 տարեկան, հոստես գիշերային ակումբում։ Աշխատավարձը 3000$ ամսական։ Անվճար վիզա, ավիատոմս, գումարը կպահվի աշխատավարձից։ Ամբողջ հասակով լուսանկար ուղարկեք WhatsApp +971 50 123 4567։',
  },
  translit: {
    title: 'Rabota v Dubae dlya devushek',
    text: 'Trebuyutsya krasivye devushki 18-25 let, xostes v nochnoj klub. Zarplata 3000$ v mesyac. Besplatnaya viza, bilety za schet rabotodatelya, potom vychitaetsya iz zarplaty. Prisylajte foto v polnyj rost v WhatsApp +971 50 123 4567.',
  },
};

/** Ordinary ads that share surface features with risky ones. */
const LEGITIMATE: Record<string, AdText> = {
  'licensed seasonal programme abroad': {
    title: 'Seasonal farm work in Germany',
    text: 'Under the bilateral agreement between Armenia and Germany and the state programme of the Migration Service, licensed agency (licence no 0123) recruits seasonal workers for fruit picking. Official employment contract signed before departure, health insurance, salary 2,100 EUR per month. Free accommodation. We never charge fees. Apply at www.migration.am.',
  },
  'hotel job with staff housing in a contract': {
    title: 'Housekeeping staff, hotel in Tsaghkadzor',
    text: 'Marriott Resort LLC hires housekeeping staff. Employment contract, 280,000 AMD per month, paid leave, staff housing included in the contract. Send your CV to hr@marriott-tsaghkadzor.am. Office address: 7 Kecharetsi Street.',
  },
  'marketing job that mentions messengers': {
    title: 'SMM manager',
    text: 'Our agency is looking for an SMM manager to run our clients’ WhatsApp, Telegram and Instagram channels. Experience with social media required. Salary 450,000 AMD per month, official employment. Send CV to jobs@agency.am.',
  },
  'Russian office job': {
    title: 'Бухгалтер',
    text: 'ООО «Ромашка» ищет бухгалтера. Официальное трудоустройство, соцпакет, зарплата 350 000 драм в месяц. Опыт от 3 лет. Офис по адресу: ул. Абовяна 12. Резюме: hr@romashka.am',
  },
  'Armenian driver job': {
    title: 'Վարորդ',
    text: 'Ընկերությունը հրավիրում է աշխատանքի վարորդի։ Աշխատանքային պայմանագիր, աշխատավարձը 250000 դրամ ամսական։ Զանգահարել 010 54 32 10։',
  },
};

describe('createClassifier', () => {
  it('scores a risky ad high, explains why and records versions', () => {
    const a = classifier.assess(PARALLEL.en);
    expect(a.score).toBeGreaterThanOrEqual(60);
    expect(a).toMatchObject({ band: 'high', flagged: true, lang: 'en' });
    expect(a.indicators.map((i) => i.id)).toEqual(
      expect.arrayContaining([
        'vague-entertainment-role',
        'travel-paid',
        'debt-repayment',
        'photo-request',
      ]),
    );
    expect(a.versions.model).toMatch(/^emscad-lr-1\+[0-9a-f]{12}$/u);
    expect(a.versions.lexicon).toMatch(/^[0-9a-f]{12}$/u);
  });

  it('points evidence spans at the words in title + "\\n" + text', () => {
    const ad = { title: 'Hostess wanted', text: 'Free visa. Contact WhatsApp only.' };
    const source = `${ad.title}\n${ad.text}`;
    const a = classifier.assess(ad);
    const evidence = (id: string): string[] =>
      a.indicators.find((i) => i.id === id)?.evidence.map((e) => source.slice(e.start, e.end)) ??
      [];
    expect(evidence('vague-entertainment-role')).toEqual(['Hostess']);
    expect(evidence('travel-paid')).toEqual(['Free visa']);
    expect(evidence('messenger-only-contact')).toEqual(['WhatsApp only']);
    for (const hit of a.indicators)
      for (const e of hit.evidence) expect(source.slice(e.start, e.end)).toBe(e.text);
  });

  it('points evidence at the text alone when there is no title', () => {
    const text = 'Работа без документов, срочно!';
    const hit = classifier.assess({ text }).indicators.find((i) => i.id === 'no-documents-needed');
    expect(hit?.evidence[0]).toEqual({ start: 7, end: 21, text: 'без документов' });
  });

  it('finds disguised words and points at them as written', () => {
    const ad = { text: 'Dub\u0430i: fr\u0435e v!za, write W h a t s A p p only 💃 h0stess' };
    const a = classifier.assess(ad);
    const texts = a.indicators.flatMap((i) => i.evidence.map((e) => e.text));
    expect(texts).toEqual(
      expect.arrayContaining(['fr\u0435e v!za', 'W h a t s A p p only', 'h0stess']),
    );
    expect(a.facts.destinations[0]).toMatchObject({
      country: 'AE',
      city: 'Dubai',
      span: { text: 'Dub\u0430i' },
    });
  });

  for (const [name, ad] of Object.entries(LEGITIMATE))
    it(`keeps a legitimate ad below the flag threshold: ${name}`, () => {
      const a = classifier.assess(ad);
      expect(a.flagged, JSON.stringify(summary(a))).toBe(false);
      expect(a.score).toBeLessThan(35);
    });

  it('gives a parallel ad in Armenian, Russian, English and translit a similar score', () => {
    const scores = Object.fromEntries(
      Object.entries(PARALLEL).map(([lang, ad]) => [lang, classifier.assess(ad)]),
    );
    for (const [lang, a] of Object.entries(scores)) {
      expect(a.flagged, `${lang}: ${JSON.stringify(summary(a))}`).toBe(true);
      expect(a.lang).toBe(lang);
    }
    const values = Object.values(scores).map((a) => a.score);
    expect(Math.max(...values) - Math.min(...values)).toBeLessThanOrEqual(15);
  });

  it('gives a parallel ad of moderate risk the same rules score in every language', () => {
    const ads = [
      'Work in Turkey at a hotel. No experience needed. Free accommodation. Salary 1500 USD per month. Write on WhatsApp +90 532 123 4567.',
      'Работа в Турции в отеле. Опыт не нужен. Бесплатное жилье. Зарплата 1500 USD в месяц. Пишите в WhatsApp +90 532 123 4567.',
      'Աշխատանք Թուրքիայում հյուրանոցում։ Փորձ չի պահանջվում։ Անվճար կացարան։ Աշխատավարձը 1500 USD ամսական։ Գրեք WhatsApp +90 532 123 4567։',
      'Rabota v Turcii v otele. Opyt ne nuzhen. Besplatnoe zhilye. Zarplata 1500 USD v mesyac. Pishite v WhatsApp +90 532 123 4567.',
    ].map((text) => classifier.assess({ text }));
    const rules = ads.map((a) => a.components.rules);
    const scores = ads.map((a) => a.score);
    expect(
      Math.max(...rules) - Math.min(...rules),
      JSON.stringify(ads.map(summary)),
    ).toBeLessThanOrEqual(5);
    // The English ad differs only by the English-trained model's bounded say.
    expect(Math.max(...scores) - Math.min(...scores)).toBeLessThanOrEqual(20);
    expect(ads.every((a) => !a.flagged)).toBe(true);
  });

  it('needs a combination of indicators to flag: one indicator alone stays below the threshold', () => {
    for (const text of [
      'Free visa.',
      'Hostess wanted.',
      'Send your full body photo.',
      'Your passport will be kept by the employer.',
    ])
      expect(classifier.assess({ text }).flagged, text).toBe(false);
  });

  it('lets legitimacy signals lower the score of the same ad', () => {
    const risky = 'Work in Dubai, free visa and accommodation, no experience needed, hostess.';
    const withSignals = `${risky} Licensed agency, official employment contract, we never charge fees.`;
    expect(classifier.assess({ text: withSignals }).score).toBeLessThan(
      classifier.assess({ text: risky }).score,
    );
  });

  it('applies a configurable flag threshold', () => {
    const strict = createClassifier({ flagThreshold: 20 });
    const a = strict.assess({ text: 'Hostess wanted in Dubai, free visa.' });
    expect(a.score).toBeGreaterThanOrEqual(20);
    expect(a.flagged).toBe(true);
    expect(() => createClassifier({ flagThreshold: 101 })).toThrow(ConfigError);
  });

  it('gives the English-trained model little say on Armenian and Russian ads', () => {
    expect(classifier.assess(PARALLEL.ru).components.modelWeight).toBeLessThan(0.1);
    expect(classifier.assess(PARALLEL.hy).components.modelWeight).toBeLessThan(0.1);
    expect(classifier.assess(PARALLEL.en).components.modelWeight).toBeGreaterThan(0.2);
  });

  it('gives the model its full say on a full-length English job ad, and less on a short post', () => {
    const paragraph =
      'We are a logistics company hiring a warehouse supervisor to plan shifts, train new staff, ' +
      'check deliveries against orders and keep stock records accurate in our system every day. ';
    const long = classifier.assess({ text: paragraph.repeat(5) });
    const short = classifier.assess({ text: paragraph });
    expect(long.components.modelWeight).toBeGreaterThan(0.9);
    expect(short.components.modelWeight).toBeLessThan(long.components.modelWeight);
  });

  it('shows the model part apart from the rules part: score = rules + modelPoints', () => {
    for (const ad of Object.values(PARALLEL)) {
      const a = classifier.assess(ad);
      expect(a.components.rules + a.components.modelPoints).toBe(a.score);
    }
  });

  it('extracts facts with spans', () => {
    const a = classifier.assess(PARALLEL.ru);
    expect(a.facts.phones.map((p) => p.e164)).toEqual(['+971501234567']);
    expect(a.facts.handles[0]).toMatchObject({ platform: 'whatsapp', handle: '+971501234567' });
    expect(a.facts.salary).toMatchObject({ amount: 3000, currency: 'USD', monthlyUsd: 3000 });
    expect(a.facts.ages).toMatchObject([{ min: 18, max: 25 }]);
    expect(a.facts.destinations.map((d) => d.country)).toContain('AE');
    expect(a.facts.category).toBe('entertainment');
  });

  it('handles empty and huge ads', () => {
    expect(classifier.assess({ text: '' })).toMatchObject({
      score: 5,
      band: 'low',
      indicators: [],
    });
    const huge = classifier.assess({ text: 'Ordinary office work. '.repeat(20_000) });
    expect(huge.band).toBe('low');
  });

  it('reports a missing model file as a configuration error naming the file', () => {
    expect(() => createClassifier({ modelPath: '/nonexistent/model.json' })).toThrow(
      /\/nonexistent\/model\.json/u,
    );
  });

  it('loads natural without printing anything (the CLI prints JSON lines only)', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const result = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        "const m = await import('./classifiers/index.ts'); m.createClassifier();",
      ],
      { cwd: root, encoding: 'utf8', env: { ...process.env, DOTENV_CONFIG_QUIET: undefined } },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('');
  });
});

function summary(a: RiskAssessment): unknown {
  return {
    score: a.score,
    lang: a.lang,
    components: a.components,
    indicators: a.indicators.map((i) => i.id),
  };
}
