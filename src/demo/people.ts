import type { SignInUser } from '../platform/web.js';
import { ProvinceCode } from '../reference/enums.js';
import { RegietafelFunction, Role } from '../people/enums.js';

/**
 * Fictitious demo people. Their handle is the subject of their tokens: `npm run token -- <handle>`.
 * Names say what the person is; none is a real person.
 */
export interface DemoPerson {
  handle: string;
  name: string;
  membership?:
    | { role: Role.LRT | Role.IPO }
    | { role: Role.PARTNER; abbreviation: NationalAbbreviation }
    | { role: Role.PRT_SECRETARIAAT; provinceCode: ProvinceCode }
    | { role: Role.GEMEENTE; gemeenteName: string }
    | { role: Role.COA_REGIO; uitplaatsingsregio: number };
  seats?: { provinceCode: ProvinceCode; function: RegietafelFunction; capacity: string; organisation: DemoOrganisation }[];
}

export type DemoOrganisation =
  | { kind: 'PROVINCIE'; provinceCode: ProvinceCode }
  | { kind: 'GEMEENTE'; gemeenteName: string }
  | { kind: 'NATIONAL'; abbreviation: NationalAbbreviation };

/** The national organisations, by the abbreviation migration 9 gives them. */
export type NationalAbbreviation = 'COA' | 'IPO' | 'JenV' | 'BZK' | 'SZW' | 'VNG';

const PROVINCES: { code: ProvinceCode; name: string; regio: number; veiligheidsregio: string; gemeenten: string[] }[] = [
  { code: ProvinceCode.GR, name: 'Groningen', regio: 1, veiligheidsregio: 'Groningen', gemeenten: ['Groningen', 'Westerkwartier'] },
  { code: ProvinceCode.FR, name: 'Fryslân', regio: 1, veiligheidsregio: 'Fryslân', gemeenten: ['Leeuwarden', 'Súdwest-Fryslân'] },
  { code: ProvinceCode.DR, name: 'Drenthe', regio: 1, veiligheidsregio: 'Drenthe', gemeenten: ['Assen', 'Emmen'] },
  { code: ProvinceCode.OV, name: 'Overijssel', regio: 2, veiligheidsregio: 'IJsselland', gemeenten: ['Zwolle', 'Enschede'] },
  { code: ProvinceCode.FL, name: 'Flevoland', regio: 3, veiligheidsregio: 'Flevoland', gemeenten: ['Lelystad', 'Almere'] },
  { code: ProvinceCode.GE, name: 'Gelderland', regio: 2, veiligheidsregio: 'Gelderland-Midden', gemeenten: ['Arnhem', 'Nijmegen'] },
  { code: ProvinceCode.UT, name: 'Utrecht', regio: 3, veiligheidsregio: 'Utrecht', gemeenten: ['Utrecht', 'Zeist', 'Amersfoort'] },
  { code: ProvinceCode.NH, name: 'Noord-Holland', regio: 3, veiligheidsregio: 'Kennemerland', gemeenten: ['Haarlem', 'Amsterdam'] },
  { code: ProvinceCode.ZH, name: 'Zuid-Holland', regio: 4, veiligheidsregio: 'Haaglanden', gemeenten: ["'s-Gravenhage", 'Rotterdam'] },
  { code: ProvinceCode.ZE, name: 'Zeeland', regio: 4, veiligheidsregio: 'Zeeland', gemeenten: ['Middelburg', 'Vlissingen'] },
  { code: ProvinceCode.NB, name: 'Noord-Brabant', regio: 5, veiligheidsregio: 'Brabant-Noord', gemeenten: ["'s-Hertogenbosch", 'Eindhoven'] },
  { code: ProvinceCode.LI, name: 'Limburg', regio: 5, veiligheidsregio: 'Limburg-Zuid', gemeenten: ['Maastricht', 'Venlo'] },
];

