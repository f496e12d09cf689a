/**
 * `npm run bench -- accuracy [--data DIR] [--audit N]`: how well the classifier judges ads nobody
 * tuned it on. Reads, when present:
 * - `DIR/real-ads/` (default `../shared/data/`): real staff.am ads (all legitimate), real Telegram
 *   recruitment posts (risky) and ordinary Telegram chat (not risky);
 * - `DIR/emscad/train.csv`: a model is trained on the ads outside the held-out fold and the
 *   held-out fold is scored with it (the shipped model has seen every ad of that file);
 * - `test/fixtures/parallel-ads/parallel-ads.jsonl`: the project's own parallel risky and
 *   ordinary ads in four versions (written for adwatch, so labelled "generated");
 * and prints, per language: the share of legitimate ads flagged and at score ≥ 35, the share of
 * risky ads flagged and at ≥ 35, ROC-AUC, and for each indicator the most frequent evidence texts
 * on legitimate ads (the precision audit to read after every lexicon change). Figures are
 * printed, never asserted.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createClassifier, rocAuc, trainHeldOutFold } from '../classifiers/index.js';
import type { Classifier, RiskAssessment } from '../classifiers/index.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: resolve(repoRoot, '..', 'shared', 'data') },
    audit: { type: 'string', default: '15' },
  },
});
const dataDir = resolve(args.data);
const auditSize = Number(args.audit);

/** One ad of an evaluation set, with its label (1 = risky). */
interface LabelledText {
  id: string;
  title?: string;
  text: string;
  lang: string;
  label: 0 | 1;
  group?: string;
}

interface Scored extends LabelledText {
  assessment: RiskAssessment;
}

function readJsonLines(path: string): Record<string, unknown>[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function toLabelled(row: Record<string, unknown>, label?: 0 | 1): LabelledText {
  return {
    id: String(row.id),
    title: typeof row.title === 'string' ? row.title : undefined,
    text: typeof row.text === 'string' ? row.text : '',
    lang: typeof row.lang === 'string' ? row.lang : 'und',
    label: label ?? (Number(row.label) === 1 ? 1 : 0),
    group: typeof row.group === 'string' ? row.group : undefined,
  };
}

function score(classifier: Classifier, ads: readonly LabelledText[]): Scored[] {
  return ads.map((ad) => ({
    ...ad,
    assessment: classifier.assess({ title: ad.title, text: ad.text }),
  }));
}

const pct = (part: number, whole: number): string =>
  whole === 0 ? '   –  ' : `${((100 * part) / whole).toFixed(1).padStart(5)}%`;

function shareLine(name: string, ads: readonly Scored[], threshold: number): string {
  const flagged = ads.filter((a) => a.assessment.score >= threshold).length;
  const medium = ads.filter((a) => a.assessment.score >= 35).length;
  return `  ${name.padEnd(34)} n=${String(ads.length).padStart(4)}  flagged ${pct(flagged, ads.length)}  ≥35 ${pct(medium, ads.length)}`;
}

function aucLine(name: string, ads: readonly Scored[], pick = (a: Scored) => a.assessment.score) {
  const auc = rocAuc(
    ads.map(pick),
    ads.map((a) => a.label),
  );
  return `  ${name.padEnd(34)} ROC-AUC ${Number.isNaN(auc) ? '  –  ' : auc.toFixed(3)}`;
}

/** Risky vs legitimate per language: the figures the issue's targets are stated in. */
function report(title: string, ads: readonly Scored[], threshold: number, byLang = true): void {
  console.log(`\n${title}`);
  const langs = byLang ? [...new Set(ads.map((a) => a.lang))].sort() : ['all'];
  for (const lang of langs) {
    const part = byLang ? ads.filter((a) => a.lang === lang) : ads;
    const legit = part.filter((a) => a.label === 0);
    const risky = part.filter((a) => a.label === 1);
    if (legit.length > 0) console.log(shareLine(`${lang}: legitimate`, legit, threshold));
    if (risky.length > 0) console.log(shareLine(`${lang}: risky`, risky, threshold));
    if (legit.length > 0 && risky.length > 0)
      console.log(aucLine(`${lang}: risky vs legitimate`, part));
  }
}

/** F1 at the flag threshold and how far translations of one ad are apart. */
function parallelReport(ads: readonly Scored[], threshold: number): void {
  for (const lang of [...new Set(ads.map((a) => a.lang))].sort()) {
    const part = ads.filter((a) => a.lang === lang);
    const tp = part.filter((a) => a.label === 1 && a.assessment.score >= threshold).length;
    const fp = part.filter((a) => a.label === 0 && a.assessment.score >= threshold).length;
    const fn = part.filter((a) => a.label === 1 && a.assessment.score < threshold).length;
    const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
    console.log(`  ${`${lang}: F1 at the flag threshold`.padEnd(34)} ${f1.toFixed(3)}`);
  }
  const groups = new Map<string, number[]>();
  for (const a of ads)
    groups.set(a.group ?? a.id, [...(groups.get(a.group ?? a.id) ?? []), a.assessment.score]);
  const spreads = [...groups.values()].map((s) => Math.max(...s) - Math.min(...s));
  const diffs: number[] = [];
  for (const s of groups.values())
    for (let i = 0; i < s.length; i++)
      for (let j = i + 1; j < s.length; j++) diffs.push(Math.abs(s[i] - s[j]));
  const mean = diffs.reduce((x, y) => x + y, 0) / Math.max(1, diffs.length);
  console.log(
    `  mean score difference between translations ${mean.toFixed(1)} points; largest spread in a group ${Math.max(0, ...spreads)}`,
  );
}

/** The most frequent evidence texts per indicator on legitimate ads: every one is a false alarm. */
function precisionAudit(ads: readonly Scored[]): void {
  const legit = ads.filter((a) => a.label === 0);
  const byIndicator = new Map<string, Map<string, number>>();
  let spans = 0;
  for (const ad of legit)
    for (const hit of ad.assessment.indicators) {
      if (hit.dimension === 'legitimacy') continue;
      const counts = byIndicator.get(hit.id) ?? new Map<string, number>();
      for (const e of hit.evidence) {
        const text = e.text.toLowerCase().replace(/\s+/gu, ' ');
        counts.set(text, (counts.get(text) ?? 0) + 1);
        spans++;
      }
      byIndicator.set(hit.id, counts);
    }
  console.log(
    `\nPrecision audit: evidence of risk indicators on ${legit.length} legitimate ads (${spans} spans; each is a false alarm)`,
  );
  const ordered = [...byIndicator.entries()].sort(
    (a, b) => sum(b[1].values()) - sum(a[1].values()),
  );
  for (const [id, counts] of ordered) {
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, auditSize);
    console.log(
      `  ${id} (${sum(counts.values())}): ${top.map(([t, n]) => `"${t}"×${n}`).join(', ')}`,
    );
  }
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}

