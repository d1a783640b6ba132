import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, type TestServer } from './support/harness.js';

/** Consistency and visibility guarantees of plans, comments and the opgave under change. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const LINE = { opvangtypes: ['ROL'], targetDate: '2023-01-01', minPlaces: 100, maxPlaces: 120 };
const create = async (who: string, provinceCode: string, title = 'plan') =>
  (await server.as(who, 'mutation($i: CreateProvincialPlanInput!) { createProvincialPlan(input: $i) { id version } }', { i: { provinceCode, title, lines: [LINE] } })).data
    .createProvincialPlan;
const transition = (who: string, mutation: string, input: object) =>
  server.as(who, `mutation($i: ${mutation === 'returnProvincialPlan' ? 'ReturnProvincialPlanInput' : 'PlanTransitionInput'}!) { ${mutation}(input: $i) { version status } }`, { i: input });
const update = (who: string, input: object) => server.as(who, 'mutation($i: UpdateProvincialPlanInput!) { updateProvincialPlan(input: $i) { version status } }', { i: input });
const comment = (who: string, subjectId: string, body: string, parentId?: string) =>
  server.as(who, 'mutation($i: AddCommentInput!) { addComment(input: $i) { id version } }', { i: { subjectType: 'PROVINCIAL_PLAN', subjectId, body, parentId } });

describe('who may move a plan', () => {
  it('lets no one but the secretariat of the province edit or submit, and no one but LRT adopt or return; nothing changes otherwise', async () => {
    const plan = await create('secretariaat-ut', 'UT');
    for (const who of ['secretariaat-zh', 'coa-regio-3', 'gemeente-zeist', 'ipo', 'lrt', 'voorzitter-ut']) {
      expect(codes(await update(who, { planId: plan.id, expectedVersion: 1, title: 'x' })), who).toEqual(['FORBIDDEN']);
      expect(codes(await transition(who, 'submitProvincialPlan', { planId: plan.id, expectedVersion: 1 })), who).toEqual(['FORBIDDEN']);
    }
    await transition('secretariaat-ut', 'submitProvincialPlan', { planId: plan.id, expectedVersion: 1 });
    for (const who of ['secretariaat-ut', 'secretariaat-zh', 'coa-regio-3', 'gemeente-zeist', 'ipo', 'voorzitter-ut']) {
      expect(codes(await transition(who, 'adoptProvincialPlan', { planId: plan.id, expectedVersion: 2 })), who).toEqual(['FORBIDDEN']);
      expect(codes(await transition(who, 'returnProvincialPlan', { planId: plan.id, expectedVersion: 2, reason: 'no' })), who).toEqual(['FORBIDDEN']);
    }
    const [{ version, status }] = await server.db.query('SELECT version, status FROM provincial_plan WHERE id = $1', [plan.id]);
    expect([version, status]).toEqual([2, 'INGEDIEND']);
  });
});

describe('a gemeente and the drafting history', () => {
  it('cannot read concept versions through revision() or diff()', async () => {
    const plan = await create('secretariaat-ut', 'UT', 'History');
    await update('secretariaat-ut', { planId: plan.id, expectedVersion: 1, title: 'History, second draft' });
    await transition('secretariaat-ut', 'submitProvincialPlan', { planId: plan.id, expectedVersion: 2 });
    const q = 'query($id: ID!) { provincialPlan(id: $id) { revision(version: 1) { title } submitted: revision(version: 3) { title } } }';
    expect((await server.as('gemeente-zeist', q, { id: plan.id })).data.provincialPlan).toEqual({ revision: null, submitted: { title: 'History, second draft' } });
    const diff = await server.as('gemeente-zeist', 'query($id: ID!) { provincialPlan(id: $id) { diff(fromVersion: 1, toVersion: 3) { fields { field } } } }', { id: plan.id });
    expect(diff.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'fromVersion' });
    expect((await server.as('ipo', q, { id: plan.id })).data.provincialPlan.revision).toEqual({ title: 'History' });
  });
});

describe('comments and visibility over time', () => {
  it('stops an author editing or resolving a comment once the plan is out of their sight', async () => {
    const plan = await create('secretariaat-ut', 'UT', 'Zicht');
    await transition('secretariaat-ut', 'submitProvincialPlan', { planId: plan.id, expectedVersion: 1 });
    const added = (await comment('gemeente-zeist', plan.id, 'From the gemeente')).data.addComment;
    await transition('lrt', 'returnProvincialPlan', { planId: plan.id, expectedVersion: 2, reason: 'redo' });
    await update('secretariaat-ut', { planId: plan.id, expectedVersion: 3, title: 'Zicht (concept again)' });
    const edit = await server.as('gemeente-zeist', 'mutation($i: EditCommentInput!) { editComment(input: $i) { id } }', { i: { commentId: added.id, expectedVersion: 1, body: 'changed' } });
    expect(edit.errors?.[0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.commentId' });
    const resolve = await server.as('gemeente-zeist', 'mutation($i: ResolveCommentInput!) { resolveComment(input: $i) { id } }', { i: { commentId: added.id, expectedVersion: 1 } });
    expect(codes(resolve)).toEqual(['NOT_FOUND']);
    const [{ body }] = await server.db.query('SELECT body FROM comment WHERE id = $1', [added.id]);
    expect(body).toBe('From the gemeente');
  });

  it('keeps drafting-table threads hidden: no replies into them, and visible answers show no hidden parent', async () => {
    const plan = await create('secretariaat-ut', 'UT', 'Threads');
    const internal = (await comment('secretariaat-ut', plan.id, 'internal note')).data.addComment;
    await transition('secretariaat-ut', 'submitProvincialPlan', { planId: plan.id, expectedVersion: 1 });
    const answer = await comment('secretariaat-ut', plan.id, 'public answer', internal.id);
    expect(answer.errors).toBeUndefined();
    const intrusion = await comment('gemeente-zeist', plan.id, 'reply into hidden thread', internal.id);
    expect(intrusion.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parentId' });
    const seen = await server.as('gemeente-zeist', 'query($id: ID!) { provincialPlan(id: $id) { comments { body parentId } } }', { id: plan.id });
    expect(seen.data.provincialPlan.comments).toEqual([{ body: 'public answer', parentId: null }]);
  });
});

describe('the opgave', () => {
  it('is set once when four LRT requests race, changed only by naming its version, and keeps its history', async () => {
    const set = (places: number, expectedVersion?: number) =>
      server.as('lrt', 'mutation($i: SetOpgaveInput!) { setOpgave(input: $i) { id version places setBy { name } } }', {
        i: { provinceCode: 'ZE', opvangtype: 'AZC', dueDate: '2022-07-01', places, source: 'race (test)', expectedVersion },
      });
    const results = await Promise.all([100, 200, 300, 400].map((places) => set(places)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map((r) => r.errors?.[0].extensions?.code)).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT']);
    const winner = results.find((r) => !r.errors)!.data.setOpgave;
    const stale = await set(500, 0);
    expect(stale.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1, changedBy: 'LRT-coördinator (demo)' });
    const changed = await set(500, 1);
    expect(changed.data.setOpgave).toMatchObject({ id: winner.id, version: 2, places: 500 });
    const history = await server.db.query('SELECT version, places FROM opgave_history WHERE opgave_id = $1 ORDER BY version', [winner.id]);
    expect(history).toEqual([{ version: 1, places: winner.places }, { version: 2, places: 500 }]);
  });

  it('is refused for a date in no planning round', async () => {
    const response = await server.as('lrt', 'mutation { setOpgave(input: { provinceCode: ZE, dueDate: "0001-01-01", places: 1, source: "x" }) { id } }');
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.dueDate' });
  });

  it('is shown to those who may read the province plans, not to anyone signed in', async () => {
    const q = '{ province(code: UT) { opgave { places } } }';
    expect((await server.as('gemeente-zeist', q)).data.province.opgave.length).toBeGreaterThan(0);
    expect((await server.as('stranger', q)).data.province.opgave).toEqual([]);
    expect((await server.as('secretariaat-zh', q)).data.province.opgave).toEqual([]);
  });
});

describe('a closed planning round', () => {
  it('blocks submitting, adopting and returning its plans, not just editing', async () => {
    const plan = await create('secretariaat-ut', 'UT', 'Round closes');
    await server.db.query(`UPDATE planning_round SET closed_at = now() WHERE code = 'FLEXIBILISERING_ASIELKETEN'`);
    try {
      const submit = await transition('secretariaat-ut', 'submitProvincialPlan', { planId: plan.id, expectedVersion: 1 });
      expect(submit.errors?.[0].extensions).toMatchObject({ code: 'ROUND_CLOSED', field: 'input.planId' });
    } finally {
      await server.db.query(`UPDATE planning_round SET closed_at = NULL WHERE code = 'FLEXIBILISERING_ASIELKETEN'`);
    }
  });
});

describe('reading while someone writes', () => {
  it('never shows a version with the lines of another', async () => {
    const plan = await create('secretariaat-ut', 'UT', 'lines=1');
    const token = await server.token('ipo');
    let writing = true;
    const writer = (async () => {
      for (let version = 1; version <= 40; version++) {
        const count = version % 2 === 0 ? 1 : 2;
        const lines = Array.from({ length: count }, () => LINE);
        await update('secretariaat-ut', { planId: plan.id, expectedVersion: version, title: `lines=${count}`, lines });
      }
      writing = false;
    })();
    const torn: string[] = [];
    const reader = async () => {
      while (writing) {
        const { data } = await server.gql('query($id: ID!) { provincialPlan(id: $id) { version title lines { id } } }', { id: plan.id }, token);
        const p = data.provincialPlan;
        if (p.title !== `lines=${p.lines.length}`) torn.push(`version ${p.version}: ${p.title} with ${p.lines.length} lines`);
      }
    };
    await Promise.all([writer, reader(), reader(), reader()]);
    expect(torn).toEqual([]);
  });
});
