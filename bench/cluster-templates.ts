/**
 * Texts written for adwatch's cluster bench (none taken from real ads): campaign templates, the
 * company descriptions and jobs of made-up employers, and parts of one-off posts. Placeholders in
 * braces are filled per ad: {PHONE_AM} {PHONE_RU} {PHONE_AE} {PHONE_PL} phone numbers, {TG} an
 * @handle, {WA} a wa.me link, {EMAIL}, {LINK}, {N:a-b} a whole number from a to b.
 */

/** A campaign template: a title pool, sentences in order, and its language. */
export interface CampaignTemplate {
  name: string;
  lang: 'en' | 'ru' | 'hy' | 'translit';
  titles: string[];
  sentences: string[];
}

// prettier-ignore
export const CAMPAIGN_TEMPLATES: CampaignTemplate[] = [
  {
    name: 'en-hostess-dubai', lang: 'en',
    titles: ['Hostess job in Dubai', 'Girls wanted for work in UAE', 'Club hostess, flights paid', 'Dubai: easy job for young women'],
    sentences: [
      'We are hiring young women aged {N:18-20} to {N:25-29} to work as hostesses in a night club in Dubai.',
      'Salary from {N:2500-4000} USD per month plus tips, paid every week in cash.',
      'Flight tickets and visa are arranged by our agency, the cost is deducted from your first salary.',
      'Free apartment shared with other girls, transport to the club every evening.',
      'No experience and no English needed, we teach you everything on the spot.',
      'Send two photos, full length and face, with your height and weight.',
      'Departure next week, only {N:5-9} places left!',
      'Write only on WhatsApp {PHONE_AE} or Telegram {TG}.',
    ],
  },
  {
    name: 'en-warehouse-poland', lang: 'en',
    titles: ['Warehouse work in Poland', 'Packers needed in Poland, start now', 'Work in Europe for men and women'],
    sentences: [
      'A logistics warehouse near Warsaw is looking for packers and pickers, men and women up to {N:50-55} years old.',
      'We pay {N:1200-1800} euro per month, with overtime up to {N:2200-2600} euro.',
      'Accommodation in a hostel is provided, {N:150-200} euro a month is taken from the salary.',
      'Work visa in two weeks, our service fee of {N:300-500} euro is paid before departure.',
      'Your passport is kept safe by the coordinator during the contract.',
      'Call or message us at {PHONE_PL}, or write to {EMAIL}.',
    ],
  },
  {
    name: 'en-payment-assistant', lang: 'en',
    titles: ['Remote payment assistant', 'Work from home: finance assistant', 'Part-time job, two hours a day'],
    sentences: [
      'An international trading company needs a remote payment processing assistant.',
      'You receive customer payments to your own bank card and forward them to our partners.',
      'You keep {N:5-10} percent of every transfer, that is up to {N:800-1500} dollars a week.',
      'All you need is a phone, a bank account and two free hours a day.',
      'No interview, no experience, start today after a short chat.',
      'Contact our manager in Telegram {TG} and write the code word PAY.',
    ],
  },
  {
    name: 'en-caregiver-italy', lang: 'en',
    titles: ['Caregiver in Italy', 'Elderly care job in Italy for women', 'Live-in carer, Italy'],
    sentences: [
      'Families in Naples and Rome are looking for live-in caregivers for elderly people.',
      'Women from {N:25-30} to {N:50-58} years, Italian is not required at the start.',
      'Salary {N:1000-1400} euro a month, room and meals in the family house.',
      'We arrange the documents and the bus ticket, you repay them from the first two salaries.',
      'Days off are agreed with the family after the first three months.',
      'Phone and Viber {PHONE_AM}, e-mail {EMAIL}.',
    ],
  },
  {
    name: 'en-call-centre', lang: 'en',
    titles: ['Call centre operator', 'Customer support operator with English', 'Operator, evening shift'],
    sentences: [
      'Our call centre in Yerevan is hiring operators with good spoken English.',
      'You will answer calls from clients, register orders and solve simple problems.',
      'Shifts of eight hours, five days a week, with a paid training month.',
      'Net salary {N:250000-400000} AMD plus a monthly bonus for quality.',
      'Official employment, health insurance and a friendly team.',
      'Send your CV to {EMAIL} or call {PHONE_AM}.',
    ],
  },
  {
    name: 'ru-hostess-dubai', lang: 'ru',
    titles: ['Работа хостес в Дубае', 'Требуются девушки в ОАЭ', 'Дубай, высокий доход для девушек'],
    sentences: [
      'Приглашаем девушек от {N:18-20} до {N:26-30} лет на работу хостес в ночной клуб в Дубае.',
      'Доход от {N:3000-5000} долларов в месяц, выплаты каждую неделю наличными.',
      'Билеты и визу оформляет агентство, стоимость вычитается из первой зарплаты.',
      'Проживание в квартире с другими девушками бесплатно, трансфер до клуба.',
      'Опыт не нужен, знание языка не обязательно, всему научим на месте.',
      'Отправьте фото в полный рост и лицо, укажите рост и вес.',
      'Вылет на следующей неделе, осталось {N:4-8} мест!',
      'Пишите только в WhatsApp {PHONE_AE} или в телеграм {TG}.',
    ],
  },
  {
    name: 'ru-construction-moscow', lang: 'ru',
    titles: ['Вахта в Москве, стройка', 'Разнорабочие на стройку, Москва', 'Работа вахтой, оплата каждый день'],
    sentences: [
      'На строительный объект в Московской области требуются разнорабочие, монтажники и бетонщики.',
      'Вахта {N:30-60} дней, смена по {N:11-12} часов, оплата от {N:3000-4500} рублей в день.',
      'Жильё в вагончиках и питание за счёт компании.',
      'Паспорта сдаются бригадиру на время оформления пропуска.',
      'Дорогу оплачиваем, стоимость билета удерживается из первой выплаты.',
      'Звоните по номеру {PHONE_RU} или пишите в телеграм {TG}.',
    ],
  },
  {
    name: 'ru-easy-money', lang: 'ru',
    titles: ['Подработка 2 часа в день', 'Лёгкий заработок с телефона', 'Нужны люди, доход каждый день'],
    sentences: [
      'Нужен человек с телефоном и двумя свободными часами в день.',
      'Доход от {N:600-900} долларов в неделю, выплаты каждый день на карту.',
      'Работа удалённая, ничего продавать не надо, всё объясним.',
      'Возраст от {N:18-21} лет, нужна своя банковская карта.',
      'Места ограничены, пиши плюс в личные сообщения {TG}.',
    ],
  },
  {
    name: 'ru-massage-turkey', lang: 'ru',
    titles: ['Массажистки в Стамбул', 'Работа в спа-салоне в Турции', 'Турция, работа для девушек'],
    sentences: [
      'Спа-салон в Стамбуле приглашает на работу массажисток, можно без опыта.',
      'Девушки от {N:19-21} до {N:30-35} лет, приятная внешность обязательна.',
      'Заработок от {N:2000-3500} долларов в месяц, проценты от каждого клиента.',
      'Билеты в долг, жильё рядом с салоном, график свободный.',
      'Фотосессию оплачивает салон, правила работы с клиентами расскажем при встрече.',
      'Подробности в вотсап {PHONE_RU} или пишите {EMAIL}.',
    ],
  },
  {
    name: 'ru-nanny-germany', lang: 'ru',
    titles: ['Няня в Германию', 'Работа няней в семье в Германии', 'Германия, няня с проживанием'],
    sentences: [
      'Семья в Мюнхене ищет няню для двух детей с проживанием.',
      'Знание немецкого языка не требуется, семья говорит по-русски.',
      'Оплата {N:1500-2200} евро в месяц, один выходной в неделю.',
      'Визу и страховку оформляем мы, документы передаются координатору.',
      'Звоните {PHONE_AM} или пишите на почту {EMAIL}.',
    ],
  },
  {
    name: 'hy-construction-russia', lang: 'hy',
    titles: ['Աշխատանք Ռուսաստանում', 'Շինարարներ Մոսկվա', 'Աշխատանք արտասահմանում տղամարդկանց համար'],
    sentences: [
      'Մոսկվայի շինարարական օբյեկտում աշխատելու համար պահանջվում են բանվորներ և եռակցողներ։',
      'Աշխատավարձը օրական {N:3000-4500} ռուբլի, վճարումը ամեն շաբաթ։',
      'Բնակարանը և սնունդը անվճար են, ճանապարհածախսը կպահվի առաջին աշխատավարձից։',
      'Փորձը պարտադիր չէ, տարիքը մինչև {N:50-55} տարեկան։',
      'Անձնագրերը պահվում են բրիգադիրի մոտ։',
      'Զանգահարեք {PHONE_AM} կամ գրեք վաթսափով։',
    ],
  },
  {
    name: 'hy-waitress-dubai', lang: 'hy',
    titles: ['Մատուցողուհի Դուբայում', 'Աշխատանք աղջիկների համար ԱՄԷ-ում', 'Դուբայ, բարձր աշխատավարձ'],
    sentences: [
      'Դուբայի ռեստորանին անհրաժեշտ են մատուցողուհիներ և հյուրընկալողներ։',
      'Աղջիկներ {N:18-20}-ից {N:27-30} տարեկան, արտաքինը կարևոր է։',
      'Աշխատավարձը ամսական {N:2000-3500} դոլար, գումարած թեյավճարներ։',
      'Վիզան և տոմսը կազմակերպում ենք մենք, բնակարանը անվճար է։',
      'Լեզվի իմացությունը պարտադիր չէ։',
      'Ուղարկեք ձեր լուսանկարը վաթսափով {PHONE_AE}։',
    ],
  },
  {
    name: 'hy-courier', lang: 'hy',
    titles: ['Առաքիչ, օրական վճարում', 'Պահանջվում է առաքիչ', 'Արագ գումար առաքիչների համար'],
    sentences: [
      'Պահանջվում են առաքիչներ՝ փոքր ծանրոցներ քաղաքով տեղափոխելու համար։',
      'Վճարումը ամեն օր, օրական մինչև {N:30000-50000} դրամ։',
      'Ծանրոցների պարունակությունը հարցնել պետք չէ։',
      'Անհրաժեշտ է ունենալ հեռախոս և բանկային քարտ։',
      'Գրեք տելեգրամով {TG} և կստանաք առաջին հանձնարարությունը։',
    ],
  },
  {
    name: 'hy-call-centre', lang: 'hy',
    titles: ['Զանգերի կենտրոնի օպերատոր', 'Օպերատոր՝ ռուսերենի իմացությամբ', 'Աշխատանք զանգերի կենտրոնում'],
    sentences: [
      'Մեր զանգերի կենտրոնը հրավիրում է աշխատանքի օպերատորների։',
      'Պարտականություններն են՝ հաճախորդների զանգերին պատասխանելը և պատվերների գրանցումը։',
      'Պահանջվում է ռուսերենի և անգլերենի լավ իմացություն։',
      'Աշխատավարձը {N:200000-300000} դրամ, պաշտոնական աշխատանքային պայմանագիր։',
      'Ուսուցումը վճարովի է ընկերության կողմից։',
      'Ինքնակենսագրականն ուղարկեք {EMAIL} հասցեին։',
    ],
  },
  {
    name: 'translit-hy-moscow', lang: 'translit',
    titles: ['ashxatanq Moskvayum', 'ashxatanq Rusastanum txamardkanc hamar'],
    sentences: [
      'Moskvayum pahanjvum en banvorner shinararutyan hamar.',
      'ashxatavarc@ orakan {N:3000-4000} rubli, vcharum@ amen shabat.',
      'bnakaran@ anvchar e, chanaparhaxarj@ kpahvi arajin ashxatavarcic.',
      'pasport@ pahvum e brigadiri mot.',
      'zangeq {PHONE_AM} kam greq viber.',
    ],
  },
  {
    name: 'translit-ru-korea', lang: 'translit',
    titles: ['rabota v Koree na zavode', 'Koreya, zavod, vysokaya zarplata'],
    sentences: [
      'Trebuyutsya rabochie na zavod v Yuzhnoy Koree, muzhchiny i zhenshchiny.',
      'Zarplata ot {N:1800-2500} dollarov v mesyac, zhile predostavlyaetsya.',
      'Vizu i bilety oformlyaem sami, oplata posle pervoy zarplaty.',
      'Opyt ne nuzhen, yazyk ne nuzhen.',
      'Pishite v telegram {TG} ili zvonite {PHONE_RU}.',
    ],
  },
];

