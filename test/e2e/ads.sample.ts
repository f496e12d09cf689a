import type { AdInput } from './ui.fixture.js';

/** Realistic flagged ads in the three languages analysts read. */
export const sampleAds: AdInput[] = [
  {
    url: 'https://jobs.example.am/ads/1001',
    title: 'Waitresses wanted in Dubai, $4000 a month',
    body: 'Young girls 18-25 wanted for work in Dubai hotels. No experience or language needed. Salary 4000 USD per month. Free visa and air tickets, employer keeps your passport for safety. Write on Telegram @dubai_easy_job or call +374 91 234567.',
    seenAt: new Date('2026-11-20T09:15:00Z'),
  },
  {
    url: 'https://jobs.example.am/ads/1002',
    title: 'Работа в Турции для девушек',
    body: 'Требуются девушки 18-25 лет для работы в ночном клубе в Стамбуле. Опыт не нужен, знание языка не нужно. Зарплата от 3000 долларов в месяц. Билеты и виза бесплатно, паспорт хранится у работодателя. Пишите в WhatsApp +374 93 111222.',
    sourceId: 'list-am',
    seenAt: new Date('2026-11-21T14:40:00Z'),
  },
  {
    url: 'https://jobs.example.am/ads/1003',
    title: 'Աշխատանք Դուբայում աղջիկների համար',
    body: 'Պահանջվում են 18-25 տարեկան աղջիկներ Դուբայում աշխատելու համար։ Փորձ պետք չէ։ Աշխատավարձը ամսական 3000 դոլար։ Վիզան և տոմսերը անվճար։ Զանգահարել +374 91 234567 կամ Telegram @dubai_girls_job',
    sourceId: 'list-am',
    seenAt: new Date('2026-11-22T08:05:00Z'),
  },
];
