import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { Option } from 'commander';
import type { Command } from 'commander';
import { DEFAULT_MODEL_PATH, trainTextModel } from '../../classifiers/index.js';
import { InputError } from '../../core/index.js';
import type { CommandIO } from './command-io.js';
import { runTrainFromDecisions, type TrainFromDecisionsOptions } from './train-decisions.js';

/** `adwatch train`: rebuilds the text model from the EMSCAD CSV, deterministically. */
export function registerTrainCommand(program: Command, io: CommandIO): void {
  program
    .command('train')
    .description(
      "Train the deceptive-recruitment text model (TF-IDF + logistic regression) from the EMSCAD job-ads CSV, or (--from-decisions) a model for every language from analysts' confirmed and dismissed ads, and write the model file.",
    )
    .option('-i, --input <csv>', 'EMSCAD training CSV (columns id, title, ..., fraudulent)')
    .option(
      '--from-decisions',
      "train on the running instance's reviewed ads (confirmed = risky, dismissed = not)",
    )
    .option('--since <date>', 'with --from-decisions: only ads decided at or after this date')
    .option('--emscad <csv>', 'with --from-decisions: the EMSCAD CSV as a further English source')
    .option(
      '--base <model>',
      'with --from-decisions: the current model, kept by languages with too few decisions (default: the committed model)',
    )
    .option('--json', 'with --from-decisions: print the report as JSON on stdout')
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
        '(20% of ads, chosen by a hash of their id), which are also printed on stderr.\n\n' +
        'With --from-decisions (--out required) it trains an adwatch-char-lr/1 model on the\n' +
        "classifier's folded words (character n-grams), holds out the newest 20% of decisions,\n" +
        'prints precision, recall and ROC-AUC per language for it and the current model, and\n' +
        'keeps the current model for languages with fewer than 50 decisions of a class. A\n' +
        'reviewer with more than half of the decisions has them weighted down to half the weight.\n' +
        'The same decisions and options give the same file, byte for byte.',
    )
    .action(
      async (
        options: TrainFromDecisionsOptions & { input?: string; fromDecisions?: boolean },
        command: Command,
      ) => {
        if (options.fromDecisions) {
          if (options.input !== undefined)
            throw new InputError('--input and --from-decisions exclude each other: give one.');
          if (command.getOptionValueSource('out') === 'default')
            throw new InputError(
              '--from-decisions needs --out FILE: the committed model stays as it is.',
            );
          await runTrainFromDecisions(options, io);
          return;
        }
        for (const option of ['since', 'emscad', 'base', 'json'] as const)
          if (options[option] !== undefined)
            throw new InputError(`--${option} goes with --from-decisions.`);
        if (options.input === undefined)
          throw new InputError('give --input CSV (EMSCAD) or --from-decisions.');
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
      },
    );
}
