import type DataLoader from 'dataloader';

/** Orders batch results by key, as DataLoader requires: one entry per key, null where nothing matched. */
export function byKey<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): (T | null)[] {
  const map = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => map.get(key) ?? null);
}

/** Groups batch results by key: one (possibly empty) list per key. */
export function groupByKey<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const map = new Map<K, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) map.get(keyOf(row))?.push(row);
  return keys.map((key) => map.get(key)!);
}

/**
 * A DataLoader whose values, once read ahead for a list (`readAhead`), are answered at once instead of as a promise.
 * graphql-js finishes an object whose fields are all plain values on the spot; one field that answers with a promise
 * (a proposal's gemeente, say) makes it wait for that object apart, for every row of the list: a promise for the
 * field, one for the object, and a turn of the microtask queue each. Per request, like the DataLoader it wraps.
 */
export class ReadAheadLoader<K, V> {
  /** Values read ahead; a read that failed is kept as its failure, so that the rows get it without reading again. */
  private readonly known = new Map<K, V | Promise<V>>();

  constructor(private readonly loader: DataLoader<K, V>) {}

  load(key: K): V | Promise<V> {
    return this.known.has(key) ? this.known.get(key)! : this.loader.load(key);
  }

  loadMany(keys: readonly K[]): Promise<(V | Error)[]> {
    return this.loader.loadMany(keys);
  }

  /** Reads the values of these keys (in one batch with whatever else is asked in this tick) and keeps them at hand. */
  async readAhead(keys: Iterable<K>): Promise<void> {
    const wanted = [...new Set(keys)].filter((key) => !this.known.has(key));
    if (wanted.length === 0) return;
    const values = await this.loader.loadMany(wanted);
    wanted.forEach((key, index) => {
      const value = values[index];
      if (value instanceof Error) {
        // DataLoader forgets a failed batch: without this, every row would run the failed statement once more.
        const failed = Promise.reject(value);
        failed.catch(() => {}); // handled by whoever loads it
        this.known.set(key, failed);
      } else this.known.set(key, value);
    });
  }
}
