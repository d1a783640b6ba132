import type { ProvinceCode, Role } from './vocabulary.js';

export interface ActiveMembership {
  readonly id: string;
  readonly role: Role;
  readonly organisationId: string;
  /** Abbreviation of the national organisation the membership acts for (COA, IPO, JenV, BZK, SZW, VNG); null for a provincie or gemeente. */
  readonly organisationAbbreviation: string | null;
  readonly provinceCode: ProvinceCode | null;
  readonly gemeenteCode: string | null;
  readonly uitplaatsingsregioNumber: number | null;
  /** Provinces this membership reaches: its province, its gemeente's province, or its region's provinces. */
  readonly provinceCodes: readonly ProvinceCode[];
}

/** Who is asking: the verified token subject and their active memberships (shared between requests: never changed in place). */
export interface Principal {
  subject: string;
  /** Null when the subject is not (yet) a known person: they may read reference data only. */
  personId: string | null;
  name: string;
  memberships: readonly ActiveMembership[];
  /** Provinces at whose regietafel this person has a seat (chair or member). */
  seatProvinceCodes: readonly ProvinceCode[];
  /** Epoch milliseconds at which the token expires (WebSocket connections check it per operation). */
  expiresAt: number;
}
