/** Places as a range, the way provincial plans state them (e.g. 2,450 to 2,700). Pure arithmetic. */
export interface PlaceRange {
  min: number;
  max: number;
}

export function isValidRange(range: PlaceRange): boolean {
  return Number.isInteger(range.min) && Number.isInteger(range.max) && range.min >= 0 && range.min <= range.max;
}

export function sumRanges(ranges: readonly PlaceRange[]): PlaceRange {
  return ranges.reduce((total, range) => ({ min: total.min + range.min, max: total.max + range.max }), { min: 0, max: 0 });
}

/**
 * How far a planned range falls short of the opgave: at best (the plan's maximum realised) and at worst
 * (its minimum). Zero when covered; never negative, since surplus capacity is not a gap.
 */
export function shortfall(opgave: number, planned: PlaceRange): PlaceRange {
  return { min: Math.max(0, opgave - planned.max), max: Math.max(0, opgave - planned.min) };
}
