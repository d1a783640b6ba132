import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/harness.js';

/**
 * The national partners of the Handreiking (issue 15, C3): VNG, BZK and SZW exist beside JenV, COA and IPO; more than
 * one ministry may exist; a person acting for a ministry or VNG holds the PARTNER role, and JenV's people set the
 * national taakstelling.
 */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const GRANT = 'mutation($input: GrantMembershipInput!) { grantMembership(input: $input) { role organisation { abbreviation } } }';
const codes = (response: any) => (response.errors ?? []).map((error: any) => error.extensions.code);
const fields = (response: any) => (response.errors ?? []).map((error: any) => error.extensions.field);
const organisationId = async (abbreviation: string) => (await server.db.query('SELECT id FROM organisation WHERE abbreviation = $1', [abbreviation]))[0].id;

describe('the national organisations', () => {
  it('are COA, IPO, VNG and three ministries, each by its abbreviation, for anyone signed in', async () => {
    const listed = await server.as('gemeente-zeist', '{ nationalOrganisations { kind abbreviation name } }');
    expect(listed.errors).toBeUndefined();
    expect(listed.data.nationalOrganisations.map((o: any) => `${o.kind}:${o.abbreviation}`)).toEqual([
      'COA:COA',
      'IPO:IPO',
      'MINISTERIE:BZK',
      'MINISTERIE:JenV',
      'MINISTERIE:SZW',
      'VNG:VNG',
    ]);
    expect(listed.data.nationalOrganisations.find((o: any) => o.abbreviation === 'SZW').name).toBe('Ministerie van Sociale Zaken en Werkgelegenheid');
  });

  it('may hold more than one ministry, but one COA, one IPO and one VNG', async () => {
    await server.db.query(`INSERT INTO organisation (kind, name, abbreviation) VALUES ('MINISTERIE', 'Ministerie van Onderwijs, Cultuur en Wetenschap (test)', 'OCW')`);
    await expect(server.db.query(`INSERT INTO organisation (kind, name, abbreviation) VALUES ('VNG', 'Tweede VNG (test)', 'VNG2')`)).rejects.toThrow(/organisation_national_kind/);
    await expect(server.db.query(`INSERT INTO organisation (kind, name) VALUES ('MINISTERIE', 'Zonder afkorting (test)')`)).rejects.toThrow(/organisation_national_abbreviated/);
    await server.db.query(`DELETE FROM organisation WHERE abbreviation = 'OCW'`);
  });
});

describe('the PARTNER role', () => {
  it('is granted by the LRT for a ministry or VNG, and refused without one or for COA, with the field at fault', async () => {
    const base = { personSubject: 'partner-test', personName: 'Beleidsmedewerker BZK (test)', role: 'PARTNER', reason: 'Trekker van 4.3.2' };
    const missing = await server.as('lrt', GRANT, { input: base });
    expect(codes(missing)).toEqual(['BAD_USER_INPUT']);
    expect(fields(missing)).toEqual(['input.organisationId']);
    const coa = await server.as('lrt', GRANT, { input: { ...base, organisationId: await organisationId('COA') } });
    expect(codes(coa)).toEqual(['BAD_USER_INPUT']);
    expect(fields(coa)).toEqual(['input.organisationId']);
    expect(await server.db.query(`SELECT 1 FROM person WHERE subject = 'partner-test'`)).toEqual([]);

    const granted = await server.as('lrt', GRANT, { input: { ...base, organisationId: await organisationId('BZK') } });
    expect(granted.errors).toBeUndefined();
    expect(granted.data.grantMembership).toEqual({ role: 'PARTNER', organisation: { abbreviation: 'BZK' } });
    expect(codes(await server.as('bzk', GRANT, { input: { ...base, personSubject: 'x', organisationId: await organisationId('BZK') } }))).toEqual(['FORBIDDEN']);
  });

  it("lets an LRT member act for VNG, and defaults to JenV's ministry", async () => {
    const vng = await server.as('lrt', GRANT, { input: { personSubject: 'lrt-vng', personName: 'LRT namens VNG (test)', role: 'LRT', organisationId: await organisationId('VNG'), reason: 'test' } });
    expect(vng.data.grantMembership).toEqual({ role: 'LRT', organisation: { abbreviation: 'VNG' } });
    const plain = await server.as('lrt', GRANT, { input: { personSubject: 'lrt-default', personName: 'LRT (test)', role: 'LRT', reason: 'test' } });
    expect(plain.data.grantMembership).toEqual({ role: 'LRT', organisation: { abbreviation: 'JenV' } });
  });

  it("reads the national figures: every province's adopted figures and all huisvesting", async () => {
    const overview = await server.as('bzk', '{ nationalOverview { provinces { provinceCode opgave realised } } }');
    expect(overview.errors).toBeUndefined();
    expect(overview.data.nationalOverview.provinces).toHaveLength(12);
    // Adopted figures only: realised capacity would reveal agreements, which a partner does not read.
    expect(overview.data.nationalOverview.provinces.every((p: any) => p.realised === null)).toBe(true);
    const huisvesting = await server.as('vng', '{ huisvestingOverview(halfYear: "2021-I") { provinces { provinceCode } } }');
    expect(huisvesting.errors).toBeUndefined();
    expect(huisvesting.data.huisvestingOverview.provinces).toHaveLength(12);
    const abilities = await server.as('bzk', '{ viewer { abilities { action national } } }');
    expect(abilities.data.viewer.abilities).toEqual(
      expect.arrayContaining([
        { action: 'READ_MONITORING', national: true },
        { action: 'READ_HUISVESTING', national: true },
      ]),
    );
    expect(abilities.data.viewer.abilities.map((a: any) => a.action)).not.toContain('SET_NATIONAL_TAAKSTELLING');
  });

  it("reads every province's opgave and published plans, not its drafts", async () => {
    const read = await server.as('bzk', '{ province(code: GR) { opgave { places } plans { status } } }');
    expect(read.errors).toBeUndefined();
    expect(read.data.province.opgave.length).toBeGreaterThan(0);
    expect(read.data.province.plans.length).toBeGreaterThan(0);
    expect(read.data.province.plans.every((p: { status: string }) => p.status !== 'CONCEPT')).toBe(true);
  });

  it('for JenV sets the national taakstelling; for another ministry it does not', async () => {
    const set = (handle: string, vergunninghouders: number) =>
      server.as(handle, `mutation { setNationalTaakstelling(input: { halfYear: "2022-II", vergunninghouders: ${vergunninghouders}, source: "test", publishedOn: "2022-03-30" }) { vergunninghouders } }`);
    expect(codes(await set('bzk', 14_000))).toEqual(['FORBIDDEN']);
    const byJenv = await set('jenv', 14_000);
    expect(byJenv.errors).toBeUndefined();
    expect(byJenv.data.setNationalTaakstelling.vergunninghouders).toBe(14_000);
    for (const [handle, may] of [['jenv', true], ['lrt', true], ['szw', false], ['ipo', false]] as const) {
      const abilities = await server.as(handle, '{ viewer { abilities { action } } }');
      expect(abilities.data.viewer.abilities.some((a: any) => a.action === 'SET_NATIONAL_TAAKSTELLING')).toBe(may);
    }
  });
});
