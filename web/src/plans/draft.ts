/**
 * The plan editor's model, apart from the screen: the form's values, how they come from a saved plan and go back to
 * the API, the three-way merge of one person's unsaved edits onto a newer version, and the draft kept in
 * localStorage so that a closed tab, a reload or a lost connection loses nothing. Pure, except for the storage.
 */

export interface RegionValues {
  name: string;
  minPlaces: string;
  maxPlaces: string;
  gemeenteCodes: string[];
}

export interface LineValues {
  /** The line's id in the plan; null for a line not saved yet. */
  id: string | null;
  /** Stable within the form, also for a new line: merges match lines by it. */
  key: string;
  opvangtypes: string[];
  targetDate: string;
  minPlaces: string;
  maxPlaces: string;
  note: string;
  regions: RegionValues[];
}

export const SECTION_KEYS = ['context', 'regionalAllocation', 'timeline', 'vergunninghouders'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

export interface PlanValues {
  title: string;
  targetDate: string;
  lines: LineValues[];
  sections: Record<SectionKey, string>;
  summary: string;
}

/** The parts of a plan the editor changes, as the API gives them. */
export interface SavedPlan {
  title: string;
  targetDate: string;
  lines: readonly {
    id: string;
    opvangtypes: readonly string[];
    targetDate: string;
    minPlaces: number;
    maxPlaces: number;
    note?: string | null;
    regions: readonly { name: string; minPlaces: number; maxPlaces: number; gemeenten: readonly { code: string }[] }[];
  }[];
  sections: Partial<Record<SectionKey, string | null>>;
}

export function valuesOf(plan: SavedPlan): PlanValues {
  return {
    title: plan.title,
    targetDate: plan.targetDate,
    lines: plan.lines.map((line) => ({
      id: line.id,
      key: line.id,
      opvangtypes: [...line.opvangtypes],
      targetDate: line.targetDate,
      minPlaces: String(line.minPlaces),
      maxPlaces: String(line.maxPlaces),
      note: line.note ?? '',
      regions: line.regions.map((region) => ({
        name: region.name,
        minPlaces: String(region.minPlaces),
        maxPlaces: String(region.maxPlaces),
        gemeenteCodes: region.gemeenten.map((gemeente) => gemeente.code),
      })),
    })),
    sections: Object.fromEntries(SECTION_KEYS.map((key) => [key, plan.sections[key] ?? ''])) as Record<SectionKey, string>,
    summary: '',
  };
}

export function newLine(targetDate: string): LineValues {
  return { id: null, key: `nieuw-${Math.random().toString(36).slice(2, 10)}`, opvangtypes: [], targetDate, minPlaces: '0', maxPlaces: '0', note: '', regions: [] };
}

/** A whole number as typed; anything else goes to the server as it is, to be refused there at its field. */
function places(value: string): number {
  const trimmed = value.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
}

/** The input of `updateProvincialPlan` (without planId and expectedVersion). */
export function planInput(values: PlanValues) {
  return {
    title: values.title,
    targetDate: values.targetDate,
    lines: values.lines.map((line) => ({
      ...(line.id ? { id: line.id } : {}),
      opvangtypes: line.opvangtypes as never[],
      targetDate: line.targetDate,
      minPlaces: places(line.minPlaces),
      maxPlaces: places(line.maxPlaces),
      note: line.note.trim() === '' ? null : line.note,
      regions: line.regions.map((region) => ({
        name: region.name,
        minPlaces: places(region.minPlaces),
        maxPlaces: places(region.maxPlaces),
        gemeenteCodes: region.gemeenteCodes,
      })),
    })),
    sections: { ...values.sections },
    ...(values.summary.trim() ? { summary: values.summary.trim() } : {}),
  };
}

/** Values compared as the person means them: the order of ticked boxes does not matter. */
function canonical(value: unknown): string {
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return JSON.stringify([...value].sort());
  return JSON.stringify(value);
}

export function sameValues(a: PlanValues, b: PlanValues): boolean {
  return canonical(comparable(a)) === canonical(comparable(b));
}

/** The values without what never reaches the plan (the change summary) and without form-only keys. */
function comparable(values: PlanValues) {
  return {
    title: values.title,
    targetDate: values.targetDate,
    sections: values.sections,
    lines: values.lines.map((line) => ({ ...line, key: line.id ?? line.key, opvangtypes: [...line.opvangtypes].sort() })),
  };
}

export const LINE_FIELDS = ['opvangtypes', 'targetDate', 'minPlaces', 'maxPlaces', 'note', 'regions'] as const;
export type LineField = (typeof LINE_FIELDS)[number];

/** A place where both the person and someone else changed the same thing since the person's base version. */
export interface MergeConflict {
  /** What it is: `title`, `sections.context`, or a line's field. */
  field: string;
  /** The line it is on (its position in the merged list, from 0), if a line. */
  lineIndex?: number;
  lineField?: LineField;
  /** The line was removed by one side and changed by the other. */
  removed?: 'mine' | 'theirs';
  mine: string;
  theirs: string;
}

export interface MergeResult {
  values: PlanValues;
  conflicts: MergeConflict[];
}

function changed(base: unknown, other: unknown): boolean {
  return canonical(base) !== canonical(other);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return JSON.stringify(value);
  return String(value ?? '');
}

/**
 * Applies what the person changed relative to `base` on `theirs` (the newer version): per field, and per line (by
 * its id) per field, the person's change wins and the rest comes from the newer version. Where both changed the same
 * field differently, the person's value is taken and the place is listed, so they can look at it before saving.
 */
export function mergeEdits(base: PlanValues, mine: PlanValues, theirs: PlanValues): MergeResult {
  const conflicts: MergeConflict[] = [];
  const pick = <T>(field: string, b: T, m: T, t: T, extra: Partial<MergeConflict> = {}): T => {
    if (!changed(b, m)) return t;
    if (changed(b, t) && changed(m, t)) conflicts.push({ field, mine: describe(m), theirs: describe(t), ...extra });
    return m;
  };
  const values: PlanValues = {
    title: pick('title', base.title, mine.title, theirs.title),
    targetDate: pick('targetDate', base.targetDate, mine.targetDate, theirs.targetDate),
    sections: Object.fromEntries(
      SECTION_KEYS.map((key) => [key, pick(`sections.${key}`, base.sections[key], mine.sections[key], theirs.sections[key])]),
    ) as Record<SectionKey, string>,
    summary: mine.summary,
    lines: [],
  };
  const baseLines = new Map(base.lines.filter((line) => line.id).map((line) => [line.id!, line]));
  const theirLines = new Map(theirs.lines.filter((line) => line.id).map((line) => [line.id!, line]));
  const mineIds = new Set(mine.lines.map((line) => line.id).filter(Boolean));
  const lines: LineValues[] = [];
  const pending: { index: number; conflict: Omit<MergeConflict, 'lineIndex'> }[] = [];
  for (const line of mine.lines) {
    const before = line.id ? baseLines.get(line.id) : undefined;
    if (!before) {
      // New on the person's side: kept as they typed it.
      lines.push(line);
      continue;
    }
    const theirsLine = theirLines.get(line.id!);
    const mineChanged = LINE_FIELDS.some((field) => changed(before[field], line[field]));
    if (!theirsLine) {
      // Removed by the other side: gone, unless the person changed it (then it stays, as a new line, and is named).
      if (!mineChanged) continue;
      const kept = { ...line, id: null, key: `nieuw-${line.key}` };
      pending.push({ index: lines.length, conflict: { field: 'line', removed: 'theirs', mine: 'gewijzigd', theirs: 'verwijderd' } });
      lines.push(kept);
      continue;
    }
    const merged: LineValues = { ...theirsLine, key: line.key };
    for (const field of LINE_FIELDS) {
      const b = before[field];
      const m = line[field];
      const t = theirsLine[field];
      if (!changed(b, m)) continue;
      if (changed(b, t) && changed(m, t)) pending.push({ index: lines.length, conflict: { field: `line.${field}`, lineField: field, mine: describe(m), theirs: describe(t) } });
      (merged as unknown as Record<string, unknown>)[field] = m;
    }
    lines.push(merged);
  }
  // Lines the person removed: gone, but named when the other side changed them meanwhile.
  for (const [id, before] of baseLines) {
    if (mineIds.has(id)) continue;
    const theirsLine = theirLines.get(id);
    if (theirsLine && LINE_FIELDS.some((field) => changed(before[field], theirsLine[field]))) {
      conflicts.push({ field: 'line', removed: 'mine', mine: 'verwijderd', theirs: lineText(theirsLine) });
    }
  }
  // Lines the other side added: taken over.
  for (const line of theirs.lines) {
    if (line.id && !baseLines.has(line.id) && !mineIds.has(line.id)) lines.push(line);
  }
  values.lines = lines;
  for (const { index, conflict } of pending) conflicts.push({ ...conflict, lineIndex: index });
  return { values, conflicts };
}

function lineText(line: LineValues): string {
  return `${line.opvangtypes.join(' + ') || 'elk opvangtype'}, ${line.minPlaces}–${line.maxPlaces} op ${line.targetDate}`;
}

/** What is kept in localStorage for one plan: the unsaved values and the version they started from. */
export interface StoredDraft {
  baseVersion: number;
  base: PlanValues;
  values: PlanValues;
  savedAt: string;
}

const DRAFT_PREFIX = 'regietafel.planDraft.';

export function draftKey(person: string, planId: string): string {
  return `${DRAFT_PREFIX}${person}.${planId}`;
}

export function readDraft(key: string): StoredDraft | null {
  try {
    const text = window.localStorage.getItem(key);
    if (!text) return null;
    const draft = JSON.parse(text) as StoredDraft;
    return typeof draft.baseVersion === 'number' && draft.values && draft.base ? draft : null;
  } catch {
    return null;
  }
}

export function writeDraft(key: string, draft: StoredDraft): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(draft));
  } catch {
    // Storage full or refused (private mode): the warning before leaving still protects the edits.
  }
}

export function clearDraft(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // nothing to do
  }
}