/** A made-up employer: a company description it puts in every ad, and the jobs it posts. */
export interface Employer {
  name: string;
  lang: 'en' | 'ru' | 'hy';
  about: string[];
  jobs: { title: string; sentences: string[] }[];
}

// prettier-ignore
const EN_JOBS = [
  { title: 'Accountant', sentences: ['We are looking for an accountant to keep the books of our branch.', 'You will prepare monthly tax reports, check invoices and reconcile bank statements.', 'A degree in finance and three years of experience with accounting software are required.'] },
  { title: 'Delivery driver', sentences: ['We need a delivery driver with a category C licence.', 'Daily routes across the city with loading and unloading of goods.', 'At least two years of driving experience and a clean record.'] },
  { title: 'Warehouse supervisor', sentences: ['The warehouse supervisor leads a team of twelve storekeepers.', 'You plan shifts, control stock levels and report losses every week.', 'Experience with WMS systems and team leadership is an advantage.'] },
  { title: 'HR specialist', sentences: ['Our HR team needs a specialist for recruitment and onboarding.', 'You will publish vacancies, hold interviews and keep personnel files.', 'Knowledge of the labour code and good communication skills are a must.'] },
  { title: 'IT support engineer', sentences: ['We are hiring an IT support engineer for our head office.', 'You will set up laptops, manage user accounts and fix network problems.', 'Experience with Windows Server, Active Directory and basic scripting is expected.'] },
];

