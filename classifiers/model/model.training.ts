import { readEmscad } from './emscad.reader.js';
import type { EvaluationFigures } from './metrics.js';
import { serialiseModel, trainModel } from './model.trainer.js';

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
