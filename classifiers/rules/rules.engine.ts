import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceSpan, IndicatorHit } from '../assessment.types.js';
import type { FactValues } from '../facts/facts.extractor.js';
import { spanOf } from '../facts/evidence-span.js';
import { allMatches } from '../text/all-matches.js';
import type { KeyedWord, PhraseMatch } from '../text/phrase.matcher.js';
import { PhraseMatcher } from '../text/phrase.matcher.js';
import type { FactCondition, TermGroup } from './indicator.schema.js';
import type { TermLang } from '../text/phrase.matcher.js';
import { combinationsFileSchema, indicatorFileSchema } from './indicator.schema.js';
import { loadYamlFile } from './yaml-file.loader.js';
import { ConfigError } from '../../core/index.js';

/** An indicator ready to evaluate. */
export interface Indicator {
  id: string;
  label: string;
  dimension: string;
  weight: number;
  patterns: RegExp[];
  facts: FactCondition[];
  requires: FactCondition[];
  cancels: string[];
}

export interface Combination {
  ids: string[];
  bonus: number;
}

/** The language a group of terms is matched in (see `TermLang`). */
const GROUP_LANG: Readonly<Record<TermGroup, TermLang>> = {
  en: 'en',
  ru: 'ru',
  hy: 'hy',
  translit: 'tr',
  any: 'any',
};

/** Evidence spans kept per indicator: enough to explain, few enough to read. */
const MAX_EVIDENCE_PER_INDICATOR = 5;

/**
 * The indicator rules, loaded from data files. Evaluation is one pass of the phrase matcher over
 * the ad's words plus a few regular expressions, whatever the number of indicators.
 */
export class RulesEngine {
  readonly indicators: Indicator[] = [];
  readonly combinations: Combination[] = [];
  /** Short hash of the indicator files' contents: scores are reproducible per lexicon version. */
  readonly version: string;
  /** The indicators' terms; a match's owner is the indicator's index. */
  readonly matcher = new PhraseMatcher<number>();
  /** Each id's place in `localeCompare` order, the tie-break of the hit order (sorted once here). */
  private readonly idRank = new Map<string, number>();
  private readonly byIdMap = new Map<string, Indicator>();
  /** Indices of the indicators with patterns or fact conditions, in order. */
  private readonly withPatternsOrFacts: number[] = [];

  constructor(indicatorsDir: string) {
    const files = readdirSync(indicatorsDir)
      .filter((f) => f.endsWith('.indicators.yaml'))
      .sort();
    if (files.length === 0)
      throw new ConfigError(
        `${indicatorsDir}: no *.indicators.yaml files; point indicatorsDir at the indicator folder.`,
      );
    const hash = createHash('sha256');
    const ids = new Set<string>();
    for (const file of files) {
      const path = join(indicatorsDir, file);
      hash.update(file).update(readFileSync(path));
      const data = loadYamlFile(path, indicatorFileSchema);
      for (const raw of data.indicators) {
        if (ids.has(raw.id))
          throw new ConfigError(
            `${path}: indicator id "${raw.id}" is used twice; ids must be unique.`,
          );
        ids.add(raw.id);
        const dimension = raw.dimension ?? data.dimension;
        if ((dimension === 'legitimacy') !== raw.weight < 0)
          throw new ConfigError(
            `${path}: indicator "${raw.id}" has weight ${raw.weight}; legitimacy signals need a negative weight and risk indicators a positive one.`,
          );
        const index = this.indicators.length;
        this.indicators.push({
          id: raw.id,
          label: raw.label,
          dimension,
          weight: raw.weight,
          patterns: (raw.patterns ?? []).map((p) => compilePattern(path, raw.id, p)),
          facts: raw.facts ?? [],
          requires: raw.requires ?? [],
          cancels: raw.cancels ?? [],
        });
        for (const [group, phrases] of Object.entries(raw.terms ?? {}))
          for (const phrase of phrases ?? [])
            this.matcher.add(phrase, index, raw.gap ?? 1, GROUP_LANG[group as TermGroup]);
      }
    }
    const combinationsPath = join(indicatorsDir, 'combinations.yaml');
    hash.update(readFileSync(combinationsPath));
    for (const c of loadYamlFile(combinationsPath, combinationsFileSchema).combinations) {
      const unknown = c.ids.filter((id) => !ids.has(id));
      if (unknown.length > 0)
        throw new ConfigError(
          `${combinationsPath}: unknown indicator id(s) ${unknown.join(', ')}.`,
        );
      this.combinations.push({ ids: c.ids, bonus: c.bonus });
    }
    this.version = hash.digest('hex').slice(0, 12);
    [...ids].sort((a, b) => a.localeCompare(b)).forEach((id, rank) => this.idRank.set(id, rank));
    for (const ind of this.indicators) this.byIdMap.set(ind.id, ind);
    this.indicators.forEach((ind, index) => {
      if (ind.patterns.length > 0 || ind.facts.length > 0) this.withPatternsOrFacts.push(index);
    });
  }

