import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allowedActions, PlanAction, PlanStatus, planTransition } from '../src/plans/status.js';
import { computeGaps, gapForLine, opgaveInForce, shortfall, type PlaceRange } from '../src/plans/capacity.js';
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
const isRange = (r: PlaceRange) => Number.isInteger(r.min) && Number.isInteger(r.max) && r.min >= 0 && r.min <= r.max;

describe('capacity arithmetic', () => {
  it('reports a shortfall range that is never negative, zero when covered, and at most the opgave', () => {
    fc.assert(
      fc.property(fc.nat(100_000), range, (opgave, planned) => {
        const gap = shortfall(opgave, planned);
        expect(isRange(gap)).toBe(true);
        expect(gap.max).toBeLessThanOrEqual(opgave);
        if (planned.min >= opgave) expect(gap).toEqual({ min: 0, max: 0 });
        if (planned.max < opgave) expect(gap.min).toBe(opgave - planned.max);
      }),
    );
  });

  it('reads the Zuid-Holland example: 2,450-2,700 planned against an opgave of 2,600', () => {
    expect(shortfall(2_600, { min: 2_450, max: 2_700 })).toEqual({ min: 0, max: 150 });
  });
});

describe('plan against opgave', () => {
  const TYPES = ['ROL', 'GVL', 'SATELLIET', 'AZC'];
  const DATES = ['2020-12-31', '2021-12-31', '2023-01-01', '2023-12-31'];
  const line = fc.record({
    opvangtypes: fc.subarray(TYPES, { maxLength: 2 }),
    targetDate: fc.constantFrom(...DATES),
    minPlaces: fc.nat(1_000),
    extra: fc.nat(200),
  }).map(({ extra, ...l }) => ({ ...l, maxPlaces: l.minPlaces + extra }));
  const opgave = fc.record({ opvangtype: fc.option(fc.constantFrom(...TYPES), { nil: null }), dueDate: fc.constantFrom(...DATES), places: fc.nat(2_000) });

  it('compares every due date with the opgave then in force, with consistent shortfalls that never shrink the plan over time', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), fc.array(opgave, { maxLength: 8 }), (lines, drawn) => {
        // One opgave per type and due date, as the database keeps it.
        const entries = [...new Map(drawn.map((e) => [`${e.opvangtype}:${e.dueDate}`, e])).values()];
        const gaps = computeGaps(lines, entries);
        for (const entry of entries) {
          expect(gaps.some((g) => g.dueDate === entry.dueDate && (entry.opvangtype ? g.opvangtypes.includes(entry.opvangtype) : g.opvangtypes.length === 0))).toBe(true);
        }
        for (const gap of gaps) {
          const types = gap.opvangtypes.length ? gap.opvangtypes : [null];
          const level = types.reduce((sum, type) => sum + (opgaveInForce(entries.filter((e) => e.opvangtype === type), gap.dueDate)?.places ?? 0), 0);
          expect(gap.opgave).toBe(level);
          expect(gap.shortfall).toEqual(shortfall(gap.opgave, gap.planned));
          const later = gaps.filter((other) => other.opvangtypes.join() === gap.opvangtypes.join() && other.dueDate > gap.dueDate);
          for (const other of later) expect(other.planned.min).toBeGreaterThanOrEqual(gap.planned.min);
        }
      }),
    );
  });

  it('adds up what each combined type must have by a date, also when their due dates differ', () => {
    const gaps = computeGaps(
      [{ opvangtypes: ['GVL', 'SATELLIET'], targetDate: '2022-01-01', minPlaces: 120, maxPlaces: 120 }],
      [
        { opvangtype: 'GVL', dueDate: '2022-01-01', places: 100 },
        { opvangtype: 'SATELLIET', dueDate: '2022-07-01', places: 50 },
      ],
    );
    expect(gaps.map((g) => [g.dueDate, g.opgave, g.shortfall.max])).toEqual([
      ['2022-01-01', 100, 0],
      ['2022-07-01', 150, 30], // GVL's 100 still has to be there
    ]);
  });

  it('adds lines of a type up, counts a line toward later dates, and compares combined types together', () => {
    const gaps = computeGaps(
      [
        { opvangtypes: ['ROL'], targetDate: '2023-12-31', minPlaces: 100, maxPlaces: 100 },
        { opvangtypes: ['GVL'], targetDate: '2023-01-01', minPlaces: 500, maxPlaces: 500 },
        { opvangtypes: ['GVL'], targetDate: '2023-01-01', minPlaces: 500, maxPlaces: 500 },
        { opvangtypes: ['GVL', 'SATELLIET'], targetDate: '2023-01-01', minPlaces: 0, maxPlaces: 0 },
        { opvangtypes: [], targetDate: '2020-12-31', minPlaces: 417, maxPlaces: 417 },
      ],
      [
        { opvangtype: 'ROL', dueDate: '2023-01-01', places: 1_090 },
        { opvangtype: 'ROL', dueDate: '2023-12-31', places: 0 },
        { opvangtype: 'GVL', dueDate: '2023-01-01', places: 840 },
        { opvangtype: 'SATELLIET', dueDate: '2023-01-01', places: 480 },
        { opvangtype: null, dueDate: '2021-12-31', places: 417 },
      ],
    );
    expect(gaps.map((g) => [g.opvangtypes.join('/'), g.dueDate, g.opgave, g.planned.min, g.shortfall.max])).toEqual([
      ['', '2021-12-31', 417, 417, 0],
      ['GVL/SATELLIET', '2023-01-01', 1_320, 1_000, 320],
      ['ROL', '2023-01-01', 1_090, 0, 1_090],
      ['ROL', '2023-12-31', 0, 100, 0],
    ]);
    expect(gapForLine({ opvangtypes: ['SATELLIET'], targetDate: '2022-06-30', minPlaces: 0, maxPlaces: 0 }, gaps)?.opvangtypes).toEqual(['GVL', 'SATELLIET']);
    expect(gapForLine({ opvangtypes: ['AZC'], targetDate: '2022-06-30', minPlaces: 0, maxPlaces: 0 }, gaps)).toBeNull();
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
