import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, type TestServer } from './support/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const P = 'id status version smallScale places decision advice reviewer { name } viewerActions gemeente { name } agreement { id maxPlaces }';
const m = (name: string, type: string) => `mutation($i: ${type}!) { ${name}(input: $i) { ${P} } }`;
const CREATE = m('createLocationProposal', 'CreateLocationProposalInput');
const SUBMIT = m('submitLocationProposal', 'ProposalTransitionInput');
const EXPLORE = m('startExploration', 'StartExplorationInput');
const ADVISE = m('adviseLocationProposal', 'AdviseLocationProposalInput');
const DECIDE = m('decideLocationProposal', 'DecideLocationProposalInput');
const WITHDRAW = m('withdrawLocationProposal', 'ProposalTransitionInput');
const REGISTER = 'mutation($i: RegisterAgreementInput!) { registerAgreement(input: $i) { id status maxPlaces startDate endDate version proposal { status } } }';
const EXTEND = 'mutation($i: ExtendAgreementInput!) { extendAgreement(input: $i) { endDate originalEndDate version extensions { seq newEndDate } } }';
const END = 'mutation($i: EndAgreementInput!) { endAgreement(input: $i) { status endedOn endReason version } }';
const ZEIST = 'GM0355';
const count = async (table: string) => (await server.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

const proposal = (extra: object = {}) => ({
  gemeenteCode: ZEIST,
  name: 'Kleinschalige opvang Huis ter Heide',
  address: 'Amersfoortseweg 1, Zeist',
  opvangtype: 'ROL',
  places: 120,
  intendedStart: '2022-06-01',
  intendedDurationMonths: 120,
  flexibleUse: true,
  description: 'Former office building.',
  ...extra,
});

async function realisedUtRol(): Promise<number> {
  const { data } = await server.as('ipo', '{ province(code: UT) { realisedCapacity(date: "2023-01-01") { opvangtype places } } }');
  return data.province.realisedCapacity.find((r: any) => r.opvangtype === 'ROL')?.places ?? 0;
}

describe("Zeist's small-scale location, from proposal to realised capacity", () => {
  it('is proposed, explored, advised, decided, turned into a 10-year agreement, and shows in Utrecht’s realised capacity and plan', async () => {
    const realisedBefore = await realisedUtRol();
    const planQuery = '{ province(code: UT) { plans { status gaps { opvangtypes dueDate realised pipeline } lines { opvangtypes comparison { realised } } } } }';
    const rolGap = (data: any) => data.province.plans[0].gaps.find((g: any) => g.opvangtypes.join() === 'ROL' && g.dueDate === '2023-01-01');
    const gapBefore = rolGap((await server.as('secretariaat-ut', planQuery)).data);

    const created = await server.as('gemeente-zeist', CREATE, { i: proposal() });
    expect(created.errors).toBeUndefined();
    let p = created.data.createLocationProposal;
    expect(p).toMatchObject({ status: 'CONCEPT', smallScale: true, version: 1, viewerActions: ['EDIT', 'SUBMIT', 'WITHDRAW'] });

    p = (await server.as('gemeente-zeist', SUBMIT, { i: { proposalId: p.id, expectedVersion: 1 } })).data.submitLocationProposal;
    expect(p.status).toBe('INGEDIEND');
    p = (await server.as('coa-regio-3', EXPLORE, { i: { proposalId: p.id, expectedVersion: 2 } })).data.startExploration;
    expect(p).toMatchObject({ status: 'IN_VERKENNING', reviewer: { name: 'COA-regievoerder uitplaatsingsregio 3 (demo)' } });
    await server.as('coa-regio-3', 'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }', { i: { subjectType: 'LOCATION_PROPOSAL', subjectId: p.id, body: 'Site visit planned.' } });
    p = (await server.as('coa-regio-3', ADVISE, { i: { proposalId: p.id, expectedVersion: 3, positive: true, reasoning: 'Suitable building, good transport.' } })).data.adviseLocationProposal;
    expect(p).toMatchObject({ status: 'POSITIEF_ADVIES', advice: 'Suitable building, good transport.' });

    // Positive advice is in the pipeline beside the plan.
    const pipelineGap = rolGap((await server.as('secretariaat-ut', planQuery)).data);
    expect(pipelineGap.pipeline).toBe(gapBefore.pipeline + 120);

    p = (await server.as('gemeente-zeist', DECIDE, { i: { proposalId: p.id, expectedVersion: 4, decision: 'GO', reason: 'Council agreed on 12 May' } })).data.decideLocationProposal;
    expect(p).toMatchObject({ status: 'BESLOTEN', decision: 'GO' });

    const agreement = await server.as('coa-regio-3', REGISTER, {
      i: { gemeenteCode: ZEIST, locationName: 'Huis ter Heide', opvangtype: 'ROL', maxPlaces: 120, startDate: '2022-06-01', endDate: '2032-05-31', signedOn: '2022-05-20', proposalId: p.id },
    });
    expect(agreement.errors).toBeUndefined();
    expect(agreement.data.registerAgreement).toMatchObject({ status: 'LOPEND', maxPlaces: 120, proposal: { status: 'OMGEZET' } });

    expect(await realisedUtRol()).toBe(realisedBefore + 120);
    const after = (await server.as('secretariaat-ut', planQuery)).data;
    expect(rolGap(after)).toMatchObject({ realised: gapBefore.realised + 120, pipeline: gapBefore.pipeline });
    const rolLine = after.province.plans[0].lines.find((l: any) => l.opvangtypes.join() === 'ROL');
    expect(rolLine.comparison.realised).toBe(gapBefore.realised + 120);

    const history = await server.as('ipo', `query($id: ID!) { locationProposal(id: $id) { status agreement { maxPlaces } transitions { fromStatus toStatus reason by { name } } comments { body } } }`, { id: p.id });
    expect(history.data.locationProposal.status).toBe('OMGEZET');
    expect(history.data.locationProposal.transitions.map((t: any) => t.toStatus)).toEqual([
      'CONCEPT', 'INGEDIEND', 'IN_VERKENNING', 'POSITIEF_ADVIES', 'BESLOTEN', 'OMGEZET',
    ]);
    expect(history.data.locationProposal.transitions[4]).toMatchObject({ fromStatus: 'POSITIEF_ADVIES', reason: 'Council agreed on 12 May', by: { name: 'Medewerker gemeente Zeist (demo)' } });
    expect(history.data.locationProposal.comments).toEqual([{ body: 'Site visit planned.' }]);
  });

  it('refuses transitions out of order, naming the allowed ones, and lets the gemeente withdraw before OMGEZET', async () => {
    const p = (await server.as('gemeente-zeist', CREATE, { i: proposal({ name: 'Tweede locatie' }) })).data.createLocationProposal;
    const hidden = await server.as('coa-regio-3', ADVISE, { i: { proposalId: p.id, expectedVersion: 1, positive: true, reasoning: 'x' } });
    expect(codes(hidden)).toEqual(['FORBIDDEN']); // a draft is the gemeente's own
    await server.as('gemeente-zeist', SUBMIT, { i: { proposalId: p.id, expectedVersion: 1 } });
    const early = await server.as('coa-regio-3', ADVISE, { i: { proposalId: p.id, expectedVersion: 2, positive: true, reasoning: 'x' } });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', status: 'INGEDIEND', allowedActions: ['EDIT', 'START_EXPLORATION', 'WITHDRAW'] });
    expect(early.errors?.[0].message).toMatch(/allowed: EDIT, START_EXPLORATION, WITHDRAW/);
    const withdrawn = await server.as('gemeente-zeist', WITHDRAW, { i: { proposalId: p.id, expectedVersion: 2, reason: 'Building sold' } });
    expect(withdrawn.data.withdrawLocationProposal.status).toBe('INGETROKKEN');
    const again = await server.as('gemeente-zeist', SUBMIT, { i: { proposalId: p.id, expectedVersion: 3 } });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', allowedActions: [] });
  });
});

describe('expiring agreements', () => {
  it('answers how many of the agreements expiring in 2020-2021 were extended: 9 of 15', async () => {
    const gemeente = 'GM0310'; // De Bilt: no demo agreements
    const ids: string[] = [];
    for (let i = 0; i < 15; i++) {
      const end = `202${i % 2}-${String((i % 12) + 1).padStart(2, '0')}-28`;
      const r = await server.as('coa-regio-3', REGISTER, {
        i: { gemeenteCode: gemeente, locationName: `Locatie ${i}`, opvangtype: 'AZC', maxPlaces: 300, startDate: '2016-01-01', endDate: end, signedOn: '2015-12-01' },
      });
      expect(r.errors).toBeUndefined();
      ids.push(r.data.registerAgreement.id);
    }
    // One agreement ending in 2022 that is extended does not count.
    const later = await server.as('coa-regio-3', REGISTER, { i: { gemeenteCode: gemeente, locationName: 'Later', opvangtype: 'AZC', maxPlaces: 300, startDate: '2016-01-01', endDate: '2022-06-30', signedOn: '2015-12-01' } });
    await server.as('coa-regio-3', EXTEND, { i: { agreementId: later.data.registerAgreement.id, expectedVersion: 1, newEndDate: '2025-06-30', decidedOn: '2022-01-10' } });
    for (const id of ids.slice(0, 9)) {
      const [{ end_date }] = await server.db.query(`SELECT end_date::text FROM agreement WHERE id = $1`, [id]);
      const extended = await server.as('coa-regio-3', EXTEND, { i: { agreementId: id, expectedVersion: 1, newEndDate: '2026-12-31', decidedOn: end_date } });
      expect(extended.errors).toBeUndefined();
    }
    const report = await server.as('lrt', `{ extensionReport(from: "2020-01-01", until: "2021-12-31", gemeenteCode: "${gemeente}") { expiring extended agreements { originalEndDate endDate } } }`);
    expect(report.data.extensionReport).toMatchObject({ expiring: 15, extended: 9 });
    expect(report.data.extensionReport.agreements.filter((a: any) => a.endDate === '2026-12-31')).toHaveLength(9);

    const expiring = await server.as('lrt', `{ agreements(gemeenteCode: "${gemeente}", expiringBefore: "2022-01-01", first: 100) { totalCount edges { node { endDate status } } } }`);
    expect(expiring.data.agreements.totalCount).toBe(6);
    expect(expiring.data.agreements.edges.every((e: any) => e.node.status === 'VERLOPEN')).toBe(true);
  });
});

describe('bad input', () => {
  const agreement = (extra: object = {}) => ({ gemeenteCode: 'GM0312', locationName: 'Bunnik Noord', opvangtype: 'GVL', maxPlaces: 200, startDate: '2022-01-01', endDate: '2024-12-31', signedOn: '2021-12-01', ...extra });

  it.each([
    ['places ≤ 0', 'gemeente-zeist', CREATE, { i: proposal({ places: 0 }) }, 'BAD_USER_INPUT', 'input.places'],
    ['a proposal for a gemeente you do not represent', 'gemeente-zeist', CREATE, { i: proposal({ gemeenteCode: 'GM0344' }) }, 'FORBIDDEN', 'input.gemeenteCode'],
    ['more amv places than places', 'gemeente-zeist', CREATE, { i: proposal({ amvPlaces: 200 }) }, 'BAD_USER_INPUT', 'input.amvPlaces'],
    ['an agreement ending before it starts', 'coa-regio-3', REGISTER, { i: agreement({ endDate: '2021-01-01' }) }, 'BAD_USER_INPUT', 'input.endDate'],
    ['an agreement with 0 places', 'coa-regio-3', REGISTER, { i: agreement({ maxPlaces: 0 }) }, 'BAD_USER_INPUT', 'input.maxPlaces'],
    ['an agreement outside your region', 'coa-regio-4', REGISTER, { i: agreement() }, 'FORBIDDEN', 'input.gemeenteCode'],
  ])('refuses %s, and writes nothing', async (_name, who, mutation, variables, code, field) => {
    const before = [await count('location_proposal'), await count('agreement')];
    const response = await server.as(who, mutation, variables);
    expect(response.errors?.[0].extensions).toMatchObject({ code, field });
    expect([await count('location_proposal'), await count('agreement')]).toEqual(before);
  });

  it('refuses an agreement starting after its gemeente ended, and accepts one from before', async () => {
    await server.db.query(`UPDATE gemeente SET valid_until = '2023-06-30' WHERE code = 'GM0321'`); // as a merger import would
    try {
      const after = await server.as('coa-regio-3', REGISTER, { i: agreement({ gemeenteCode: 'GM0321', locationName: 'Houten Oost', startDate: '2023-07-01' }) });
      expect(after.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.gemeenteCode' });
      expect(after.errors?.[0].message).toContain('ended on 2023-06-30');
      const before = await server.as('coa-regio-3', REGISTER, { i: agreement({ gemeenteCode: 'GM0321', locationName: 'Houten Oost' }) });
      expect(before.errors).toBeUndefined();
    } finally {
      await server.db.query(`UPDATE gemeente SET valid_until = NULL WHERE code = 'GM0321'`);
    }
  });

  it('refuses an agreement overlapping one for the same location, an extension that shortens, a stale version, and a second end', async () => {
    const first = (await server.as('coa-regio-3', REGISTER, { i: agreement() })).data.registerAgreement;
    const overlap = await server.as('coa-regio-3', REGISTER, { i: agreement({ locationName: 'bunnik  noord', startDate: '2024-06-01', endDate: '2026-12-31' }) });
    expect(overlap.errors?.[0].extensions).toMatchObject({ code: 'AGREEMENT_OVERLAP', field: 'input.startDate', agreementId: first.id });
    const adjacent = await server.as('coa-regio-3', REGISTER, { i: agreement({ startDate: '2025-01-01', endDate: '2026-12-31' }) });
    expect(adjacent.errors).toBeUndefined();

    const shorter = await server.as('coa-regio-3', EXTEND, { i: { agreementId: first.id, expectedVersion: 1, newEndDate: '2024-01-01', decidedOn: '2023-01-01' } });
    expect(shorter.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.newEndDate' });
    // Extending into the next agreement at the same location overlaps it.
    const into = await server.as('coa-regio-3', EXTEND, { i: { agreementId: first.id, expectedVersion: 1, newEndDate: '2025-06-30', decidedOn: '2023-01-01' } });
    expect(into.errors?.[0].extensions).toMatchObject({ code: 'AGREEMENT_OVERLAP' });

    const ended = await server.as('coa-regio-3', END, { i: { agreementId: first.id, expectedVersion: 1, endedOn: '2023-07-01', reason: 'Building unfit' } });
    expect(ended.data.endAgreement).toMatchObject({ status: 'BEEINDIGD', endedOn: '2023-07-01', version: 2 });
    const stale = await server.as('coa-regio-3', END, { i: { agreementId: first.id, expectedVersion: 1, endedOn: '2023-07-01', reason: 'again' } });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const twice = await server.as('coa-regio-3', END, { i: { agreementId: first.id, expectedVersion: 2, endedOn: '2023-07-01', reason: 'again' } });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'AGREEMENT_ENDED' });
  });

  it('refuses a stale proposal version with CONFLICT naming who changed it', async () => {
    const p = (await server.as('gemeente-zeist', CREATE, { i: proposal({ name: 'Derde locatie' }) })).data.createLocationProposal;
    await server.as('gemeente-zeist', 'mutation($i: UpdateLocationProposalInput!) { updateLocationProposal(input: $i) { version } }', { i: { proposalId: p.id, expectedVersion: 1, places: 90 } });
    const stale = await server.as('gemeente-zeist', 'mutation($i: UpdateLocationProposalInput!) { updateLocationProposal(input: $i) { version } }', { i: { proposalId: p.id, expectedVersion: 1, places: 80 } });
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2, changedBy: 'Medewerker gemeente Zeist (demo)' });
    expect(codes(await server.as('coa-regio-3', 'mutation($i: UpdateLocationProposalInput!) { updateLocationProposal(input: $i) { version } }', { i: { proposalId: p.id, expectedVersion: 2, places: 1 } }))).toEqual(['FORBIDDEN']);
  });
});

