import { isObjectType, parse, type GraphQLSchema } from 'graphql';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppSchema } from '../src/schema.js';
import { touchesPersonalField } from '../src/platform/subscription-execution.js';
import { connect, startTestServer, subscribe, until, type Subscription, type TestServer } from './support/harness.js';

let server: TestServer;
let schema: GraphQLSchema;
beforeAll(async () => {
  server = await startTestServer();
  schema = await buildAppSchema();
});
afterAll(() => server?.close());

const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fresh draft plan of Utrecht and a way to change its title (as the second secretariat member). */
async function draftPlan(): Promise<{ id: string; change(title: string): Promise<void> }> {
  const created = await server.as('secretariaat-ut', 'mutation($i: CreateProvincialPlanInput!) { createProvincialPlan(input: $i) { id version } }', {
    i: { provinceCode: 'UT', title: 'Fan-out', lines: [{ opvangtypes: ['ROL'], targetDate: '2023-01-01', minPlaces: 1, maxPlaces: 2 }] },
  });
  const id: string = created.data.createProvincialPlan.id;
  let version: number = created.data.createProvincialPlan.version;
  return {
    id,
    change: async (title) => {
      const changed = await server.as('secretariaat-ut-2', 'mutation($i: UpdateProvincialPlanInput!) { updateProvincialPlan(input: $i) { version } }', {
        i: { planId: id, expectedVersion: version, title },
      });
      expect(changed.errors).toBeUndefined();
      version = changed.data.updateProvincialPlan.version;
    },
  };
}

/** `n` subscribers, each on a WebSocket connection of its own, as the given people in turn. */
async function subscribers(n: number, people: string[], query: string, variables: Record<string, unknown>): Promise<{ subs: Subscription[]; close(): Promise<void> }> {
  const clients: Client[] = [];
  const subs: Subscription[] = [];
  const made = server.subscriptionsMade();
  for (let i = 0; i < n; i++) {
    const client = await connect(server.wsUrl, await server.token(people[i % people.length]));
    clients.push(client);
    subs.push(subscribe(client, query, variables));
  }
  // Live on the server before the caller causes anything (each person here may subscribe).
  await server.untilSubscribed(made + n);
  return { subs, close: async () => void (await Promise.all(clients.map((client) => client.dispose()))) };
}

/** The statements a change and its delivery to every subscriber cost, once each subscriber had it. */
async function statementsOf(change: () => Promise<void>, subs: Subscription[], delivered: (sub: Subscription, index: number) => boolean): Promise<string[]> {
  server.statements.length = 0;
  await change();
  await until(() => subs.every(delivered), 20_000);
  await settle();
  return [...server.statements];
}

describe('one change to many subscribers', () => {
  it('reads the changed plan once, whether 2 or 50 subscribers follow it', async () => {
    const counts: number[] = [];
    for (const n of [2, 50]) {
      const plan = await draftPlan();
      const { subs, close } = await subscribers(n, ['secretariaat-ut'], 'subscription($id: ID!) { planChanged(planId: $id) { id version title status viewerActions } }', { id: plan.id });
      // A first change: once everyone has it, every subscription is surely live.
      await plan.change('warm-up');
      await until(() => subs.every((sub) => sub.received.length === 1), 20_000);
      const statements = await statementsOf(() => plan.change(`renamed for ${n}`), subs, (sub) => sub.received.length === 2);
      for (const sub of subs) {
        expect(sub.errors).toEqual([]);
        expect(sub.received[1].planChanged).toMatchObject({ id: plan.id, title: `renamed for ${n}`, status: 'CONCEPT', version: 3 });
      }
      // After the change commits: one read of the plan for all subscribers.
      expect(statements.slice(statements.lastIndexOf('COMMIT') + 1)).toEqual([expect.stringMatching(/FROM provincial_plan p WHERE p\.id = \$1/)]);
      counts.push(statements.length);
      await close();
    }
    expect(counts[1]).toBe(counts[0]);
  }, 90_000);

  it('reads a changed proposal once for all, and still gives it only to those who may see it', async () => {
    const { subs, close } = await subscribers(12, ['gemeente-zeist', 'gemeente-utrecht', 'secretariaat-ut'], 'subscription { proposalChanged(provinceCode: UT) { id name status } }', {});
    const statements = await statementsOf(
      async () => {
        const created = await server.as('gemeente-zeist', 'mutation($i: CreateLocationProposalInput!) { createLocationProposal(input: $i) { id } }', {
          i: { gemeenteCode: 'GM0355', name: 'Fan-out draft', address: 'Weg 5', opvangtype: 'ROL', places: 12 },
        });
        expect(created.errors).toBeUndefined();
      },
      subs,
      (sub, i) => i % 3 !== 0 || sub.received.length === 1,
    );
    // A draft is the gemeente's own: Zeist's subscribers have it, Utrecht's and the secretariat's do not.
    subs.forEach((sub, i) => {
      expect(sub.errors).toEqual([]);
      if (i % 3 === 0) expect(sub.received.map((r) => r.proposalChanged)).toEqual([expect.objectContaining({ name: 'Fan-out draft', status: 'CONCEPT' })]);
      else expect(sub.received).toEqual([]);
    });
    expect(statements.slice(statements.lastIndexOf('COMMIT') + 1)).toEqual([expect.stringMatching(/FROM location_proposal p WHERE p\.id = ANY\(\$1\)/)]);
    await close();
  }, 60_000);
});

