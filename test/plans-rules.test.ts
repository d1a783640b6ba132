import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedActions, PlanAction, PlanStatus, planTransition } from '../src/plans/status.js';
import { isValidRange, shortfall, sumRanges, type PlaceRange } from '../src/plans/capacity.js';
import { applyDiff, diffLines, type CapacityLineSnapshot } from '../src/plans/diff.js';

describe('plan status', () => {
  it('follows CONCEPT → INGEDIEND → TERUGGESTUURD → CONCEPT → INGEDIEND → VASTGESTELD', () => {
    const path: [PlanAction, PlanStatus][] = [
      [PlanAction.SUBMIT, PlanStatus.INGEDIEND],
      [PlanAction.RETURN, PlanStatus.TERUGGESTUURD],
      [PlanAction.EDIT, PlanStatus.CONCEPT],
      [PlanAction.SUBMIT, PlanStatus.INGEDIEND],
      [PlanAction.ADOPT, PlanStatus.VASTGESTELD],
    ];
    let status = PlanStatus.CONCEPT;
    for (const [action, expected] of path) {
      const result = planTransition(status, action);
      expect(result).toEqual({ allowed: true, next: expected });
      status = expected;
    }
  });

  it('refuses anything else and names what is allowed', () => {
    expect(planTransition(PlanStatus.CONCEPT, PlanAction.ADOPT)).toEqual({ allowed: false, allowedActions: [PlanAction.EDIT, PlanAction.SUBMIT] });
    expect(planTransition(PlanStatus.INGEDIEND, PlanAction.EDIT)).toEqual({ allowed: false, allowedActions: [PlanAction.ADOPT, PlanAction.RETURN] });
    expect(planTransition(PlanStatus.VASTGESTELD, PlanAction.EDIT)).toEqual({ allowed: false, allowedActions: [] });
  });

  it('never reaches a status from which adoption is impossible, except adoption itself', () => {
    // From every status but VASTGESTELD some sequence of actions leads to VASTGESTELD.
    const reachesAdoption = (start: PlanStatus): boolean => {
      const seen = new Set<PlanStatus>();
      const queue = [start];
      while (queue.length) {
        const status = queue.shift()!;
        if (status === PlanStatus.VASTGESTELD) return true;
        if (seen.has(status)) continue;
        seen.add(status);
        for (const action of allowedActions(status)) {
          const result = planTransition(status, action);
          if (result.allowed) queue.push(result.next);
        }
      }
      return false;
    };
    for (const status of Object.values(PlanStatus)) expect(reachesAdoption(status), status).toBe(true);
  });
});

const range = fc.tuple(fc.nat(100_000), fc.nat(100_000)).map(([a, b]): PlaceRange => ({ min: Math.min(a, b), max: Math.max(a, b) }));

describe('capacity arithmetic', () => {
  it('adds ranges into a valid range whose bounds are the sums of the bounds', () => {
    fc.assert(
      fc.property(fc.array(range, { maxLength: 50 }), (ranges) => {
        const total = sumRanges(ranges);
        expect(isValidRange(total)).toBe(true);
        expect(total.min).toBe(ranges.reduce((sum, r) => sum + r.min, 0));
        expect(total.max).toBe(ranges.reduce((sum, r) => sum + r.max, 0));
      }),
    );
  });

  it('reports a shortfall range that is never negative, zero when covered, and at most the opgave', () => {
    fc.assert(
      fc.property(fc.nat(100_000), range, (opgave, planned) => {
        const gap = shortfall(opgave, planned);
        expect(isValidRange(gap)).toBe(true);
        expect(gap.max).toBeLessThanOrEqual(opgave);
        if (planned.min >= opgave) expect(gap).toEqual({ min: 0, max: 0 });
        if (planned.max < opgave) expect(gap.min).toBe(opgave - planned.max);
      }),
    );
  });

  it('reads the Zuid-Holland example: 2,450-2,700 planned against an opgave of 2,600', () => {
    expect(shortfall(2_600, { min: 2_450, max: 2_700 })).toEqual({ min: 0, max: 150 });
  });

  it('refuses negative places and a minimum above the maximum', () => {
    expect(isValidRange({ min: -1, max: 5 })).toBe(false);
    expect(isValidRange({ min: 6, max: 5 })).toBe(false);
    expect(isValidRange({ min: 1.5, max: 5 })).toBe(false);
  });
});

describe('line diff', () => {
  const line = fc.record({
    id: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
    opvangtypes: fc.subarray(['GVL', 'ROL', 'SATELLIET']),
    targetDate: fc.constantFrom('2021-12-31', '2023-01-01'),
    minPlaces: fc.nat(3_000),
    maxPlaces: fc.nat(3_000),
    regions: fc.array(fc.record({ name: fc.constantFrom('Haaglanden', 'Rotterdam-Rijnmond'), gemeenteCodes: fc.constant<string[]>([]), minPlaces: fc.nat(9), maxPlaces: fc.nat(9) }), { maxLength: 2 }),
    note: fc.option(fc.string({ maxLength: 5 }), { nil: null }),
  });
  const version = fc.uniqueArray(line, { selector: (l) => l.id, maxLength: 5 });
  const byId = (lines: CapacityLineSnapshot[]) => [...lines].sort((x, y) => (x.id < y.id ? -1 : 1));

  it('turns any version into any other when applied, and is empty between equal versions', () => {
    fc.assert(
      fc.property(version, version, (a, b) => {
        expect(byId(applyDiff(a, diffLines(a, b)))).toEqual(byId(b));
        expect(diffLines(a, a)).toEqual([]);
      }),
    );
  });

  it('names the fields that changed on a line', () => {
    const before = { id: 'a', opvangtypes: ['ROL'], targetDate: '2023-01-01', minPlaces: 2_450, maxPlaces: 2_700, regions: [], note: null };
    const after = { ...before, maxPlaces: 2_800, note: 'after consultation' };
    expect(diffLines([before], [after])).toEqual([{ lineId: 'a', kind: 'CHANGED', before, after, fields: ['maxPlaces', 'note'] }]);
  });
});
