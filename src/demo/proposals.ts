import type { DataSource } from 'typeorm';
import { loadPrincipal } from '../platform/auth/authenticate.js';
import type { Logger } from '../platform/logger.js';
import { Opvangtype, type ProvinceCode } from '../reference/enums.js';
import { ProposalService } from '../proposals/proposal.service.js';
import { ProposalStatus } from '../proposals/status.js';
import { ProposalDecision } from '../proposals/types.js';
import { AgreementService } from '../agreements/agreement.service.js';
import { recordCrisisnoodopvang } from '../agreements/crisisnoodopvang.js';
import { AgreementCapacityKind } from '../agreements/types.js';
import { DEMO_PEOPLE, slug } from './people.js';
import { dateCrisisnoodopvang, dateExtension, storyMoment } from './dates.js';

/**
 * Demo proposals in every status and demo agreements in every province, with fictitious locations and figures
 * that tell the story of 2020–2023 as the Integrale Handreiking (11 February 2021) reports it:
 * - every province has its existing AZC (Utrecht's has 500 places, running since 2015);
 * - the short-term target of November 2019 (417 per province) is met in part, with extra places (never noodopvang,
 *   which is temporary and does not count) in some provinces in 2020, and in January 2021 Groningen and Noord-Brabant
 *   realise 814 extra places (414 + 400);
 * - 15 agreements (of different types, in 11 provinces) expire in 2020–2021, and 9 of them are extended;
 * - Zuid-Holland replaces a closing AZC (REPLACEMENT, not extra);
 * - the flexible system is being built toward 2023: a few ROL agreements, late (from October 2022), in three provinces;
 * - in 2022 a gemeente records crisisnoodopvang (its own, not COA's).
 * Per province: two proposals of its first demo gemeente and the agreements below. Skipped where the gemeente already
 * has proposals. An extension is recorded on the day it was decided, crisisnoodopvang on the day it opened (see
 * dates.ts), not when the demo is loaded.
 */
interface StoryAgreement {
  /** `{g}` is the gemeente's name. */
  name: string;
  type: Opvangtype;
  places: number;
  amv?: number;
  start: string;
  end: string;
  signed: string;
  kind?: AgreementCapacityKind;
  extendedTo?: { end: string; decided: string };
}

