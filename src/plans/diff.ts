/**
 * What changed between two versions of a plan's capacity lines, line by line. Lines are matched by their
 * stable id, so editing a line's opvangtype or date shows as a change to that line, not a removal and an
 * addition. Pure.
 */
export interface RegionShareSnapshot {
  name: string;
  gemeenteCodes: string[];
  minPlaces: number;
  maxPlaces: number;
}

export interface CapacityLineSnapshot {
  id: string;
  /** One or more types ("GVL/satelliet"), or none when the places are not tied to a type. */
  opvangtypes: string[];
  targetDate: string;
  minPlaces: number;
  maxPlaces: number;
  regions: RegionShareSnapshot[];
  note: string | null;
}

export type LineChangeKind = 'ADDED' | 'REMOVED' | 'CHANGED';

export interface LineChange {
  lineId: string;
  kind: LineChangeKind;
  before: CapacityLineSnapshot | null;
  after: CapacityLineSnapshot | null;
  /** For CHANGED: the fields that differ. */
  fields: (keyof CapacityLineSnapshot)[];
}

const COMPARED: (keyof CapacityLineSnapshot)[] = ['opvangtypes', 'targetDate', 'minPlaces', 'maxPlaces', 'regions', 'note'];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export function diffLines(before: readonly CapacityLineSnapshot[], after: readonly CapacityLineSnapshot[]): LineChange[] {
  const old = new Map(before.map((line) => [line.id, line]));
  const next = new Map(after.map((line) => [line.id, line]));
  const changes: LineChange[] = [];
  for (const line of before) {
    const updated = next.get(line.id);
    if (!updated) {
      changes.push({ lineId: line.id, kind: 'REMOVED', before: line, after: null, fields: [] });
      continue;
    }
    const fields = COMPARED.filter((field) => !same(line[field], updated[field]));
    if (fields.length > 0) changes.push({ lineId: line.id, kind: 'CHANGED', before: line, after: updated, fields });
  }
  for (const line of after) {
    if (!old.has(line.id)) changes.push({ lineId: line.id, kind: 'ADDED', before: null, after: line, fields: [] });
  }
  return changes;
}

/** Applying a diff to the version it was made from gives the other version (used to check diffs compose). */
export function applyDiff(before: readonly CapacityLineSnapshot[], changes: readonly LineChange[]): CapacityLineSnapshot[] {
  const lines = new Map(before.map((line) => [line.id, line]));
  for (const change of changes) {
    if (change.kind === 'REMOVED') lines.delete(change.lineId);
    else lines.set(change.lineId, change.after!);
  }
  return [...lines.values()];
}
