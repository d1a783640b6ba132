import DataLoader from 'dataloader';
import { describe, expect, it } from 'vitest';
import { ReadAheadLoader } from '../src/platform/loader-utils.js';

/** The loader the gemeente and province of a list's rows come from (reference.service.ts). */
describe('ReadAheadLoader', () => {
  const batches: string[][] = [];
  const make = () =>
    new ReadAheadLoader(
      new DataLoader<string, string | null>(async (keys) => {
        batches.push([...keys]);
        if (keys.includes('down')) throw new Error('database down');
        return keys.map((key) => (key.startsWith('GM') ? `name of ${key}` : key === 'broken' ? new Error('no') : null));
      }),
    );

  it('answers a key read ahead at once, not as a promise, from one batch for the whole list', async () => {
    batches.length = 0;
    const loader = make();
    expect(loader.load('GM0001')).toBeInstanceOf(Promise);
    await loader.readAhead(['GM0001', 'GM0002', 'GM0002', 'XX']);
    expect(batches).toEqual([['GM0001', 'GM0002', 'XX']]); // the load under way joins the same batch
    expect(loader.load('GM0002')).toBe('name of GM0002');
    expect(loader.load('XX')).toBeNull();
    await loader.readAhead(['GM0001', 'GM0002']);
    expect(batches).toHaveLength(1);
  });

  it('gives a key whose read failed that failure, without reading it again', async () => {
    batches.length = 0;
    const loader = make();
    await loader.readAhead(['broken', 'GM0003']);
    expect(loader.load('GM0003')).toBe('name of GM0003');
    for (let row = 0; row < 3; row++) await expect(loader.load('broken')).rejects.toThrow('no');
    expect(batches).toEqual([['broken', 'GM0003']]);
    // A batch that failed as a whole (the database down, a statement timeout): each row gets the failure, read once.
    await loader.readAhead(['down', 'GM0004']);
    for (const key of ['down', 'GM0004', 'GM0004']) await expect(loader.load(key)).rejects.toThrow('database down');
    expect(batches).toEqual([['broken', 'GM0003'], ['down', 'GM0004']]);
  });
});