const T = Opvangtype;
export const STORY: Partial<Record<ProvinceCode, StoryAgreement[]>> = {
  GR: [
    { name: 'AZC {g} Zuid (demo)', type: T.AZC, places: 500, start: '2014-03-01', end: '2024-02-29', signed: '2014-01-15' },
    { name: 'Opvang {g} Zernike (demo)', type: T.AZC, places: 414, start: '2021-01-11', end: '2026-01-10', signed: '2020-12-01' },
    { name: 'POL {g} (demo)', type: T.PROCESOPVANGLOCATIE, places: 300, start: '2016-05-01', end: '2021-04-30', signed: '2016-03-01', extendedTo: { end: '2023-04-30', decided: '2021-02-15' } },
    { name: 'ROL {g} (demo)', type: T.ROL, places: 250, start: '2022-10-01', end: '2032-09-30', signed: '2022-06-15' },
  ],
  FR: [
    { name: 'AZC {g} (demo)', type: T.AZC, places: 450, start: '2012-01-01', end: '2027-12-31', signed: '2011-10-01' },
    { name: 'Gezinslocatie {g} (demo)', type: T.GEZINSLOCATIE, places: 200, start: '2016-01-01', end: '2020-12-31', signed: '2015-11-01', extendedTo: { end: '2025-12-31', decided: '2020-09-01' } },
    { name: 'AZC {g} Noord (demo)', type: T.AZC, places: 250, start: '2020-06-01', end: '2030-05-31', signed: '2020-04-01' },
  ],
  DR: [
    { name: 'AZC {g} (demo)', type: T.AZC, places: 600, start: '2013-05-01', end: '2028-04-30', signed: '2013-02-01' },
    { name: 'AZC {g} Kamp (demo)', type: T.AZC, places: 350, start: '2016-02-01', end: '2021-01-31', signed: '2015-12-01' },
    { name: 'VBL {g} (demo)', type: T.VRIJHEIDSBEPERKENDE_LOCATIE, places: 150, start: '2016-07-01', end: '2021-06-30', signed: '2016-05-01', extendedTo: { end: '2026-06-30', decided: '2021-03-01' } },
  ],
  OV: [
    { name: 'AZC {g} (demo)', type: T.AZC, places: 400, start: '2015-09-01', end: '2025-08-31', signed: '2015-07-01' },
    { name: 'AZC {g} Hessenpoort (demo)', type: T.AZC, places: 300, start: '2016-10-01', end: '2020-09-30', signed: '2016-08-01', extendedTo: { end: '2022-09-30', decided: '2020-06-15' } },
    { name: 'Opvang {g} Stadshagen (demo)', type: T.AZC, places: 200, start: '2020-09-01', end: '2030-08-31', signed: '2020-07-01' },
  ],
  FL: [
    { name: 'AZC {g} (demo)', type: T.AZC, places: 500, start: '2014-01-01', end: '2029-12-31', signed: '2013-10-01' },
    { name: 'Noodopvang {g} (demo)', type: T.NOODOPVANG, places: 250, start: '2020-04-01', end: '2020-12-31', signed: '2020-03-15' },
  ],
  GE: [
    { name: 'AZC {g} (demo)', type: T.AZC, places: 550, start: '2011-01-01', end: '2026-12-31', signed: '2010-10-01' },
    { name: 'AZC {g} Schaarsbergen (demo)', type: T.AZC, places: 400, start: '2015-12-01', end: '2020-11-30', signed: '2015-10-01', extendedTo: { end: '2025-11-30', decided: '2020-10-01' } },
    { name: 'Kleine woonvoorziening {g} (demo)', type: T.KLEINE_WOONVOORZIENING_AMV, places: 18, amv: 18, start: '2017-01-01', end: '2021-12-31', signed: '2016-11-01', extendedTo: { end: '2026-12-31', decided: '2021-09-01' } },
    { name: 'ROL {g} (demo)', type: T.ROL, places: 300, start: '2023-01-01', end: '2032-12-31', signed: '2022-09-15' },
  ],
  UT: [
    { name: 'AZC {g} (demo)', type: T.AZC, places: 500, amv: 40, start: '2015-07-01', end: '2020-12-31', signed: '2015-05-01', extendedTo: { end: '2025-12-31', decided: '2020-10-15' } },
    { name: 'Noodopvang {g} Jaarbeurs (demo)', type: T.NOODOPVANG, places: 400, start: '2020-03-01', end: '2021-02-28', signed: '2020-02-20' },
    { name: 'Gezinslocatie {g} (demo)', type: T.GEZINSLOCATIE, places: 180, start: '2020-05-01', end: '2030-04-30', signed: '2020-03-01' },
  ],
  NH: [
    { name: 'AZC {g} (demo)', type: T.AZC, places: 450, start: '2014-01-01', end: '2026-12-31', signed: '2013-11-01' },
    { name: 'AZC {g} Schalkwijk (demo)', type: T.AZC, places: 300, start: '2016-04-01', end: '2021-03-31', signed: '2016-02-01' },
    { name: 'Opvang {g} Waarderpolder (demo)', type: T.AZC, places: 417, start: '2020-11-01', end: '2030-10-31', signed: '2020-09-01' },
  ],
  ZH: [
    { name: 'AZC {g} (demo)', type: T.AZC, places: 600, start: '2010-01-01', end: '2025-12-31', signed: '2009-10-01' },
    { name: 'AZC {g} Ypenburg (demo)', type: T.AZC, places: 350, start: '2016-01-01', end: '2021-06-30', signed: '2015-11-01' },
    { name: 'POL {g} (demo)', type: T.PROCESOPVANGLOCATIE, places: 250, start: '2017-01-01', end: '2021-12-31', signed: '2016-11-01', extendedTo: { end: '2024-12-31', decided: '2021-10-01' } },
    { name: 'Opvang {g} Binckhorst (demo)', type: T.AZC, places: 417, start: '2020-12-01', end: '2030-11-30', signed: '2020-10-01' },
    { name: 'AZC {g} Leidschenveen (demo)', type: T.AZC, places: 550, start: '2021-07-01', end: '2036-06-30', signed: '2021-03-01', kind: AgreementCapacityKind.REPLACEMENT },
  ],
  ZE: [
    { name: 'AZC {g} (demo)', type: T.AZC, places: 400, start: '2015-01-01', end: '2027-12-31', signed: '2014-11-01' },
    { name: 'AZC {g} Dauwendaele (demo)', type: T.AZC, places: 250, start: '2016-03-01', end: '2021-02-28', signed: '2016-01-01', extendedTo: { end: '2023-02-28', decided: '2020-12-01' } },
  ],
  NB: [
    { name: 'AZC {g} (demo)', type: T.AZC, places: 500, start: '2013-01-01', end: '2028-12-31', signed: '2012-10-01' },
    { name: 'Opvang {g} Rosmalen (demo)', type: T.AZC, places: 400, start: '2021-01-18', end: '2026-01-17', signed: '2020-12-10' },
    { name: 'Noodopvang {g} (demo)', type: T.NOODOPVANG, places: 300, start: '2020-05-01', end: '2020-10-31', signed: '2020-04-15' },
    { name: 'ROL {g} (demo)', type: T.ROL, places: 280, start: '2022-11-01', end: '2032-10-31', signed: '2022-07-01' },
  ],
  LI: [
    { name: 'AZC {g} (demo)', type: T.AZC, places: 450, start: '2016-06-01', end: '2026-05-31', signed: '2016-04-01' },
    { name: 'Opvang {g} Randwyck (demo)', type: T.AZC, places: 300, start: '2020-10-01', end: '2030-09-30', signed: '2020-08-01' },
  ],
};

