import { fileURLToPath } from 'node:url';
import type {
  AdText,
  Classifier,
  ClassifierOptions,
  EvidenceSpan,
  IndicatorInfo,
  RiskAssessment,
} from './assessment.types.js';
import { spanOf } from './facts/evidence-span.js';
import { FactExtractor } from './facts/facts.extractor.js';
import { Gazetteer } from './facts/gazetteer.js';
import { DEFAULT_MODEL_PATH, loadTextModel } from './model/model.loader.js';
import { categoriesFileSchema, placesFileSchema } from './rules/indicator.schema.js';
import { RulesEngine } from './rules/rules.engine.js';
import { loadYamlFile } from './rules/yaml-file.loader.js';
import { bandOf } from './scoring/score.calibration.js';
import { combineScore } from './scoring/risk.scorer.js';
import { readLanguage } from './text/language.detect.js';
import { PhraseMatcherGroup } from './text/phrase.matcher.js';
import { foldText } from './text/text-normalise.js';
import type { FoldedWord } from './text/text-normalise.js';
import { applyAdjustments, type LexiconOverride } from './tuning/lexicon.override.js';
import { ConfigError } from '../core/index.js';

/** Bumped whenever scoring changes in a way that makes old and new scores incomparable. */
export const CLASSIFIER_VERSION = '4.0.0';

/** Default flag threshold (score 0–100); equals the start of the `high` band. */
export const DEFAULT_FLAG_THRESHOLD = 60;

const here = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

/** The committed model file. */
export { DEFAULT_MODEL_PATH };

/**
 * Loads lexicons, indicators and the model once; returns a classifier whose `assess` is fast and
 * pure (no I/O, no shared mutable state beyond bounded caches). Throws `ConfigError` when a data
 * file or the model file is missing or invalid.
 */
export function createClassifier(options: ClassifierOptions = {}): Classifier {
  const flagThreshold = options.flagThreshold ?? DEFAULT_FLAG_THRESHOLD;
  if (!Number.isFinite(flagThreshold) || flagThreshold < 0 || flagThreshold > 100)
    throw new ConfigError(`flagThreshold ${flagThreshold} is not a score between 0 and 100.`);
  const rules = new RulesEngine(options.indicatorsDir ?? here('./indicators/'));
  const gazetteer = new Gazetteer(
    loadYamlFile(here('./lexicons/places.yaml'), placesFileSchema),
    loadYamlFile(here('./lexicons/categories.yaml'), categoriesFileSchema),
  );
  const factExtractor = new FactExtractor(gazetteer);
  const model = options.model ?? loadTextModel(options.modelPath ?? DEFAULT_MODEL_PATH);
  // All phrase matchers in one pass over the words (the same matches as one pass each).
  const matchers = new PhraseMatcherGroup([
    rules.matcher,
    factExtractor.messengers,
    gazetteer.places,
    gazetteer.offerWords,
    gazetteer.categories,
  ] as const);
  const base = { classifier: CLASSIFIER_VERSION, model: model.version, lexicon: rules.version };
  const indicatorList: IndicatorInfo[] = rules.indicators.map(
    ({ id, label, dimension, weight }) => ({ id, label, dimension, weight }),
  );

  // One classifier per override shares everything loaded above; only the adjustments differ.
  const assembled = (override: LexiconOverride | null): Classifier => {
    const threshold = override?.flagThreshold ?? flagThreshold;
    const adjustments = override?.adjustments ?? [];
    const versions = override ? { ...base, override: override.id } : base;
    return {
      flagThreshold: threshold,
      versions,
      indicators: indicatorList,
      withOverride: assembled,
      assess(ad: AdText): RiskAssessment {
        const title = ad.title ?? '';
        const source = ad.title === undefined ? ad.text : `${title}\n${ad.text}`;
        const folded = foldText(source);
        const { words } = folded;
        const toSpan = spanner(source, words);
        const { lang, translit } = readLanguage(ad.lang, words);
        const [ruleMatches, messengers, places, offerWords, categories] = matchers.match(
          words,
          translit,
        );
        const { facts, values } = factExtractor.extract(source, words, toSpan, {
          messengers,
          places,
          offerWords,
          categories,
          translit,
        });
        const indicators = applyAdjustments(
          rules.evaluate(source, words, toSpan, values, ruleMatches),
          lang,
          adjustments,
        );
        const reading = model.readFolded(title, folded, lang);
        const parts = combineScore(
          indicators,
          rules.combinations,
          reading,
          reading.prior ?? model.prior,
          lang,
          words.length,
        );
        return {
          score: parts.score,
          band: bandOf(parts.score),
          flagged: parts.score >= threshold,
          lang,
          components: {
            rules: parts.rules,
            model: parts.model,
            modelWeight: parts.modelWeight,
            modelPoints: parts.modelPoints,
          },
          indicators,
          facts,
          versions,
        };
      },
    };
  };
  return assembled(null);
}

/**
 * The evidence span of words `first` to `last`. Made by a function rather than as a named arrow in
 * `assess`: tsx (esbuild's keepNames) wraps every named function expression in a call that sets
 * its name, which costs that call on every ad.
 */
function spanner(
  source: string,
  words: readonly FoldedWord[],
): (first: number, last: number) => EvidenceSpan {
  return (first, last) =>
    spanOf(source, words[first]?.sourceStart ?? 0, words[last]?.sourceEnd ?? 0);
}
