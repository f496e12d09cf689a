import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  createClassifier,
  DEFAULT_MODEL_PATH,
  loadTextModel,
  parseTextModel,
  type TextModel,
} from '../../../classifiers/index.js';
import { ConfigError } from '../../../core/index.js';

const AD = {
  title: 'Waitress for a hotel abroad',
  text: 'We pay the tickets and the visa, salary 3000 dollars, write on WhatsApp only.',
};

describe('parseTextModel', () => {
  it('reads the committed model from parsed JSON as loadTextModel reads its file', () => {
    const json: unknown = JSON.parse(readFileSync(DEFAULT_MODEL_PATH, 'utf8'));
    const parsed = parseTextModel(json, 'test json');
    const loaded = loadTextModel(DEFAULT_MODEL_PATH);
    expect(parsed.version).toBe(loaded.version);
    expect(parsed.read(AD.title, AD.text)).toEqual(loaded.read(AD.title, AD.text));
  });

  it('names the origin and the supported formats when the format is unknown', () => {
    expect(() => parseTextModel({ format: 'other/9' }, 'registry model 7')).toThrow(ConfigError);
    expect(() => parseTextModel({ format: 'other/9' }, 'registry model 7')).toThrow(
      /registry model 7: format "other\/9".*adwatch-tfidf-lr\/1/u,
    );
    expect(() => parseTextModel(null, 'registry model 8')).toThrow(/no "format" field/u);
  });
});

describe('createClassifier with a loaded model', () => {
  it('scores with the given model instead of the model file', () => {
    const constant: TextModel = {
      version: 'constant-test',
      prior: 0.5,
      read: () => ({ probability: 0.99, coverage: 1 }),
      readFolded: () => ({ probability: 0.99, coverage: 1 }),
    };
    const classifier = createClassifier({ model: constant, modelPath: '/nonexistent.json' });
    expect(classifier.versions.model).toBe('constant-test');
    const withModel = classifier.assess(AD);
    const plain = createClassifier().assess(AD);
    expect(withModel.components.model).toBe(99);
    expect(withModel.components.model).not.toBe(plain.components.model);
  });
});