/** Crisisnoodopvang a gemeente opened in 2022 (its own, not COA's). */
const CRISIS: Partial<Record<ProvinceCode, { name: string; places: number; from: string; until: string; note: string }[]>> = {
  OV: [{ name: 'Sporthal {g} (demo)', places: 150, from: '2022-08-15', until: '2022-12-31', note: 'Crisisnoodopvang, gemeente en veiligheidsregio IJsselland (demo)' }],
};
const PATHS: ProposalStatus[] = [
  ProposalStatus.CONCEPT,
  ProposalStatus.INGEDIEND,
  ProposalStatus.IN_VERKENNING,
  ProposalStatus.POSITIEF_ADVIES,
  ProposalStatus.NEGATIEF_ADVIES,
  ProposalStatus.BESLOTEN,
  ProposalStatus.OMGEZET,
  ProposalStatus.INGETROKKEN,
];
const TYPES = [Opvangtype.ROL, Opvangtype.AZC, Opvangtype.GVL, Opvangtype.SATELLIET];
const S = ProposalStatus;
/** The steps that bring a new proposal to each status (withdrawal and conversion follow separately). */
const ROUTES: Record<ProposalStatus, ProposalStatus[]> = {
  [S.CONCEPT]: [],
  [S.INGEDIEND]: [S.INGEDIEND],
  [S.IN_VERKENNING]: [S.INGEDIEND, S.IN_VERKENNING],
  [S.POSITIEF_ADVIES]: [S.INGEDIEND, S.IN_VERKENNING, S.POSITIEF_ADVIES],
  [S.NEGATIEF_ADVIES]: [S.INGEDIEND, S.IN_VERKENNING, S.NEGATIEF_ADVIES],
  [S.BESLOTEN]: [S.INGEDIEND, S.IN_VERKENNING, S.POSITIEF_ADVIES, S.BESLOTEN],
  [S.OMGEZET]: [S.INGEDIEND, S.IN_VERKENNING, S.POSITIEF_ADVIES, S.BESLOTEN],
  [S.INGETROKKEN]: [S.INGEDIEND],
};

