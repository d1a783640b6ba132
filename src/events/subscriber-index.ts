import type { Event } from './event.js';
import type { EventSubjects } from './event.policy.js';

/**
 * What an event can concern, as keys a subscription can be filed under: its subject, its kind of subject, its
 * province (and the provinces its state names, for subjects that span several), and the person whose rights it
 * changes. A subscription filed under some of these keys is offered only the events that carry one of them.
 */
export const reach = {
  subject: (id: string) => `subject:${id}`,
  subjectType: (type: string) => `type:${type}`,
  province: (code: string) => `province:${code}`,
  person: (id: string) => `person:${id}`,
};

/** The keys of an event (see `reach`); a subscription's filter (`matches`) must accept no event outside its keys. */
export function eventKeys(subjects: EventSubjects, event: Event): string[] {
  const keys = [reach.subject(event.subjectId), reach.subjectType(event.subjectType)];
  if (event.provinceCode) keys.push(reach.province(event.provinceCode));
  const subject = subjects[event.subjectType];
  if (subject?.provincesInState) {
    for (const code of ((event.after as { provinceCodes?: string[] } | null)?.provinceCodes ?? [])) if (code !== event.provinceCode) keys.push(reach.province(code));
  }
  const person = subject?.rightsChangedOf?.(event);
  if (person) keys.push(reach.person(person));
  return keys;
}

/**
 * Subscribers filed by the keys they filter on (a province, a subject, a kind of subject, their own person), or under
 * everything (a national feed): an event visits the subscribers of its keys and those of everything, not every
 * subscriber of the instance. Each concerned subscriber is visited once, however many of its keys the event carries.
 */
export class SubscriberIndex<L> {
  private readonly everything = new Set<L>();
  private readonly byKey = new Map<string, Set<L>>();
  private readonly keysOf = new Map<L, readonly string[] | null>();

  /** Files a subscriber under its keys, or under everything (`null`). */
  add(listener: L, keys: readonly string[] | null): void {
    this.delete(listener);
    this.keysOf.set(listener, keys);
    if (!keys) {
      this.everything.add(listener);
      return;
    }
    for (const key of keys) {
      let bucket = this.byKey.get(key);
      if (!bucket) this.byKey.set(key, (bucket = new Set()));
      bucket.add(listener);
    }
  }

  delete(listener: L): void {
    const keys = this.keysOf.get(listener);
    if (keys === undefined) return;
    this.keysOf.delete(listener);
    if (!keys) {
      this.everything.delete(listener);
      return;
    }
    for (const key of keys) {
      const bucket = this.byKey.get(key);
      bucket?.delete(listener);
      if (bucket?.size === 0) this.byKey.delete(key);
    }
  }

  /** The subscribers an event with these keys can concern, each once. */
  concerned(keys: readonly string[]): Iterable<L> {
    const sources: Set<L>[] = [];
    if (this.everything.size) sources.push(this.everything);
    for (const key of keys) {
      const bucket = this.byKey.get(key);
      if (bucket?.size) sources.push(bucket);
    }
    if (sources.length === 0) return [];
    if (sources.length === 1) return sources[0];
    const all = new Set<L>();
    for (const source of sources) for (const listener of source) all.add(listener);
    return all;
  }

  /** Every subscriber, whatever it is filed under. */
  everyone(): Iterable<L> {
    return this.keysOf.keys();
  }

  get size(): number {
    return this.keysOf.size;
  }
}
