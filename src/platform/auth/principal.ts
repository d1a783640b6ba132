import type { ProvinceCode, Role } from './vocabulary.js';

export interface ActiveMembership {
  id: string;
  role: Role;
  organisationId: string;
  /** Abbreviation of the national organisation the membership acts for (COA, IPO, JenV, BZK, SZW, VNG); null for a provincie or gemeente. */
  organisationAbbreviation: string | null;
  provinceCode: ProvinceCode | null;
  gemeenteCode: string | null;
  uitplaatsingsregioNumber: number | null;
  /** Provinces this membership reaches: its province, its gemeente's province, or its region's provinces. */
  provinceCodes: ProvinceCode[];
}

/** Who is asking: the verified token subject and their active memberships. */
export interface Principal {
  subject: string;
  /** Null when the subject is not (yet) a known person: they may read reference data only. */
  personId: string | null;
  name: string;
  memberships: ActiveMembership[];
  /** Provinces at whose regietafel this person has a seat (chair or member). */
  seatProvinceCodes: ProvinceCode[];
  /** Epoch milliseconds at which the token expires (WebSocket connections check it per operation). */
  expiresAt: number;
}