export async function seedDemoProposalsAndAgreements(db: DataSource, log: Logger): Promise<{ proposals: number; agreements: number }> {
  const proposals = new ProposalService(db);
  const agreements = new AgreementService(db, proposals);
  const as = (subject: string) => loadPrincipal(db, { sub: subject, exp: Math.floor(Date.now() / 1000) + 3600 });
  const provinces: { code: ProvinceCode; name: string; regio: number }[] = await db.query(
    'SELECT code, name, uitplaatsingsregio_number AS regio FROM province ORDER BY cbs_code',
  );
  const made = { proposals: 0, agreements: 0 };
  for (const [index, province] of provinces.entries()) {
    const person = DEMO_PEOPLE.find((p) => p.membership?.role === 'GEMEENTE' && p.handle.startsWith('gemeente-') && demoProvince(p.handle) === province.code);
    if (!person || person.membership?.role !== 'GEMEENTE') continue;
    const [gemeente] = await db.query('SELECT code FROM gemeente WHERE name = $1 AND valid_until IS NULL', [person.membership.gemeenteName]);
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM location_proposal WHERE gemeente_code = $1', [gemeente.code]);
    if (n > 0) continue;
    const gemeenteUser = await as(person.handle);
    const coa = await as(`coa-regio-${province.regio}`);
    const name = person.membership.gemeenteName;

    for (let k = 0; k < 2; k++) {
      const target = PATHS[(index * 2 + k) % PATHS.length];
      const places = k === 0 ? 120 : 300 + index * 10;
      let p = await proposals.create(gemeenteUser, {
        gemeenteCode: gemeente.code,
        name: `${k === 0 ? 'Kleinschalige opvang' : 'Opvanglocatie'} ${name} ${k + 1} (demo)`,
        address: `Demostraat ${index + 1}${k === 0 ? 'a' : 'b'}, ${name}`,
        opvangtype: TYPES[(index + k) % TYPES.length],
        places,
        intendedStart: '2022-09-01',
        intendedDurationMonths: 120,
        flexibleUse: k === 0,
        description: 'Fictieve demolocatie.',
      });
      const step = async (status: ProposalStatus) => {
        switch (status) {
          case ProposalStatus.INGEDIEND:
            return proposals.submit(gemeenteUser, p.id, p.version);
          case ProposalStatus.IN_VERKENNING:
            return proposals.startExploration(coa, p.id, p.version);
          case ProposalStatus.POSITIEF_ADVIES:
            return proposals.advise(coa, p.id, p.version, true, 'Geschikte locatie (demo).');
          case ProposalStatus.NEGATIEF_ADVIES:
            return proposals.advise(coa, p.id, p.version, false, 'Te ver van voorzieningen (demo).');
          case ProposalStatus.BESLOTEN:
            return proposals.decide(gemeenteUser, p.id, p.version, ProposalDecision.GO, 'Besluit van het college (demo)');
          default:
            return p;
        }
      };
      const route = ROUTES[target];
      for (const status of route) p = await step(status);
      if (target === ProposalStatus.INGETROKKEN) p = await proposals.withdraw(gemeenteUser, p.id, p.version, 'Gebouw niet meer beschikbaar (demo)');
      if (target === ProposalStatus.OMGEZET) {
        await agreements.register(coa, {
          gemeenteCode: gemeente.code,
          locationName: p.name,
          opvangtype: p.opvangtype,
          maxPlaces: p.places,
          startDate: '2022-09-01',
          endDate: '2032-08-31',
          signedOn: '2022-07-01',
          proposalId: p.id,
        });
        made.agreements += 1;
      }
      made.proposals += 1;
    }

    for (const story of STORY[province.code] ?? []) {
      const registered = await agreements.register(coa, {
        gemeenteCode: gemeente.code,
        locationName: story.name.replace('{g}', name),
        opvangtype: story.type,
        maxPlaces: story.places,
        amvPlaces: story.amv ?? null,
        startDate: story.start,
        endDate: story.end,
        signedOn: story.signed,
        capacityKind: story.kind ?? null,
      });
      made.agreements += 1;
      if (story.extendedTo) {
        await agreements.extend(coa, { agreementId: registered.id, expectedVersion: registered.version, newEndDate: story.extendedTo.end, decidedOn: story.extendedTo.decided });
        await dateExtension(db, registered.id, 1, storyMoment(story.extendedTo.decided));
      }
    }
    for (const crisis of CRISIS[province.code] ?? []) {
      const recorded = await recordCrisisnoodopvang(db, gemeenteUser, { gemeenteCode: gemeente.code, locationName: crisis.name.replace('{g}', name), places: crisis.places, from: crisis.from, until: crisis.until, note: crisis.note });
      await dateCrisisnoodopvang(db, recorded.id, storyMoment(crisis.from, '09:00'));
    }
  }
  log.info(made, 'demo proposals and agreements loaded');
  return made;
}

function demoProvince(handle: string): string | undefined {
  const person = DEMO_PEOPLE.find((p) => p.handle === handle);
  if (person?.membership?.role !== 'GEMEENTE') return undefined;
  const name = person.membership.gemeenteName;
  return DEMO_PEOPLE.find((p) => p.handle === `burgemeester-${slug(name)}`)?.seats?.[0]?.provinceCode;
}
