/** Places as a range, the way provincial plans state them (e.g. 2,450 to 2,700). Pure arithmetic. */
export interface PlaceRange {
  min: number;
  max: number;
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

export interface GapLine {
  opvangtypes: readonly string[];
  targetDate: string;
  minPlaces: number;
  maxPlaces: number;
}

export interface GapOpgave {
  /** Null: places of any type. */
  opvangtype: string | null;
  dueDate: string;
  places: number;
  /** An opgave for the province's total opvang (existing AZCs included): compared with realised capacity, never with plan lines. */
  total?: boolean;
}

export interface Gap {
  /** The opvangtypes compared together; empty for places of any type. */
  opvangtypes: string[];
  dueDate: string;
  opgave: number;
  /** Places the plan's lines of these types deliver by `dueDate`. */
  planned: PlaceRange;
  shortfall: PlaceRange;
}

/**
 * Plan against opgave, per opvangtype and due date. Lines are places added by their target date, so a
 * line counts toward every due date on or after it. An opgave is a level to reach by its due date. Types that
 * a line combines ("GVL/satelliet") are compared together: at each of their due dates, what each type must have
 * by then is added up and set against all lines of those types. Places of any type (untyped lines and opgave)
 * are compared only with each other.
 */
export function computeGaps(lines: readonly GapLine[], opgave: readonly GapOpgave[]): Gap[] {
  // Union-find over opvangtypes: types that share a line form one group.
  const parent = new Map<string, string>();
  const find = (type: string): string => {
    const up = parent.get(type);
    if (up === undefined) parent.set(type, type);
    if (up === undefined || up === type) return type;
    const root = find(up);
    parent.set(type, root);
    return root;
  };
  const union = (a: string, b: string) => parent.set(find(a), find(b));
  for (const entry of opgave) if (entry.opvangtype) find(entry.opvangtype);
  for (const line of lines) line.opvangtypes.forEach((type) => union(type, line.opvangtypes[0]));

  const groupOf = (types: readonly string[]) => (types.length === 0 ? '' : find(types[0]));
  const members = new Map<string, Set<string>>();
  for (const type of parent.keys()) {
    const root = find(type);
    members.set(root, (members.get(root) ?? new Set()).add(type));
  }

  // An opgave is a level to reach by its due date, not an addition. At every date one of a group's types is due,
  // the group must have what each of its types must have by then: the last opgave of that type due on or before it.
  const entriesByGroup = new Map<string, GapOpgave[]>();
  for (const entry of opgave) {
    if (entry.total) continue;
    const group = groupOf(entry.opvangtype ? [entry.opvangtype] : []);
    entriesByGroup.set(group, [...(entriesByGroup.get(group) ?? []), entry]);
  }

  const gaps: Gap[] = [];
  for (const [group, entries] of entriesByGroup) {
    const groupLines = lines.filter((line) => groupOf(line.opvangtypes) === group);
    const types = [...new Set(entries.map((entry) => entry.opvangtype ?? ''))];
    for (const dueDate of [...new Set(entries.map((entry) => entry.dueDate))].sort()) {
      const places = types.reduce((sum, type) => sum + (opgaveInForce(entries.filter((entry) => (entry.opvangtype ?? '') === type), dueDate)?.places ?? 0), 0);
      const planned = sumRanges(groupLines.filter((line) => line.targetDate <= dueDate).map((line) => ({ min: line.minPlaces, max: line.maxPlaces })));
      gaps.push({ opvangtypes: group === '' ? [] : [...members.get(group)!].sort(), dueDate, opgave: places, planned, shortfall: shortfall(places, planned) });
    }
  }
  return gaps.sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.opvangtypes.join() < b.opvangtypes.join() ? -1 : 1));
}

/** Of one type's opgave entries, the one in force on `date`: the last due on or before it. */
export function opgaveInForce<T extends { dueDate: string }>(entries: readonly T[], date: string): T | undefined {
  let found: T | undefined;
  for (const entry of entries) if (entry.dueDate <= date && (!found || entry.dueDate > found.dueDate)) found = entry;
  return found;
}

/** The comparison a line contributes to first: its types' group at the earliest due date on or after the line's. */
export function gapForLine(line: GapLine, gaps: readonly Gap[]): Gap | null {
  const types = new Set(line.opvangtypes);
  const sameGroup = (gap: Gap) => (types.size === 0 ? gap.opvangtypes.length === 0 : gap.opvangtypes.some((type) => types.has(type)));
  return gaps.filter((gap) => sameGroup(gap) && gap.dueDate >= line.targetDate).sort((a, b) => (a.dueDate < b.dueDate ? -1 : 1))[0] ?? null;
}
