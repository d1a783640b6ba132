import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, connect, startTestServer, subscribe, until, type TestServer } from './support/harness.js';

/**
 * Comment events on a plan follow the plan as it is now and the comment as it was written: text a secretariat
 * writes or edits while its plan is a draft never reaches those who may not read drafts (a gemeente), over the
 * live activity feed, the audit trail or commentAdded.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const LINE = { opvangtypes: ['ROL'], targetDate: '2023-01-01', minPlaces: 100, maxPlaces: 120 };
async function ok(who: string, query: string, variables: Record<string, unknown>) {
  const answer = await server.as(who, query, variables);
  expect(answer.errors, `${who}: ${query.slice(0, 60)}`).toBeUndefined();
  return answer.data;
}
const createPlan = async () =>
  (await ok('secretariaat-ut', 'mutation($i: CreateProvincialPlanInput!) { createProvincialPlan(input: $i) { id version } }', { i: { provinceCode: 'UT', title: 'Events', lines: [LINE] } }))
    .createProvincialPlan as { id: string; version: number };
const submit = async (planId: string, expectedVersion: number) =>
  (await ok('secretariaat-ut', 'mutation($i: PlanTransitionInput!) { submitProvincialPlan(input: $i) { version } }', { i: { planId, expectedVersion } })).submitProvincialPlan.version as number;
const returnPlan = async (planId: string, expectedVersion: number) =>
  (await ok('lrt', 'mutation($i: ReturnProvincialPlanInput!) { returnProvincialPlan(input: $i) { version } }', { i: { planId, expectedVersion, reason: 'more detail' } })).returnProvincialPlan
    .version as number;
const editPlan = async (planId: string, expectedVersion: number) =>
  (await ok('secretariaat-ut', 'mutation($i: UpdateProvincialPlanInput!) { updateProvincialPlan(input: $i) { version status } }', { i: { planId, expectedVersion, title: 'Events, revised' } }))
    .updateProvincialPlan as { version: number; status: string };
const addComment = async (who: string, subjectId: string, body: string) =>
  (await ok(who, 'mutation($i: AddCommentInput!) { addComment(input: $i) { id version } }', { i: { subjectType: 'PROVINCIAL_PLAN', subjectId, body } })).addComment as { id: string; version: number };
const editComment = async (commentId: string, expectedVersion: number, body: string) =>
  ok('secretariaat-ut', 'mutation($i: EditCommentInput!) { editComment(input: $i) { version } }', { i: { commentId, expectedVersion, body } });
const ACTIVITY = 'subscription { activity(provinceCode: UT) { kind subjectId after } }';

describe('comment events on a plan', () => {
  it('are not sent to a gemeente once the plan is back in draft, and its audit trail and commentAdded refuse the gemeente', async () => {
    const plan = await createPlan();
    const submitted = await submit(plan.id, plan.version);
    const written = await addComment('secretariaat-ut', plan.id, 'written while submitted');
    const returned = await returnPlan(plan.id, submitted);
    const draft = await editPlan(plan.id, returned);
    expect(draft.status).toBe('CONCEPT');

    const gemeente = await connect(server.url, await server.token('gemeente-zeist'));
    const coa = await connect(server.url, await server.token('coa-regio-3'));
    try {
      const made = server.subscriptionsMade();
      const gemeenteFeed = subscribe(gemeente, ACTIVITY);
      const coaFeed = subscribe(coa, ACTIVITY);
      const added = subscribe(gemeente, 'subscription($id: ID!) { commentAdded(subjectId: $id) { id } }', { id: plan.id });
      await server.untilSubscribed(made + 2); // commentAdded on a draft is refused to the gemeente, not made
      await editComment(written.id, written.version, 'DRAFT ONLY: edited while the plan is a draft');
      // COA may read the draft, so it gets the edit; the gemeente gets nothing.
      await until(() => coaFeed.received.some((r) => r.activity.kind === 'COMMENT_EDITED'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(JSON.stringify(gemeenteFeed.received)).not.toContain('DRAFT ONLY');
      expect(gemeenteFeed.received.filter((r) => r.activity.subjectId === plan.id)).toEqual([]);
      await until(() => added.done);
      expect(JSON.stringify(added.errors)).toContain('FORBIDDEN');

      const trail = await server.as('gemeente-zeist', 'query($id: ID!) { auditTrail(subjectId: $id) { kind } }', { id: plan.id });
      expect(codes(trail)).toEqual(['FORBIDDEN']);
      expect((await ok('coa-regio-3', 'query($id: ID!) { auditTrail(subjectId: $id) { kind } }', { id: plan.id })).auditTrail.map((e: { kind: string }) => e.kind)).toContain('COMMENT_EDITED');
    } finally {
      await gemeente.dispose();
      await coa.dispose();
    }
  });

  it('keep a comment written on a draft from a gemeente when it is edited after the plan was submitted', async () => {
    const plan = await createPlan();
    const written = await addComment('secretariaat-ut', plan.id, 'written on the draft');
    const submitted = await submit(plan.id, plan.version);
    expect(submitted).toBeGreaterThan(plan.version);

    const gemeente = await connect(server.url, await server.token('gemeente-zeist'));
    try {
      const made = server.subscriptionsMade();
      const feed = subscribe(gemeente, ACTIVITY);
      await server.untilSubscribed(made + 1);
      await editComment(written.id, written.version, 'SECRET: still the draft comment, edited after submission');
      const visible = await addComment('secretariaat-ut', plan.id, 'written on the submitted plan');
      // The later, visible comment arrives; the edit of the draft comment does not.
      await until(() => feed.received.some((r) => r.activity.after?.commentId === visible.id));
      expect(JSON.stringify(feed.received)).not.toContain('SECRET');
      const trail = (await ok('gemeente-zeist', 'query($id: ID!) { auditTrail(subjectId: $id) { kind after } }', { id: plan.id })).auditTrail;
      expect(JSON.stringify(trail)).not.toContain('SECRET');
      expect(JSON.stringify(trail)).toContain('written on the submitted plan');
    } finally {
      await gemeente.dispose();
    }
  });

  it('keep a comment written on a draft proposal from COA when the gemeente edits it after submitting', async () => {
    const m = (name: string, type: string) => `mutation($i: ${type}!) { ${name}(input: $i) { id version } }`;
    const draft = (await ok('gemeente-zeist', m('createLocationProposal', 'CreateLocationProposalInput'), { i: { gemeenteCode: 'GM0355', name: 'Concept met reactie', address: 'Weg 3', opvangtype: 'ROL', places: 60 } }))
      .createLocationProposal as { id: string; version: number };
    const written = (await ok('gemeente-zeist', 'mutation($i: AddCommentInput!) { addComment(input: $i) { id version } }', { i: { subjectType: 'LOCATION_PROPOSAL', subjectId: draft.id, body: 'internal note on the draft' } }))
      .addComment as { id: string; version: number };
    await ok('gemeente-zeist', m('submitLocationProposal', 'ProposalTransitionInput'), { i: { proposalId: draft.id, expectedVersion: draft.version } });

    const coa = await connect(server.url, await server.token('coa-regio-3'));
    try {
      const made = server.subscriptionsMade();
      const feed = subscribe(coa, ACTIVITY);
      await server.untilSubscribed(made + 1);
      await ok('gemeente-zeist', 'mutation($i: EditCommentInput!) { editComment(input: $i) { version } }', { i: { commentId: written.id, expectedVersion: written.version, body: 'PROPOSAL-DRAFT-ONLY: the draft note, edited after submission' } });
      const visible = (await ok('gemeente-zeist', 'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }', { i: { subjectType: 'LOCATION_PROPOSAL', subjectId: draft.id, body: 'for COA' } })).addComment;
      await until(() => feed.received.some((r) => r.activity.after?.commentId === visible.id));
      expect(JSON.stringify(feed.received)).not.toContain('PROPOSAL-DRAFT-ONLY');
      const trail = (await ok('coa-regio-3', 'query($id: ID!) { auditTrail(subjectId: $id) { kind after } }', { id: draft.id })).auditTrail;
      expect(JSON.stringify(trail)).not.toContain('PROPOSAL-DRAFT-ONLY');
      expect(JSON.stringify(trail)).toContain('for COA');
      const recent = (await ok('coa-regio-3', '{ recentEvents(provinceCodes: [UT], first: 50) { events { after } } }', {})).recentEvents;
      expect(JSON.stringify(recent)).not.toContain('PROPOSAL-DRAFT-ONLY');
    } finally {
      await coa.dispose();
    }
  });
});