// prettier-ignore
const RU_JOBS = [
  { title: 'Менеджер по продажам', sentences: ['Ищем менеджера по продажам в отдел оптовых клиентов.', 'Задачи: поиск новых клиентов, переговоры, ведение сделок в CRM.', 'Опыт продаж от года и грамотная речь обязательны.'] },
  { title: 'Бухгалтер', sentences: ['Требуется бухгалтер на участок расчёта заработной платы.', 'Начисление зарплаты, отпускных и больничных, сдача отчётности в фонды.', 'Знание 1С и опыт работы от двух лет.'] },
  { title: 'Водитель-экспедитор', sentences: ['Нужен водитель-экспедитор на грузовой автомобиль компании.', 'Доставка товара по магазинам города по заранее составленному маршруту.', 'Права категории C и стаж вождения от трёх лет.'] },
  { title: 'Кладовщик', sentences: ['На склад готовой продукции требуется кладовщик.', 'Приёмка и отгрузка товара, инвентаризация, работа со сканером.', 'Внимательность и опыт работы на складе приветствуются.'] },
  { title: 'Программист', sentences: ['В IT-отдел ищем программиста для поддержки внутренних систем.', 'Разработка отчётов, интеграция с банками, доработка учётной системы.', 'Опыт с SQL и TypeScript будет плюсом.'] },
];