describe('one execution per group of subscribers that see alike', () => {
  it("reads each event's data anew: a second event does not show what the first one's loaders read", async () => {
    const plan = await draftPlan();
    const { subs, close } = await subscribers(1, ['secretariaat-ut'], 'subscription($id: ID!) { planChanged(planId: $id) { version revisions { version title } } }', { id: plan.id });
    await plan.change('first');
    await until(() => subs[0].received.length === 1, 20_000);
    await plan.change('second');
    await until(() => subs[0].received.length === 2, 20_000);
    expect(subs[0].errors).toEqual([]);
    const [first, second] = subs[0].received.map((event) => event.planChanged);
    expect(first.revisions.at(-1)).toEqual({ version: first.version, title: 'first' });
    expect(second.version).toBe(first.version + 1);
    expect(second.revisions.at(-1)).toEqual({ version: second.version, title: 'second' });
    await close();
  }, 60_000);

  it('executes a change once for people with the same role, and gives them equal payloads', async () => {
    const plan = await draftPlan();
    const query = 'subscription($id: ID!) { planChanged(planId: $id) { id title viewerActions lines { opvangtypes minPlaces maxPlaces } } }';
    const { subs, close } = await subscribers(6, ['secretariaat-ut', 'secretariaat-ut-2'], query, { id: plan.id });
    await plan.change('warm-up');
    await until(() => subs.every((sub) => sub.received.length === 1), 20_000);
    const statements = await statementsOf(() => plan.change('shared'), subs, (sub) => sub.received.length === 2);
    // After the commit: the plan read once, and its lines once (one execution for all six).
    const delivery = statements.slice(statements.lastIndexOf('COMMIT') + 1);
    expect(delivery).toHaveLength(2);
    expect(delivery[0]).toMatch(/FROM provincial_plan p WHERE p\.id = \$1/);
    expect(delivery[1]).toMatch(/FROM plan_revision r/);
    const payloads = subs.map((sub) => JSON.stringify(sub.received[1]));
    expect(new Set(payloads).size).toBe(1);
    expect(subs[0].received[1].planChanged).toMatchObject({ title: 'shared', lines: [{ opvangtypes: ['ROL'], minPlaces: 1, maxPlaces: 2 }] });
    await close();
  }, 60_000);

  it('executes a selection with a personal field per person, and gives nothing to someone of another region', async () => {
    const created = await server.as('gemeente-zeist', 'mutation($i: CreateLocationProposalInput!) { createLocationProposal(input: $i) { id } }', {
      i: { gemeenteCode: 'GM0355', name: `Groups ${Math.random()}`, address: 'Weg 6', opvangtype: 'ROL', places: 30 },
    });
    const proposalId = created.data.createLocationProposal.id;
    await server.as('gemeente-zeist', 'mutation($i: ProposalTransitionInput!) { submitLocationProposal(input: $i) { id } }', { i: { proposalId, expectedVersion: 1 } });

    // commentAdded with viewerCanEdit: the author's own comment, and someone else's.
    const comments = await subscribers(4, ['secretariaat-ut', 'secretariaat-ut-2'], 'subscription($s: ID!) { commentAdded(subjectId: $s) { body viewerCanEdit } }', { s: proposalId });
    // The national feed, the same document for all: COA of Utrecht's region sees the comment, COA of another does not.
    const feed = await subscribers(4, ['coa-regio-3', 'coa-regio-1'], 'subscription { activity { kind subjectId } }', {});
    await server.as('secretariaat-ut', 'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }', { i: { subjectType: 'LOCATION_PROPOSAL', subjectId: proposalId, body: 'Mine' } });
    await until(() => comments.subs.every((sub) => sub.received.length === 1) && feed.subs.filter((_, i) => i % 2 === 0).every((sub) => sub.received.length === 1));
    await settle();
    comments.subs.forEach((sub, i) => expect(sub.received).toEqual([{ commentAdded: { body: 'Mine', viewerCanEdit: i % 2 === 0 } }]));
    feed.subs.forEach((sub, i) => {
      expect(sub.errors).toEqual([]);
      expect(sub.received).toEqual(i % 2 === 0 ? [{ activity: { kind: 'COMMENT_ADDED', subjectId: proposalId } }] : []);
    });
    await comments.close();
    await feed.close();
  }, 60_000);

  it('knows which fields depend on the person asking, not only on their roles', () => {
    const personal: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) if (field.extensions?.personal) personal.push(`${type.name}.${field.name}`);
    }
    expect(personal.sort()).toEqual([
      'Comment.unread',
      'Comment.viewerCanEdit',
      'Comment.viewerCanResolve',
      'Membership.grantReason',
      'Membership.revokeReason',
      'Membership.revokedBy',
      'Person.memberships',
    ]);
    expect(touchesPersonalField(schema, parse('subscription { commentAdded(subjectId: "x") { ...C } } fragment C on Comment { body author { memberships { role } } }'))).toBe(true);
    expect(touchesPersonalField(schema, parse('subscription { commentAdded(subjectId: "x") { body author { name } } }'))).toBe(false);
  });
});
