/**
 * `npm run bench -- cluster [--ads N] [--data DIR] [--sweep] [--speed-only]`: how well and how fast
 * `CampaignIndex` links ads into campaigns. Prints, never asserts:
 * - quality: the bench's own campaigns (templates × variants with rotated contacts, numbers and
 *   titles, reordered sentences, translit, look-alike letters, emoji; GENERATED) hidden among
 *   one-off posts and made-up employers' ads that share a company description (GENERATED) and
 *   real staff.am ads (REAL, from `DIR/real-ads/staffam-legit.dev.jsonl` when present): pairwise
 *   precision and recall, and the campaigns formed among ads that belong to none;
 * - speed: ads per second linked on one core with N ads (default 100,000) already indexed, and
 *   memory per 100,000 ads. `--sweep` also prints quality for other settings.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CampaignIndex, clusterAds } from '../classifiers/index.js';
import type { CampaignSettings } from '../classifiers/index.js';
import {
  campaignAds,
  employerAds,
  loadAds,
  oneOffAds,
  rivalAds,
  seeded,
} from './cluster-corpus.js';
import type { BenchAd, Random } from './cluster-corpus.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    ads: { type: 'string', default: '100000' },
    data: { type: 'string', default: resolve(repoRoot, '..', 'shared', 'data') },
    sweep: { type: 'boolean', default: false },
    'speed-only': { type: 'boolean', default: false },
  },
});

/** Real staff.am ads (all unique offers by their labels), or none when the folder is absent. */
function realAds(): BenchAd[] {
  const path = join(resolve(args.data), 'real-ads', 'staffam-legit.dev.jsonl');
  if (!existsSync(path)) {
    console.log(`(no ${path}: REAL figures skipped; pass --data DIR)`);
    return [];
  }
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const row = JSON.parse(line) as Record<string, string | undefined>;
      const id = String(row.id);
      return {
        ad: { id, text: row.text ?? '', title: row.title ?? '' },
        truth: id,
        origin: 'real',
        company: row.company ?? '',
      };
    });
}

function shuffle<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Groups of ads by a key (ads with a null key are left out). */
function groupBy(ads: readonly BenchAd[], key: (a: BenchAd) => string | null): BenchAd[][] {
  const groups = new Map<string, BenchAd[]>();
  for (const a of ads) {
    const k = key(a);
    if (k !== null) groups.set(k, [...(groups.get(k) ?? []), a]);
  }
  return [...groups.values()];
}

interface Quality {
  precision: number;
  recall: number;
  truePairs: number;
  foundPairs: number;
  right: number;
}

/**
 * Pairwise precision and recall of predicted campaigns against the truth, over the pairs of `ads`
 * that `counts` keeps (all by default).
 */
function quality(
  ads: readonly BenchAd[],
  campaignOf: (id: string) => string | null,
  counts: (a: BenchAd, b: BenchAd) => boolean = () => true,
): Quality {
  const pairsIn = (group: readonly BenchAd[]): number => {
    let n = 0;
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++) if (counts(group[i], group[j])) n++;
    return n;
  };
  const predicted = groupBy(ads, (a) => campaignOf(a.ad.id));
  const truth = groupBy(ads, (a) => a.truth);
  const foundPairs = predicted.reduce((n, g) => n + pairsIn(g), 0);
  const truePairs = truth.reduce((n, g) => n + pairsIn(g), 0);
  let right = 0;
  for (const g of predicted) for (const same of groupBy(g, (a) => a.truth)) right += pairsIn(same);
  return {
    precision: foundPairs === 0 ? 1 : right / foundPairs,
    recall: truePairs === 0 ? 1 : right / truePairs,
    truePairs,
    foundPairs,
    right,
  };
}

const f3 = (x: number): string => x.toFixed(3);

function run(ads: readonly BenchAd[], settings: Partial<CampaignSettings>): CampaignIndex {
  const index = new CampaignIndex({ ...settings, maxAds: ads.length + 1 });
  for (const a of ads) index.add(a.ad);
  return index;
}