// prettier-ignore
const HY_JOBS = [
  { title: 'Գանձապահ', sentences: ['Փնտրում ենք գանձապահ մեր նոր մասնաճյուղի համար։', 'Պարտականություններն են՝ կանխիկ գործարքների կատարումը և դրամարկղի հաշվետվությունները։', 'Պահանջվում է բարձրագույն կրթություն և ուշադրություն մանրուքների նկատմամբ։'] },
  { title: 'Վարկային մասնագետ', sentences: ['Ընկերությանն անհրաժեշտ է վարկային մասնագետ։', 'Դուք կուսումնասիրեք հայտերը, կվերլուծեք հաճախորդների վճարունակությունը և կպատրաստեք պայմանագրեր։', 'Ֆինանսական ոլորտում աշխատանքային փորձը կդիտվի որպես առավելություն։'] },
  { title: 'Վաճառող-խորհրդատու', sentences: ['Խանութին անհրաժեշտ է վաճառող-խորհրդատու։', 'Հաճախորդների սպասարկում, ապրանքի դասավորում և դրամարկղի հետ աշխատանք։', 'Բարեհամբույր վերաբերմունք և հերթափոխային աշխատելու պատրաստակամություն։'] },
  { title: 'Պահեստապետ', sentences: ['Պահանջվում է պահեստապետ կենտրոնական պահեստի համար։', 'Ապրանքների ընդունում, բացթողում և ամսական գույքագրում։', 'Համակարգչային գիտելիքներ և պատասխանատվության բարձր զգացում։'] },
  { title: 'Ծրագրավորող', sentences: ['Տեղեկատվական տեխնոլոգիաների բաժինը փնտրում է ծրագրավորող։', 'Ներքին համակարգերի մշակում, տվյալների բազաների սպասարկում և հաշվետվությունների ավտոմատացում։', 'Անհրաժեշտ է SQL-ի և ժամանակակից ծրագրավորման լեզուների իմացություն։'] },
];

