/**
 * The local job board of `npm run bench -- pipeline`: N GENERATED ads (texts written for this
 * bench, assembled from sentence templates with random slots) in Armenian, Russian, English and
 * translit, a minority of them risky and some reposts of a few templates, served as listing pages
 * of 50 links and ad pages of about 20 KB (site chrome, sidebar, footer, inline style and script,
 * as real boards have), with ETags. Pages are rendered on request from a seed, not kept in memory.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const adsPerListingPage = 50;

type Lang = 'hy' | 'ru' | 'en' | 'translit';

/** mulberry32: every run serves the same board. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)];

/** Slot values per language; a sentence template names them as {slot}. */
// prettier-ignore
const words: Record<Lang, Record<string, readonly string[]>> = {
  en: {
    job: ['accountant', 'sales manager', 'driver', 'cook', 'waiter', 'software developer', 'cashier', 'nurse', 'security guard', 'marketing specialist', 'warehouse worker', 'receptionist', 'English teacher', 'electrician', 'barista', 'logistics coordinator'],
    company: ['Ararat Foods', 'Noyan Tapan Logistics', 'Sevan Digital', 'Masis Trade', 'Yerevan City Clinic', 'Arax Hotels', 'Hayk Motors', 'Vernissage Retail', 'Garni Build', 'Dilijan Tech'],
    city: ['Yerevan', 'Gyumri', 'Vanadzor', 'Abovyan', 'Hrazdan', 'Kapan', 'Armavir', 'Dilijan'],
    duty: ['preparing monthly reports', 'answering customer calls', 'keeping stock records', 'serving guests', 'planning delivery routes', 'checking invoices', 'greeting visitors', 'maintaining equipment', 'writing code reviews', 'cleaning the work area'],
    skill: ['Microsoft Excel', '1C accounting', 'Russian', 'English', 'TypeScript', 'customer service', 'driving category B', 'first aid'],
    street: ['Abovyan', 'Tumanyan', 'Mashtots', 'Baghramyan', 'Komitas', 'Sayat-Nova', 'Arshakunyats'],
    country: ['Dubai', 'Turkey', 'Moscow', 'Poland', 'Qatar', 'Cyprus'],
    riskjob: ['hostess', 'dancer', 'massage therapist', 'model', 'waitress in a night club', 'babysitter'],
  },
  ru: {
    job: ['бухгалтер', 'менеджер по продажам', 'водитель', 'повар', 'официант', 'программист', 'кассир', 'медсестра', 'охранник', 'маркетолог', 'кладовщик', 'администратор', 'электрик', 'бариста'],
    company: ['Арарат Фудс', 'Ноян Логистик', 'Севан Диджитал', 'Масис Трейд', 'Клиника Ереван', 'Аракс Отели', 'Айк Моторс', 'Гарни Строй'],
    city: ['Ереван', 'Гюмри', 'Ванадзор', 'Абовян', 'Раздан', 'Капан', 'Армавир'],
    duty: ['подготовка отчётов', 'работа с клиентами', 'учёт товара на складе', 'обслуживание гостей', 'планирование маршрутов', 'проверка счетов', 'ведение документации', 'обслуживание оборудования'],
    skill: ['Excel', '1С', 'английского языка', 'армянского языка', 'TypeScript', 'кассовой техники', 'вождения категории B'],
    street: ['Абовяна', 'Туманяна', 'Маштоца', 'Баграмяна', 'Комитаса', 'Саят-Нова'],
    country: ['Дубай', 'Турцию', 'Москву', 'Польшу', 'Катар', 'Кипр'],
    riskjob: ['хостес', 'танцовщиц', 'массажисток', 'моделей', 'официанток в ночной клуб', 'нянь'],
  },
  hy: {
    job: ['հաշվապահ', 'վաճառքի մենեջեր', 'վարորդ', 'խոհարար', 'մատուցող', 'ծրագրավորող', 'գանձապահ', 'բուժքույր', 'պահակ', 'մարքեթոլոգ', 'պահեստապետ', 'ադմինիստրատոր', 'էլեկտրիկ'],
    company: ['Արարատ Ֆուդս', 'Նոյան Լոջիսթիքս', 'Սևան Դիջիթալ', 'Մասիս Թրեյդ', 'Երևան Կլինիկա', 'Արաքս Հյուրանոցներ', 'Հայկ Մոթորս', 'Գառնի Բիլդ'],
    city: ['Երևան', 'Գյումրի', 'Վանաձոր', 'Աբովյան', 'Հրազդան', 'Կապան', 'Արմավիր'],
    duty: ['ամսական հաշվետվությունների պատրաստում', 'հաճախորդների սպասարկում', 'պահեստի հաշվառում', 'հյուրերի սպասարկում', 'առաքումների պլանավորում', 'փաստաթղթերի վարում', 'սարքավորումների սպասարկում'],
    skill: ['Excel', '1C', 'ռուսերեն', 'անգլերեն', 'TypeScript', 'հաճախորդների սպասարկման'],
    street: ['Աբովյան', 'Թումանյան', 'Մաշտոցի', 'Բաղրամյան', 'Կոմիտասի', 'Սայաթ-Նովայի'],
    country: ['Դուբայ', 'Թուրքիա', 'Մոսկվա', 'Լեհաստան', 'Կատար', 'Կիպրոս'],
    riskjob: ['հոստես', 'պարուհի', 'մերսող', 'մոդել', 'մատուցողուհի գիշերային ակումբում', 'դայակ'],
  },
  translit: {
    job: ['hashvapah', 'vacharogh', 'varord', 'xoharar', 'matucogh', 'programmist', 'kassir', 'oficiant', 'voditel', 'povar'],
    company: ['Ararat Foods', 'Noyan Logistics', 'Sevan Digital', 'Masis Trade', 'Hayk Motors'],
    city: ['Yerevan', 'Gyumri', 'Vanadzor', 'Abovyan', 'Hrazdan'],
    duty: ['hashvetvutyunner', 'hachaxordneri spasarkum', 'rabota s klientami', 'vedenie dokumentacii', 'pahesti hashvarum'],
    skill: ['Excel', '1C', 'rusereni', 'angliyskogo', 'vozhdeniya'],
    street: ['Abovyan', 'Tumanyan', 'Mashtoci', 'Baghramyan'],
    country: ['Dubai', 'Turciyu', 'Moskvu', 'Dubay', 'Katar'],
    riskjob: ['hostes', 'tancovshic', 'massazhistok', 'modeley', 'oficiantok v nochnoy klub'],
  },
};

