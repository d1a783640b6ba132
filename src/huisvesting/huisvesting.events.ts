import { createHash } from 'node:crypto';
import { EventKinds, EventSubjectTypes, type EventSubject } from '../events/index.js';
import type { ProvinceCode } from '../reference/index.js';
import { huisvestingPolicy } from './huisvesting.policy.js';

export enum HuisvestingEventKind {
  NATIONAL_TAAKSTELLING_SET = 'NATIONAL_TAAKSTELLING_SET',
  REALISATION_RECORDED = 'REALISATION_RECORDED',
  HERVERDELING_PROPOSED = 'HERVERDELING_PROPOSED',
  HERVERDELING_CONFIRMED = 'HERVERDELING_CONFIRMED',
  KOPPELINGEN_RECORDED = 'KOPPELINGEN_RECORDED',
  POPULATION_IMPORTED = 'POPULATION_IMPORTED',
}
EventKinds.add(HuisvestingEventKind);

export enum HuisvestingEventSubject {
  NATIONAL_TAAKSTELLING = 'NATIONAL_TAAKSTELLING',
  HUISVESTING_REALISATION = 'HUISVESTING_REALISATION',
  HERVERDELING = 'HERVERDELING',
  KOPPELING = 'KOPPELING',
}
EventSubjectTypes.add(HuisvestingEventSubject);

/** Subjects without an id of their own (a gemeente's half-year, a national figure) get a stable one from their key. */
export function subjectIdOf(key: string): string {
  const hex = createHash('sha256').update(`regietafel:huisvesting:${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const ofGemeente: EventSubject = {
  canSee: (principal, event) =>
    !!event.provinceCode && huisvestingPolicy.canReadGemeente(principal, { gemeenteCode: event.gemeenteCode ?? '', provinceCode: event.provinceCode as ProvinceCode }),
};

export const huisvestingEvents: Record<string, EventSubject> = {
  // The national number is public once published: everyone with a role sees it change, in every province's feed.
  [HuisvestingEventSubject.NATIONAL_TAAKSTELLING]: { provincesInState: true, canSee: (principal) => principal.memberships.length > 0 },
  [HuisvestingEventSubject.HUISVESTING_REALISATION]: ofGemeente,
  [HuisvestingEventSubject.KOPPELING]: ofGemeente,
  // A herverdeling concerns all its parties: each gemeente, and whoever reads one of their provinces.
  [HuisvestingEventSubject.HERVERDELING]: {
    provincesInState: true,
    canSee: (principal, event) => {
      const after = (event.after ?? {}) as { gemeenteCodes?: string[]; provinceCodes?: ProvinceCode[] };
      return (
        (after.gemeenteCodes ?? []).some((code) => huisvestingPolicy.actsFor(principal, code)) ||
        (after.provinceCodes ?? []).some((code) => huisvestingPolicy.canReadProvince(principal, code))
      );
    },
  },
};
