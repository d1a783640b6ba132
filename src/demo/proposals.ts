import type { DataSource } from 'typeorm';
import { loadPrincipal } from '../platform/auth/authenticate.js';
import type { Logger } from '../platform/logger.js';
import { Opvangtype, type ProvinceCode } from '../reference/enums.js';
import { ProposalService } from '../proposals/proposal.service.js';
import { ProposalStatus } from '../proposals/status.js';
import { ProposalDecision } from '../proposals/types.js';
import { AgreementService } from '../agreements/agreement.service.js';
import { DEMO_PEOPLE, slug } from './people.js';

/**
 * Demo proposals in every status and demo agreements in every province, with fictitious figures and
 * locations. Per province: two proposals of its first demo gemeente, and three agreements (one that
 * expired in 2021, one extended, one running). Skipped where the gemeente already has proposals.
 */
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

    const location = (suffix: string) => `AZC ${name} ${suffix} (demo)`;
    await agreements.register(coa, { gemeenteCode: gemeente.code, locationName: location('Oost'), opvangtype: Opvangtype.AZC, maxPlaces: 400, startDate: '2016-01-01', endDate: '2021-06-30', signedOn: '2015-11-01' });
    const extended = await agreements.register(coa, {
      gemeenteCode: gemeente.code, locationName: location('West'), opvangtype: Opvangtype.AZC, maxPlaces: 500, amvPlaces: 40, startDate: '2015-07-01', endDate: '2020-12-31', signedOn: '2015-05-01',
    });
    await agreements.extend(coa, { agreementId: extended.id, expectedVersion: extended.version, newEndDate: '2025-12-31', decidedOn: '2020-10-15' });
    await agreements.register(coa, {
      gemeenteCode: gemeente.code, locationName: `ROL ${name} (demo)`, opvangtype: Opvangtype.ROL, maxPlaces: 250 + index * 25, otherGroupsPlaces: 30, startDate: '2021-03-01', endDate: '2031-02-28', signedOn: '2021-01-15',
    });
    made.agreements += 3;
    if (index % 2 === 0) {
      // Places opened for the short-term target of November 2019 (417 per province).
      await agreements.register(coa, {
        gemeenteCode: gemeente.code, locationName: `Noodopvang ${name} (demo)`, opvangtype: Opvangtype.NOODOPVANG, maxPlaces: 150 + index * 20, startDate: '2020-02-01', endDate: '2021-12-31', signedOn: '2020-01-10',
      });
      made.agreements += 1;
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
