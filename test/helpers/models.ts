import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

/**
 * The demo's candidate model file: `adwatch train` on the EMSCAD ads without their company
 * profiles and benefits (see bin/runtime/demo-models.ts); a valid model of another version.
 */
export function candidateModelText(): string {
  const path = fileURLToPath(
    new URL('../../bin/runtime/demo-candidate.model.json.gz', import.meta.url),
  );
  return gunzipSync(readFileSync(path)).toString('utf8');
}