const classifier = createClassifier();
const threshold = classifier.flagThreshold;
console.log(
  `accuracy bench: classifier ${classifier.versions.classifier}, lexicon ${classifier.versions.lexicon}, model ${classifier.versions.model}; flag threshold ${threshold}`,
);
const audited: Scored[] = [];

const realDir = join(dataDir, 'real-ads');
if (existsSync(realDir)) {
  const legit = readJsonLines(join(realDir, 'staffam-legit.dev.jsonl')).map((r) =>
    toLabelled(r, 0),
  );
  const recruitment = readJsonLines(join(realDir, 'telegram-recruitment.dev.jsonl')).map((r) =>
    toLabelled(r, 1),
  );
  const chat = readJsonLines(join(realDir, 'telegram-chat.dev.jsonl')).map((r) => toLabelled(r, 0));
  const staff = score(classifier, legit);
  const telegram = score(classifier, [...recruitment, ...chat]);
  report(
    `Real staff.am ads (${realDir}), all legitimate, by language of the body`,
    staff,
    threshold,
  );
  report(
    'Real Telegram: recruitment posts (risky) vs ordinary chat, by language',
    telegram,
    threshold,
  );
  console.log('\nReal recruitment posts vs all real legitimate ads (staff.am and chat)');
  const all = [...staff, ...telegram];
  console.log(aucLine('recruitment vs legitimate', all));
  audited.push(...all);
} else console.log(`\n(no ${realDir}: real-ads figures skipped; pass --data DIR)`);

const csvPath = join(dataDir, 'emscad', 'train.csv');
if (existsSync(csvPath)) {
  const { content, heldOut } = trainHeldOutFold(readFileSync(csvPath, 'utf8'), csvPath);
  const dir = mkdtempSync(join(tmpdir(), 'adwatch-accuracy-'));
  const modelPath = join(dir, 'fold.model.json');
  writeFileSync(modelPath, content);
  const foldClassifier = createClassifier({ modelPath });
  rmSync(dir, { recursive: true, force: true });
  const emscad = score(
    foldClassifier,
    heldOut.map((a) => ({ id: a.id, title: a.title, text: a.text, lang: 'en', label: a.label })),
  );
  report(
    `EMSCAD held-out fold (${emscad.length} real English ads; model trained on the other ads): scams as risky`,
    emscad,
    threshold,
    false,
  );
  console.log(aucLine('model probability alone', emscad, (a) => a.assessment.components.model));
  console.log(aucLine('rules alone', emscad, (a) => a.assessment.components.rules));
} else console.log(`\n(no ${csvPath}: EMSCAD figures skipped)`);

const parallelPath = join(repoRoot, 'test', 'fixtures', 'parallel-ads', 'parallel-ads.jsonl');
if (existsSync(parallelPath)) {
  const parallel = score(
    classifier,
    readJsonLines(parallelPath).map((r) => toLabelled(r)),
  );
  report('Parallel ads (GENERATED: written for adwatch), by version', parallel, threshold);
  parallelReport(parallel, threshold);
}

if (audited.length > 0) precisionAudit(audited);
