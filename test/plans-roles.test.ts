import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, wsExecute, type TestServer } from './support/harness.js';

/** What each role may and may not do with a plan of its own province and of another. */
let server: TestServer;
const plans: Record<'utConcept' | 'utSubmitted' | 'zhConcept' | 'zhAdopted', string> = {} as any;

const LINE = { opvangtypes: ['ROL'], targetDate: '2023-01-01', minPlaces: 100, maxPlaces: 120 };
const create = (who: string, provinceCode: string, title: string) =>
  server.as(who, 'mutation($i: CreateProvincialPlanInput!) { createProvincialPlan(input: $i) { id } }', { i: { provinceCode, title, lines: [LINE] } });
const submit = (who: string, planId: string, expectedVersion: number) =>
  server.as(who, 'mutation($i: PlanTransitionInput!) { submitProvincialPlan(input: $i) { version } }', { i: { planId, expectedVersion } });
const adopt = (who: string, planId: string, expectedVersion: number) =>
  server.as(who, 'mutation($i: PlanTransitionInput!) { adoptProvincialPlan(input: $i) { version } }', { i: { planId, expectedVersion } });
const comment = (who: string, subjectId: string) =>
  server.as(who, 'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }', { i: { subjectType: 'PROVINCIAL_PLAN', subjectId, body: `from ${who}` } });
const read = (who: string, id: string) => server.as(who, 'query($id: ID!) { provincialPlan(id: $id) { id status revisions { status } comments { body } } }', { id });

beforeAll(async () => {
  server = await startTestServer();
  plans.utConcept = (await create('secretariaat-ut', 'UT', 'UT concept')).data.createProvincialPlan.id;
  plans.utSubmitted = (await create('secretariaat-ut', 'UT', 'UT ingediend')).data.createProvincialPlan.id;
  // Written on the concept: internal to the drafting table.
  await server.as('secretariaat-ut', 'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }', {
    i: { subjectType: 'PROVINCIAL_PLAN', subjectId: plans.utSubmitted, body: 'drafting note' },
  });
  await submit('secretariaat-ut', plans.utSubmitted, 1);
  plans.zhConcept = (await create('secretariaat-zh', 'ZH', 'ZH concept')).data.createProvincialPlan.id;
  plans.zhAdopted = (await create('secretariaat-zh', 'ZH', 'ZH vastgesteld')).data.createProvincialPlan.id;
  await submit('secretariaat-zh', plans.zhAdopted, 1);
  await adopt('lrt', plans.zhAdopted, 2);
});
afterAll(() => server?.close());

type Plan = keyof typeof plans;
const ALL: Plan[] = ['utConcept', 'utSubmitted', 'zhConcept', 'zhAdopted'];

const roles: { who: string; reads: Plan[]; creates: string[]; decides: boolean }[] = [
  { who: 'secretariaat-ut', reads: ['utConcept', 'utSubmitted'], creates: ['UT'], decides: false },
  { who: 'secretariaat-zh', reads: ['zhConcept', 'zhAdopted'], creates: ['ZH'], decides: false },
  { who: 'lrt', reads: ALL, creates: [], decides: true },
  { who: 'ipo', reads: ALL, creates: [], decides: false },
  { who: 'coa-regio-3', reads: ['utConcept', 'utSubmitted'], creates: [], decides: false },
  { who: 'coa-regio-4', reads: ['zhConcept', 'zhAdopted'], creates: [], decides: false },
  { who: 'gemeente-zeist', reads: ['utSubmitted'], creates: [], decides: false },
  { who: 'gemeente-rotterdam', reads: ['zhAdopted'], creates: [], decides: false },
  { who: 'voorzitter-ut', reads: ['utConcept', 'utSubmitted'], creates: [], decides: false },
  { who: 'stranger', reads: [], creates: [], decides: false },
];

