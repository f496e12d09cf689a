import {
  classifiedText,
  messengerPlatforms,
  normaliseEmployer,
  normaliseLink,
  parseEntityKey,
  type AdRecord,
  type ScoreComponents,
  type Store,
  type TriageAd,
} from '../../store/index.js';
import type { AdDetail, AdSummary } from '../contract/ads.contract.js';
import { riskBand, type RiskBand } from '../contract/common.contract.js';

/** The stored band as the API names it; an ad never classified (or an unknown band) is low. */
export function bandOf(band: string | undefined): RiskBand {
  return riskBand.safeParse(band).data ?? 'low';
}

/** One row of the triage queue (AdSummary in the UI's types), of a TriageAd or a whole AdRecord. */
export function toAdSummary(ad: TriageAd): AdSummary {
  const classification = ad.classification;
  return {
    id: ad._id,
    title: ad.title,
    score: ad.score ?? classification?.score ?? 0,
    band: bandOf(classification?.band),
    lang: classification?.lang ?? '',
    sourceId: ad.sourceId,
    url: ad.url,
    firstSeenAt: ad.firstSeenAt.toISOString(),
    status: ad.review.status,
    assignee: ad.review.assignee ?? null,
    indicators: (classification?.indicators ?? []).map((i) => ({ id: i.id, label: i.label })),
    components: classification ? scoreParts(classification.components) : null,
    version: ad.review.version,
    campaignId: ad.campaignId ?? null,
  };
}

/** The parts of the score (ScoreParts in the UI's types); fields older ads lack stay out. */
function scoreParts(components: ScoreComponents) {
  const { rules, model, modelWeight, modelPoints } = components;
  return {
    rules,
    model,
    ...(modelWeight !== undefined ? { modelWeight } : {}),
    ...(modelPoints !== undefined ? { modelPoints } : {}),
  };
}

/** Everything the ad view shows (AdDetail in the UI's types). */
export async function toAdDetail(store: Store, ad: AdRecord): Promise<AdDetail> {
  const [capture, history, related] = await Promise.all([
    ad.latestCaptureId ? store.captures.findById(ad.latestCaptureId) : Promise.resolve(null),
    store.reviews.history(ad._id),
    store.triage.related(ad),
  ]);
  const contacts = new Set(ad.contacts ?? []);
  return {
    ...toAdSummary(ad),
    // Evidence offsets point into exactly this string (see classifiedText).
    text: `${ad.title}\n${classifiedText(ad)}`,
    // Fields cut when stored (hostile or broken pages), with their full length; the capture has all.
    truncated: ad.truncated ?? null,
    indicators: ad.classification?.indicators ?? [],
    facts: ad.classification?.facts ?? {},
    capture: capture
      ? {
          id: capture._id,
          url: capture.url,
          finalUrl: capture.finalUrl,
          fetchedAt: capture.fetchedAt.toISOString(),
          sha256: capture.sha256,
          status: capture.status,
          hasScreenshot: Boolean(capture.screenshot ?? ad.screenshotCaptureId),
        }
      : null,
    versions: (ad.versions ?? []).map((v) => ({
      contentHash: v.contentHash,
      title: v.title,
      body: v.body,
      seenUntil: v.seenUntil.toISOString(),
    })),
    // What `adwatch rescore` replaced, so an analyst sees why a flag came or went.
    previousClassification: ad.previousClassification
      ? {
          score: ad.previousClassification.score,
          flagged: ad.previousClassification.flagged,
          versions: ad.previousClassification.versions,
          classifiedAt: ad.previousClassification.classifiedAt.toISOString(),
        }
      : null,
    lastSeenAt: ad.lastSeenAt.toISOString(),
    // Entity keys of the ad (phones, e-mails, handles, links, channel, employer): entity pages.
    contacts: ad.contacts ?? [],
    takenDown: Boolean(ad.takenDown ?? ad.goneAt),
    history: history.map((event) => ({
      at: event.at.toISOString(),
      user: event.user,
      action: event.action,
      ...(event.from !== undefined ? { from: event.from } : {}),
      ...(event.to !== undefined ? { to: event.to } : {}),
      ...(event.reason !== undefined ? { reason: event.reason } : {}),
      ...(event.note !== undefined ? { note: event.note } : {}),
      ...(event.assignee !== undefined ? { assignee: event.assignee } : {}),
    })),
    related: related.map((other) => ({
      id: other._id,
      title: other.title,
      score: other.score ?? 0,
      shared: (other.contacts ?? [])
        .filter((c) => contacts.has(c))
        .map((c) => {
          const colon = c.indexOf(':');
          return { kind: c.slice(0, colon), value: c.slice(colon + 1) };
        }),
    })),
  };
}

/**
 * Contact search keys for what an analyst typed: an entity key (`telegram:name`, `employer:...`),
 * a phone number (any punctuation; Armenian numbers may start with 0), an email, a link, a
 * messenger handle (`@name`) or an employer's name (legal form and quotes ignored).
 */
export function contactSearchKeys(input: string): string[] {
  const trimmed = input.trim();
  const text = trimmed.toLowerCase();
  if (!text) return [];
  const typed = parseEntityKey(text);
  if (typed) {
    if (typed.kind === 'employer') return [`employer:${normaliseEmployer(typed.value)}`];
    if (typed.kind === 'link') return [`link:${normaliseLink(typed.value)}`];
    return [text];
  }
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text)) return [`email:${text}`];
  if (/^(?:https?:\/\/|www\.)\S+$|^[\w-]+(?:\.[\w-]+)+\/\S*$/u.test(text))
    return [`link:${normaliseLink(text)}`];
  const digits = text.replace(/[\s()./-]/g, '');
  if (/^\+?\d{6,15}$/.test(digits)) {
    const plain = digits.replace(/^\+/, '');
    const keys = new Set([`tel:+${plain}`]);
    if (plain.startsWith('0')) keys.add(`tel:+374${plain.slice(1)}`);
    if (plain.startsWith('00')) keys.add(`tel:+${plain.slice(2)}`);
    // A number on WhatsApp or Viber is also a handle.
    for (const platform of ['whatsapp', 'viber', 'telegram']) keys.add(`${platform}:${plain}`);
    return [...keys];
  }
  const keys = new Set<string>();
  if (/^@?[\w.]+$/u.test(text)) {
    const handle = text.replace(/^@/, '');
    for (const platform of messengerPlatforms) keys.add(`${platform}:${handle}`);
  }
  if (!text.startsWith('@')) {
    const employer = normaliseEmployer(trimmed);
    if (employer) keys.add(`employer:${employer}`);
  }
  return [...keys];
}
