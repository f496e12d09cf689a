/**
 * Ads for the cluster bench, made from `cluster-templates.ts` with a seeded generator: campaign
 * variants (rotated phones, handles, links, numbers and titles, reordered, dropped or added
 * sentences, translit, look-alike letters, emoji), one-off posts, the ads of made-up employers
 * that reuse a company description, and a large synthetic load for the speed figures.
 */
import type { CampaignAd } from '../classifiers/index.js';
import {
  BORROWING_TEMPLATES,
  CAMPAIGN_TEMPLATES,
  EMPLOYERS,
  ONE_OFF_PARTS,
  RIVAL_ADS,
} from './cluster-templates.js';
import type { CampaignTemplate } from './cluster-templates.js';

/** An ad of the bench with what it truly is: its campaign's name, or its own id when unique. */
export interface BenchAd {
  ad: CampaignAd;
  truth: string;
  origin: 'generated' | 'real';
  /** The employer's name, for employer ads and real ads. */
  company?: string;
}

export type Random = () => number;

/** A seeded generator (splitmix32): the same corpus on every run. */
export function seeded(seed: number): Random {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
    z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
    return ((z ^ (z >>> 15)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)];
const between = (random: Random, low: number, high: number): number =>
  low + Math.floor(random() * (high - low + 1));
const digits = (random: Random, n: number): string =>
  Array.from({ length: n }, () => String(between(random, 0, 9))).join('');

function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const WORDS = ['job', 'work', 'top', 'vip', 'best', 'star', 'agency', 'team', 'travel', 'pro'];
const DOMAINS = ['mail.ru', 'gmail.com', 'yandex.ru', 'outlook.com', 'yahoo.com'];

/** A phone number of a country, in one of the ways people write it. */
function phone(random: Random, country: string): string {
  switch (country) {
    case 'RU':
      return random() < 0.5
        ? `+7 9${digits(random, 2)} ${digits(random, 3)}-${digits(random, 2)}-${digits(random, 2)}`
        : `8 (9${digits(random, 2)}) ${digits(random, 3)} ${digits(random, 2)} ${digits(random, 2)}`;
    case 'AE':
      return `+971 5${pick(random, ['0', '2', '5', '6'])} ${digits(random, 3)} ${digits(random, 4)}`;
    case 'PL':
      return `+48 5${pick(random, ['0', '1', '3', '7'])}${digits(random, 1)} ${digits(random, 3)} ${digits(random, 3)}`;
    default: {
      const op = pick(random, ['91', '93', '94', '95', '98', '99', '77', '55']);
      return random() < 0.5
        ? `+374 ${op} ${digits(random, 3)} ${digits(random, 3)}`
        : `0${op} ${digits(random, 2)} ${digits(random, 2)} ${digits(random, 2)}`;
    }
  }
}

/** Fills a template's placeholders with fresh values. */
export function fill(random: Random, text: string): string {
  return text.replace(
    /\{([A-Z_]+)(?::(\d+)-(\d+))?\}/gu,
    (_, name: string, lo?: string, hi?: string) => {
      switch (name) {
        case 'N':
          return String(between(random, Number(lo), Number(hi)));
        case 'TG':
          return `@${pick(random, WORDS)}_${pick(random, WORDS)}${digits(random, 2)}`;
        case 'WA':
          return `https://wa.me/9715${digits(random, 8)}`;
        case 'EMAIL':
          return `${pick(random, WORDS)}.${pick(random, WORDS)}${digits(random, 3)}@${pick(random, DOMAINS)}`;
        case 'LINK':
          return `https://${pick(random, WORDS)}-${pick(random, WORDS)}.am/jobs/${digits(random, 5)}`;
        default:
          return phone(random, name.replace('PHONE_', ''));
      }
    },
  );
}

// prettier-ignore
const RU_TO_LATIN: Record<string, string[]> = {
  а: ['a'], б: ['b'], в: ['v'], г: ['g'], д: ['d'], е: ['e'], ё: ['yo', 'e'], ж: ['zh', 'j'], з: ['z'],
  и: ['i'], й: ['y', 'i', 'j'], к: ['k'], л: ['l'], м: ['m'], н: ['n'], о: ['o'], п: ['p'], р: ['r'],
  с: ['s'], т: ['t'], у: ['u'], ф: ['f'], х: ['kh', 'h', 'x'], ц: ['ts', 'c'], ч: ['ch'], ш: ['sh'],
  щ: ['sch', 'shch'], ъ: [''], ы: ['y', 'i'], ь: ['', "'"], э: ['e'], ю: ['yu', 'ju'], я: ['ya', 'ja'],
};

// prettier-ignore
const HY_TO_LATIN: Record<string, string[]> = {
  ա: ['a'], բ: ['b'], գ: ['g'], դ: ['d'], ե: ['e', 'ye'], զ: ['z'], է: ['e'], ը: ['@', ''], թ: ['t'],
  ժ: ['zh', 'j'], ի: ['i'], լ: ['l'], խ: ['x', 'kh'], ծ: ['c', 'ts'], կ: ['k'], հ: ['h'], ձ: ['dz'],
  ղ: ['gh'], ճ: ['ch', 'tch'], մ: ['m'], յ: ['y'], ն: ['n'], շ: ['sh'], ո: ['o'], չ: ['ch'],
  պ: ['p'], ջ: ['j'], ռ: ['r'], ս: ['s'], վ: ['v'], տ: ['t'], ր: ['r'], ց: ['c', 'ts'], ւ: ['v'],
  փ: ['p'], ք: ['q', 'k'], և: ['ev'], օ: ['o'], ֆ: ['f'], '։': ['.'],
};

/**
 * Types an ad in Latin letters the way one person would: each letter with several spellings gets
 * one of them, chosen once for the whole ad.
 */
export function translit(random: Random, text: string): string {
  const choice = new Map<string, string>();
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const lower = ch.toLowerCase();
    if (lower === 'ո' && text[i + 1]?.toLowerCase() === 'ւ') {
      out += ch === lower ? 'u' : 'U';
      i++;
      continue;
    }
    // A word-initial ո is said, and typed, "vo" (ով → vov).
    if (lower === 'ո' && !/\p{L}/u.test(text[i - 1] ?? '')) {
      out += ch === lower ? 'vo' : 'Vo';
      continue;
    }
    const options = RU_TO_LATIN[lower] ?? HY_TO_LATIN[lower];
    if (options === undefined) {
      out += ch;
      continue;
    }
    let latin = choice.get(lower);
    if (latin === undefined) {
      latin = pick(random, options);
      choice.set(lower, latin);
    }
    out += ch === lower ? latin : latin.charAt(0).toUpperCase() + latin.slice(1);
  }
  return out;
}

