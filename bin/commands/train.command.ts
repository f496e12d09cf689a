import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Option } from 'commander';
import type { Command } from 'commander';
import { DEFAULT_MODEL_PATH, trainTextModel } from '../../classifiers/index.js';
import { InputError } from '../../core/index.js';
import type { CommandIO } from './command-io.js';

/** `adwatch train`: rebuilds the text model from the EMSCAD CSV, deterministically. */
export function registerTrainCommand(program: Command, io: CommandIO): void {
  program
    .command('train')
    .description(
      'Train the deceptive-recruitment text model (TF-IDF + logistic regression) from the EMSCAD job-ads CSV and write the model file.',
    )
    .requiredOption('-i, --input <csv>', 'EMSCAD training CSV (columns id, title, ..., fraudulent)')
    .addOption(
      new Option('-o, --out <file>', 'where to write the model file').default(
        DEFAULT_MODEL_PATH,
        'the committed classifiers/model/emscad-lr.model.json',
      ),
    )
    .addHelpText(
      'after',
      '\nTraining is deterministic: the same CSV gives the same model file, byte for byte, so\n' +
        'the committed model can be checked with:\n' +
        '  adwatch train --input ../shared/data/emscad/train.csv --out /tmp/model.json\n' +
        '  cmp /tmp/model.json classifiers/model/emscad-lr.model.json\n' +
        "The file records the CSV's SHA-256 and the held-out precision, recall, F1 and ROC-AUC\n" +
        '(20% of ads, chosen by a hash of their id), which are also printed on stderr.',
    )
    .action((options: { input: string; out: string }) => {
      let bytes: Buffer;
      try {
        bytes = readFileSync(options.input);
      } catch (error) {
        throw new InputError(`--input ${options.input}: cannot read the training CSV.`, {
          cause: error,
        });
      }
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const { content, heldOut, terms } = trainTextModel(
        bytes.toString('utf8'),
        options.input,
        sha256,
      );
      writeFileSync(options.out, content);
      io.stderr.write(
        `wrote ${options.out}: ${terms} terms; held-out n=${heldOut.n}: precision ${heldOut.precision}, ` +
          `recall ${heldOut.recall}, F1 ${heldOut.f1}, ROC-AUC ${heldOut.rocAuc}\n`,
      );
    });
}