function printQuality(ads: readonly BenchAd[], index: CampaignIndex): void {
  const of = (id: string): string | null => index.campaignOf(id);
  const all = quality(ads, of);
  const notReal = quality(ads, of, (a, b) => a.origin === 'generated' || b.origin === 'generated');
  const generated = ads.filter((a) => a.origin === 'generated');
  const gen = quality(generated, of);
  console.log(
    `  pairs with a GENERATED ad, among all ads: precision ${f3(notReal.precision)} ` +
      `(${notReal.right}/${notReal.foundPairs} pairs), recall ${f3(notReal.recall)} (${notReal.right}/${notReal.truePairs})`,
  );
  console.log(
    `  all pairs, every link between two REAL ads counted false: precision ${f3(all.precision)} ` +
      `(${all.right}/${all.foundPairs}), recall ${f3(all.recall)}`,
  );
  console.log(
    `  GENERATED ads alone (n=${generated.length}): precision ${f3(gen.precision)}, recall ${f3(gen.recall)}`,
  );
  const campaigns = groupBy(ads, (a) => of(a.ad.id));
  const withEmployer = campaigns.filter((g) => g.some((a) => a.truth.startsWith('employer-')));
  console.log(`  campaigns holding a GENERATED employer ad (false): ${withEmployer.length}`);
  const campaignNames = new Set(
    ads.filter((a) => !a.truth.startsWith('employer-')).map((a) => a.truth),
  );
  const split = [...campaignNames].filter((name) => {
    const members = ads.filter((a) => a.truth === name);
    return members.length > 1 && new Set(members.map((a) => of(a.ad.id))).size > 1;
  });
  console.log(`  GENERATED campaigns split in two or more: ${split.length} (${split.join(', ')})`);
  const real = campaigns.filter((g) => g.some((a) => a.origin === 'real'));
  if (real.length === 0) return;
  const mixed = real.filter((g) => g.some((a) => a.origin === 'generated'));
  const companies = real.filter((g) => new Set(g.map((a) => a.company)).size > 1);
  console.log(
    `  REAL ads in campaigns: ${real.reduce((n, g) => n + g.length, 0)} ads in ${real.length} campaigns; ` +
      `with a generated ad: ${mixed.length}; across employers: ${companies.length}`,
  );
  for (const g of real)
    console.log(
      `    ${g.length} ads, ${[...new Set(g.map((a) => a.company))].join(' + ')}: ` +
        g.map((a) => JSON.stringify(a.ad.title ?? '')).join(' | '),
    );
}

/** The quality corpus drawn with one seed: GENERATED ads and the REAL ones, shuffled. */
function qualityAds(seed: number, real: readonly BenchAd[]): BenchAd[] {
  const random = seeded(seed);
  const generated = [
    ...campaignAds(random),
    ...employerAds(random),
    ...oneOffAds(random, 15),
    ...rivalAds(random),
  ];
  return shuffle(random, [...generated, ...real]);
}

function qualityBench(): void {
  const real = realAds();
  const ads = qualityAds(20_240_611, real);
  const generated = ads.filter((a) => a.origin === 'generated');
  const campaigns = new Set(generated.map((a) => a.truth)).size;
  console.log(
    `\nQuality: ${ads.length} ads (${generated.length} GENERATED: campaign variants, made-up employers, ` +
      `one-off posts, rival offers; ${ads.length - generated.length} REAL staff.am), ${campaigns} true groups`,
  );
  const start = performance.now();
  const index = run(ads, {});
  console.log(`  default settings (${(performance.now() - start).toFixed(0)} ms):`);
  printQuality(ads, index);
  const batch = clusterAds(ads.map((a) => a.ad));
  const same = ads.every((a) => batch.get(a.ad.id) === index.campaignOf(a.ad.id));
  console.log(`  incremental == batch on these ads: ${same}`);
  // With bands of one value, two ads are compared when any of 512 MinHash values agree: nearly
  // every pair that shares anything. What that joins and the index does not, LSH missed.
  const wide = clusterAds(
    ads.map((a) => a.ad),
    { numHashes: 512, bands: 512 },
  );
  const missed = quality(
    ads,
    (id) => index.campaignOf(id),
    () => true,
  );
  const reference = quality(
    ads,
    (id) => wide.get(id) ?? null,
    () => true,
  );
  console.log(
    `  pairs joined when (nearly) every pair is compared: ${reference.foundPairs}; by the index: ${missed.foundPairs}`,
  );
  console.log(
    '  other draws of the GENERATED ads (pairs with a GENERATED ad: precision / recall):',
  );
  for (let seed = 1; seed <= 5; seed++) {
    const draw = qualityAds(seed, real);
    const idx = run(draw, {});
    const q = quality(
      draw,
      (id) => idx.campaignOf(id),
      (a, b) => a.origin === 'generated' || b.origin === 'generated',
    );
    console.log(
      `    seed ${seed}: ${f3(q.precision)} / ${f3(q.recall)} (${q.truePairs} true pairs)`,
    );
  }
  if (args.sweep) sweep(real);
}

