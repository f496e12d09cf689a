// Training on the EMSCAD file: reads the CSV and hands it to the trainer (model.trainer.ts, the
// algorithm and the model file's format).
import { readEmscad } from './emscad.reader.js';
import type { LabelledAd } from './emscad.reader.js';
import type { EvaluationFigures } from './metrics.js';
import { DEFAULT_TRAIN_OPTIONS, isHeldOut, serialiseModel, trainModel } from './model.trainer.js';

/**
 * Trains the text model from EMSCAD CSV content and returns the model file's content. `sha256`
 * is the hash of the CSV bytes, recorded in the file so a model can be traced to its data.
 */
export function trainTextModel(
  csv: string,
  path: string,
  sha256: string,
): { content: string; heldOut: EvaluationFigures; terms: number } {
  const model = trainModel(readEmscad(csv, path), sha256);
  return { content: serialiseModel(model), heldOut: model.heldOut, terms: model.terms.length };
}

/**
 * Trains on the ads outside the held-out fold only and returns that model's file content with
 * the held-out ads, so a benchmark can score ads the model has never seen (the shipped model is
 * trained on every ad and has seen them all).
 */
export function trainHeldOutFold(
  csv: string,
  path: string,
): { content: string; heldOut: LabelledAd[] } {
  const ads = readEmscad(csv, path);
  const percent = DEFAULT_TRAIN_OPTIONS.heldOutPercent;
  const train = ads.filter((a) => !isHeldOut(a.id, percent));
  const model = trainModel(train, 'held-out-fold');
  return {
    content: serialiseModel(model),
    heldOut: ads.filter((a) => isHeldOut(a.id, percent)),
  };
}
