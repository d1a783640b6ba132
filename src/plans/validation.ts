import { badUserInput } from '../platform/errors.js';
import { isIsoDate } from '../platform/dates.js';
import { assertText, codePoints, CONTROL, isCleanText, isUuid } from '../platform/validation.js';

export { assertText, isIsoDate };
import { Opvangtype } from '../reference/index.js';
import type { CapacityLineSnapshot, RegionShareSnapshot } from './diff.js';
import { SECTION_NAMES, type SectionName } from './types.js';

export const LIMITS = {
  title: 200,
  section: 20_000,
  note: 1_000,
  regionName: 200,
  lines: 200,
  regionsPerLine: 50,
  gemeentenPerRegion: 100,
  places: 1_000_000,
  reason: 2_000,
  source: 500,
} as const;

export interface RoundPeriod {
  code: string;
  targetFrom: string;
  targetUntil: string;
}

export function assertDateInRound(value: string, round: RoundPeriod, field: string): void {
  if (!isIsoDate(value)) throw badUserInput(`${value} is not a date (YYYY-MM-DD)`, field);
  if (value < round.targetFrom || value > round.targetUntil) {
    throw badUserInput(`${value} lies outside planning round ${round.code} (${round.targetFrom} to ${round.targetUntil})`, field);
  }
}

export function assertTitle(value: string, field: string): string {
  const title = value.trim();
  if (!title || !isCleanText(title, LIMITS.title)) throw badUserInput(`title must be 1 to ${LIMITS.title} characters on one line`, field);
  return title;
}


/** Sections in Markdown, each bounded; null or empty clears a section. */
export function normaliseSections(sections: Partial<Record<SectionName, string | null>>, field: string): Partial<Record<SectionName, string | null>> {
  const result: Partial<Record<SectionName, string | null>> = {};
  for (const name of SECTION_NAMES) {
    if (!(name in sections) || sections[name] === undefined) continue;
    const value = sections[name];
    if (value === null || value.trim() === '') {
      result[name] = null;
      continue;
    }
    if (codePoints(value) > LIMITS.section) throw badUserInput(`section ${name} is longer than ${LIMITS.section} characters`, `${field}.${name}`);
    if (CONTROL.test(value)) throw badUserInput(`section ${name} contains control characters`, `${field}.${name}`);
    result[name] = value;
  }
  return result;
}

export interface LineInput {
  id?: string | null;
  opvangtypes: string[];
  targetDate: string;
  minPlaces: number;
  maxPlaces: number;
  regions?: { name: string; gemeenteCodes?: string[] | null; minPlaces: number; maxPlaces: number }[] | null;
  note?: string | null;
}


function assertPlaces(min: number, max: number, field: string): void {
  for (const [name, value] of [['minPlaces', min], ['maxPlaces', max]] as const) {
    if (!Number.isInteger(value) || value < 0) throw badUserInput(`${name} must be a whole number of at least 0`, `${field}.${name}`);
    if (value > LIMITS.places) throw badUserInput(`${name} must be at most ${LIMITS.places}`, `${field}.${name}`);
  }
  if (min > max) throw badUserInput(`minPlaces (${min}) is above maxPlaces (${max})`, `${field}.minPlaces`);
}

/**
 * Checks capacity lines and gives each a stable id (kept when the client sends it, new otherwise).
 * `gemeenteCodesOfProvince` are the current gemeenten of the plan's province: a region groups some of them.
 */
export function normaliseLines(
  lines: readonly LineInput[],
  round: RoundPeriod,
  gemeenteCodesOfProvince: ReadonlySet<string>,
  newId: () => string,
  field = 'input.lines',
): CapacityLineSnapshot[] {
  if (lines.length > LIMITS.lines) throw badUserInput(`a plan has at most ${LIMITS.lines} lines`, field);
  const ids = new Set<string>();
  return lines.map((line, index) => {
    const at = `${field}[${index}]`;
    let id = line.id ?? null;
    if (id !== null) {
      if (!isUuid(id)) throw badUserInput('id must be the id of a line of this plan, or left out for a new line', `${at}.id`);
      id = id.toLowerCase();
      if (ids.has(id)) throw badUserInput('two lines have the same id', `${at}.id`);
      ids.add(id);
    }
    const opvangtypes = [...new Set(line.opvangtypes)];
    for (const type of opvangtypes) {
      if (!Object.values(Opvangtype).includes(type as Opvangtype)) throw badUserInput(`unknown opvangtype ${type}`, `${at}.opvangtypes`);
    }
    assertDateInRound(line.targetDate, round, `${at}.targetDate`);
    assertPlaces(line.minPlaces, line.maxPlaces, at);
    const regions: RegionShareSnapshot[] = (line.regions ?? []).map((region, r) => {
      const regionAt = `${at}.regions[${r}]`;
      const name = assertText(region.name, LIMITS.regionName, `${regionAt}.name`, false);
      const gemeenteCodes = [...new Set((region.gemeenteCodes ?? []).map((code) => code.trim().toUpperCase()))];
      if (gemeenteCodes.length > LIMITS.gemeentenPerRegion) throw badUserInput(`a region lists at most ${LIMITS.gemeentenPerRegion} gemeenten`, `${regionAt}.gemeenteCodes`);
      for (const code of gemeenteCodes) {
        if (!gemeenteCodesOfProvince.has(code)) throw badUserInput(`${code.slice(0, 12)} is not a current gemeente of this province`, `${regionAt}.gemeenteCodes`);
      }
      assertPlaces(region.minPlaces, region.maxPlaces, regionAt);
      if (region.maxPlaces > line.maxPlaces) throw badUserInput(`a region cannot take more than the line's maximum of ${line.maxPlaces}`, `${regionAt}.maxPlaces`);
      return { name, gemeenteCodes, minPlaces: region.minPlaces, maxPlaces: region.maxPlaces };
    });
    if (regions.length > LIMITS.regionsPerLine) throw badUserInput(`a line has at most ${LIMITS.regionsPerLine} regions`, `${at}.regions`);
    const allocatedMin = regions.reduce((sum, region) => sum + region.minPlaces, 0);
    if (allocatedMin > line.maxPlaces) {
      throw badUserInput(`the regions take at least ${allocatedMin} places, more than the line's maximum of ${line.maxPlaces}`, `${at}.regions`);
    }
    const note = line.note === null || line.note === undefined || line.note.trim() === '' ? null : assertText(line.note, LIMITS.note, `${at}.note`);
    return { id: id ?? newId(), opvangtypes, targetDate: line.targetDate, minPlaces: line.minPlaces, maxPlaces: line.maxPlaces, regions, note };
  });
}