/** Sentence templates per language: what ordinary ads and risky ads are assembled from. */
// prettier-ignore
const sentences: Record<Lang, { plain: readonly string[]; risky: readonly string[] }> = {
  en: {
    plain: [
      '{company} is hiring a {job} for its office in {city}.',
      'Our team in {city} is looking for an experienced {job} to start in {month}.',
      'Responsibilities include {duty}, {duty} and {duty}.',
      'Your daily work: {duty} and {duty}, together with a team of {n} people.',
      'Requirements: {years} years of experience as a {job} and a good knowledge of {skill}.',
      'Knowledge of {skill} and {skill} is an advantage.',
      'We offer a salary of {salary} AMD per month, an official contract and paid leave.',
      'Gross monthly salary {salary} AMD, reviewed after the probation period of {years} months.',
      'Working hours: {hours}, Monday to Friday; lunch is provided.',
      'The office is at {n} {street} street, {city}, next to the metro.',
      'Send your CV to hr{n}@{domain} before {day} {month}, with "{job}" in the subject.',
      'For questions call {phone} from 10:00 to 18:00.',
      'Training in {skill} is given to candidates without experience.',
      'We value accuracy, punctuality and respect for colleagues.',
    ],
    risky: [
      'Girls {age}-{age2} years old needed as {riskjob} in {country}, free visa and tickets.',
      'Salary from {big}$ per month, accommodation provided, no experience or language needed.',
      'Urgent departure within {days} days; the employer keeps the passport for registration.',
      'Write only on WhatsApp {foreign}, send a full-length photo in a swimsuit.',
      'The cost of tickets and visa is deducted from your first salaries.',
    ],
  },
  ru: {
    plain: [
      'Компания «{company}» приглашает на работу: {job}, город {city}.',
      'В офис в городе {city} требуется {job} с опытом работы от {years} лет.',
      'Обязанности: {duty}, {duty}, {duty}.',
      'Требования: опыт работы от {years} лет, знание {skill} и {skill}.',
      'Мы предлагаем заработную плату {salary} драм, официальное трудоустройство и оплачиваемый отпуск.',
      'График работы {hours}, пять дней в неделю, обед за счёт компании.',
      'Офис находится по адресу: {city}, ул. {street}, {n}.',
      'Резюме отправляйте на hr{n}@{domain} до {day} числа.',
      'Телефон для справок {phone}, звонить с 10 до 18 часов.',
      'Кандидатов без опыта обучим работе с {skill}.',
      'Испытательный срок {years} месяца, затем повышение зарплаты.',
    ],
    risky: [
      'Требуются девушки {age}-{age2} лет для работы {riskjob} в {country}, виза и билеты бесплатно.',
      'Зарплата от {big}$ в месяц, жильё предоставляется, опыт и знание языка не нужны.',
      'Срочный выезд через {days} дней, паспорт хранится у работодателя для оформления.',
      'Пишите только в WhatsApp {foreign}, пришлите фото в полный рост.',
      'Стоимость билетов и визы вычитается из первых зарплат.',
    ],
  },
  hy: {
    plain: [
      '{company} ընկերությունը {city} քաղաքում հրավիրում է աշխատանքի {job}։',
      'Պահանջվում է {job} առնվազն {years} տարվա աշխատանքային փորձով։',
      'Պարտականություններ՝ {duty}, {duty}, {duty}։',
      'Պահանջներ՝ {skill} և {skill} իմացություն, պատասխանատվություն։',
      'Առաջարկում ենք {salary} դրամ ամսական աշխատավարձ, աշխատանքային պայմանագիր և վճարովի արձակուրդ։',
      'Աշխատանքային ժամերը՝ {hours}, երկուշաբթիից ուրբաթ։',
      'Գրասենյակը գտնվում է {city}, {street} փողոց {n}։',
      'Ինքնակենսագրությունն ուղարկել hr{n}@{domain} հասցեին մինչև {day}-ը։',
      'Հարցերի համար զանգահարել {phone} հեռախոսահամարով։',
      'Առանց փորձի թեկնածուներին կտրամադրվի ուսուցում {skill} ոլորտում։',
      'Փորձաշրջանը {years} ամիս է, որից հետո աշխատավարձը կբարձրացվի։',
    ],
    risky: [
      'Պահանջվում են {age}-{age2} տարեկան աղջիկներ՝ որպես {riskjob} աշխատելու {country}, անվճար վիզա և տոմս։',
      'Աշխատավարձը {big}$ ամսական, բնակարանը տրամադրվում է, փորձ և լեզու պետք չէ։',
      'Շտապ մեկնում {days} օրվա ընթացքում, անձնագիրը պահվում է գործատուի մոտ։',
      'Գրել միայն WhatsApp {foreign}, ուղարկել լուսանկար ամբողջ հասակով։',
      'Տոմսի և վիզայի արժեքը պահվում է առաջին աշխատավարձերից։',
    ],
  },
  translit: {
    plain: [
      '{company} enkerutyun@ {city}-um pahanjvum e {job}, ashxatanqayin paymanagir.',
      'trebuetsya {job} v {city}, opyt ot {years} let, oplata {salary} dram.',
      'partakanutyunner: {duty}, {duty}.',
      'grafik {hours}, ofis {street} {n}, zvonit {phone}.',
      'ashxatavarc@ {salary} dram amsakan, sochpatet.',
    ],
    risky: [
      'trebuyutsya devushki {age}-{age2} let {riskjob} v {country}, besplatnaya viza i bilety.',
      'zarplata ot {big}$, zhilye predostavlyaetsya, opyt ne nuzhen.',
      'srochnyy vyezd cherez {days} dney, pishite tolko v vatsap {foreign}.',
      'anvchar viza, bardzr ashxatavarc artasahmanum, grel whatsapp {foreign}.',
    ],
  },
};

