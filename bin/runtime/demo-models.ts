import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { Store } from '../../store/index.js';
import { readModelFile, registerModel } from '../../workers/index.js';
import type { Logger } from '../../core/index.js';

/**
 * The demo's candidate model: `adwatch train` on the EMSCAD ads with their company profiles and
 * benefits left out (held-out precision 0.92, ROC-AUC 0.94, against the committed model's 0.96
 * and 0.99), so that the Models screen has a candidate to compare, shadow and activate.
 */
const CANDIDATE_FILE = fileURLToPath(new URL('./demo-candidate.model.json.gz', import.meta.url));

/** Registers the demo's candidate model while the registry is empty (first start). */
export async function seedDemoModels(store: Store, logger: Logger): Promise<void> {
  if ((await store.models.list()).length > 0) return;
  try {
    const text = gunzipSync(readFileSync(CANDIDATE_FILE)).toString('utf8');
    const model = readModelFile(text, 'demo candidate model');
    await registerModel(store, model, 'demo', { by: 'demo', at: new Date() });
    logger.info({ model: model._id }, 'demo: a candidate model registered');
  } catch (error) {
    logger.warn({ error: String(error) }, 'demo: could not register the candidate model');
  }
}
