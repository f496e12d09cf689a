import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Store } from '../../store/index.js';
import {
  activateModel,
  listModels,
  readModelFile,
  registerModel,
  rollbackModel,
  startShadowRun,
  type ListedModel,
} from '../../workers/index.js';
import type { CommandIO } from './command-io.js';
import { commandSetup } from './common.js';
import { openCommandStore } from './evidence.common.js';
import { InputError } from '../../core/index.js';

const modelsHelp = `
The model registry (MongoDB collection "models"): the text models the classifier may use, each
a candidate, in a shadow run, active or retired. While no model has been activated, the committed
model (classifiers/model/emscad-lr.model.json) is the active one; nothing needs migrating.
Rollout: register a file, start its shadow run (it scores every new ad next to the active model,
its scores kept apart, no flag changes), then activate it once the run has scored
classifier.shadowMinAds ads (200) over classifier.shadowMinHours (24): workers use it within
seconds, without a restart; "rollback" returns to the model it replaced. Supervisors do the same
on the dashboard's Models screen. Every change is audited (actor "cli" here).

Examples:
  npx adwatch models register model.json
  npx adwatch models list --json
  npx adwatch models shadow emscad-lr-1+0f3a9c2b51de
  npx adwatch models activate emscad-lr-1+0f3a9c2b51de
  npx adwatch models rollback`;

/** `adwatch models ...`: the model registry. */
export function registerModelsCommand(program: Command, io: CommandIO): void {
  const models = program
    .command('models')
    .description(
      'The model registry: register a model file, list models with their figures, shadow runs, activation and rollback.',
    )
    .addHelpText('after', modelsHelp);
  models
    .command('register')
    .description(
      'Check a model file written by adwatch train and register it as a candidate (audited).',
    )
    .argument('<file>', 'the model file (JSON)')
    .action((file: string) => withStore(io, (store) => register(store, file, io)));
  models
    .command('list')
    .description('List the registered models (and the committed one) with status and figures.')
    .option('--json', 'print the list as one JSON array on stdout')
    .action((options: { json?: boolean }) =>
      withStore(io, async (store) => {
        const listed = await listModels(store);
        io.stdout.write(
          options.json ? `${JSON.stringify(listed, null, 2)}\n` : listed.map(formatModel).join(''),
        );
      }),
    );
  models
    .command('shadow')
    .description('Start the shadow run of a candidate; another run in progress ends (audited).')
    .argument('<version>', 'the model version')
    .action((version: string) =>
      withStore(io, async (store) => {
        const model = await startShadowRun(store, version, { by: 'cli', at: new Date() });
        await store.audit.append({ actor: 'cli', action: 'model_shadow', details: { version } });
        io.stdout.write(`shadow run of ${model._id} started\n`);
      }),
    );
  models
    .command('activate')
    .description('Make a model the active one after its shadow run (audited).')
    .argument('<version>', 'the model version')
    .action((version: string) =>
      withStore(io, async (store) => {
        const { config } = commandSetup(io, { logLevel: 'silent' });
        const { previous } = await activateModel(store, version, config.classifier, {
          by: 'cli',
          at: new Date(),
        });
        await store.audit.append({
          actor: 'cli',
          action: 'model_activate',
          details: { version, previous },
        });
        io.stdout.write(
          `${version} is active (replacing ${previous}); workers use it within seconds. Run "adwatch rescore" to re-score stored ads.\n`,
        );
      }),
    );
  models
    .command('rollback')
    .description('Make the model the active one replaced active again (audited).')
    .action(() =>
      withStore(io, async (store) => {
        const { model, from } = await rollbackModel(store, { by: 'cli', at: new Date() });
        await store.audit.append({
          actor: 'cli',
          action: 'model_rollback',
          details: { version: model._id, from },
        });
        io.stdout.write(`${model._id} is active again (instead of ${from})\n`);
      }),
    );
}

async function withStore(io: CommandIO, work: (store: Store) => Promise<void>): Promise<void> {
  const { config } = commandSetup(io, { logLevel: 'silent' });
  const store = await openCommandStore(config);
  try {
    await work(store);
  } finally {
    await store.close();
  }
}

async function register(store: Store, file: string, io: CommandIO): Promise<void> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new InputError(`${file}: cannot read the model file (${(error as Error).message})`, {
      cause: error,
    });
  }
  const model = readModelFile(text, file);
  const saved = await registerModel(store, model, file, { by: 'cli', at: new Date() });
  await store.audit.append({
    actor: 'cli',
    action: 'model_register',
    details: { version: saved._id, sha256: saved.sha256, origin: file },
  });
  io.stdout.write(`registered ${saved._id} (${saved.format}) as a candidate\n`);
  io.stdout.write(formatModel({ ...saved, inForce: false, committed: false }));
}

function formatModel(model: ListedModel): string {
  const who = model.activated
    ? `activated by ${model.activated.by} ${model.activated.at.toISOString()}`
    : `registered by ${model.registered.by}${model.committed ? '' : ` ${model.registered.at.toISOString()}`}`;
  const shadow = model.shadow
    ? `; shadow run since ${model.shadow.startedAt.toISOString()}: ${model.shadow.scored} ads`
    : '';
  const lines = [
    `${model._id}  ${model.status}${model.inForce ? ' (in force)' : ''}  ${who}${shadow}`,
  ];
  for (const [key, value] of Object.entries(model.figures))
    lines.push(`  ${key}: ${JSON.stringify(value)}`);
  return `${lines.join('\n')}\n`;
}
