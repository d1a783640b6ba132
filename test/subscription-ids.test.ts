import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer, connect, until } from './support/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const connectAs = (token: string) => connect(server.wsUrl, token);

function collect(client: Client, query: string, variables: Record<string, unknown>) {
  const seen: { data: any[]; errors: unknown[] } = { data: [], errors: [] };
  client.subscribe({ query, variables }, { next: (value) => (value.errors ? seen.errors.push(value.errors) : seen.data.push(value.data)), error: (error) => seen.errors.push(error), complete: () => {} });
  return seen;
}


describe('subscriptions take ids in any case, as queries do', () => {
  it('delivers planChanged and commentAdded to a subscriber who wrote the id in upper case', async () => {
    const created = await server.as('secretariaat-ut', 'mutation($i: CreateProvincialPlanInput!) { createProvincialPlan(input: $i) { id version } }', {
      i: { provinceCode: 'UT', title: 'Upper case', lines: [{ opvangtypes: ['ROL'], targetDate: '2023-01-01', minPlaces: 1, maxPlaces: 2 }] },
    });
    const planId: string = created.data.createProvincialPlan.id;
    const upper = planId.toUpperCase();
    expect(upper).not.toBe(planId);
    // The query accepts the upper-case id: the subscription must mean the same plan.
    const read = await server.as('secretariaat-ut', 'query($id: ID!) { provincialPlan(id: $id) { id } }', { id: upper });
    expect(read.data.provincialPlan.id).toBe(planId);

    const client = await connectAs(await server.token('secretariaat-ut'));
    const made = server.subscriptionsMade();
    const changes = collect(client, 'subscription($id: ID!) { planChanged(planId: $id) { id title } }', { id: upper });
    const comments = collect(client, 'subscription($id: ID!) { commentAdded(subjectId: $id) { body } }', { id: upper });
    await server.untilSubscribed(made + 2);

    await server.as('secretariaat-ut', 'mutation($i: UpdateProvincialPlanInput!) { updateProvincialPlan(input: $i) { version } }', {
      i: { planId: upper, expectedVersion: 1, title: 'Upper case, renamed' },
    });
    await server.as('secretariaat-ut', 'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }', { i: { subjectType: 'PROVINCIAL_PLAN', subjectId: upper, body: 'Seen in any case' } });
    await until(() => changes.data.length > 0 && comments.data.length > 0);
    expect(changes.data[0].planChanged).toEqual({ id: planId, title: 'Upper case, renamed' });
    expect(comments.data[0].commentAdded).toEqual({ body: 'Seen in any case' });
    expect([...changes.errors, ...comments.errors]).toEqual([]);
    await client.dispose();
  });
});