/** Quality of other settings, averaged over five draws of the GENERATED ads. */
function sweep(real: readonly BenchAd[]): void {
  console.log(
    '\n  sweep, mean of seeds 1-5 (pairs with a GENERATED ad: precision / recall, lowest recall; REAL campaigns):',
  );
  const draws = [1, 2, 3, 4, 5].map((seed) => qualityAds(seed, real));
  const withGenerated = (a: BenchAd, b: BenchAd): boolean =>
    a.origin === 'generated' || b.origin === 'generated';
  for (const shingleWords of [2, 3, 4])
    for (const minSimilarity of [0.3, 0.35, 0.4, 0.45, 0.5, 0.6])
      for (const maxOwnSentences of [0, 1, 2, 1_000]) {
        const settings = { shingleWords, minSimilarity, maxOwnSentences };
        let precision = 0;
        let recall = 0;
        let lowest = 1;
        let realCampaigns = 0;
        for (const draw of draws) {
          const idx = run(draw, settings);
          const q = quality(draw, (id) => idx.campaignOf(id), withGenerated);
          precision += q.precision / draws.length;
          recall += q.recall / draws.length;
          lowest = Math.min(lowest, q.recall);
          realCampaigns = groupBy(
            draw.filter((a) => a.origin === 'real'),
            (a) => idx.campaignOf(a.ad.id),
          ).length;
        }
        console.log(
          `    words ${shingleWords} similarity ${minSimilarity.toFixed(2)} own sentences ${String(maxOwnSentences).padEnd(5)} ` +
            `${f3(precision)} / ${f3(recall)} (lowest ${f3(lowest)})  REAL campaigns ${realCampaigns}`,
        );
      }
}

/** Heap and array-buffer bytes in use after a full collection. */
function memoryInUse(): number {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function speedBench(): void {
  const count = Number(args.ads);
  const extra = Math.max(1_000, Math.floor(count / 10));
  console.log(`\nSpeed: ${count} synthetic ads indexed (GENERATED), then ${extra} more timed`);
  const ads = loadAds(seeded(7), count + extra);
  const before = memoryInUse();
  const index = new CampaignIndex({ maxAds: count });
  let start = performance.now();
  for (let i = 0; i < count; i++) index.add(ads[i]);
  const fillMs = performance.now() - start;
  const after = memoryInUse();
  const perAd = (after - before) / count;
  const stats = index.stats();
  console.log(
    `  filling: ${((count / fillMs) * 1000).toFixed(0)} ads/s; memory ${((perAd * 100_000) / 2 ** 20).toFixed(0)} MiB ` +
      `per 100,000 ads (${perAd.toFixed(0)} bytes per ad, of which typed arrays ${(stats.arrayBytes / stats.ads).toFixed(0)}); ` +
      `${stats.campaigns} campaigns`,
  );
  const cpu = process.cpuUsage();
  start = performance.now();
  for (let i = count; i < count + extra; i++) index.add(ads[i]);
  const wallMs = performance.now() - start;
  const cpuMs = (process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000;
  console.log(
    `  linking with ${count} indexed (oldest evicted): ${((extra / wallMs) * 1000).toFixed(0)} ads/s by wall clock, ` +
      `${((extra / cpuMs) * 1000).toFixed(0)} ads/s by CPU time (${((wallMs * 1000) / extra).toFixed(0)} µs per ad); goal 2,000 ads/s`,
  );
}

if (!args['speed-only']) qualityBench();
speedBench();
