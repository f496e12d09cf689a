import type { Lang } from '../assessment.types.js';
import type { FoldedText } from '../text/text-normalise.js';

/** What the text model says about one ad. */
export interface ModelReading {
  /** Probability that the ad is deceptive recruitment, as trained (English EMSCAD ads). */
  probability: number;
  /**
   * Share of the ad's words the model knows (0–1). Near 0 for Armenian or Russian text: the
   * probability then reflects only the model's bias, and the scorer discounts it accordingly.
   */
  coverage: number;
  /**
   * The "no information" point of the model that read the ad, when it is not the model's
   * `prior`: a model routed by language answers each language with a model of its own.
   */
  prior?: number;
}

/** A text model giving the probability that an ad is deceptive recruitment. */
export interface TextModel {
  /** Version recorded in every assessment (model name, format and training-data hash). */
  readonly version: string;
  /** The model's average probability on its training data: the "no information" point. */
  readonly prior: number;
  /**
   * `lang` is the ad's language as the classifier read it; a model routed by language reads each
   * language with its own model, other models ignore it.
   */
  read(title: string, text: string, lang?: Lang): ModelReading;
  /**
   * The same as `read(title, text)`, given `foldText` of the ad's source (`title + "\n" + text`,
   * or `text` alone when there is no title): the model reads the ad's tokens from the folded
   * words instead of scanning and looking up the text a second time.
   */
  readFolded(title: string, folded: FoldedText, lang?: Lang): ModelReading;
}