describe('at the same moment', () => {
  it('registers only one of two overlapping agreements for a location sent together', async () => {
    const input = { gemeenteCode: 'GM0321', locationName: 'Houten Zuid', opvangtype: 'AZC', maxPlaces: 100, startDate: '2023-01-01', endDate: '2026-12-31', signedOn: '2022-12-01' };
    const results = await Promise.all([
      server.as('coa-regio-3', REGISTER, { i: input }),
      server.as('coa-regio-3', REGISTER, { i: { ...input, startDate: '2024-01-01', endDate: '2028-12-31' } }),
    ]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.find((r) => r.errors)?.errors?.[0].extensions?.code).toBe('AGREEMENT_OVERLAP');
  });

  it('pages proposals newest first without repeats or gaps while new ones arrive', async () => {
    const q = 'query($after: String) { locationProposals(gemeenteCode: "GM0355", first: 2, after: $after) { edges { node { id } } pageInfo { endCursor hasNextPage } } }';
    const all = await server.as('gemeente-zeist', '{ locationProposals(gemeenteCode: "GM0355", first: 500) { edges { node { id } } } }');
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const { data }: any = await server.as('gemeente-zeist', q, { after });
      seen.push(...data.locationProposals.edges.map((e: any) => e.node.id));
      await server.as('gemeente-zeist', CREATE, { i: proposal({ name: `Nieuw ${seen.length}` }) });
      after = data.locationProposals.pageInfo.hasNextPage ? data.locationProposals.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual(all.data.locationProposals.edges.map((e: any) => e.node.id));
  });
});
