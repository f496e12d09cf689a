import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createClassifier } from '../../../classifiers/index.js';

const classifier = createClassifier();
const ids = (text: string): string[] => classifier.assess({ text }).indicators.map((i) => i.id);

function indicatorIdsFromFiles(): string[] {
  const dir = fileURLToPath(new URL('../../../classifiers/indicators/', import.meta.url));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.indicators.yaml'))
    .flatMap(
      (f) =>
        (parse(readFileSync(`${dir}${f}`, 'utf8')) as { indicators: { id: string }[] }).indicators,
    )
    .map((i) => i.id);
}

/**
 * Per indicator and per language: sentences that must raise it, and ordinary sentences that share
 * words with it and must not. Translit is Russian or Armenian typed in Latin letters.
 */
const CASES: Record<string, { positive: Record<string, string>; negative: string[] }> = {
  'high-pay-low-skill': {
    positive: {
      en: 'Easy money for cleaners, earn up to 5000 a month.',
      ru: 'Высокая зарплата для уборщиц.',
      hy: 'Բարձր աշխատավարձ հավաքարարների համար։',
      translit: 'bardzr ashxatavarc havaqarari hamar',
      fact: 'Cleaner wanted, salary 4000 USD per month.',
    },
    negative: [
      'Cleaner wanted, salary 300 USD per month.',
      'Зарплата обсуждается на собеседовании.',
    ],
  },
  'no-requirements': {
    positive: {
      en: 'No experience needed, we train you.',
      ru: 'Опыт не нужен, всему научим.',
      hy: 'Փորձ չի պահանջվում, կսովորեցնենք։',
      translit: 'opyt ne nuzhen, vsemu nauchim',
    },
    negative: ['At least 3 years of experience required.', 'Требуется опыт работы от 3 лет.'],
  },
  'travel-paid': {
    positive: {
      en: 'Free visa and tickets provided.',
      ru: 'Билеты за счет работодателя, визовая поддержка.',
      hy: 'Անվճար վիզա և ավիատոմս։',
      translit: 'besplatnaya viza, bilety za schet rabotodatelya',
    },
    negative: ['Travel to the office is at your own expense.', 'Билеты за свой счет.'],
  },
  'worker-fees': {
    positive: {
      en: 'A small registration fee is required before departure.',
      ru: 'Оплата за оформление документов 300$.',
      hy: 'Գրանցման վճար 50000 դրամ։',
      translit: 'predoplata za oformlenie 200$',
    },
    negative: ['We never charge fees to candidates.', 'Без предоплаты, услуги бесплатны.'],
  },
  'contract-after-arrival': {
    positive: {
      en: 'Cash in hand, contract on arrival.',
      ru: 'Договор на месте, оплата наличными.',
      hy: 'Պայմանագիրը տեղում, կանխիկ վճարում։',
      translit: 'dogovor na meste, bez oformleniya',
    },
    negative: ['Written employment contract signed before departure.'],
  },
  'urgency-group-departure': {
    positive: {
      en: 'Urgent! Group departure next week.',
      ru: 'Срочно! Набираем группу.',
      hy: 'Շտապ պահանջվում են աշխատողներ։',
      translit: 'srochno nuzhny rabotniki',
    },
    negative: ['Applications are reviewed monthly.'],
  },
  'no-documents-needed': {
    positive: {
      en: 'No documents needed, we handle everything.',
      ru: 'Работа без документов.',
      hy: 'Աշխատանք առանց փաստաթղթերի։',
      translit: 'rabota bez dokumentov',
    },
    negative: ['Please bring your documents to the interview.'],
  },
  'work-abroad': {
    positive: {
      en: 'Work abroad in a hotel.',
      ru: 'Работа за границей в отеле.',
      hy: 'Աշխատանք արտասահմանում։',
      translit: 'ashxatanq artasahmanum',
      fact: 'Waiters needed in Dubai.',
    },
    negative: ['Waiters needed in Yerevan.'],
  },
  'appearance-requirements': {
    positive: {
      en: 'Attractive and slim candidates only.',
      ru: 'Требования: приятная внешность.',
      hy: 'Պահանջվում է գրավիչ արտաքին։',
      translit: 'krasivye devushki',
      fact: 'Рост от 170 см.',
    },
    negative: ['Pleasant working environment.'],
  },
  'gender-age-requirement': {
    positive: {
      en: 'Girls 18-25 years old.',
      ru: 'Требуются девушки 18-25 лет.',
      hy: 'Պահանջվում են աղջիկներ 18-25 տարեկան։',
      translit: 'nuzhny devushki 18-25 let',
    },
    negative: ['Girls and boys welcome, age 18-60.', 'Требуются девушки на склад.'],
  },
  'photo-request': {
    positive: {
      en: 'Send your full body photo.',
      ru: 'Присылайте фото в полный рост.',
      hy: 'Ուղարկեք ձեր լուսանկարը։',
      translit: 'prisylajte foto v kupalnike',
    },
    negative: ['Photographer wanted for a wedding studio.'],
  },
  minors: {
    positive: {
      en: 'Teenagers welcome, from 16 years.',
      ru: 'Принимаем с 16 лет.',
      hy: 'Ընդունում ենք 16 տարեկանից։',
      translit: 'berem s 16 let',
    },
    negative: ['Candidates must be over 21 years.'],
  },
  'vague-entertainment-role': {
    positive: {
      en: 'Hostess for VIP clients.',
      ru: 'Требуются хостес и танцовщицы.',
      hy: 'Պահանջվում են պարուհիներ։',
      translit: 'nuzhny tancovshicy i xostes',
    },
    negative: ['Receptionist for a dental clinic.'],
  },
  'debt-repayment': {
    positive: {
      en: 'Ticket cost deducted from salary.',
      ru: 'Стоимость билета вычитается из зарплаты.',
      hy: 'Տոմսի գումարը կպահվի աշխատավարձից։',
      translit: 'bilet vychitaetsya iz zarplaty',
    },
    negative: ['Salary paid monthly to your bank account.'],
  },
  'wages-withheld': {
    positive: {
      en: 'Salary at the end of the season.',
      ru: 'Зарплата в конце сезона.',
      hy: 'Աշխատավարձը սեզոնի վերջում։',
      translit: 'zarplata v konce sezona',
    },
    negative: ['Salary paid every two weeks.'],
  },
  'document-retention': {
    positive: {
      en: 'Your passport will be kept by the employer.',
      ru: 'Паспорт остается у работодателя.',
      hy: 'Անձնագիրը պահվում է գործատուի մոտ։',
      translit: 'pasport ostaetsya u rabotodatelya',
    },
    negative: ['A valid passport is required.'],
  },
  'isolation-live-in': {
    positive: {
      en: 'Everything is on site, no need to go out.',
      ru: 'Выходить не нужно, все на месте.',
      hy: 'Դուրս գալու կարիք չկա։',
      translit: 'ne nuzhno vyhodit',
    },
    negative: ['Flexible hours, you may go out at lunch.'],
  },
  'no-days-off': {
    positive: {
      en: 'Work 7 days a week.',
      ru: 'Работа без выходных.',
      hy: 'Առանց հանգստյան օրերի։',
      translit: 'rabota bez vyhodnyh',
    },
    negative: ['Two days off per week.'],
  },
  'accommodation-provided': {
    positive: {
      en: 'Free accommodation.',
      ru: 'Бесплатное жилье.',
      hy: 'Անվճար կացարան։',
      translit: 'besplatnoe zhilye',
    },
    negative: ['Office near the metro.'],
  },
  'messenger-only-contact': {
    positive: {
      en: 'Contact WhatsApp only.',
      ru: 'Пишите только в телеграм.',
      hy: 'Գրեք միայն վայբեր։',
      translit: 'pishite tolko v vatsap',
    },
    negative: ['Call our office or e-mail us.'],
  },
  'licensed-agency': {
    positive: {
      en: 'Licensed agency, licence no 123.',
      ru: 'Агентство имеет лицензию № 45.',
      hy: 'Գործակալությունն ունի լիցենզիա։',
      translit: 'est licenziya',
    },
    negative: ['Driving licence required.'],
  },
  'official-contract': {
    positive: {
      en: 'Official employment contract and health insurance.',
      ru: 'Официальное трудоустройство, соцпакет.',
      hy: 'Աշխատանքային պայմանագիր և սոցփաթեթ։',
      translit: 'oficialnoe trudoustrojstvo',
    },
    negative: ['Contract on arrival.'],
  },
  'no-fees-charged': {
    positive: {
      en: 'We never charge fees to workers.',
      ru: 'Мы не берем плату с соискателей.',
      hy: 'Մենք գումար չենք գանձում։',
      translit: 'bez predoplaty',
    },
    negative: ['Registration fee 100$.'],
  },
  'government-programme': {
    positive: {
      en: 'Seasonal worker programme under a bilateral agreement.',
      ru: 'По государственной программе трудовой мобильности.',
      hy: 'Պետական ծրագիր, Միգրացիոն ծառայություն։',
      translit: 'petakan cragir',
    },
    negative: ['Programmer wanted.'],
  },
  'phone-and-hours-job': {
    positive: {
      en: 'All you need is just a phone and 2 hours a day.',
      ru: 'Нужен только телефон и пару часов в день.',
      hy: 'Պետք է միայն հեռախոս, օրական 2 ժամ։',
      translit: 'nuzhen tolko telefon, 2 chasa v den',
    },
    negative: [
      'The phone line is open 9 to 18.',
      'Работа по графику 5/2, по 8 часов в день.',
      'Զանգահարեք հեռախոսով՝ 010 55 44 33։',
    ],
  },
  'money-mule': {
    positive: {
      en: 'We need people with their own bank card to receive transfers.',
      ru: 'Ищем людей с банковскими картами для приема переводов.',
      hy: 'Փնտրում ենք մարդիկ՝ փոխանցումներ ընդունել իրենց քարտին։',
      translit: 'nuzhny lyudi s kartami dlya priema perevodov',
    },
    negative: [
      'Bank teller: card issuing and customer service.',
      'Кассир: прием оплаты от покупателей.',
      'Բանկային քարտերի վաճառքի մասնագետ։',
    ],
  },
  'crypto-scheme': {
    positive: {
      en: 'Join our P2P arbitrage team, profit per circle 3%.',
      ru: 'Заработок на разнице курсов, связка готова, обучим.',
      hy: 'Կրիպտոարժույթի արբիտրաժ, սովորեցնում ենք։',
      translit: 'zarabotok na arbitrazhe, svyazka gotova',
    },
    negative: ['Courier for a pharmacy chain.', 'Бухгалтер в торговую компанию.'],
  },
  'easy-money-pitch': {
    positive: {
      en: 'Passive income in your spare time.',
      ru: 'Стабильный доход в свободное время, без вложений.',
      hy: 'Լրացուցիչ եկամուտ ազատ ժամանակ։',
      translit: 'stabilnyj doxod, bez vlozhenij',
    },
    negative: ['Income tax accountant wanted.', 'Доходы компании растут каждый год.'],
  },
  'escort-tour': {
    positive: {
      en: 'Girls for a tour to the Gulf, rules for working with clients explained.',
      ru: 'Набираем девушек на тур, апартаменты предоставляются.',
      hy: 'Աշխատանքային տուր աղջիկների համար։',
      translit: 'nabor devushek na tur v Dubai',
    },
    negative: [
      'Tour guide for Yerevan city tours.',
      'Менеджер по турам в туристическое агентство.',
      'Տուրիստական գործակալությանը պահանջվում է տուրերի մենեջեր։',
    ],
  },
  'drug-courier': {
    positive: {
      ru: 'Требуются закладчики, оплата каждый день.',
      en: 'Stash courier wanted, cash daily.',
      translit: 'nuzhny kladmeny, oplata ezhednevno',
    },
    negative: ['Требуется кладовщик на склад.', 'Courier for office documents.'],
  },
  'codeword-reply': {
    positive: {
      en: 'Interested? Write "job" in the chat.',
      ru: 'Для подробностей пишите «старт» в личку.',
      translit: 'Kto gotov, stav + v ls',
    },
    negative: ['Please write a cover letter.', 'Пишите резюме на почту hr@example.am.'],
  },
  'disguised-spelling': {
    positive: {
      ru: 'Рабoта в Дубае, oплата каждый день.',
      en: 'Big m🌴oney, v!sa ready.',
    },
    negative: [
      'Компания ABC ищет SMM-менеджера.',
      'Excel-ը և Word-ը պարտադիր են։',
      'Send your CV to hr@example.am.',
    ],
  },
};

