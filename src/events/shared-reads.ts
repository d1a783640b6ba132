import type { Event } from './event.js';

/**
 * Reads shared by every subscriber of one event on this instance: `once(key, load)` runs `load` for the first
 * subscriber that asks and hands the same answer (the same object) to the others. What is read through it must not
 * depend on who asks (no policy inside: the subject as stored); each subscriber checks what it may see of it
 * afterwards. One change to a plan followed by 5,000 subscribers is then one read of the plan, not 5,000.
 */
export interface SharedReads {
  once<T>(key: string, load: () => Promise<T>): Promise<T>;
}

/**
 * The shared reads of each event, kept as long as the event is: the bus hands the same event object to every
 * subscriber, and once the last of them is done with it, it and what was read for it are garbage. A later event
 * about the same subject is another object, so it is read again, as it is then.
 */
export class SharedReadsPerEvent {
  private readonly reads = new WeakMap<Event, SharedReads>();

  /** The same object for every subscriber of the event (one allocation per event, not per subscriber). */
  of(event: Event): SharedReads {
    let shared = this.reads.get(event);
    if (!shared) {
      const cache = new Map<string, Promise<unknown>>();
      shared = {
        once: <T>(key: string, load: () => Promise<T>): Promise<T> => {
          let read = cache.get(key) as Promise<T> | undefined;
          if (!read) cache.set(key, (read = new Promise<T>((resolve) => resolve(load()))));
          return read;
        },
      };
      this.reads.set(event, shared);
    }
    return shared;
  }
}
