import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../../classifiers/index.js';
import { ConfigError } from '../../../core/index.js';

const COMBINATIONS = 'combinations: []\n';

function indicatorsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'adwatch-indicators-'));
  for (const [name, content] of Object.entries({ 'combinations.yaml': COMBINATIONS, ...files }))
    writeFileSync(join(dir, name), content);
  return dir;
}

describe('indicator files', () => {
  it('loads an indicator a non-programmer added, and uses it', () => {
    const dir = indicatorsDir({
      'custom.indicators.yaml': [
        'dimension: deceptive-recruitment',
        'indicators:',
        '  - id: sea-job',
        '    label: Work at sea',
        '    weight: 1.5',
        '    terms:',
        '      ru: [работа на судне]',
        '      en: [work on a ship]',
      ].join('\n'),
    });
    const classifier = createClassifier({ indicatorsDir: dir });
    const hit = classifier.assess({ text: 'Rabota na sudne, high pay' }).indicators[0];
    expect(hit).toMatchObject({
      id: 'sea-job',
      weight: 1.5,
      evidence: [{ text: 'Rabota na sudne' }],
    });
  });

  it('rejects a file with a mistake, naming the file and the field', () => {
    const dir = indicatorsDir({
      'bad.indicators.yaml':
        'dimension: deceptive-recruitment\nindicators:\n  - id: x\n    label: Something\n    weight: lots\n',
    });
    expect(() => createClassifier({ indicatorsDir: dir })).toThrow(ConfigError);
    expect(() => createClassifier({ indicatorsDir: dir })).toThrow(
      /bad\.indicators\.yaml: indicators\.0\.weight/u,
    );
  });

  it('rejects a legitimacy signal with a positive weight', () => {
    const dir = indicatorsDir({
      'legit.indicators.yaml':
        'dimension: legitimacy\nindicators:\n  - id: licensed\n    label: Licensed\n    weight: 1\n',
    });
    expect(() => createClassifier({ indicatorsDir: dir })).toThrow(/negative weight/u);
  });

  it('rejects duplicate ids and unknown ids in combinations', () => {
    const one =
      'dimension: coercion-exploitation\nindicators:\n  - id: same\n    label: Same one\n    weight: 1\n';
    expect(() =>
      createClassifier({
        indicatorsDir: indicatorsDir({ 'a.indicators.yaml': one, 'b.indicators.yaml': one }),
      }),
    ).toThrow(/"same" is used twice/u);
    const dir = indicatorsDir({
      'a.indicators.yaml': one,
      'combinations.yaml': 'combinations:\n  - ids: [same, missing]\n    bonus: 1\n    why: test\n',
    });
    expect(() => createClassifier({ indicatorsDir: dir })).toThrow(
      /unknown indicator id\(s\) missing/u,
    );
  });

  it('rejects an invalid regular expression, naming the indicator', () => {
    const dir = indicatorsDir({
      'p.indicators.yaml':
        "dimension: coercion-exploitation\nindicators:\n  - id: broken\n    label: Broken\n    weight: 1\n    patterns: ['(unclosed']\n",
    });
    expect(() => createClassifier({ indicatorsDir: dir })).toThrow(
      /"broken" has an invalid pattern/u,
    );
  });
});
