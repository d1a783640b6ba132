import { describe, expect, it } from 'vitest';
import { assertSameAnswers, WORKLOADS } from '../bench/compare-workloads.js';

/** The comparison benchmark (bench/compare.ts) measures nothing unless both servers answer alike: its check must say so. */
describe('the PostGraphile comparison refuses answers that differ', () => {
  const list = WORKLOADS.find((w) => w.key === 'list')!;
  const proposal = (i: number) => ({ id: `id-${i}`, name: `Bench ${i}`, places: i, status: 'INGEDIEND' });
  const ours = (change = (_: ReturnType<typeof proposal>, i: number) => proposal(i)) => ({
    data: {
      locationProposals: {
        edges: Array.from({ length: 100 }, (_, i) => ({ node: { ...change(proposal(i), i), gemeente: { name: 'Bunnik' }, province: { name: 'Utrecht' } } })),
      },
    },
  });
  const theirs = {
    data: {
      allLocationProposals: {
        nodes: Array.from({ length: 100 }, (_, i) => {
          const { id, ...rest } = proposal(i);
          return { rowId: id, ...rest, gemeenteByGemeenteCode: { name: 'Bunnik' }, provinceByProvinceCode: { name: 'Utrecht' } };
        }),
      },
    },
  };

  it('accepts the same proposals under different field names', () => {
    expect(() => assertSameAnswers(list, ours(), theirs)).not.toThrow();
  });

  it('refuses a different figure, naming where', () => {
    expect(() => assertSameAnswers(list, ours((p, i) => (i === 7 ? { ...p, places: 8 } : p)), theirs)).toThrow(/\$\.7\.places/);
  });

  it('refuses another order, errors, and answers too thin to prove anything', () => {
    expect(() => assertSameAnswers(list, ours((p, i) => proposal(99 - i)), theirs)).toThrow(/differently/);
    expect(() => assertSameAnswers(list, { errors: [{ message: 'FORBIDDEN' }] }, theirs)).toThrow(/errors/);
    const empty = { data: { locationProposals: { edges: [] } } };
    expect(() => assertSameAnswers(list, empty, { data: { allLocationProposals: { nodes: [] } } })).toThrow(/too little/);
  });
});
