/**
 * Reads the figures a model file carries (`ModelView.figures`, whatever its format wrote) into what
 * the screen shows. The contract leaves them open (`Record<string, unknown>`): a committed
 * `adwatch-tfidf-lr/1` model has overall held-out figures, a model trained on decisions
 * (`adwatch-char-lr/1`) has them per language next to the base model's, with class counts per
 * language and the reason a language keeps the base model. Anything else is shown as it is.
 */

/** Precision, recall and ROC-AUC on held-out ads (0–1). */
export interface HeldOutScores {
  ads: number | null;
  precision: number | null;
  recall: number | null;
  rocAuc: number | null;
}

export interface HeldOutRow extends HeldOutScores {
  /** Null: all held-out ads, not one language. */
  lang: string | null;
  /** The current (base) model measured on the same ads, where the file has it. */
  base: HeldOutScores | null;
}

export interface LanguageRoute {
  lang: string;
  model: 'candidate' | 'base';
  reason: string | null;
  confirmed: number | null;
  dismissed: number | null;
}

export interface ModelFigures {
  /** Labelled ads the model was trained on (EMSCAD rows, or analysts' decisions). */
  trainingAds: number | null;
  trainingPositives: number | null;
  trainingDecisions: number | null;
  /** EMSCAD ads added to a decisions model's training. */
  emscadAds: number | null;
  since: string | null;
  baseVersion: string | null;
  heldOut: HeldOutRow[];
  languages: LanguageRoute[];
  /** Figures of other names, as text. */
  other: { key: string; value: string }[];
}

const known = new Set(['trainingData', 'heldOut', 'languages', 'baseVersion']);

function record(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}

function scores(value: unknown): HeldOutScores | null {
  const figures = record(value);
  if (!figures) return null;
  const read: HeldOutScores = {
    ads: num(figures.n),
    precision: num(figures.precision),
    recall: num(figures.recall),
    rocAuc: num(figures.rocAuc),
  };
  return read.precision === null && read.recall === null && read.rocAuc === null ? null : read;
}

function heldOutRows(value: unknown): HeldOutRow[] {
  const heldOut = record(value);
  if (!heldOut) return [];
  const byLang = record(heldOut.byLang);
  if (byLang)
    return Object.entries(byLang).flatMap(([lang, figures]) => {
      const pair = record(figures);
      const candidate = scores(pair?.candidate);
      return candidate ? [{ lang, ...candidate, base: scores(pair?.base) }] : [];
    });
  const overall = scores(heldOut);
  return overall ? [{ lang: null, ...overall, base: null }] : [];
}

function routes(languages: unknown, counts: unknown): LanguageRoute[] {
  const byLang = record(languages);
  if (!byLang) return [];
  const countsOf = record(counts) ?? {};
  return Object.entries(byLang).map(([lang, value]) => {
    const route = record(value);
    const classes = record(countsOf[lang]);
    return {
      lang,
      model: route?.model === 'candidate' ? 'candidate' : 'base',
      reason: text(route?.reason),
      confirmed: num(classes?.confirmed),
      dismissed: num(classes?.dismissed),
    };
  });
}

export function readFigures(figures: Record<string, unknown>): ModelFigures {
  const training = record(figures.trainingData) ?? {};
  const emscad = record(training.emscad);
  return {
    trainingAds: num(training.rows),
    trainingPositives: num(training.positives),
    trainingDecisions: num(training.decisions),
    emscadAds: num(emscad?.rows),
    since: text(training.since),
    baseVersion: text(figures.baseVersion),
    heldOut: heldOutRows(figures.heldOut),
    languages: routes(figures.languages, training.counts),
    other: Object.entries(figures)
      .filter(([key]) => !known.has(key))
      .map(([key, value]) => ({
        key,
        value: typeof value === 'string' ? value : JSON.stringify(value),
      })),
  };
}
