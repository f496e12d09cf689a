// The graph side of campaign linking (workers/link.batch.ts): which stored links an ad keeps,
// connected components of stored links, and the components of a batch before it is stored.
import { isBefore, type AdOrder } from '../classifiers/index.js';
import { maxStoredLinks, type LinkCandidate, type LinkNode } from '../store/index.js';

/**
 * The links an ad keeps: one to each campaign (or lone ad) it is a variant of, so that its
 * campaign can always be rebuilt from stored links, then others up to {@link maxStoredLinks}.
 * `groupOf` names the campaign (or lone ad) a linked ad belongs to at this moment.
 */
export function linksToKeep(
  linked: LinkCandidate[],
  groupOf: (candidate: LinkCandidate) => string,
): string[] {
  const byAge = [...linked].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
  const keep = new Set<string>();
  const groups = new Set<string>();
  for (const c of byAge) {
    const group = groupOf(c);
    if (groups.has(group)) continue;
    groups.add(group);
    keep.add(c.id);
  }
  for (const c of byAge) {
    if (keep.size >= Math.max(maxStoredLinks, groups.size)) break;
    keep.add(c.id);
  }
  return [...keep].sort();
}

/** The connected components of the stored links among these ads (links leaving them ignored). */
export function connectedComponents(nodes: LinkNode[]): LinkNode[][] {
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const parent = nodes.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  nodes.forEach((node, i) => {
    for (const other of node.linkedTo) {
      const j = index.get(other);
      if (j !== undefined) parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, LinkNode[]>();
  nodes.forEach((node, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(node);
    else groups.set(root, [node]);
  });
  return [...groups.values()];
}

/** The earliest of some ads (by time, then id): the one a campaign is named after. */
export function earliest(members: AdOrder[]): AdOrder {
  return members.reduce((first, order) => (isBefore(order, first) ? order : first));
}

/**
 * Union-find over the units a batch of new ads links together: `c:<campaign id>` for a stored
 * campaign (a connected component already) and `a:<ad id>` for an ad in none.
 */
export class UnitSets {
  private readonly parent = new Map<string, string>();

  find(key: string): string {
    let root = key;
    for (let up = this.parent.get(root); up !== undefined && up !== root;) {
      root = up;
      up = this.parent.get(root);
    }
    // Path compression: every key on the way now points at the root.
    for (let at = key; at !== root;) {
      const up = this.parent.get(at) ?? root;
      this.parent.set(at, root);
      at = up;
    }
    return root;
  }

  union(a: string, b: string): void {
    this.add(a);
    this.add(b);
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }

  /** Every key seen, grouped by set. */
  groups(): string[][] {
    const out = new Map<string, string[]>();
    for (const key of this.parent.keys()) {
      const root = this.find(key);
      const group = out.get(root);
      if (group) group.push(key);
      else out.set(root, [key]);
    }
    return [...out.values()];
  }

  /** Makes a key known (a set of its own until joined). */
  add(key: string): void {
    if (!this.parent.has(key)) this.parent.set(key, key);
  }
}
