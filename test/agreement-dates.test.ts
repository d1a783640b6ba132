import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today } from '../src/agreements/status.js';
import { startTestServer, type TestServer } from './support/harness.js';

/** Dates of things that happened (signing an agreement, deciding its extension) cannot lie after today. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const REGISTER = 'mutation($i: RegisterAgreementInput!) { registerAgreement(input: $i) { id version signedOn } }';
const EXTEND = 'mutation($i: ExtendAgreementInput!) { extendAgreement(input: $i) { endDate version extensions { decidedOn } } }';
const count = async (table: string) => (await server.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

const agreement = (extra: object = {}) => ({
  gemeenteCode: 'GM0312',
  locationName: `Toekomstlocatie ${Math.random().toString(36).slice(2)}`,
  opvangtype: 'GVL',
  maxPlaces: 50,
  startDate: '2024-01-01',
  endDate: '2035-12-31',
  signedOn: '2023-12-01',
  ...extra,
});

describe('dates in the future', () => {
  it('refuses an agreement signed after today (input.signedOn), and writes nothing', async () => {
    const before = [await count('agreement'), await count('event')];
    for (const signedOn of [addDays(today(), 1), '2030-01-01']) {
      const response = await server.as('coa-regio-3', REGISTER, { i: agreement({ signedOn }) });
      expect(response.data).toBeNull();
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.signedOn' });
    }
    expect([await count('agreement'), await count('event')]).toEqual(before);
  });

  it('accepts an agreement signed today', async () => {
    const response = await server.as('coa-regio-3', REGISTER, { i: agreement({ signedOn: today() }) });
    expect(response.errors).toBeUndefined();
    expect(response.data.registerAgreement.signedOn).toBe(today());
  });

  it('refuses an extension decided after today (input.decidedOn), writes nothing, and accepts one decided today', async () => {
    const registered = await server.as('coa-regio-3', REGISTER, { i: agreement() });
    expect(registered.errors).toBeUndefined();
    const { id } = registered.data.registerAgreement;
    const before = [await count('agreement_extension'), await count('event')];
    const refused = await server.as('coa-regio-3', EXTEND, { i: { agreementId: id, expectedVersion: 1, newEndDate: '2036-12-31', decidedOn: addDays(today(), 1) } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.decidedOn' });
    expect([await count('agreement_extension'), await count('event')]).toEqual(before);
    const [{ version }] = await server.db.query('SELECT version FROM agreement WHERE id = $1', [id]);
    expect(version).toBe(1);
    const accepted = await server.as('coa-regio-3', EXTEND, { i: { agreementId: id, expectedVersion: 1, newEndDate: '2036-12-31', decidedOn: today() } });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data.extendAgreement).toMatchObject({ endDate: '2036-12-31', version: 2, extensions: [{ decidedOn: today() }] });
  });
});