// prettier-ignore
export const EMPLOYERS: Employer[] = [
  {
    name: 'Northbridge Logistics', lang: 'en', jobs: EN_JOBS,
    about: [
      'Northbridge Logistics is a regional freight and warehousing company founded in 2009.',
      'We run four warehouses and a fleet of ninety trucks serving retail chains across the region.',
      'We offer an official contract, a competitive salary, health insurance and training.',
    ],
  },
  {
    // A long company description and short job parts: the case the boilerplate guard is for.
    name: 'Harbor Systems', lang: 'en', jobs: EN_JOBS.map((j) => ({ title: j.title, sentences: j.sentences.slice(0, 2) })),
    about: [
      'Harbor Systems is one of the leading employers in the country with more than two thousand employees in six cities.',
      'For over twenty years we have built long-term relationships with our customers, partners and the communities where we work.',
      'Our values are honesty, responsibility, openness to new ideas and respect for every member of the team.',
      'We believe that people are our main asset, so we invest in professional growth, mentoring and internal promotion.',
      'Every employee receives an official contract, a full social package, private health insurance for the family and paid annual leave.',
      'Our offices are modern and comfortable, with a canteen, a gym and free parking for employees.',
      'We regularly organise corporate events, sports competitions and volunteering days.',
      'Join a company where your work matters and where you can build a career for many years.',
    ],
  },
  {
    name: 'ТоргСнаб', lang: 'ru', jobs: RU_JOBS,
    about: [
      'ТоргСнаб — дистрибьютор продуктов питания, на рынке с 2006 года.',
      'У нас более трёхсот сотрудников и собственный склад площадью двенадцать тысяч метров.',
      'Мы предлагаем официальное оформление, белую зарплату и оплачиваемое обучение.',
    ],
  },
  {
    name: 'Группа Вектор', lang: 'ru', jobs: RU_JOBS.map((j) => ({ title: j.title, sentences: j.sentences.slice(0, 2) })),
    about: [
      'Группа компаний Вектор объединяет производство, логистику и розничную сеть в пяти регионах.',
      'Уже двадцать лет мы выпускаем продукцию, которой доверяют миллионы покупателей.',
      'Наши ценности — честность, ответственность, уважение к людям и стремление к развитию.',
      'Мы вкладываем в обучение сотрудников, наставничество и карьерный рост внутри компании.',
      'Каждому сотруднику мы предлагаем официальное трудоустройство, полный социальный пакет и медицинскую страховку.',
      'У нас современные офисы, корпоративное питание, спортзал и бесплатная парковка.',
      'Мы регулярно проводим корпоративные праздники, спортивные соревнования и благотворительные акции.',
    ],
  },
  {
    name: 'Արարատ Ֆինանս', lang: 'hy', jobs: HY_JOBS,
    about: [
      'Արարատ Ֆինանսը գործում է 2004 թվականից և ունի տասնչորս մասնաճյուղ ամբողջ հանրապետությունում։',
      'Մենք առաջարկում ենք պաշտոնական աշխատանք, մրցունակ աշխատավարձ և սոցիալական փաթեթ։',
      'Մեր թիմում կարևորում ենք մասնագիտական աճը և փոխադարձ հարգանքը։',
    ],
  },
  {
    name: 'Նոր Շուկա', lang: 'hy', jobs: HY_JOBS.map((j) => ({ title: j.title, sentences: j.sentences.slice(0, 2) })),
    about: [
      'Նոր Շուկա սուպերմարկետների ցանցը հանրապետության խոշորագույն գործատուներից է՝ ավելի քան երեք հազար աշխատակցով։',
      'Արդեն քսան տարի մենք մեր հաճախորդներին առաջարկում ենք որակյալ ապրանքներ մատչելի գներով։',
      'Մեր արժեքներն են ազնվությունը, պատասխանատվությունը և հարգանքը յուրաքանչյուր աշխատակցի նկատմամբ։',
      'Մենք ներդրումներ ենք անում աշխատակիցների ուսուցման և ընկերության ներսում կարիերայի աճի մեջ։',
      'Յուրաքանչյուր աշխատակից ստանում է պաշտոնական պայմանագիր, սոցիալական փաթեթ և բժշկական ապահովագրություն։',
      'Կազմակերպում ենք կորպորատիվ միջոցառումներ, սպորտային մրցումներ և բարեգործական ակցիաներ։',
    ],
  },
];

