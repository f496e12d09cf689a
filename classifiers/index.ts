/**
 * The classifiers module: explainable trafficking-risk scoring of job ads in Armenian, Russian,
 * English and Latin-script translit. A pure library (no Redis, no MongoDB); this file is its only door.
 */
export type {
  AdFacts,
  AdText,
  AgeFact,
  AppearanceFact,
  Classifier,
  ClassifierOptions,
  DestinationFact,
  EmailFact,
  EvidenceSpan,
  HandleFact,
  IndicatorHit,
  IndicatorInfo,
  Lang,
  MessengerPlatform,
  PayPeriod,
  PhoneFact,
  RiskAssessment,
  RiskBand,
  SalaryFact,
} from './assessment.types.js';
export {
  createClassifier,
  DEFAULT_FLAG_THRESHOLD,
  DEFAULT_MODEL_PATH,
  CLASSIFIER_VERSION,
} from './risk.classifier.js';
export { applyAdjustments } from './tuning/lexicon.override.js';
export type {
  AdjustmentLang,
  IndicatorAdjustment,
  LexiconOverride,
} from './tuning/lexicon.override.js';
export { trainHeldOutFold, trainTextModel } from './model/emscad.training.js';
export { rocAuc } from './model/metrics.js';
export {
  loadTextModel,
  parseTextModel,
  SUPPORTED_MODEL_FORMATS,
  type ParseTextModelOptions,
} from './model/model.loader.js';
export type { ModelReading, TextModel } from './model/text-model.js';
export {
  DEFAULT_DECISIONS_TRAIN_OPTIONS,
  serialiseDecisionsModel,
  trainFromDecisions,
} from './model/decisions.trainer.js';
export type {
  DecisionExample,
  DecisionsModelFile,
  DecisionsTrainOptions,
} from './model/decisions.trainer.js';
export { readEmscad } from './model/emscad.reader.js';
export { CHAR_MODEL_FORMAT } from './model/language-routed.model.js';
export type { LabelledAd } from './model/emscad.reader.js';
export type { EvaluationFigures } from './model/metrics.js';
export {
  CampaignIndex,
  campaignSettings,
  campaignTemplate,
  clusterAds,
  DEFAULT_CAMPAIGN_SETTINGS,
  DEFAULT_MAX_ADS,
  findContacts,
  StoredFingerprinter,
  campaignIdFor,
  isBefore,
  TemplatePartKind,
} from './campaigns/index.js';
export type {
  CampaignAd,
  CampaignIndexOptions,
  CampaignIndexStats,
  CampaignLink,
  CampaignSettings,
  CampaignTemplate,
  TemplatePart,
  AdOrder,
  StoredFingerprint,
} from './campaigns/index.js';
