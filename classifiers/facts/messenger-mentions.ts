import type { MessengerPlatform } from '../assessment.types.js';
import { PhraseMatcher } from '../text/phrase.matcher.js';

/** Names of messengers as people write them, in every script; folding handles look-alikes. */
const MESSENGER_NAMES: Readonly<Record<MessengerPlatform, readonly string[]>> = {
  whatsapp: [
    'whatsapp',
    'whats app',
    'watsapp',
    'vatsap',
    'ватсап',
    'вотсап',
    'вацап',
    'воцап',
    'ватсапп',
    'вотсапп',
    'вацапп',
    'վաթսափ',
    'վոթսափ',
    'wa.me',
  ],
  telegram: ['telegram', 'телеграм', 'телеграмм', 'телега', 'тг', 'tg', 'տելեգրամ', 't.me'],
  viber: ['viber', 'вайбер', 'вибер', 'վայբեր', 'vayber'],
  instagram: ['instagram', 'insta', 'инстаграм', 'инста', 'ինստագրամ', 'ինստա', 'direct', 'директ'],
  vk: ['vk', 'вконтакте', 'вк'],
  facebook: ['facebook', 'фейсбук', 'ֆեյսբուք', 'messenger'],
};

/** Builds the matcher for messenger names. */
export function messengerMatcher(): PhraseMatcher<MessengerPlatform> {
  const matcher = new PhraseMatcher<MessengerPlatform>();
  for (const [platform, names] of Object.entries(MESSENGER_NAMES) as [
    MessengerPlatform,
    readonly string[],
  ][])
    for (const name of names) matcher.add(name, platform, 0);
  return matcher;
}
