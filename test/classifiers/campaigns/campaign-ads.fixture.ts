/**
 * Ads written for the campaign tests (not taken from any real ad): offers in Russian, Armenian,
 * English and translit, variants of them, and the ads of an employer with a long company text.
 */
import type { CampaignAd } from '../../../classifiers/index.js';

export const RU_OFFER = [
  'Требуются девушки от 18 до 27 лет на работу официанткой в ресторан в Стамбуле.',
  'Зарплата от 2500 долларов в месяц, чаевые остаются вам.',
  'Перелёт и виза за счёт работодателя, проживание бесплатно.',
  'Знание турецкого не требуется, всему научим на месте.',
  'Пишите в WhatsApp +7 915 123-45-67 или в телеграм @istanbul_job.',
].join('\n');

/** The same offer typed in Latin letters, with other contacts. */
export const RU_OFFER_TRANSLIT = [
  'Trebuyutsya devushki ot 19 do 28 let na rabotu oficiantkoy v restoran v Stambule.',
  'Zarplata ot 2700 dollarov v mesyac, chaevye ostayutsya vam.',
  'Perelet i viza za schet rabotodatelya, prozhivanie besplatno.',
  'Znanie tureckogo ne trebuetsya, vsemu nauchim na meste.',
  'Pishite v WhatsApp +7 916 222-33-44 ili v telegram @stambul_work.',
].join('\n');

export const HY_OFFER = [
  'Գերմանիայի հյուրանոցներին անհրաժեշտ են հավաքարարներ և սպասք լվացողներ։',
  'Աշխատավարձը ամսական 1800 եվրո, աշխատանքային օրը տաս ժամ։',
  'Վիզայի և ճանապարհի ծախսերը կպահվեն առաջին երկու աշխատավարձից։',
  'Անձնագրերը պահվում են համակարգողի մոտ մինչև պայմանագրի ավարտը։',
  'Զանգահարեք 094 55 12 90 կամ գրեք տելեգրամով @germany_work։',
].join('\n');

/** The Armenian offer typed in Latin letters, as people type on phones. */
export const HY_OFFER_TRANSLIT = [
  'Germaniayi hyuranocnerin anhrajesht en havaqararner ev spasq lvacoghner.',
  'Ashxatavardz@ amsakan 1900 evro, ashxatanqayin or@ tas zham.',
  'Vizayi ev chanaparhi caxser@ kpahven arajin erku ashxatavardzic.',
  'Andznagrer@ pahvum en hamakargoghi mot minchev paymanagri avart@.',
  'Zangaharek 077 12 34 56 kam grek telegramov @work_de.',
].join('\n');

export const EN_OFFER = [
  'An international trading company is hiring remote payment assistants.',
  'You will receive client payments to your personal bank account and send them on to our partners.',
  'You keep 8 percent of every transfer, up to 1200 dollars a week.',
  'All you need is a smartphone, a bank card and two free hours a day.',
  'No interview and no experience required, you can start today.',
  'Message our manager at https://t.me/pay_manager or write to jobs.pay@mail.com.',
].join('\n');

/** A long company description an employer puts in each of its ads. */
const ABOUT = [
  'Ararat Logistics is one of the largest freight companies in the region, with more than nine hundred employees.',
  'For eighteen years we have delivered goods for retail chains, factories and farmers across the country.',
  'We value honesty, safety on the road and respect for every member of our team.',
  'Every employee gets an official contract, health insurance and paid annual leave.',
  'We train new colleagues ourselves and promote from within the company.',
  'Our head office is in Yerevan, with warehouses in Gyumri, Vanadzor and Kapan.',
];

/** Jobs of that employer: each its own duties and requirements. */
const JOBS: { title: string; sentences: string[] }[] = [
  {
    title: 'Accountant',
    sentences: [
      'We are looking for an accountant to keep the books of the Gyumri warehouse.',
      'You will prepare monthly tax reports and reconcile supplier invoices.',
    ],
  },
  {
    title: 'Truck driver',
    sentences: [
      'We need a truck driver with a category C licence for routes between our warehouses.',
      'At least three years of driving experience and a clean record are required.',
    ],
  },
  {
    title: 'Warehouse supervisor',
    sentences: [
      'The supervisor plans the shifts of twelve storekeepers in Vanadzor.',
      'Experience with stock software and leading a team is expected.',
    ],
  },
];

/** Ads of the employer above: one per job, all with its company description. */
export function employerAds(): CampaignAd[] {
  return JOBS.map((job, i) => ({
    id: `employer-${i}`,
    title: job.title,
    text: [...ABOUT, ...job.sentences, 'Send your CV to hr@araratlogistics.am.'].join('\n'),
  }));
}

/** A risky offer that copies that employer's company description word for word. */
export function borrowingAd(): CampaignAd {
  return {
    id: 'borrowing',
    title: 'Drivers for Germany',
    text: [
      ...ABOUT,
      'Our partner in Germany urgently needs drivers, no licence check.',
      'The visa fee of 500 euro is paid in advance to our manager.',
      'Passports are handed to the coordinator for the work permit.',
      'Write to @drive_de today.',
    ].join('\n'),
  };
}

/** Rotates every handle and digit of an ad, as a recruiter reposting it would. */
export function rotated(text: string): string {
  let n = 0;
  return text
    .replace(/@\w+/gu, () => `@handle_${++n}`)
    .replace(/\d/gu, (d) => String((Number(d) + 3) % 10));
}

/** Swaps letters for look-alikes of the other script (Latin in Cyrillic text and back). */
export function withLookAlikes(text: string): string {
  const swap: Record<string, string> = { о: 'o', а: 'a', е: 'e', o: 'о', a: 'а', e: 'е' };
  let n = 0;
  return [...text].map((ch) => (swap[ch] !== undefined && n++ % 3 === 0 ? swap[ch] : ch)).join('');
}

/** Puts emoji in front of lines, at their ends and inside one word. */
export function withEmoji(text: string): string {
  return text
    .split('\n')
    .map((line, i) => (i % 2 === 0 ? `🔥 ${line} ✅` : `👉 ${line}`))
    .join('\n')
    .replace(/(\p{L}{3})(\p{L}{4,})/u, '$1💰$2');
}

/** Moves the last sentence but one to the front. */
export function reordered(text: string): string {
  const lines = text.split('\n');
  const moved = lines.splice(lines.length - 2, 1);
  return [...moved, ...lines].join('\n');
}
