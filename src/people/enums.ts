import { registerEnumType } from 'type-graphql';

import { Role } from '../platform/auth/vocabulary.js';

export { Role };

registerEnumType(Role, {
  name: 'Role',
  description: 'What a membership lets a person do, and where.',
  valuesConfig: {
    PRT_SECRETARIAAT: { description: "Secretariat of one province's regietafel: composes the provincial plan." },
    GEMEENTE: { description: 'Works for one gemeente: proposes locations and decides on them.' },
    COA_REGIO: { description: 'COA regional contact for one uitplaatsingsregio, so for its provinces.' },
    IPO: { description: 'Interprovinciaal Overleg: monitors national spreiding, reads everything.' },
    LRT: { description: 'Landelijke Regietafel: national coordination; grants and revokes memberships.' },
    PARTNER: {
      description:
        'Works for a national partner of the Handreiking (a ministry such as JenV, BZK or SZW, or VNG): reads the national figures; JenV sets the national taakstelling.',
    },
  },
});

export enum OrganisationKind {
  PROVINCIE = 'PROVINCIE',
  GEMEENTE = 'GEMEENTE',
  COA = 'COA',
  IPO = 'IPO',
  MINISTERIE = 'MINISTERIE',
  VNG = 'VNG',
}

registerEnumType(OrganisationKind, {
  name: 'OrganisationKind',
  valuesConfig: {
    MINISTERIE: { description: 'A ministry: JenV, BZK or SZW (more may be registered).' },
    VNG: { description: 'Vereniging van Nederlandse Gemeenten.' },
  },
});

export enum RegietafelFunction {
  VOORZITTER = 'VOORZITTER',
  LID = 'LID',
}

registerEnumType(RegietafelFunction, {
  name: 'RegietafelFunction',
  description: 'Seat at a regietafel: its chair (the Commissaris van de Koning as Rijksheer) or a member.',
});
