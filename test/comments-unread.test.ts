import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, type TestServer } from './support/harness.js';

/** Per-person read markers and unread counts, who may edit and resolve (as the API tells the viewer), and the newest-first activity feed. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const LINE = { opvangtypes: ['ROL'], targetDate: '2023-01-01', minPlaces: 100, maxPlaces: 120 };
const create = async (who: string, provinceCode: string, title = 'plan') =>
  (await server.as(who, 'mutation($i: CreateProvincialPlanInput!) { createProvincialPlan(input: $i) { id version } }', { i: { provinceCode, title, lines: [LINE] } })).data
    .createProvincialPlan;
const comment = async (who: string, subjectId: string, body: string, parentId?: string) => {
  const answer = await server.as(who, 'mutation($i: AddCommentInput!) { addComment(input: $i) { id version } }', { i: { subjectType: 'PROVINCIAL_PLAN', subjectId, body, parentId } });
  expect(answer.errors).toBeUndefined();
  return answer.data.addComment as { id: string; version: number };
};
const THREAD = `query($id: ID!) { commentThread(subjectType: PROVINCIAL_PLAN, subjectId: $id) {
  subjectId unreadCount viewerCanComment comments { id body unread viewerCanEdit viewerCanResolve author { name } } } }`;
const thread = async (who: string, id: string) => {
  const answer = await server.as(who, THREAD, { id });
  expect(answer.errors, who).toBeUndefined();
  return answer.data.commentThread;
};
const markRead = (who: string, subjectId: string, upToCommentId?: string) =>
  server.as(who, 'mutation($i: MarkCommentsReadInput!) { markCommentsRead(input: $i) { unreadCount comments { id unread } } }', {
    i: { subjectType: 'PROVINCIAL_PLAN', subjectId, upToCommentId },
  });

describe('unread comments', () => {
  it("counts others' comments after the person's read marker, never their own, per person, and only moves the marker forward", async () => {
    const plan = await create('secretariaat-ut', 'UT', 'Unread');
    const first = await comment('secretariaat-ut', plan.id, 'first from the secretariat');
    expect((await thread('secretariaat-ut', plan.id)).unreadCount).toBe(0);
    expect((await thread('coa-regio-3', plan.id)).unreadCount).toBe(1);
    const second = await comment('coa-regio-3', plan.id, 'from COA');
    const third = await comment('secretariaat-ut', plan.id, 'answer', second.id);

    const coa = await thread('coa-regio-3', plan.id);
    expect(coa.unreadCount).toBe(2);
    expect(coa.comments.map((c: { id: string; unread: boolean }) => [c.id, c.unread])).toEqual([
      [first.id, true],
      [second.id, false],
      [third.id, true],
    ]);
    // Marking up to the first leaves the later one unread; another person's count is their own.
    expect((await markRead('coa-regio-3', plan.id, first.id)).data.markCommentsRead.unreadCount).toBe(1);
    expect((await thread('voorzitter-ut', plan.id)).unreadCount).toBe(3);
    expect((await markRead('coa-regio-3', plan.id)).data.markCommentsRead.unreadCount).toBe(0);
    // An older tab marking an older comment does not bring back what was read.
    expect((await markRead('coa-regio-3', plan.id, first.id)).data.markCommentsRead.unreadCount).toBe(0);
    await comment('secretariaat-ut', plan.id, 'later');
    expect((await thread('coa-regio-3', plan.id)).unreadCount).toBe(1);
    // The marker is the person's, on the server: a second token of the same person (another device) sees the same.
    const device = await server.token('coa-regio-3');
    expect((await server.gql(THREAD, { id: plan.id }, device)).data.commentThread.unreadCount).toBe(1);
  });

  it('refuses the thread and read markers of a subject the person may not read, and a marker on a comment of another subject', async () => {
    const plan = await create('secretariaat-ut', 'UT', 'Hidden');
    const other = await create('secretariaat-ut', 'UT', 'Other');
    const foreign = await comment('secretariaat-ut', other.id, 'elsewhere');
    for (const who of ['gemeente-zeist', 'secretariaat-zh']) {
      expect(codes(await server.as(who, THREAD, { id: plan.id })), who).toEqual(['FORBIDDEN']);
      expect(codes(await markRead(who, plan.id)), who).toEqual(['FORBIDDEN']);
    }
    const wrong = await markRead('coa-regio-3', plan.id, foreign.id);
    expect(wrong.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.upToCommentId' });
    expect(codes(await server.as('coa-regio-3', THREAD, { id: 'not-an-id' }))).toEqual(['BAD_USER_INPUT']);
  });
});

describe('what the viewer may do with a comment', () => {
  it('says the author may edit; the author and the moderators (secretariat, LRT) may resolve; others may not, and the mutations agree', async () => {
    const plan = await create('secretariaat-ut', 'UT', 'Rights');
    const bySecretariat = await comment('secretariaat-ut', plan.id, 'by the secretariat');
    const byCoa = await comment('coa-regio-3', plan.id, 'by COA');
    const flags = async (who: string) =>
      Object.fromEntries((await thread(who, plan.id)).comments.map((c: { body: string; viewerCanEdit: boolean; viewerCanResolve: boolean }) => [c.body, [c.viewerCanEdit, c.viewerCanResolve]]));
    expect(await flags('secretariaat-ut')).toEqual({ 'by the secretariat': [true, true], 'by COA': [false, true] });
    expect(await flags('coa-regio-3')).toEqual({ 'by the secretariat': [false, false], 'by COA': [true, true] });
    expect(await flags('lrt')).toEqual({ 'by the secretariat': [false, true], 'by COA': [false, true] });
    expect(await flags('voorzitter-ut')).toEqual({ 'by the secretariat': [false, false], 'by COA': [false, false] });
    expect((await thread('voorzitter-ut', plan.id)).viewerCanComment).toBe(true);

    const resolve = (who: string, id: string, version: number) =>
      server.as(who, 'mutation($i: ResolveCommentInput!) { resolveComment(input: $i) { resolved } }', { i: { commentId: id, expectedVersion: version } });
    expect(codes(await resolve('coa-regio-3', bySecretariat.id, 1))).toEqual(['FORBIDDEN']);
    expect(codes(await resolve('voorzitter-ut', byCoa.id, 1))).toEqual(['FORBIDDEN']);
    expect((await resolve('secretariaat-ut', byCoa.id, 1)).data.resolveComment.resolved).toBe(true);
    const edit = await server.as('coa-regio-3', 'mutation($i: EditCommentInput!) { editComment(input: $i) { id } }', { i: { commentId: bySecretariat.id, expectedVersion: 1, body: 'x' } });
    expect(codes(edit)).toEqual(['FORBIDDEN']);
  });
});

describe('the activity feed', () => {
  const FEED = `query($codes: [ProvinceCode!], $before: String, $first: Int) { recentEvents(provinceCodes: $codes, before: $before, first: $first) {
    events { id kind subjectId provinceCode actor { name } } endCursor hasMore } }`;

  it('lists the newest events first and continues before a cursor without gaps or repeats', async () => {
    const plan = await create('secretariaat-ut', 'UT', 'Feed');
    await comment('coa-regio-3', plan.id, 'feed comment');
    const page = (await server.as('secretariaat-ut', FEED, { codes: ['UT'], first: 2 })).data.recentEvents;
    expect(page.events.map((e: { kind: string }) => e.kind)).toEqual(['COMMENT_ADDED', 'PLAN_CREATED']);
    expect(page.events[0].actor.name).toMatch(/COA/);
    expect(page.hasMore).toBe(true);
    const next = (await server.as('secretariaat-ut', FEED, { codes: ['UT'], first: 3, before: page.endCursor })).data.recentEvents;
    const ids = [...page.events, ...next.events].map((e: { id: string }) => BigInt(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : 1)));
    expect(new Set(ids).size).toBe(ids.length);
    // The same events, oldest first, from the catch-up query.
    const all = (await server.as('secretariaat-ut', 'query { events(provinceCode: UT, first: 500) { events { id } } }')).data.events.events.map((e: { id: string }) => BigInt(e.id));
    expect(ids).toEqual(all.slice(-5).reverse());
    expect(next.events.every((e: { provinceCode: string }) => e.provinceCode === 'UT')).toBe(true);
  });

  it('follows the provinces a person reaches: a gemeente its own, COA and IPO the whole country, each seeing only what it may', async () => {
    const plan = await create('secretariaat-ut', 'UT', 'Draft for the feed');
    const elsewhere = await create('secretariaat-zh', 'ZH', 'Draft outside COA region 3');
    const coa = (await server.as('coa-regio-3', FEED, { codes: ['UT', 'NH', 'FL'], first: 50 })).data.recentEvents;
    expect(coa.events.some((e: { subjectId: string }) => e.subjectId === plan.id)).toBe(true);
    // COA follows every province (it reads every gemeente's huisvesting), but sees another region's plans no more than before.
    const country = (await server.as('coa-regio-3', FEED, { codes: ['UT', 'ZH'], first: 50 })).data.recentEvents;
    expect(country.events.some((e: { subjectId: string }) => e.subjectId === plan.id)).toBe(true);
    expect(country.events.some((e: { subjectId: string }) => e.subjectId === elsewhere.id)).toBe(false);
    expect(codes(await server.as('gemeente-zeist', FEED, { codes: ['UT', 'ZH'] }))).toEqual(['FORBIDDEN']);
    // viewer.abilities says the same (FOLLOW_ACTIVITY): the activity page asks for exactly these provinces.
    const follows = async (who: string) => (await server.as(who, '{ viewer { abilities { action national provinceCodes } } }')).data.viewer.abilities.find((a: { action: string }) => a.action === 'FOLLOW_ACTIVITY');
    expect(await follows('coa-regio-3')).toMatchObject({ action: 'FOLLOW_ACTIVITY', national: true });
    expect(await follows('ipo')).toMatchObject({ national: true });
    expect(await follows('gemeente-zeist')).toEqual({ action: 'FOLLOW_ACTIVITY', national: false, provinceCodes: ['UT'] });
    expect(codes(await server.as('gemeente-zeist', FEED, {}))).toEqual(['FORBIDDEN']);
    const coaNational = (await server.as('coa-regio-3', FEED, { first: 50 })).data.recentEvents;
    expect(coaNational.events.some((e: { subjectId: string }) => e.subjectId === elsewhere.id)).toBe(false);
    const gemeente = (await server.as('gemeente-zeist', FEED, { codes: ['UT'], first: 50 })).data.recentEvents;
    expect(gemeente.events.some((e: { subjectId: string }) => e.subjectId === plan.id)).toBe(false);
    const national = (await server.as('ipo', FEED, { first: 50 })).data.recentEvents;
    expect(national.events.some((e: { subjectId: string }) => e.subjectId === plan.id)).toBe(true);
    expect(codes(await server.as('ipo', FEED, { first: 501 }))).toEqual(['BAD_USER_INPUT']);
  });
});