  /** Indicators present in one ad, each with its evidence, legitimacy cancellations applied. */
  evaluate(
    source: string,
    words: readonly KeyedWord[],
    toSpan: (first: number, last: number) => EvidenceSpan,
    facts: FactValues,
    matches: readonly PhraseMatch<number>[] = this.matcher.match(words),
  ): IndicatorHit[] {
    // Evidence per indicator. The order spans come in does not matter: `dedupe` sorts them, and
    // hits are sorted by weight and id below.
    const evidence = new Map<number, EvidenceSpan[]>();
    for (const m of matches) addSpan(evidence, m.owner, toSpan(m.firstWord, m.lastWord));
    // Only the few indicators that have patterns or fact conditions, not all of them.
    for (const index of this.withPatternsOrFacts) {
      const ind = this.indicators[index];
      for (const re of ind.patterns)
        for (const m of allMatches(re, source))
          addSpan(evidence, index, spanOf(source, m.index, m.index + m[0].length));
      for (const c of ind.facts)
        if (holds(c, facts)) addEvidence(evidence, index, facts.evidence[c.fact] ?? []);
    }

    const hits: IndicatorHit[] = [];
    for (const [index, spans] of evidence) {
      const ind = this.indicators[index];
      if (!ind.requires.every((c) => holds(c, facts))) continue;
      // Requirements are evidence too: "girls" means little until "18-25" is shown beside it.
      for (const c of ind.requires) spans.push(...(facts.evidence[c.fact] ?? []));
      hits.push({
        id: ind.id,
        label: ind.label,
        dimension: ind.dimension,
        weight: ind.weight,
        evidence: dedupe(spans).slice(0, MAX_EVIDENCE_PER_INDICATOR),
      });
    }
    const cancelled = new Set(hits.flatMap((h) => this.byId(h.id)?.cancels ?? []));
    return hits
      .filter((h) => !cancelled.has(h.id))
      .sort((a, b) => b.weight - a.weight || this.rankOf(a.id) - this.rankOf(b.id));
  }

  private byId(id: string): Indicator | undefined {
    return this.byIdMap.get(id);
  }

  private rankOf(id: string): number {
    return this.idRank.get(id) ?? 0;
  }
}

/**
 * Adds evidence of indicator `index` (a module function, not an arrow in `evaluate`: tsx names
 * every named function expression with a call, on every ad).
 */
function addEvidence(
  evidence: Map<number, EvidenceSpan[]>,
  index: number,
  spans: readonly EvidenceSpan[],
): void {
  const list = evidence.get(index) ?? [];
  list.push(...spans);
  evidence.set(index, list);
}

/** Adds one span of evidence of indicator `index`. */
function addSpan(evidence: Map<number, EvidenceSpan[]>, index: number, span: EvidenceSpan): void {
  const list = evidence.get(index);
  if (list === undefined) evidence.set(index, [span]);
  else list.push(span);
}

function holds(c: FactCondition, facts: FactValues): boolean {
  const v = facts.value[c.fact];
  if (v === undefined) return false;
  return (c.min === undefined || v >= c.min) && (c.max === undefined || v <= c.max);
}

function compilePattern(path: string, id: string, pattern: string): RegExp {
  try {
    // Case-sensitive on purpose: with Unicode on, case-insensitive matching is several times
    // slower, and patterns are for forms like "LLC" or "ООО «" whose case is fixed anyway.
    return new RegExp(pattern, 'gu');
  } catch (error) {
    throw new ConfigError(
      `${path}: indicator "${id}" has an invalid pattern ${JSON.stringify(pattern)} (${String(error)}).`,
      {
        cause: error,
      },
    );
  }
}

function dedupe(spans: EvidenceSpan[]): EvidenceSpan[] {
  const sorted = spans
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  // Equal spans are neighbours once sorted: keep the first of each run.
  return sorted.filter(
    (s, i) => i === 0 || s.start !== sorted[i - 1].start || s.end !== sorted[i - 1].end,
  );
}
