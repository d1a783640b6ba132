import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, wsExecute, type TestServer } from './support/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const count = async () => (await server.db.query(`SELECT count(*)::int AS n FROM provincial_plan`))[0].n as number;
const LINE = { opvangtypes: ['ROL'], targetDate: '2023-01-01', minPlaces: 10, maxPlaces: 20 };
const CREATE = 'mutation($input: CreateProvincialPlanInput!) { createProvincialPlan(input: $input) { id targetDate lines { targetDate } } }';

describe('dates are typed (LocalDate)', () => {
  it('are LocalDate in the schema, for arguments, input fields and output fields alike', async () => {
    const { data } = await server.as(
      'lrt',
      `{ plan: __type(name: "ProvincialPlan") { fields { name type { ofType { name } } } }
         line: __type(name: "CapacityLineInput") { inputFields { name type { ofType { name } } } }
         query: __type(name: "Query") { fields { name args { name type { name ofType { name } } } } } }`,
    );
    expect(data.plan.fields.find((f: any) => f.name === 'targetDate').type.ofType.name).toBe('LocalDate');
    expect(data.line.inputFields.find((f: any) => f.name === 'targetDate').type.ofType.name).toBe('LocalDate');
    const overview = data.query.fields.find((f: any) => f.name === 'nationalOverview');
    expect(overview.args.find((a: any) => a.name === 'on').type.ofType.name).toBe('LocalDate');
  });

  it('come out as YYYY-MM-DD', async () => {
    const result = await server.as('secretariaat-ut', CREATE, { input: { provinceCode: 'UT', title: 'Datumplan', lines: [LINE] } });
    expect(result.errors).toBeUndefined();
    expect(result.data.createProvincialPlan).toMatchObject({ targetDate: '2023-01-01', lines: [{ targetDate: '2023-01-01' }] });
    const { data } = await server.as('lrt', '{ nationalOverview(on: "2023-01-01") { on } province(code: UT) { populationDate } }');
    expect(data).toEqual({ nationalOverview: { on: '2023-01-01' }, province: { populationDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) } });
  });

  it('that do not exist are BAD_USER_INPUT naming the field, in a variable or written in the query, and nothing is written', async () => {
    const before = await count();
    const inVariable = await server.as('secretariaat-ut', CREATE, { input: { provinceCode: 'UT', title: 'Datumplan', lines: [LINE, { ...LINE, targetDate: '2022-02-30' }] } });
    expect(codes(inVariable)).toEqual(['BAD_USER_INPUT']);
    expect(inVariable.errors?.[0].extensions?.field).toBe('input.lines[1].targetDate');

    const literal = `mutation { createProvincialPlan(input: { provinceCode: UT, title: "Datumplan",
      lines: [{ opvangtypes: [ROL], targetDate: "2023-01-01", minPlaces: 1, maxPlaces: 2 }, { opvangtypes: [ROL], targetDate: "2022-02-30", minPlaces: 1, maxPlaces: 2 }] }) { id } }`;
    const inQuery = await server.as('secretariaat-ut', literal);
    expect(codes(inQuery)).toEqual(['BAD_USER_INPUT']);
    expect(inQuery.errors?.[0].extensions?.field).toBe('input.lines[1].targetDate');

    const argument = await server.as('lrt', '{ nationalOverview(on: "2023-13-01") { on } }');
    expect(codes(argument)).toEqual(['BAD_USER_INPUT']);
    expect(argument.errors?.[0].extensions?.field).toBe('on');
    const notAString = await server.as('lrt', '{ extensionReport(from: 2020, until: "2021-12-31") { expiring } }');
    expect(codes(notAString)).toEqual(['BAD_USER_INPUT']);
    expect(notAString.errors?.[0].extensions?.field).toBe('from');
    expect(await count()).toBe(before);
  });

  it('get the same answer over WebSocket', async () => {
    const client = server.wsClient({ authorization: `Bearer ${await server.token('lrt')}` });
    const inVariable = await wsExecute(client, 'query($on: LocalDate!) { nationalOverview(on: $on) { on } }', { on: '2023-02-29' });
    expect(codes(inVariable)).toEqual(['BAD_USER_INPUT']);
    expect(inVariable.errors?.[0].extensions?.field).toBe('on');
    // Refused before it runs: graphql-ws answers with an error message rather than a result.
    const inQuery = await wsExecute(client, '{ nationalOverview(on: "2023-02-29") { on } }').catch((errors) => ({ errors }));
    expect(codes(inQuery)).toEqual(['BAD_USER_INPUT']);
    expect(inQuery.errors?.[0].extensions?.field).toBe('on');
    const fine = await wsExecute(client, 'query($on: LocalDate!) { nationalOverview(on: $on) { on } }', { on: '2024-02-29' });
    expect(fine.errors).toBeUndefined();
    expect(fine.data).toEqual({ nationalOverview: { on: '2024-02-29' } });
  });

  it("keep the server's own rules that the scalar does not know: the year 0, and the planning round", async () => {
    const yearZero = await server.as('secretariaat-ut', CREATE, { input: { provinceCode: 'UT', title: 'Datumplan', lines: [{ ...LINE, targetDate: '0000-01-01' }] } });
    expect(codes(yearZero)).toEqual(['BAD_USER_INPUT']);
    expect(yearZero.errors?.[0].extensions?.field).toBe('input.lines[0].targetDate');
    const outsideRound = await server.as('secretariaat-ut', CREATE, { input: { provinceCode: 'UT', title: 'Datumplan', lines: [{ ...LINE, targetDate: '2026-01-01' }] } });
    expect(codes(outsideRound)).toEqual(['BAD_USER_INPUT']);
    expect(outsideRound.errors?.[0]).toMatchObject({ message: expect.stringContaining('outside planning round'), extensions: { field: 'input.lines[0].targetDate' } });
  });
});
