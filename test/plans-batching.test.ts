import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const READ = `query($id: ID!) { provincialPlan(id: $id) {
  title status version province { name } round { name } updatedBy { name } viewerActions
  lines { opvangtypes targetDate minPlaces maxPlaces comparison { opgave shortfall { min max } } regions { name gemeenten { name province { code } } } }
  gaps { opvangtypes dueDate opgave planned { min max } shortfall { min max } }
  opgave { opvangtype dueDate places setBy { name } }
  revisions { version kind author { name } lines { maxPlaces comparison { opgave } } changes { kind } }
  comments { body author { name } resolvedBy { name } }
} }`;

async function planWith(lineCount: number): Promise<string> {
  const lines = Array.from({ length: lineCount }, (_, i) => ({
    opvangtypes: [['ROL', 'GVL', 'SATELLIET'][i % 3]],
    targetDate: '2023-01-01',
    minPlaces: i,
    maxPlaces: i + 10,
    regions: [{ name: `Regio ${i}`, gemeenteCodes: ['GM0355', 'GM0307'], minPlaces: 0, maxPlaces: i }],
  }));
  const created = await server.as('secretariaat-ut', 'mutation($i: CreateProvincialPlanInput!) { createProvincialPlan(input: $i) { id } }', {
    i: { provinceCode: 'UT', title: `${lineCount} lines`, lines },
  });
  const id = created.data.createProvincialPlan.id;
  await server.as('secretariaat-ut', 'mutation($i: UpdateProvincialPlanInput!) { updateProvincialPlan(input: $i) { id } }', {
    i: { planId: id, expectedVersion: 1, lines: lines.map((line) => ({ ...line, maxPlaces: line.maxPlaces + 1 })) },
  });
  for (const who of ['coa-regio-3', 'ipo', 'lrt']) {
    await server.as(who, 'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }', { i: { subjectType: 'PROVINCIAL_PLAN', subjectId: id, body: 'noted' } });
  }
  return id;
}

describe('reading a plan with its lines, opgave, revisions and comments', () => {
  it('costs the same number of SQL statements for 2 lines as for 50', async () => {
    await server.as('lrt', 'mutation { setOpgave(input: { provinceCode: UT, opvangtype: AZC, dueDate: "2023-01-01", places: 500, source: "t" }) { id } }');
    const small = await planWith(2);
    const large = await planWith(50);
    const token = await server.token('ipo');

    const measure = async (id: string) => {
      server.statements.length = 0;
      const response = await server.gql(READ, { id }, token);
      expect(response.errors).toBeUndefined();
      return { statements: server.statements.length, lines: response.data.provincialPlan.lines.length };
    };
    const [two, fifty] = [await measure(small), await measure(large)];
    expect(two.lines).toBe(2);
    expect(fifty.lines).toBe(50);
    expect(two.statements).toBeGreaterThan(0);
    expect(fifty.statements).toBe(two.statements);
  });
});
