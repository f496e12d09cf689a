import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Store } from '../../store/index.js';
import { runCli } from '../helpers/cli.js';
import { decide, storeDecidableAd } from '../helpers/decisions.js';
import { openTestStore, testConfig } from '../helpers/services.js';

/** Our own short posts: Russian risky offers and ordinary vacancies, a few Armenian ones. */
const RU_RISKY = [
  'Срочно девушки от 18 лет, работа за границей, билеты оплачиваем, пиши в лс',
  'Нужны курьеры, 900 $ в неделю, опыт не нужен, подробности в телеграм',
];
const RU_PLAIN = [
  'Бухгалтер в офис в Ереване, договор, опыт от трёх лет, резюме на почту',
  'Магазин ищет продавца, график два через два, оформление по ТК',
];
const HY = ['Աղջիկներ արտասահման, անվճար տոմս, գրեք', 'Հաշվապահ Երևանում, պայմանագիր'];
const day = 86_400_000;
const start = Date.UTC(2026, 0, 1);

let store: Store;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  const config = testConfig();
  store = await openTestStore(config);
  dir = mkdtempSync(join(tmpdir(), 'adwatch-train-'));
  env = {
    ADWATCH_DATA_DIR: dir,
    MONGODB_URI: inject('mongoUri'),
    ADWATCH_MONGO_DATABASE: config.mongo.database,
    ADWATCH_LOG_LEVEL: 'silent',
  };
  const ads = [
    ...Array.from({ length: 120 }, (_, i) => ({
      lang: 'ru',
      risky: i % 2 === 0,
      body: `${(i % 2 === 0 ? RU_RISKY : RU_PLAIN)[(i >> 1) % 2] ?? ''} (${i})`,
    })),
    ...Array.from({ length: 6 }, (_, i) => ({
      lang: 'hy',
      risky: i % 2 === 0,
      body: `${HY[i % 2] ?? ''} ${i}`,
    })),
  ];
  for (const [i, ad] of ads.entries()) {
    const id = await storeDecidableAd(store, {
      url: `https://x.test/train/${i}`,
      lang: ad.lang,
      sourceId: 'demo-feed',
      title: '',
      body: ad.body,
      indicators: {},
    });
    // One analyst takes two decisions in three; a reopened and undecided ad does not count.
    const user = i % 3 === 0 ? 'boris' : 'anna';
    await decide(
      store,
      id,
      ad.risky ? 'confirmed' : 'dismissed',
      new Date(start + i * day),
      undefined,
      user,
    );
  }
  const reopened = await storeDecidableAd(store, {
    url: 'https://x.test/train/reopened',
    lang: 'ru',
    sourceId: 'demo-feed',
    body: RU_PLAIN[0] ?? '',
    indicators: {},
  });
  await decide(store, reopened, 'confirmed', new Date(start), undefined, 'anna');
  await decide(store, reopened, 'in_review', new Date(start + day), undefined, 'anna');
});

afterAll(async () => {
  await store.dropDatabase();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('adwatch train --from-decisions', () => {
  it('trains on the stored decisions, reports per language and reviewer, and reproduces its file', async () => {
    const first = join(dir, 'first.model.json');
    const second = join(dir, 'second.model.json');
    const run = await runCli(['train', '--from-decisions', '--out', first], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/decisions: 126\n/u);
    expect(run.stdout).toMatch(/ru: 60 confirmed, 60 dismissed/u);
    expect(run.stdout).toMatch(/anna: 84 \(66\.7%\), weight 0\.5/u);
    expect(run.stdout).toMatch(/ru: candidate/u);
    expect(run.stdout).toMatch(/hy: current model \(3 confirmed and 3 dismissed decisions/u);
    expect(run.stdout).toMatch(/held out: the newest 25 decisions, decided from 2026-04-/u);
    expect(run.stdout).toMatch(/ru n=\d+ .*candidate P .* current P /u);
    expect((await runCli(['train', '--from-decisions', '--out', second], env)).code).toBe(0);
    expect(readFileSync(second, 'utf8')).toBe(readFileSync(first, 'utf8'));
  });

  it('prints JSON and counts only decisions since --since', async () => {
    const out = join(dir, 'since.model.json');
    const run = await runCli(
      ['train', '--from-decisions', '--since', '2026-03-01', '--out', out, '--json'],
      env,
    );
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      trainingData: { decisions: number; since: string };
      languages: Record<string, { model: string }>;
    };
    // Ads 59 to 125 (61 Russian, 6 Armenian) were decided from 1 March on.
    expect(report.trainingData).toMatchObject({ decisions: 67, since: '2026-03-01' });
    expect(report.languages.ru?.model).toBe('base');
  });

  it('refuses --from-decisions without --out, and --since without --from-decisions', async () => {
    const noOut = await runCli(['train', '--from-decisions'], env);
    expect(noOut.code).not.toBe(0);
    expect(noOut.stderr).toMatch(/--out FILE/u);
    const stray = await runCli(['train', '--input', 'x.csv', '--since', '2026-01-01'], env);
    expect(stray.code).not.toBe(0);
    expect(stray.stderr).toMatch(/--since goes with --from-decisions/u);
  });
});