const months = ['January', 'February', 'March', 'April', 'May', 'June', 'September', 'October'];
const domains = ['mail.am', 'jobs.am', 'example.am', 'company.am', 'work.am'];

function fill(template: string, lang: Lang, r: () => number): string {
  const vocabulary = words[lang];
  return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
    const list = vocabulary[slot];
    if (list) return pick(r, list);
    switch (slot) {
      case 'n':
        return String(1 + Math.floor(r() * 120));
      case 'years':
        return String(1 + Math.floor(r() * 5));
      case 'salary':
        return String(150 + Math.floor(r() * 70) * 10) + ',000';
      case 'big':
        return String(3 + Math.floor(r() * 7)) + '000';
      case 'age':
        return String(18 + Math.floor(r() * 4));
      case 'age2':
        return String(24 + Math.floor(r() * 8));
      case 'days':
        return String(2 + Math.floor(r() * 10));
      case 'day':
        return String(1 + Math.floor(r() * 28));
      case 'hours':
        return `${9 + Math.floor(r() * 2)}:00-${17 + Math.floor(r() * 3)}:00`;
      case 'month':
        return pick(r, months);
      case 'domain':
        return pick(r, domains);
      case 'phone':
        return `+374 ${pick(r, ['10', '11', '91', '93', '94', '98', '99'])} ${String(100000 + Math.floor(r() * 899999))}`;
      case 'foreign':
        return `+971 5${Math.floor(r() * 10)} ${String(1000000 + Math.floor(r() * 8999999))}`;
      default:
        return slot;
    }
  });
}