const LATIN_LOOKS: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х' };
const CYRILLIC_LOOKS: Record<string, string> = { а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', х: 'x' };

/** Swaps a share of the letters that have a look-alike in the other script. */
function lookAlikes(random: Random, text: string, share: number): string {
  let out = '';
  for (const ch of text) {
    const swap = LATIN_LOOKS[ch] ?? CYRILLIC_LOOKS[ch];
    out += swap !== undefined && random() < share ? swap : ch;
  }
  return out;
}

const EMOJI = ['🔥', '✅', '💰', '✈️', '🌴', '⭐', '📞', '👉', '❗', '💃'];

/** Emoji as bullets, at the end of sentences, and now and then inside a word. */
function withEmoji(random: Random, sentences: string[]): string[] {
  return sentences.map((s) => {
    let out = random() < 0.5 ? `${pick(random, EMOJI)} ${s}` : s;
    if (random() < 0.3) out = `${out} ${pick(random, EMOJI)}`;
    if (random() < 0.15) {
      const words = out.split(' ');
      const i = between(random, 0, words.length - 1);
      const w = words[i];
      if (w.length > 4) words[i] = `${w.slice(0, 2)}${pick(random, EMOJI)}${w.slice(2)}`;
      out = words.join(' ');
    }
    return out;
  });
}

// prettier-ignore
const FILLERS: Record<CampaignTemplate['lang'], string[]> = {
  en: ['Hurry up, places are limited!', 'Do not miss your chance.', 'Real offer, no fake.'],
  ru: ['Торопитесь, мест мало!', 'Не упустите шанс.', 'Это не развод.'],
  hy: ['Շտապեք, տեղերը սահմանափակ են։', 'Բաց մի թողեք հնարավորությունը։'],
  translit: ['speshite, mest malo!', 'shtapeq, texer@ sahmanapak en.'],
};

const INSERTS: Record<CampaignTemplate['lang'], string[]> = {
  en: ['very', 'only', 'really', 'now', 'also'],
  ru: ['очень', 'только', 'сейчас', 'также', 'уже'],
  hy: ['շատ', 'միայն', 'հիմա', 'նաև', 'արդեն'],
  translit: ['shat', 'miayn', 'ochen', 'tolko', 'uzhe'],
};

/** Rewords a sentence a little: a word dropped, added or two words swapped. */
function reword(random: Random, sentence: string, lang: CampaignTemplate['lang']): string {
  const words = sentence.split(' ');
  if (words.length < 4) return sentence;
  const i = between(random, 1, words.length - 2);
  const r = random();
  if (r < 0.35) words.splice(i, 1);
  else if (r < 0.7) words.splice(i, 0, pick(random, INSERTS[lang]));
  else [words[i], words[i + 1]] = [words[i + 1], words[i]];
  return words.join(' ');
}

/** One variant of a template; variant 0 is the template as written, with fresh contacts. */
export function variantOf(random: Random, t: CampaignTemplate, variant: number): CampaignAd {
  let sentences = t.sentences.map((s) => fill(random, s));
  let title: string | undefined = t.titles[0];
  if (variant > 0) {
    const r = random();
    title = r < 0.15 ? undefined : r < 0.75 ? pick(random, t.titles) : title;
    if (random() < 0.5) {
      const last = sentences[sentences.length - 1];
      sentences = [...shuffled(random, sentences.slice(0, -1)), last];
    }
    if (random() < 0.25 && sentences.length >= 5)
      sentences.splice(between(random, 0, sentences.length - 2), 1);
    if (random() < 0.25)
      sentences.splice(between(random, 0, sentences.length), 0, pick(random, FILLERS[t.lang]));
    if (random() < 0.5)
      for (let edits = between(random, 1, 3); edits > 0; edits--) {
        const i = between(random, 0, sentences.length - 1);
        sentences[i] = reword(random, sentences[i], t.lang);
      }
    if (random() < 0.4) sentences = withEmoji(random, sentences);
    const lookShare = random() < 0.3 ? 0.2 : 0;
    if (lookShare > 0) sentences = sentences.map((s) => lookAlikes(random, s, lookShare));
    if ((t.lang === 'ru' || t.lang === 'hy') && random() < 0.3) {
      const typed = translit(random, [title ?? '', ...sentences].join('\n')).split('\n');
      title = title === undefined ? undefined : typed[0];
      sentences = typed.slice(1);
    }
    if (random() < 0.15 && title !== undefined) title = title.toUpperCase();
  }
  const text = sentences.join(random() < 0.5 ? '\n' : ' ');
  return { id: `${t.name}-v${variant}`, text, ...(title === undefined ? {} : { title }) };
}

/** Campaigns of 2–14 variants each, one per template, including the borrowing ones. */
export function campaignAds(random: Random): BenchAd[] {
  const templates = [...CAMPAIGN_TEMPLATES, ...BORROWING_TEMPLATES.map((b) => b.template)];
  const out: BenchAd[] = [];
  for (const t of templates) {
    const count = between(random, 2, 16);
    for (let v = 0; v < count; v++)
      out.push({ ad: variantOf(random, t, v), truth: t.name, origin: 'generated' });
  }
  return out;
}

/** Every job of every made-up employer: one ad each, all with the employer's description. */
export function employerAds(random: Random): BenchAd[] {
  const out: BenchAd[] = [];
  for (const e of EMPLOYERS)
    e.jobs.forEach((job, j) => {
      const contact = fill(
        random,
        e.lang === 'ru' ? 'Тел. {PHONE_RU}, {EMAIL}' : '{PHONE_AM}, {EMAIL}',
      );
      const body = random() < 0.5 ? [...e.about, ...job.sentences] : [...job.sentences, ...e.about];
      const id = `employer-${e.name}-${j}`;
      out.push({
        ad: { id, title: job.title, text: [...body, contact].join('\n') },
        truth: id,
        origin: 'generated',
        company: e.name,
      });
    });
  return out;
}

/**
 * One-off posts, `perLanguage` for each language: one part from each group, no two posts sharing
 * more than two parts (so none is a near copy of another); a third of the Russian ones in translit.
 */
export function oneOffAds(random: Random, perLanguage: number): BenchAd[] {
  const out: BenchAd[] = [];
  for (const [lang, groups] of Object.entries(ONE_OFF_PARTS)) {
    const chosen: number[][] = [];
    for (let tries = 0; chosen.length < perLanguage && tries < 10_000; tries++) {
      const parts = groups.map((g) => between(random, 0, g.length - 1));
      if (chosen.some((c) => c.filter((p, i) => p === parts[i]).length > 2)) continue;
      chosen.push(parts);
    }
    chosen.forEach((parts, n) => {
      let text = parts.map((p, i) => fill(random, groups[i]?.[p] ?? '')).join(' ');
      if (lang === 'ru' && n % 3 === 0) text = translit(random, text);
      const id = `one-off-${lang}-${n}`;
      out.push({ ad: { id, text }, truth: id, origin: 'generated' });
    });
  }
  return out;
}

/** Offers like the campaigns' written by other hands: each unique. */
export function rivalAds(random: Random): BenchAd[] {
  return RIVAL_ADS.map((r, i) => {
    const id = `rival-${r.lang}-${i}`;
    return {
      ad: { id, title: r.title, text: fill(random, r.text) },
      truth: id,
      origin: 'generated',
    };
  });
}

/** Pseudo-words of one script, made of syllables, for the speed corpus. */
function vocabulary(random: Random, syllables: string[], size: number): string[] {
  return Array.from({ length: size }, () =>
    Array.from({ length: between(random, 1, 4) }, () => pick(random, syllables)).join(''),
  );
}

// prettier-ignore
const SYLLABLES = {
  latin: ['ka', 'lo', 'mi', 'ner', 'tas', 'vo', 'di', 'pre', 'sun', 'gar', 'el', 'ost', 'ri', 'bel', 'on', 'tur', 'ma', 'hen', 'cor', 'fi'],
  cyrillic: ['ра', 'бо', 'ти', 'ну', 'ска', 'про', 'де', 'ло', 'ве', 'мир', 'ков', 'на', 'же', 'сти', 'ор', 'га', 'ли', 'ту', 'чи', 'зо'],
  armenian: ['ա', 'բեր', 'գո', 'դա', 'են', 'զի', 'թա', 'իկ', 'լու', 'խա', 'կան', 'հայ', 'մար', 'նոր', 'շատ', 'պետ', 'ռու', 'սեր', 'վան', 'տուն'],
};

/**
 * A synthetic load of `count` ads of 80–200 words: most unique texts of Zipf-distributed
 * pseudo-words in three scripts, a tenth employer-style ads (one of `count / 100` company
 * descriptions and a unique job part) and a tenth variants of the campaign templates.
 */
export function loadAds(random: Random, count: number): CampaignAd[] {
  const vocabularies = Object.values(SYLLABLES).map((s) => vocabulary(random, s, 8_000));
  const word = (vocab: string[]): string =>
    vocab[Math.min(vocab.length - 1, Math.floor(Math.exp(random() * Math.log(vocab.length))) - 1)];
  const sentence = (vocab: string[]): string =>
    `${Array.from({ length: between(random, 6, 14) }, () => word(vocab)).join(' ')}.`;
  const paragraph = (vocab: string[], n: number): string =>
    Array.from({ length: n }, () => sentence(vocab)).join(' ');
  const abouts = Array.from({ length: Math.max(1, Math.floor(count / 100)) }, (_, i) =>
    paragraph(vocabularies[i % 3], 5),
  );
  const templates = [...CAMPAIGN_TEMPLATES, ...BORROWING_TEMPLATES.map((b) => b.template)];
  return Array.from({ length: count }, (_, i): CampaignAd => {
    const r = random();
    const vocab = pick(random, vocabularies);
    if (r < 0.1) return { ...variantOf(random, pick(random, templates), 1 + i), id: `load-${i}` };
    const body =
      r < 0.2
        ? `${pick(random, abouts)}\n${paragraph(vocab, between(random, 3, 6))}`
        : paragraph(vocab, between(random, 6, 16));
    return {
      id: `load-${i}`,
      title: paragraph(vocab, 1),
      text: `${body}\n${fill(random, '{PHONE_AM}')}`,
    };
  });
}
