import { createHash } from 'node:crypto';
import { allDemoAds } from '../../demo/index.js';
import { ReviewStatus, type Store, type TriageAd } from '../../store/index.js';
import type { Logger } from '../../core/index.js';

/** Decisions the demo seeds in all; enough for per-indicator figures, few enough to leave work. */
export const DEMO_DECISIONS_TARGET = 60;
/** How often the seeder looks for newly flagged demo ads until it reaches its target. */
const SEED_EVERY_MILLIS = 10_000;
/** The seeder gives up after this long (the demo's first ads are scored within two minutes). */
const SEED_FOR_MILLIS = 10 * 60_000;

const demoAnalysts = ['demo-analyst-1', 'demo-analyst-2', 'demo-analyst-3'];
/**
 * The classifier flags no ordinary demo ad, so a history made from the ground truth alone would
 * show every indicator perfect. In the seeded history the analysts doubt the weak signals: a third
 * of the suspicious ads whose case rests on these are dismissed...
 */
const weakIndicators = new Set(['work-abroad', 'high-pay-low-skill', 'no-requirements']);
/** ...unless the ad also shows one of these, which no analyst lets pass. */
const strongIndicators = new Set([
  'document-retention',
  'debt-repayment',
  'minors',
  'wages-withheld',
  'contract-after-arrival',
]);
const doubtReasons = ['insufficient indicators', 'legitimate employer'];
const ordinaryReasons = ['legitimate employer', 'not a job ad', 'insufficient indicators'];

/** What the demo's own ground truth says about an ad it published. */
interface Truth {
  suspicious: boolean;
  tricky: boolean;
}

/**
 * A simulated past of analysts' decisions on the demo's flagged ads, so that the indicator-quality
 * screen shows figures on first start. Deterministic: whether an ad is decided, how, by whom and
 * how many days ago follow from its URL, its indicators and the demo's ground truth (suspicious
 * ads are confirmed, ordinary ones dismissed, except that a third of those resting on weak signals
 * and one in twenty others are dismissed). A third of the flagged ads stay new for
 * the person trying the demo. Every event is marked `demo: true`, by accounts named demo-analyst-N.
 */
export async function seedDemoDecisions(
  store: Store,
  now: Date,
  target = DEMO_DECISIONS_TARGET,
): Promise<number> {
  let remaining = target - (await store.decisionStats.demoDecisions());
  if (remaining <= 0) return 0;
  const truths = demoTruths();
  let seeded = 0;
  let cursor: string | null = null;
  do {
    const page = await store.triage.list({ status: ReviewStatus.New }, cursor, 200);
    for (const ad of page.items) {
      if (remaining <= 0) break;
      if (!ad.sourceId.startsWith('demo-') || !ad.classification) continue;
      const truth = await truthOf(store, truths, ad);
      const h = hashOf(ad.url);
      if (!truth || h % 3 === 0) continue;
      if (await decideOne(store, ad, truth, h, now)) {
        seeded++;
        remaining--;
      }
    }
    cursor = page.nextCursor;
  } while (cursor && remaining > 0);
  return seeded;
}

/** Seeds every 10 s until the target is reached or ten minutes have passed; audited once. */
export function startDemoDecisions(store: Store, logger: Logger): { stop(): Promise<void> } {
  const startedAt = Date.now();
  let total = 0;
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => {
      try {
        const seeded = await seedDemoDecisions(store, new Date());
        total += seeded;
        const done = (await store.decisionStats.demoDecisions()) >= DEMO_DECISIONS_TARGET;
        if (done || Date.now() - startedAt > SEED_FOR_MILLIS) {
          clearInterval(timer);
          if (total > 0) {
            await store.audit.append({
              actor: 'demo',
              role: null,
              action: 'demo_decisions',
              target: null,
              details: { decisions: total },
              ip: null,
            });
            logger.info({ decisions: total }, 'demo: past analyst decisions seeded');
          }
        }
      } catch (error) {
        logger.warn({ error: String(error) }, 'demo: could not seed analyst decisions');
      }
    });
  }, SEED_EVERY_MILLIS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

async function decideOne(
  store: Store,
  ad: TriageAd,
  truth: Truth,
  h: number,
  now: Date,
): Promise<boolean> {
  const ids = (ad.classification?.indicators ?? []).map((i) => i.id);
  const doubted =
    ids.some((id) => weakIndicators.has(id)) &&
    !ids.some((id) => strongIndicators.has(id)) &&
    Math.floor(h / 3) % 3 === 0;
  const slip = truth.suspicious && (doubted || h % 20 === 1);
  const status = truth.suspicious && !slip ? ReviewStatus.Confirmed : ReviewStatus.Dismissed;
  const reason =
    status === ReviewStatus.Confirmed
      ? undefined
      : slip
        ? doubtReasons[h % doubtReasons.length]
        : truth.tricky
          ? 'legitimate employer'
          : ordinaryReasons[h % ordinaryReasons.length];
  const user = demoAnalysts[h % demoAnalysts.length] ?? 'demo-analyst-1';
  const result = await store.triage.changeReview(ad._id, ad.review.version, { status }, user, [
    ReviewStatus.New,
  ]);
  // Someone acted on the ad meanwhile: theirs stands.
  if (!result.ok) return false;
  const daysAgo = 1 + (h % 28);
  const minutes = h % 600;
  await store.reviews.add({
    adId: ad._id,
    at: new Date(now.getTime() - daysAgo * 86_400_000 - minutes * 60_000),
    user,
    action: 'status',
    from: ReviewStatus.New,
    to: status,
    ...(reason ? { reason } : {}),
    demo: true,
  });
  return true;
}

function demoTruths(): Map<string, Truth> {
  return new Map(
    allDemoAds().map((ad) => [
      ad.title.trim(),
      { suspicious: ad.suspicious, tricky: ad.tricky === true },
    ]),
  );
}

/**
 * The demo ad behind a stored one, by title, or for posts without one by their first line (the
 * queue's rows carry no body, so it is read only then).
 */
async function truthOf(
  store: Store,
  truths: Map<string, Truth>,
  ad: TriageAd,
): Promise<Truth | undefined> {
  const byTitle = truths.get(ad.title.trim());
  if (byTitle) return byTitle;
  const body = (await store.ads.findById(ad._id))?.body ?? '';
  return truths.get((body.split('\n')[0] ?? '').trim());
}

function hashOf(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}
