import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/harness.js';

/** An expiring agreement names its agreement, so a client can open, extend or end it from the list. */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
}, 120_000);

afterAll(() => server?.close());

describe('expiring agreements', () => {
  it('give the id of each agreement, which opens that very agreement for the same reader', async () => {
    const { data, errors } = await server.as('coa-regio-3', '{ expiringAgreements(from: "2020-01-01", within: 3650) { provinceCode agreements { agreementId locationName gemeenteCode places } } }');
    expect(errors).toBeUndefined();
    const expiring = data.expiringAgreements.flatMap((p: { agreements: unknown[] }) => p.agreements);
    expect(expiring.length).toBeGreaterThan(0);
    for (const item of expiring) {
      const opened = await server.as('coa-regio-3', 'query($id: ID!) { agreement(id: $id) { id locationName maxPlaces gemeente { code } } }', { id: item.agreementId });
      expect(opened.errors).toBeUndefined();
      expect(opened.data.agreement).toMatchObject({ id: item.agreementId, locationName: item.locationName, maxPlaces: item.places, gemeente: { code: item.gemeenteCode } });
    }
  });
});
