import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, type TestServer } from './support/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const m = (name: string, type: string, fields = 'id version status') => `mutation($i: ${type}!) { ${name}(input: $i) { ${fields} } }`;
const CREATE = m('createLocationProposal', 'CreateLocationProposalInput');
const REGISTER = m('registerAgreement', 'RegisterAgreementInput', 'id');
const count = async (table: string) => (await server.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

async function decided(gemeente: string, user: string, coa: string, decision: 'GO' | 'NO_GO', opvangtype = 'AZC') {
  let p = (await server.as(user, CREATE, { i: { gemeenteCode: gemeente, name: `Locatie ${Math.random()}`, address: 'Weg 1', opvangtype, places: 80 } })).data.createLocationProposal;
  p = (await server.as(user, m('submitLocationProposal', 'ProposalTransitionInput'), { i: { proposalId: p.id, expectedVersion: p.version } })).data.submitLocationProposal;
  p = (await server.as(coa, m('startExploration', 'StartExplorationInput'), { i: { proposalId: p.id, expectedVersion: p.version } })).data.startExploration;
  p = (await server.as(coa, m('adviseLocationProposal', 'AdviseLocationProposalInput'), { i: { proposalId: p.id, expectedVersion: p.version, positive: true, reasoning: 'ok' } }))
    .data.adviseLocationProposal;
  return (await server.as(user, m('decideLocationProposal', 'DecideLocationProposalInput'), { i: { proposalId: p.id, expectedVersion: p.version, decision } })).data
    .decideLocationProposal;
}

describe('turning a proposal into an agreement', () => {
  const agreement = (proposalId: string, extra: object = {}) => ({
    proposalId, gemeenteCode: 'GM0355', locationName: `Locatie ${Math.random()}`, opvangtype: 'AZC', maxPlaces: 80, startDate: '2023-01-01', endDate: '2030-12-31', signedOn: '2022-12-01', ...extra,
  });

  it('refuses a no-go decision, another gemeente or another opvangtype, and leaves no agreement behind', async () => {
    const noGo = await decided('GM0355', 'gemeente-zeist', 'coa-regio-3', 'NO_GO');
    const go = await decided('GM0355', 'gemeente-zeist', 'coa-regio-3', 'GO');
    // The API offers the conversion (registering the agreement) only to COA of the region, and only after a GO.
    const actions = async (who: string, id: string) => (await server.as(who, 'query($id: ID!) { locationProposal(id: $id) { viewerActions } }', { id })).data.locationProposal.viewerActions;
    expect(await actions('coa-regio-3', go.id)).toContain('CONVERT');
    expect(await actions('coa-regio-3', noGo.id)).not.toContain('CONVERT');
    expect(await actions('gemeente-zeist', go.id)).not.toContain('CONVERT');
    expect(await actions('secretariaat-ut', go.id)).not.toContain('CONVERT');
    const before = [await count('agreement'), await count('event')];
    const refused = [
      await server.as('coa-regio-3', REGISTER, { i: agreement(noGo.id) }),
      await server.as('coa-regio-3', REGISTER, { i: agreement(go.id, { gemeenteCode: 'GM0344' }) }),
      await server.as('coa-regio-3', REGISTER, { i: agreement(go.id, { opvangtype: 'ROL' }) }),
    ];
    expect(refused.map((r) => r.errors?.[0].extensions?.code)).toEqual(['DECISION_NOT_GO', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
    expect(refused.map((r) => r.errors?.[0].extensions?.field)).toEqual(['input.proposalId', 'input.gemeenteCode', 'input.opvangtype']);
    expect([await count('agreement'), await count('event')]).toEqual(before);
    const [{ status }] = await server.db.query('SELECT status FROM location_proposal WHERE id = $1', [go.id]);
    expect(status).toBe('BESLOTEN');
  });
});

describe('what a gemeente may not learn', () => {
  it('sees neither realised capacity nor the pipeline of its province, which would reveal other gemeenten’s agreements and proposals', async () => {
    const q = '{ province(code: UT) { realisedCapacity(date: "2023-01-01") { places } plans { gaps { realised pipeline } lines { realised } } } }';
    const gemeente = (await server.as('gemeente-zeist', q)).data.province;
    expect(gemeente.realisedCapacity).toEqual([]);
    expect(gemeente.plans.flatMap((p: any) => p.gaps.map((g: any) => [g.realised, g.pipeline]))).toEqual(gemeente.plans.flatMap((p: any) => p.gaps.map(() => [null, null])));
    const secretariat = (await server.as('secretariaat-ut', q)).data.province;
    expect(secretariat.realisedCapacity.length).toBeGreaterThan(0);
    expect(secretariat.plans[0].gaps.some((g: any) => g.realised !== null)).toBe(true);
  });

  it('keeps a draft private when it is withdrawn without having been submitted', async () => {
    const p = (await server.as('gemeente-zeist', CREATE, { i: { gemeenteCode: 'GM0355', name: 'Vertrouwelijk concept', address: 'Weg 2', opvangtype: 'AZC', places: 50 } })).data.createLocationProposal;
    await server.as('gemeente-zeist', m('withdrawLocationProposal', 'ProposalTransitionInput'), { i: { proposalId: p.id, expectedVersion: 1 } });
    for (const who of ['ipo', 'secretariaat-ut', 'coa-regio-3']) {
      expect(codes(await server.as(who, 'query($id: ID!) { locationProposal(id: $id) { id } }', { id: p.id })), who).toEqual(['FORBIDDEN']);
      const listed = await server.as(who, '{ locationProposals(status: INGETROKKEN, first: 500) { edges { node { id } } } }');
      expect(listed.data.locationProposals.edges.map((e: any) => e.node.id)).not.toContain(p.id);
      const events = await server.as(who, '{ events(first: 500) { events { subjectId } } }');
      expect(events.data.events.events.map((e: any) => e.subjectId)).not.toContain(p.id);
    }
    expect((await server.as('gemeente-zeist', 'query($id: ID!) { locationProposal(id: $id) { status } }', { id: p.id })).data.locationProposal.status).toBe('INGETROKKEN');
  });
});

describe('the extension report', () => {
  it('counts every end date in force in the period, and not agreements ended before it', async () => {
    const g = 'GM0352'; // Wijk bij Duurstede: no demo agreements
    const reg = async (name: string, endDate: string) =>
      (await server.as('coa-regio-3', REGISTER, { i: { gemeenteCode: g, locationName: name, opvangtype: 'AZC', maxPlaces: 100, startDate: '2015-01-01', endDate, signedOn: '2014-12-01' } })).data
        .registerAgreement.id;
    const extend = (agreementId: string, expectedVersion: number, newEndDate: string, decidedOn: string) =>
      server.as('coa-regio-3', m('extendAgreement', 'ExtendAgreementInput', 'version'), { i: { agreementId, expectedVersion, newEndDate, decidedOn } });
    // Signed to end in 2019, extended into 2020, then expired: it expired in the period, not extended then.
    const a = await reg('A', '2019-12-31');
    await extend(a, 1, '2020-06-30', '2019-10-01');
    // Signed to end in 2021, ended early in 2018: not expiring in the period at all.
    const b = await reg('B', '2021-06-30');
    await server.as('coa-regio-3', m('endAgreement', 'EndAgreementInput', 'version'), { i: { agreementId: b, expectedVersion: 1, endedOn: '2018-03-01', reason: 'closed' } });
    // Signed to end in 2020 and extended: expiring and extended.
    const c = await reg('C', '2020-12-31');
    await extend(c, 1, '2024-12-31', '2020-09-01');
    const report = await server.as('lrt', `{ extensionReport(from: "2020-01-01", until: "2021-12-31", gemeenteCode: "${g}") { expiring extended agreements { locationName } } }`);
    expect(report.data.extensionReport).toEqual({ expiring: 2, extended: 1, agreements: [{ locationName: 'A' }, { locationName: 'C' }] });
  });
});
