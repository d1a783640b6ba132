import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, wsExecute, type TestServer } from './support/harness.js';

/** What each role may and may not do with proposals and agreements of its own province or gemeente, and of others. */
let server: TestServer;
const ids: Record<'utConcept' | 'utSubmitted' | 'zhSubmitted' | 'utAgreement' | 'zhAgreement', string> = {} as any;

const CREATE = 'mutation($i: CreateLocationProposalInput!) { createLocationProposal(input: $i) { id } }';
const SUBMIT = 'mutation($i: ProposalTransitionInput!) { submitLocationProposal(input: $i) { id } }';
const REGISTER = 'mutation($i: RegisterAgreementInput!) { registerAgreement(input: $i) { id } }';
const proposal = (gemeenteCode: string, name: string) => ({ gemeenteCode, name, address: 'Straat 1', opvangtype: 'AZC', places: 300 });
const agreement = (gemeenteCode: string, locationName: string) => ({
  gemeenteCode, locationName, opvangtype: 'AZC', maxPlaces: 300, startDate: '2022-01-01', endDate: '2030-12-31', signedOn: '2021-12-01',
});

beforeAll(async () => {
  server = await startTestServer();
  ids.utConcept = (await server.as('gemeente-zeist', CREATE, { i: proposal('GM0355', 'Concept Zeist') })).data.createLocationProposal.id;
  ids.utSubmitted = (await server.as('gemeente-zeist', CREATE, { i: proposal('GM0355', 'Ingediend Zeist') })).data.createLocationProposal.id;
  await server.as('gemeente-zeist', SUBMIT, { i: { proposalId: ids.utSubmitted, expectedVersion: 1 } });
  ids.zhSubmitted = (await server.as('gemeente-rotterdam', CREATE, { i: proposal('GM0599', 'Ingediend Rotterdam') })).data.createLocationProposal.id;
  await server.as('gemeente-rotterdam', SUBMIT, { i: { proposalId: ids.zhSubmitted, expectedVersion: 1 } });
  ids.utAgreement = (await server.as('coa-regio-3', REGISTER, { i: agreement('GM0355', 'AZC Zeist (test)') })).data.registerAgreement.id;
  ids.zhAgreement = (await server.as('coa-regio-4', REGISTER, { i: agreement('GM0599', 'AZC Rotterdam (test)') })).data.registerAgreement.id;
});
afterAll(() => server?.close());

type Thing = keyof typeof ids;
const PROPOSALS: Thing[] = ['utConcept', 'utSubmitted', 'zhSubmitted'];
const AGREEMENTS: Thing[] = ['utAgreement', 'zhAgreement'];

const roles: { who: string; reads: Thing[]; proposesFor: string[]; registersIn: string[] }[] = [
  { who: 'gemeente-zeist', reads: ['utConcept', 'utSubmitted', 'utAgreement'], proposesFor: ['GM0355'], registersIn: [] },
  { who: 'gemeente-utrecht', reads: [], proposesFor: ['GM0344'], registersIn: [] },
  { who: 'gemeente-rotterdam', reads: ['zhSubmitted', 'zhAgreement'], proposesFor: ['GM0599'], registersIn: [] },
  { who: 'secretariaat-ut', reads: ['utSubmitted', 'utAgreement'], proposesFor: [], registersIn: [] },
  { who: 'voorzitter-ut', reads: ['utSubmitted', 'utAgreement'], proposesFor: [], registersIn: [] },
  { who: 'coa-regio-3', reads: ['utSubmitted', 'utAgreement'], proposesFor: [], registersIn: ['GM0355'] },
  { who: 'coa-regio-4', reads: ['zhSubmitted', 'zhAgreement'], proposesFor: [], registersIn: ['GM0599'] },
  { who: 'ipo', reads: ['utSubmitted', 'zhSubmitted', 'utAgreement', 'zhAgreement'], proposesFor: [], registersIn: [] },
  { who: 'lrt', reads: ['utSubmitted', 'zhSubmitted', 'utAgreement', 'zhAgreement'], proposesFor: [], registersIn: [] },
  { who: 'stranger', reads: [], proposesFor: [], registersIn: [] },
];