describe.each(roles)('$who', ({ who, reads, creates, decides }) => {
  it.each(ALL)('reads %s only if allowed, over HTTP and WebSocket', async (plan) => {
    const http = await read(who, plans[plan]);
    const ws = await wsExecute(server.wsClient({ authorization: `Bearer ${await server.token(who)}` }), 'query($id: ID!) { provincialPlan(id: $id) { id } }', { id: plans[plan] });
    if (reads.includes(plan)) {
      expect(http.errors).toBeUndefined();
      expect(ws.errors).toBeUndefined();
    } else {
      expect(codes(http)).toEqual(['FORBIDDEN']);
      expect(ws.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
  });

  it('lists exactly the plans it may read', async () => {
    const { data } = await server.as(who, '{ ut: province(code: UT) { plans { id } } zh: province(code: ZH) { plans { id } } }');
    const listed = [...data.ut.plans, ...data.zh.plans].map((p: any) => p.id);
    expect(listed.filter((id: string) => Object.values(plans).includes(id)).sort()).toEqual(reads.map((plan) => plans[plan]).sort());
  });

  it.each(ALL)('comments on %s only if it may read it', async (plan) => {
    const before = (await server.db.query('SELECT count(*)::int AS n FROM comment'))[0].n;
    const response = await comment(who, plans[plan]);
    const after = (await server.db.query('SELECT count(*)::int AS n FROM comment'))[0].n;
    if (reads.includes(plan) && who !== 'stranger') {
      expect(response.errors).toBeUndefined();
      expect(after).toBe(before + 1);
    } else {
      expect(codes(response)).toEqual(['FORBIDDEN']);
      expect(after).toBe(before);
    }
  });

  it.each(['UT', 'ZH'])('creates a plan for %s only as its secretariat', async (province) => {
    const response = await create(who, province, `by ${who}`);
    if (creates.includes(province)) expect(response.errors).toBeUndefined();
    else expect(codes(response)).toEqual(['FORBIDDEN']);
  });

  it('edits and submits only plans of its own province as secretariat; adopts only as LRT; sets the opgave only as LRT', async () => {
    const fresh = (await create(who.startsWith('secretariaat-zh') ? 'secretariaat-zh' : 'secretariaat-ut', who.startsWith('secretariaat-zh') ? 'ZH' : 'UT', 'to act on')).data
      .createProvincialPlan.id;
    const edit = await server.as(who, 'mutation($i: UpdateProvincialPlanInput!) { updateProvincialPlan(input: $i) { version } }', { i: { planId: fresh, expectedVersion: 1, title: 'changed' } });
    const mayEdit = creates.length > 0;
    if (mayEdit) expect(edit.errors).toBeUndefined();
    else expect(codes(edit)).toEqual(['FORBIDDEN']);

    const submitted = await submit(mayEdit ? who : 'secretariaat-ut', fresh, mayEdit ? 2 : 1);
    expect(submitted.errors).toBeUndefined();
    const version = submitted.data.submitProvincialPlan.version;
    const adoption = await adopt(who, fresh, version);
    if (decides) expect(adoption.errors).toBeUndefined();
    else expect(codes(adoption)).toEqual(['FORBIDDEN']);

    const [current] = await server.db.query(`SELECT version FROM opgave WHERE province_code = 'UT' AND opvangtype = 'GVL' AND due_date = '2023-01-01'`);
    const opgave = await server.as(who, 'mutation($v: Int) { setOpgave(input: { provinceCode: UT, opvangtype: GVL, dueDate: "2023-01-01", places: 10, source: "t", expectedVersion: $v }) { id } }', {
      v: current.version,
    });
    if (decides) expect(opgave.errors).toBeUndefined();
    else expect(codes(opgave)).toEqual(['FORBIDDEN']);
  });
});

describe('a gemeente reading a submitted plan', () => {
  it('sees only the revisions and comments made since it was submitted', async () => {
    const { data } = await read('gemeente-zeist', plans.utSubmitted);
    expect(data.provincialPlan.revisions.map((r: any) => r.status)).toEqual(['INGEDIEND']);
    expect(data.provincialPlan.comments.map((c: any) => c.body)).not.toContain('drafting note');
    const full = await read('secretariaat-ut', plans.utSubmitted);
    expect(full.data.provincialPlan.revisions.map((r: any) => r.status)).toEqual(['CONCEPT', 'INGEDIEND']);
    expect(full.data.provincialPlan.comments.map((c: any) => c.body)).toContain('drafting note');
  });
});
