/**
 * The retention panel's messages (legal hold, what the retention policy removed), merged into
 * each catalogue (i18n/en.ts, hy.ts, ru.ts). Kept together so that the three are changed together.
 */
export const retentionEn = {
  'retention.title': 'Retention',
  'retention.held': 'Under legal hold since {date} ({user}): {reason}',
  'retention.notHeld': 'Not under legal hold: the retention policy applies.',
  'retention.inCases': 'In a case, so never deleted or reduced: {cases}',
  'retention.capturesDeleted':
    'The retention policy deleted {count} captures on {date}; their SHA-256 hashes are kept.',
  'retention.reduced': 'The retention policy reduced the personal data on {date}.',
  'retention.reason': 'Reason',
  'retention.reasonHint': 'Why (court order, request number…); the audit trail keeps it.',
  'retention.place': 'Place legal hold',
  'retention.lift': 'Lift legal hold',
  'retention.placed': 'Legal hold placed.',
  'retention.lifted': 'Legal hold lifted.',
} as const;

export const retentionHy: Record<keyof typeof retentionEn, string> = {
  'retention.title': 'Տվյալների պահպանում',
  'retention.held': 'Իրավական արգելանքի տակ է {date}-ից ({user}). {reason}',
  'retention.notHeld': 'Իրավական արգելանք չկա. գործում է պահպանման քաղաքականությունը։',
  'retention.inCases': 'Ներառված է գործում, ուստի երբեք չի ջնջվում կամ կրճատվում՝ {cases}',
  'retention.capturesDeleted':
    'Պահպանման քաղաքականությունը {date}-ին ջնջել է {count} պատճեն. դրանց SHA-256 հեշերը պահպանված են։',
  'retention.reduced': 'Պահպանման քաղաքականությունը {date}-ին կրճատել է անձնական տվյալները։',
  'retention.reason': 'Պատճառ',
  'retention.reasonHint': 'Ինչու (դատարանի որոշում, հարցման համար…). աուդիտի մատյանը պահում է այն։',
  'retention.place': 'Դնել իրավական արգելանք',
  'retention.lift': 'Հանել իրավական արգելանքը',
  'retention.placed': 'Իրավական արգելանքը դրված է։',
  'retention.lifted': 'Իրավական արգելանքը հանված է։',
};

export const retentionRu: Record<keyof typeof retentionEn, string> = {
  'retention.title': 'Хранение данных',
  'retention.held': 'Под юридическим удержанием с {date} ({user}): {reason}',
  'retention.notHeld': 'Юридического удержания нет: действует политика хранения.',
  'retention.inCases': 'Входит в дело, поэтому не удаляется и не сокращается: {cases}',
  'retention.capturesDeleted':
    'Политика хранения удалила {count} снимков страницы {date}; их хеши SHA-256 сохранены.',
  'retention.reduced': 'Политика хранения сократила персональные данные {date}.',
  'retention.reason': 'Причина',
  'retention.reasonHint': 'Почему (решение суда, номер запроса…); журнал аудита сохранит это.',
  'retention.place': 'Поставить на юридическое удержание',
  'retention.lift': 'Снять юридическое удержание',
  'retention.placed': 'Юридическое удержание установлено.',
  'retention.lifted': 'Юридическое удержание снято.',
};