describe.each(roles)('$who', ({ who, reads, proposesFor, registersIn }) => {
  it.each([...PROPOSALS, ...AGREEMENTS])('reads %s only if allowed, over HTTP and WebSocket', async (thing) => {
    const query = AGREEMENTS.includes(thing) ? 'query($id: ID!) { agreement(id: $id) { id } }' : 'query($id: ID!) { locationProposal(id: $id) { id } }';
    const http = await server.as(who, query, { id: ids[thing] });
    const ws = await wsExecute(server.wsClient({ authorization: `Bearer ${await server.token(who)}` }), query, { id: ids[thing] });
    if (reads.includes(thing)) {
      expect(http.errors).toBeUndefined();
      expect(ws.errors).toBeUndefined();
    } else {
      expect(codes(http)).toEqual(['FORBIDDEN']);
      expect(ws.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
  });

  it('lists exactly the proposals and agreements it may read', async () => {
    const { data } = await server.as(who, '{ locationProposals(first: 500) { edges { node { id } } } agreements(first: 500) { edges { node { id } } } }');
    const listed = [...data.locationProposals.edges, ...data.agreements.edges].map((e: any) => e.node.id).filter((id: string) => Object.values(ids).includes(id));
    expect(listed.sort()).toEqual(reads.map((thing) => ids[thing]).sort());
  });

  it.each([...PROPOSALS, ...AGREEMENTS])('comments on %s only if it may read it', async (thing) => {
    const subjectType = AGREEMENTS.includes(thing) ? 'AGREEMENT' : 'LOCATION_PROPOSAL';
    const response = await server.as(who, 'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }', { i: { subjectType, subjectId: ids[thing], body: `from ${who}` } });
    if (reads.includes(thing) && who !== 'stranger') expect(response.errors).toBeUndefined();
    else expect(codes(response)).toEqual(['FORBIDDEN']);
  });

  it.each(['GM0355', 'GM0599'])('proposes for %s only as that gemeente, and registers agreements there only as its COA', async (gemeente) => {
    const before = (await server.db.query('SELECT count(*)::int AS n FROM location_proposal'))[0].n;
    const proposed = await server.as(who, CREATE, { i: proposal(gemeente, `by ${who}`) });
    if (proposesFor.includes(gemeente)) expect(proposed.errors).toBeUndefined();
    else {
      expect(codes(proposed)).toEqual(['FORBIDDEN']);
      expect((await server.db.query('SELECT count(*)::int AS n FROM location_proposal'))[0].n).toBe(before);
    }
    const registered = await server.as(who, REGISTER, { i: agreement(gemeente, `by ${who} ${Math.random()}`) });
    if (registersIn.includes(gemeente)) expect(registered.errors).toBeUndefined();
    else expect(codes(registered)).toEqual(['FORBIDDEN']);
  });

  it('takes a proposal into verkenning only as COA of its region; decides only as its gemeente', async () => {
    const fresh = (await server.as('gemeente-zeist', CREATE, { i: proposal('GM0355', `for ${who}`) })).data.createLocationProposal.id;
    await server.as('gemeente-zeist', SUBMIT, { i: { proposalId: fresh, expectedVersion: 1 } });
    const explore = await server.as(who, 'mutation($i: StartExplorationInput!) { startExploration(input: $i) { status } }', { i: { proposalId: fresh, expectedVersion: 2 } });
    if (registersIn.includes('GM0355')) expect(explore.errors).toBeUndefined();
    else expect(codes(explore)).toEqual(['FORBIDDEN']);
  });
});

describe('listing proposals', () => {
  it('costs the same number of SQL statements for 100 proposals as for 5, with gemeente, comments count and reviewer', async () => {
    const [reviewer] = await server.db.query(`SELECT id FROM person WHERE subject = 'coa-regio-2'`);
    const [author] = await server.db.query(`SELECT id FROM person WHERE subject = 'gemeente-arnhem'`);
    const gemeenten: { code: string }[] = await server.db.query(`SELECT code FROM gemeente WHERE province_code = 'GE' ORDER BY code LIMIT 20`);
    await server.db.query(
      `INSERT INTO location_proposal (gemeente_code, province_code, name, address, opvangtype, places, status, submitted, reviewer_id, created_by)
       SELECT ($1::text[])[1 + i % 20], 'GE', 'Locatie ' || i, 'Straat ' || i, 'AZC', 50 + i, 'IN_VERKENNING', true, $2, $3 FROM generate_series(1, 100) AS i`,
      [gemeenten.map((g) => g.code), reviewer.id, author.id],
    );
    await server.db.query(
      `INSERT INTO comment (subject_type, subject_id, subject_version, subject_status, province_code, gemeente_code, author_id, changed_by, body)
       SELECT 'LOCATION_PROPOSAL', id, 1, 'IN_VERKENNING', 'GE', gemeente_code, $1, $1, 'noted' FROM location_proposal WHERE province_code = 'GE'`,
      [reviewer.id],
    );
    const token = await server.token('coa-regio-2');
    const measure = async (first: number) => {
      server.statements.length = 0;
      const response = await server.gql(
        `query($first: Int) { locationProposals(provinceCode: GE, first: $first) { totalCount edges { node { name smallScale gemeente { name province { code } } commentsCount reviewer { name } } } } }`,
        { first },
        token,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data.locationProposals.edges).toHaveLength(first);
      expect(response.data.locationProposals.edges.every((e: any) => e.node.commentsCount === 1 && e.node.reviewer.name)).toBe(true);
      return server.statements.length;
    };
    const five = await measure(5);
    const hundred = await measure(100);
    expect(five).toBeGreaterThan(0);
    expect(hundred).toBe(five);
  });
});