/**
 * Risky templates that copy an employer's company description word for word (scammers borrow a
 * real company's text): they must not join that employer's ads.
 */
// prettier-ignore
export const BORROWING_TEMPLATES: { employer: string; template: CampaignTemplate }[] = [
  {
    employer: 'Harbor Systems',
    template: {
      name: 'en-borrowed-harbor', lang: 'en',
      titles: ['Drivers for our partner in Germany', 'Drivers needed in Germany, fast start'],
      sentences: [
        'Our partner company in Germany urgently needs drivers, no licence check required.',
        'Salary {N:2500-3500} euro, the visa fee of {N:400-600} euro is paid in advance to our manager.',
        'Passports are handed over to the coordinator for the work permit.',
        'Write to {TG} today, places are limited.',
      ],
    },
  },
  {
    employer: 'Նոր Շուկա',
    template: {
      name: 'hy-borrowed-market', lang: 'hy',
      titles: ['Աշխատանք Եվրոպայում մեր գործընկերների մոտ', 'Եվրոպա, վաճառողներ'],
      sentences: [
        'Եվրոպայում մեր գործընկեր խանութներին շտապ անհրաժեշտ են վաճառողներ՝ առանց լեզվի իմացության։',
        'Աշխատավարձը ամսական {N:1500-2500} եվրո, վիզայի վճարը {N:300-500} եվրո նախապես։',
        'Գրեք տելեգրամով {TG}։',
      ],
    },
  },
];

