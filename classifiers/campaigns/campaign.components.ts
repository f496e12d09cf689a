import { createHash } from 'node:crypto';

/** An ad's place in time: when it was posted (ms; +∞ when unknown), then its id. */
export interface AdOrder {
  time: number;
  id: string;
}

/** Whether `a` comes before `b`: posted earlier, or at the same time with the smaller id. */
export function isBefore(a: AdOrder, b: AdOrder): boolean {
  return a.time < b.time || (a.time === b.time && a.id < b.id);
}

/**
 * A campaign's id, from its earliest ad's id alone: ads of one campaign get the same id whatever
 * order they come in, and a campaign keeps its id as more ads join (unless an earlier one joins).
 */
export function campaignIdOf(earliestAdId: string): string {
  return `c-${createHash('sha256').update(earliestAdId).digest('hex').slice(0, 12)}`;
}

interface Component {
  id: string;
  earliest: AdOrder;
  /** Slots of the member ads still in the index. */
  members: Set<number>;
}

/**
 * Ads linked into campaigns: the connected components of the "same template" links, as
 * union-find with explicit member sets (union by size: the smaller set is relabelled, so each
 * ad is relabelled O(log n) times). Only linked ads have a component; an ad alone costs one
 * entry of `componentOf`. An ad that leaves the index leaves its component, which keeps its id
 * and its other members.
 */
export class CampaignComponents {
  private componentOf = new Int32Array(0);
  private readonly components: (Component | undefined)[] = [];
  private readonly free: number[] = [];
  private readonly byId = new Map<string, number>();

  /** Number of campaigns with at least one ad in the index. */
  get size(): number {
    return this.byId.size;
  }

  /** Makes room for slots below `slots`. */
  grow(slots: number): void {
    if (slots <= this.componentOf.length) return;
    const next = new Int32Array(slots).fill(-1);
    next.set(this.componentOf);
    this.componentOf = next;
  }

  /** Whether two slots are in one campaign already. */
  together(a: number, b: number): boolean {
    const c = this.componentOf[a];
    return c !== -1 && c === this.componentOf[b];
  }

  /** Links two ads (slot and order each) into one campaign. */
  union(a: number, aOrder: AdOrder, b: number, bOrder: AdOrder): void {
    let ca = this.componentOf[a];
    let cb = this.componentOf[b];
    if (ca !== -1 && ca === cb) return;
    if (ca === -1 && cb === -1) {
      this.create([a, b], isBefore(aOrder, bOrder) ? aOrder : bOrder);
      return;
    }
    if (ca === -1) {
      this.join(cb, a, aOrder);
      return;
    }
    if (cb === -1) {
      this.join(ca, b, bOrder);
      return;
    }
    let big = this.components[ca] as Component;
    let small = this.components[cb] as Component;
    if (small.members.size > big.members.size) {
      [big, small] = [small, big];
      [ca, cb] = [cb, ca];
    }
    for (const slot of small.members) {
      big.members.add(slot);
      this.componentOf[slot] = ca;
    }
    this.byId.delete(small.id);
    this.components[cb] = undefined;
    this.free.push(cb);
    this.setEarliest(ca, small.earliest);
  }

  /** The slot's ad leaves the index (and its campaign, which keeps its id). */
  leave(slot: number): void {
    const c = this.componentOf[slot];
    if (c === -1) return;
    this.componentOf[slot] = -1;
    const component = this.components[c] as Component;
    component.members.delete(slot);
    if (component.members.size > 0) return;
    this.byId.delete(component.id);
    this.components[c] = undefined;
    this.free.push(c);
  }

  /** The campaign id of a slot's ad, or null when it is linked to no other ad. */
  campaignOf(slot: number): string | null {
    const c = this.componentOf[slot];
    return c === -1 ? null : (this.components[c] as Component).id;
  }

  /** Slots of a campaign's ads in the index (empty for an unknown id). */
  membersOf(campaign: string): number[] {
    const c = this.byId.get(campaign);
    return c === undefined ? [] : [...(this.components[c] as Component).members];
  }

  /** Campaign ids with ads in the index. */
  ids(): IterableIterator<string> {
    return this.byId.keys();
  }

  private create(slots: number[], earliest: AdOrder): void {
    const c = this.free.pop() ?? this.components.length;
    const id = campaignIdOf(earliest.id);
    this.components[c] = { id, earliest, members: new Set(slots) };
    for (const slot of slots) this.componentOf[slot] = c;
    this.byId.set(id, c);
  }

  private join(c: number, slot: number, order: AdOrder): void {
    (this.components[c] as Component).members.add(slot);
    this.componentOf[slot] = c;
    this.setEarliest(c, order);
  }

  /** Makes `order` the campaign's earliest ad if it is earlier, and renames the campaign. */
  private setEarliest(c: number, order: AdOrder): void {
    const component = this.components[c] as Component;
    if (!isBefore(order, component.earliest)) return;
    this.byId.delete(component.id);
    component.earliest = order;
    component.id = campaignIdOf(order.id);
    this.byId.set(component.id, c);
  }
}