/** One generated ad: its text and what it is, for the bench's own tally. */
export interface BoardAd {
  id: number;
  lang: Lang;
  risky: boolean;
  repost: boolean;
  title: string;
  paragraphs: string[];
  location: string;
  contact: string;
  postedAt: string;
}

/** About 40% Armenian, 35% Russian, 20% English, 5% translit. */
function langOf(r: () => number): Lang {
  const x = r();
  return x < 0.4 ? 'hy' : x < 0.75 ? 'ru' : x < 0.95 ? 'en' : 'translit';
}

/** 8% of the ads are risky; 4% are reposts of one of 40 templates (a campaign each). */
const riskyShare = 0.08;
const repostShare = 0.04;
const templates = 40;

function compose(id: number, seed: number): BoardAd {
  const r = prng(seed);
  const lang = langOf(r);
  const risky = r() < riskyShare;
  const { plain, risky: riskyPool } = sentences[lang];
  const chosen = plain.filter(() => r() < 0.6);
  // Never an ad without a text: at least the first three sentences.
  if (chosen.length < 3) chosen.push(...plain.slice(0, 3 - chosen.length));
  if (risky) chosen.splice(1, 0, ...riskyPool.filter(() => r() < 0.7));
  // Paragraphs of 1-3 sentences, so the body's markup looks like an editor's.
  const paragraphs: string[] = [];
  for (let i = 0; i < chosen.length;) {
    const take = 1 + Math.floor(r() * 3);
    paragraphs.push(
      chosen
        .slice(i, i + take)
        .map((s) => fill(s, lang, r))
        .join(' '),
    );
    i += take;
  }
  const job = pick(r, words[lang].job);
  return {
    id,
    lang,
    risky,
    repost: false,
    title: risky
      ? fill(riskyPool[0], lang, r).slice(0, 90)
      : `${job} — ${pick(r, words[lang].city)}`,
    paragraphs,
    location: pick(r, words[lang].city),
    contact: fill('{phone}', lang, r),
    postedAt: new Date(Date.UTC(2026, 10, 1) + id * 61_000).toISOString(),
  };
}

/** The ad with this id (1-based); deterministic. */
export function boardAd(id: number): BoardAd {
  const r = prng(id * 7919);
  if (r() < repostShare) {
    // A repost: the template's text with a new phone and a changed salary line.
    const template = Math.floor(r() * templates);
    const ad = compose(id, 1_000_000 + template);
    const contact = fill('{foreign}', ad.lang, r);
    return { ...ad, id, repost: true, contact, postedAt: compose(id, id).postedAt };
  }
  return compose(id, id);
}

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c,
  );

// Site chrome shared by every page: what makes a real board's page 20 KB for 2 KB of ad.
const style = `<style>${Array.from(
  { length: 120 },
  (_, i) =>
    `.c${i}{margin:${i % 7}px ${i % 5}px;padding:${i % 3}px;color:#${(0x223344 + i * 4099).toString(16).slice(-6)};font-size:${12 + (i % 6)}px}`,
).join('\n')}</style>`;
const nav = `<header class="site"><a class="logo" href="/">Bench Jobs</a><nav>${Array.from(
  { length: 30 },
  (_, i) => `<a class="c${i}" href="/category/${i}">Category ${i}</a>`,
).join(' ')}</nav><form action="/search"><input name="q" placeholder="Search"></form></header>`;
const footer = `<footer class="site">${Array.from(
  { length: 60 },
  (_, i) => `<a href="/info/${i}">Information page ${i}</a>`,
).join(' | ')}<p>© 2026 Bench Jobs — a generated board for adwatch's benchmark.</p></footer>`;
const script = `<script>window.__BOARD__=${JSON.stringify({
  build: 'bench',
  categories: Array.from({ length: 40 }, (_, i) => ({
    id: i,
    name: `Category ${i}`,
    count: i * 37,
  })),
})};(function(){var t=Date.now();document.addEventListener('DOMContentLoaded',function(){window.__loaded=Date.now()-t;});})();</script>`;