describe('indicators', () => {
  for (const [id, { positive, negative }] of Object.entries(CASES)) {
    describe(id, () => {
      for (const [lang, text] of Object.entries(positive))
        it(`is found in a ${lang} example: ${text}`, () => {
          expect(ids(text)).toContain(id);
        });
      for (const text of negative)
        it(`is not found in: ${text}`, () => {
          expect(ids(text)).not.toContain(id);
        });
    });
  }

  it('covers every indicator in the indicator files with examples', () => {
    const covered = new Set(Object.keys(CASES));
    const uncovered = ['anonymous-contact', 'company-address', 'realistic-local-salary'];
    expect(
      indicatorIdsFromFiles().filter((id) => !covered.has(id) && !uncovered.includes(id)),
    ).toEqual([]);
  });

  it('flags a messenger number with no e-mail or website as anonymous contact', () => {
    expect(ids('Write on WhatsApp +374 94 55 12 90')).toContain('anonymous-contact');
    expect(ids('Write on WhatsApp +374 94 55 12 90 or hr@company.am')).not.toContain(
      'anonymous-contact',
    );
  });

  it('recognises a named company with an address', () => {
    expect(ids('ABC LLC, 12 Abovyan Street, Yerevan')).toContain('company-address');
    expect(ids('ООО «Ромашка», ул. Абовяна 12')).toContain('company-address');
    expect(ids('Աշխատանք «Արմենիա» ՍՊԸ-ում')).toContain('company-address');
  });

  it('treats a realistic local salary as a legitimacy signal', () => {
    expect(ids('Salary 450,000 AMD per month')).toContain('realistic-local-salary');
    expect(ids('Salary 5,000 USD per month')).not.toContain('realistic-local-salary');
  });

  it('lets "we never charge fees" cancel the fee indicator it mentions', () => {
    expect(ids('No fees: we never charge a registration fee.')).not.toContain('worker-fees');
  });
});
