import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_PATH } from '../../../classifiers/index.js';
import {
  modelRawTokens,
  modelTokens,
  prepareModelText,
} from '../../../classifiers/model/model.features.js';
import { loadTextModel } from '../../../classifiers/model/model.loader.js';
import { ConfigError } from '../../../config/index.js';

describe('modelRawTokens', () => {
  it('finds exactly the tokens of its reference regular expression', () => {
    // The hand-written scanner replaced this regex; the committed model was trained with it.
    const WORD = /_(?:url|email|phone)_|[\p{L}\p{N}]+(?:['’]\p{L}+)*/gu;
    const texts = [
      "Don't miss it: we're hiring! it’s 5'o clock, rock'n'roll a'1 x'",
      'Пишите: +374 94 55 12 90, mail@example.am, https://wa.me/37494551290 #URL_ab12#',
      '𝐖𝐡𝐚𝐭𝐬𝐀𝐩𝐩 e\u0301te __url_ _email_x ١٢٣ Ⅻ ½ 中文 \uD835 lone',
      'Աշխատավարձը 300000 դրամ, ΟΔΟΣ, ذهب',
    ];
    for (const text of texts) {
      const tokens = modelRawTokens(text);
      // The reference runs on the same prepared text (lower case, placeholders in place).
      const reference = [...prepareModelText(text).matchAll(WORD)].map((m) => m[0]);
      expect(tokens).toEqual(reference);
      expect(tokens.length).toBeGreaterThan(3);
    }
    expect(modelRawTokens("We're at www.example.com, call 094 55 12 90")).toEqual([
      "we're",
      'at',
      '_url_',
      'call',
      '_phone_',
    ]);
  });

  it('stems English and Russian tokens and keeps placeholders', () => {
    expect(modelTokens('Recruiting dancers, бесплатное жильё, 3000 https://x.am')).toEqual([
      'recruit',
      'dancer',
      'бесплатн',
      'жил',
      '#',
      '_url_',
    ]);
  });
});

describe('loadTextModel', () => {
  it('rejects a model file whose term is malformed, naming the term and how to fix it', () => {
    const model = JSON.parse(readFileSync(DEFAULT_MODEL_PATH, 'utf8')) as { terms: unknown[] };
    model.terms[7] = ['visa', 'not a number', 0.5];
    const path = join(mkdtempSync(join(tmpdir(), 'adwatch-model-')), 'bad.model.json');
    writeFileSync(path, JSON.stringify(model));
    expect(() => loadTextModel(path)).toThrow(ConfigError);
    expect(() => loadTextModel(path)).toThrow(/terms\[7\].*adwatch train/u);
  });

  it('reads the same probability however often the same ad is read', () => {
    const model = loadTextModel(DEFAULT_MODEL_PATH);
    const ad = [
      'Hostess wanted',
      'Work from home, earn $500 a week, no experience needed.',
    ] as const;
    const first = model.read(...ad);
    model.read('Other', 'A completely different ad about accounting and payroll.');
    expect(model.read(...ad)).toEqual(first);
    expect(first.coverage).toBeGreaterThan(0.5);
  });
});
