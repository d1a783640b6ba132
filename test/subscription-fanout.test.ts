import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, startTestServer, subscribe, until, type Subscription, type TestServer } from './support/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
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
  for (let i = 0; i < n; i++) {
    const client = await connect(server.wsUrl, await server.token(people[i % people.length]));
    clients.push(client);
    subs.push(subscribe(client, query, variables));
  }
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
    await settle(500);
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