export function slug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function buildDemoPeople(): DemoPerson[] {
  const people: DemoPerson[] = [
    { handle: 'lrt', name: 'LRT-coördinator (demo)', membership: { role: Role.LRT } },
    { handle: 'ipo', name: 'IPO-monitor (demo)', membership: { role: Role.IPO } },
    {
      handle: 'jenv',
      name: 'Vertegenwoordiger JenV (demo)',
      membership: { role: Role.PARTNER, abbreviation: 'JenV' },
      seats: PROVINCES.map((p) => ({
        provinceCode: p.code,
        function: RegietafelFunction.LID,
        capacity: 'Ministerie van Justitie en Veiligheid',
        organisation: { kind: 'NATIONAL', abbreviation: 'JenV' },
      })),
    },
    { handle: 'bzk', name: 'Medewerker BZK (demo)', membership: { role: Role.PARTNER, abbreviation: 'BZK' } },
    { handle: 'szw', name: 'Medewerker SZW (demo)', membership: { role: Role.PARTNER, abbreviation: 'SZW' } },
    { handle: 'vng', name: 'Medewerker VNG (demo)', membership: { role: Role.PARTNER, abbreviation: 'VNG' } },
  ];
  for (let regio = 1; regio <= 5; regio++) {
    people.push({
      handle: `coa-regio-${regio}`,
      name: `COA-regievoerder uitplaatsingsregio ${regio} (demo)`,
      membership: { role: Role.COA_REGIO, uitplaatsingsregio: regio },
      seats: PROVINCES.filter((p) => p.regio === regio).map((p) => ({
        provinceCode: p.code,
        function: RegietafelFunction.LID,
        capacity: 'COA',
        organisation: { kind: 'NATIONAL', abbreviation: 'COA' },
      })),
    });
  }
  for (const province of PROVINCES) {
    const code = province.code.toLowerCase();
    const provincie: DemoOrganisation = { kind: 'PROVINCIE', provinceCode: province.code };
    people.push(
      {
        handle: `voorzitter-${code}`,
        name: `Voorzitter PRT ${province.name} (demo)`,
        seats: [{ provinceCode: province.code, function: RegietafelFunction.VOORZITTER, capacity: 'Commissaris van de Koning, Rijksheer', organisation: provincie }],
      },
      {
        handle: `gedeputeerde-${code}`,
        name: `Gedeputeerde ${province.name} (demo)`,
        seats: [{ provinceCode: province.code, function: RegietafelFunction.LID, capacity: 'Gedeputeerde', organisation: provincie }],
      },
      {
        handle: `secretariaat-${code}`,
        name: `Secretariaat PRT ${province.name} (demo)`,
        membership: { role: Role.PRT_SECRETARIAAT, provinceCode: province.code },
      },
    );
    if (province.code === ProvinceCode.UT) {
      // A second editor of the same plan: two people of one secretariat may work on the plan at once.
      people.push({ handle: 'secretariaat-ut-2', name: 'Tweede medewerker secretariaat PRT Utrecht (demo)', membership: { role: Role.PRT_SECRETARIAAT, provinceCode: province.code } });
    }
    province.gemeenten.forEach((gemeenteName, index) => {
      if (index < 2) {
        people.push({
          handle: `burgemeester-${slug(gemeenteName)}`,
          name: `Burgemeester ${gemeenteName} (demo)`,
          seats: [
            {
              provinceCode: province.code,
              function: RegietafelFunction.LID,
              capacity: index === 0 ? `Burgemeester, veiligheidsregio ${province.veiligheidsregio}` : 'Burgemeester',
              organisation: { kind: 'GEMEENTE', gemeenteName },
            },
          ],
        });
      }
      people.push({
        handle: `gemeente-${slug(gemeenteName)}`,
        name: `Medewerker gemeente ${gemeenteName} (demo)`,
        membership: { role: Role.GEMEENTE, gemeenteName },
      });
    });
  }
  return people;
}

export const DEMO_PEOPLE: readonly DemoPerson[] = buildDemoPeople();

/** The demo people as the development sign-in page offers them: by role, with what the role applies to. */
export function demoSignInUsers(): SignInUser[] {
  return DEMO_PEOPLE.map((person) => {
    const membership = person.membership;
    const scope = !membership
      ? (person.seats?.[0]?.provinceCode ?? null)
      : 'provinceCode' in membership
        ? membership.provinceCode
        : 'gemeenteName' in membership
          ? membership.gemeenteName
          : 'uitplaatsingsregio' in membership
            ? String(membership.uitplaatsingsregio)
            : 'abbreviation' in membership
              ? membership.abbreviation
              : null;
    return { handle: person.handle, name: person.name, role: membership?.role ?? null, scope };
  });
}