/** Parts of one-off posts: an opening, an offer, a condition, a requirement and a closing. */
// prettier-ignore
export const ONE_OFF_PARTS: Record<'en' | 'ru' | 'hy', string[][]> = {
  en: [
    ['Small bakery in Gyumri is hiring.', 'A family restaurant needs help for the summer.', 'Dental clinic in the city centre invites applications.', 'New coffee shop opening on the main square.', 'Private school looks for staff for the new year.', 'A car service station is expanding its team.'],
    ['We need a baker for the morning shift.', 'Looking for a kitchen assistant to prepare salads and wash dishes.', 'The clinic needs a receptionist to book patients.', 'Baristas with or without experience are welcome.', 'We need a math teacher for grades five to nine.', 'An auto mechanic for engine and suspension repairs is wanted.'],
    ['Pay {N:150000-300000} AMD a month, paid twice a month.', 'Working hours from nine to six, Sunday off.', 'Meals at work and a transport allowance.', 'Flexible schedule, suitable for students.', 'Paid leave and an official contract from day one.', 'Monthly bonus depends on the results.'],
    ['Basic Armenian and Russian are needed.', 'Punctuality and a tidy look matter to us.', 'A relevant diploma is preferred.', 'Please bring your own tools if you have them.', 'Experience with children is a plus.', 'Driving licence is an advantage.'],
    ['Call {PHONE_AM} to arrange a visit.', 'Send your CV to {EMAIL}.', 'Come by in person any weekday after ten.', 'Apply on our site {LINK}.', 'Questions by phone {PHONE_AM}, thank you.', 'We reply to every application within a week.'],
  ],
  ru: [
    ['В пекарню на Арбате требуются сотрудники.', 'Семейное кафе ищет помощников на лето.', 'Стоматологическая клиника приглашает на работу.', 'В новую кофейню в центре набираем команду.', 'Частная школа ищет сотрудников на новый учебный год.', 'Автосервис расширяет штат.'],
    ['Нужен пекарь на утреннюю смену.', 'Ищем помощника повара для заготовок и мойки посуды.', 'Требуется администратор для записи пациентов.', 'Бариста с опытом и без опыта.', 'Нужен учитель математики для пятых–девятых классов.', 'Требуется автомеханик по ремонту двигателей и ходовой.'],
    ['Оплата {N:40000-70000} рублей, два раза в месяц.', 'График с девяти до шести, воскресенье выходной.', 'Бесплатное питание и компенсация проезда.', 'Гибкий график, подойдёт студентам.', 'Оплачиваемый отпуск и договор с первого дня.', 'Ежемесячная премия по результатам работы.'],
    ['Нужно знание русского и базовое знание армянского.', 'Важны пунктуальность и опрятный вид.', 'Профильное образование приветствуется.', 'Свой инструмент будет плюсом.', 'Опыт работы с детьми приветствуется.', 'Водительские права будут преимуществом.'],
    ['Звоните {PHONE_RU}, договоримся о встрече.', 'Резюме присылайте на {EMAIL}.', 'Приходите в будни после десяти.', 'Анкета на сайте {LINK}.', 'Вопросы по телефону {PHONE_RU}.', 'Отвечаем на каждое резюме в течение недели.'],
  ],
  hy: [
    ['Գյումրիի փոքր հացատունը աշխատակից է փնտրում։', 'Ընտանեկան ռեստորանին օգնական է պետք ամռանը։', 'Ատամնաբուժական կլինիկան հրավիրում է աշխատանքի։', 'Կենտրոնում բացվող սրճարանը թիմ է հավաքում։', 'Մասնավոր դպրոցը նոր ուսումնական տարվա համար աշխատակիցներ է փնտրում։', 'Ավտոսպասարկման կենտրոնը ընդլայնում է թիմը։'],
    ['Պահանջվում է հացթուխ առավոտյան հերթափոխի համար։', 'Փնտրում ենք խոհարարի օգնական։', 'Կլինիկային անհրաժեշտ է ադմինիստրատոր։', 'Բարիստա՝ փորձով կամ առանց փորձի։', 'Պահանջվում է մաթեմատիկայի ուսուցիչ։', 'Պահանջվում է ավտոմեխանիկ։'],
    ['Աշխատավարձը {N:150000-300000} դրամ։', 'Աշխատանքային ժամերը իննից վեցը, կիրակին հանգստյան օր։', 'Սնունդը աշխատավայրում և ճանապարհածախսի փոխհատուցում։', 'Ճկուն գրաֆիկ, հարմար է ուսանողների համար։', 'Վճարովի արձակուրդ և պայմանագիր առաջին օրվանից։', 'Ամսական պարգևավճար ըստ արդյունքների։'],
    ['Պահանջվում է ռուսերենի բազային իմացություն։', 'Կարևոր է ճշտապահությունը և կոկիկ արտաքինը։', 'Մասնագիտական կրթությունը ցանկալի է։', 'Սեփական գործիքները կլինեն առավելություն։', 'Երեխաների հետ աշխատանքի փորձը ցանկալի է։', 'Վարորդական իրավունքը առավելություն է։'],
    ['Զանգահարեք {PHONE_AM}։', 'Ինքնակենսագրականն ուղարկեք {EMAIL}։', 'Կարող եք այցելել աշխատանքային օրերին՝ ժամը տասից հետո։', 'Դիմեք մեր կայքում {LINK}։', 'Հարցերի դեպքում զանգահարեք {PHONE_AM}։', 'Պատասխանում ենք յուրաքանչյուր դիմումին մեկ շաբաթվա ընթացքում։'],
  ],
};