export function adPage(ad: BoardAd): string {
  const similar = Array.from({ length: 30 }, (_, i) => {
    const other = ((ad.id + i * 97) % 20_000) + 1;
    return `<li class="c${i}"><a href="/ad/${other}">Similar vacancy ${other}</a> <span class="date">${ad.postedAt.slice(0, 10)}</span></li>`;
  }).join('');
  return `<!doctype html><html lang="${ad.lang === 'translit' ? 'hy' : ad.lang}"><head><meta charset="utf-8"><title>${escapeHtml(ad.title)} | Bench Jobs</title><meta name="viewport" content="width=device-width">${style}</head><body>
${nav}
<div class="layout"><main><nav class="crumbs"><a href="/">Home</a> › <a href="/list?page=1">Jobs</a> › Ad ${ad.id}</nav>
<article class="ad"><h1 class="title">${escapeHtml(ad.title)}</h1>
<time class="date" datetime="${ad.postedAt}">${ad.postedAt.slice(0, 10)}</time>
<div class="body">${ad.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}</div>
<dl class="meta"><dt>Location</dt><dd class="location">${escapeHtml(ad.location)}</dd><dt>Contact</dt><dd class="contact">${escapeHtml(ad.contact)}</dd></dl>
</article></main>
<aside class="similar"><h2>Similar ads</h2><ul>${similar}</ul><div class="promo">Place your ad for free: call (010) 00-00-00</div></aside></div>
${footer}
${script}
</body></html>`;
}

function listingPage(page: number, adCount: number, pages: number): string {
  const first = (page - 1) * adsPerListingPage + 1;
  const links = Array.from({ length: Math.min(adsPerListingPage, adCount - first + 1) }, (_, i) => {
    const id = first + i;
    return `<li><a class="ad" href="/ad/${id}">Vacancy ${id}</a></li>`;
  });
  const next = page < pages ? `<a class="next" href="/list?page=${page + 1}">next</a>` : '';
  return `<!doctype html><html><head><meta charset="utf-8"><title>Jobs, page ${page}</title>${style}</head><body>${nav}<ul class="ads">${links.join('')}</ul>${next}${footer}</body></html>`;
}

export interface Board {
  origin: string;
  listingPages: number;
  /** Requests served, and the times of the first and last ad page (performance.now()). */
  served: { listing: number; detail: number; notModified: number; bytes: number };
  detailTimes: { first: number; last: number };
  close(): Promise<void>;
}

/** Serves the board on 127.0.0.1 on a free port. */
export async function startBoard(adCount: number): Promise<Board> {
  const listingPages = Math.ceil(adCount / adsPerListingPage);
  const served = { listing: 0, detail: 0, notModified: 0, bytes: 0 };
  const detailTimes = { first: 0, last: 0 };
  const sockets = new Set<Socket>();
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://board');
    if (url.pathname === '/list') {
      served.listing += 1;
      const body = listingPage(Number(url.searchParams.get('page') ?? '1'), adCount, listingPages);
      served.bytes += Buffer.byteLength(body);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(body);
      return;
    }
    const id = Number(/^\/ad\/(\d+)$/.exec(url.pathname)?.[1]);
    if (id >= 1 && id <= adCount) {
      const now = performance.now();
      if (served.detail === 0) detailTimes.first = now;
      detailTimes.last = now;
      served.detail += 1;
      const etag = `"ad-${id}-v1"`;
      if (request.headers['if-none-match'] === etag) {
        served.notModified += 1;
        response.writeHead(304, { etag }).end();
        return;
      }
      const body = adPage(boardAd(id));
      served.bytes += Buffer.byteLength(body);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag }).end(body);
      return;
    }
    // robots.txt and anything else: not found (everything allowed).
    response.writeHead(404).end();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    listingPages,
    served,
    detailTimes,
    close: () =>
      new Promise((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
}