/**
 * Offers like the campaigns' (the same job, place and bait) written by other hands: each is an ad
 * of its own and must join no campaign.
 */
// prettier-ignore
export const RIVAL_ADS: { lang: 'en' | 'ru' | 'hy'; title: string; text: string }[] = [
  { lang: 'en', title: 'Work in Dubai for girls', text: 'Night club in Dubai invites pretty girls for hostess work.\nIncome {N:3000-5000} USD monthly, visa and ticket paid by the club.\nAccommodation included. Age {N:18-21}-{N:27-30}.\nSend photos to WhatsApp {PHONE_AE}.' },
  { lang: 'en', title: 'Packing job in Poland', text: 'Food factory in Poland needs packers for the night shift.\nPay {N:1100-1500} euro net, hostel for {N:100-150} euro a month.\nWe help with the visa. Call {PHONE_PL}.' },
  { lang: 'en', title: 'Easy online income', text: 'Make {N:500-900} dollars a week from your phone, only two hours a day.\nYou need a bank card in your name.\nDM {TG} for details.' },
  { lang: 'ru', title: 'Девушки в клуб, Дубай', text: 'Клуб в Дубае набирает девушек хостес, возраст {N:18-21}-{N:28-30}.\nЗарплата {N:3000-4000}$, виза и перелёт за наш счёт, жильё есть.\nФото в вотсап {PHONE_AE}.' },
  { lang: 'ru', title: 'Стройка, вахта', text: 'Требуются бетонщики и арматурщики на объект в Подмосковье.\nВахта {N:45-60} дней, {N:3500-4000} рублей в смену, проживание в общежитии.\nОформление по паспорту, звонить {PHONE_RU}.' },
  { lang: 'ru', title: 'Доход с телефона', text: 'Ищем людей для простой работы онлайн, нужен только смартфон.\nПлатим от {N:500-800}$ в неделю, выплаты на карту ежедневно.\nПиши {TG}.' },
  { lang: 'hy', title: 'Աշխատանք Մոսկվայում', text: 'Մոսկվայում շինարարական աշխատանքների համար հրավիրում ենք վարպետներ և բանվորներ։\nՕրավարձը {N:3500-4500} ռուբլի, կացարանը տրամադրվում է։\nԶանգահարել {PHONE_AM}։' },
  { lang: 'hy', title: 'Աշխատանք Դուբայում', text: 'Դուբայի հյուրանոցին անհրաժեշտ են ադմինիստրատորներ՝ անգլերենի իմացությամբ։\nԱշխատավարձը {N:1500-2500} դոլար, բնակարանը՝ հյուրանոցի հաշվին։\nԳրեք {EMAIL}։' },
];
