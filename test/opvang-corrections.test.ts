import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, type TestServer } from './support/harness.js';

/**
 * The corrections of issue 15, part C, over the real server on the demo data: the short-term target as data,
 * AZC under the total opvang opgave, crisisnoodopvang as the gemeente's, the kleinschalig threshold as
 * configuration, and the demo story's figures (814, 9 of 15) read from the API.
 */
let server: TestServer;

const TARGET = 'id provinceCode places periodFrom periodUntil decidedOn source';
const PROVINCE = `query($on: LocalDate!, $p: ProvinceCode) { nationalOverview(on: $on, provinceCode: $p) {
  shortTermTarget totalShortTermRealised shortTermTargetInForce { ${TARGET} }
  provinces { provinceCode shortTermTarget shortTermRealised shortTermTargetInForce { ${TARGET} } shortTermDeduction shortTermTargetAfterVerevening }
} }`;
const REGISTER = 'mutation($i: RegisterAgreementInput!) { registerAgreement(input: $i) { id version capacityKind opvangtype maxPlaces } }';
const REVISE = 'mutation($i: ReviseShortTermTargetInput!) { reviseShortTermTarget(input: $i) { id provinceCode places periodFrom periodUntil decidedOn source setBy { name } } }';

const gemeenteCode = async (name: string): Promise<string> => (await server.db.query('SELECT code FROM gemeente WHERE name = $1 AND valid_until IS NULL', [name]))[0].code;
const overview = async (on: string, p?: string, who = 'ipo') => {
  const response = await server.as(who, PROVINCE, { on, p: p ?? null });
  expect(response.errors).toBeUndefined();
  return response.data.nationalOverview;
};

beforeAll(async () => {
  server = await startTestServer();
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('C6: the demo tells the story of 2020–2023 with the Handreiking\'s own figures (read before anything here changes it)', () => {
  const AGREEMENTS = `query($p: ProvinceCode, $t: Opvangtype) { agreements(provinceCode: $p, opvangtype: $t, first: 100) { totalCount edges { node { provinceCode locationName opvangtype maxPlaces startDate endDate originalEndDate capacityKind } } } }`;
  const agreements = async (p: string | null, t: string | null) => (await server.as('lrt', AGREEMENTS, { p, t })).data.agreements.edges.map((e: any) => e.node);

  it('814 extra places realised in January 2021, all in Groningen and Noord-Brabant', async () => {
    const december = await overview('2020-12-31');
    const january = await overview('2021-01-31');
    expect(january.totalShortTermRealised - december.totalShortTermRealised).toBe(814);
    const growth = (code: string) => january.provinces.find((p: any) => p.provinceCode === code).shortTermRealised - december.provinces.find((p: any) => p.provinceCode === code).shortTermRealised;
    expect(growth('GR') + growth('NB')).toBe(814);
    expect(growth('GR')).toBeGreaterThan(0);
    expect(growth('NB')).toBeGreaterThan(0);
  });

  it('9 of the 15 agreements expiring in 2020–2021 extended, of different locations, types and provinces', async () => {
    const report = (await server.as('lrt', `{ extensionReport(from: "2020-01-01", until: "2021-12-31") { expiring extended agreements { provinceCode locationName opvangtype endDate originalEndDate } } }`)).data.extensionReport;
    expect(report).toMatchObject({ expiring: 15, extended: 9 });
    const extended = report.agreements.filter((a: any) => a.endDate !== a.originalEndDate);
    expect(extended).toHaveLength(9);
    expect(new Set(extended.map((a: any) => a.locationName)).size).toBe(9);
    expect(new Set(extended.map((a: any) => a.provinceCode)).size).toBeLessThan(12); // not the same AZC extended everywhere
    expect(new Set(report.agreements.map((a: any) => a.opvangtype)).size).toBeGreaterThan(2);
  });

  it('builds the flexible system toward 2023: a few ROL agreements, late, in some provinces', async () => {
    const rol = await agreements(null, 'ROL');
    expect(rol.length).toBeGreaterThan(0);
    expect(new Set(rol.map((a: any) => a.provinceCode)).size).toBeLessThan(6);
    expect(rol.every((a: any) => a.startDate >= '2022-01-01')).toBe(true);
  });

  it('books no noodopvang toward the short-term target, and counts no 417 opgave on top of the 2023 levels', async () => {
    const nood = await agreements(null, 'NOODOPVANG');
    const inPeriod = nood.filter((a: any) => a.startDate >= '2019-11-01' && a.startDate <= '2021-01-31');
    expect(inPeriod.length).toBeGreaterThan(0);
    const january = await overview('2021-01-31');
    for (const code of new Set(inPeriod.map((a: any) => a.provinceCode))) {
      const extra = (await agreements(code as string, null)).filter((a: any) => a.capacityKind === 'EXTRA' && a.opvangtype !== 'NOODOPVANG' && a.startDate >= '2019-11-01' && a.startDate <= '2021-01-31');
      expect(january.provinces.find((p: any) => p.provinceCode === code).shortTermRealised).toBe(extra.reduce((sum: number, a: any) => sum + a.maxPlaces, 0));
    }
    const rows = (await server.as('ipo', `{ nationalOverview(on: "2023-01-01") { totalOpgave rows { provinceCode opvangtypes opgave } provinces { totalOpvangOpgave } } }`)).data.nationalOverview;
    expect(rows.rows.filter((r: any) => r.opvangtypes.length === 0).every((r: any) => r.opgave === 0)).toBe(true);
    expect(rows.totalOpgave).toBe(rows.rows.filter((r: any) => r.opvangtypes.length === 1).reduce((sum: number, r: any) => sum + r.opgave, 0));
    const total = rows.provinces.reduce((sum: number, p: any) => sum + p.totalOpvangOpgave, 0);
    expect(Math.abs(total - 31_000)).toBeLessThan(60); // COA's ~31,000 places up to 1 January 2023, by population share
  });

  it("has Zuid-Holland's plan of 15 September 2020", async () => {
    const plans = (await server.as('ipo', `{ province(code: ZH) { plans { title status lines { opvangtypes targetDate minPlaces maxPlaces } } } }`)).data.province.plans;
    const plan = plans.find((p: any) => /15 september 2020/.test(p.title));
    expect(plan.status).toBe('INGEDIEND');
    expect(plan.lines.map((l: any) => [l.opvangtypes.join('/'), l.targetDate.slice(0, 4), l.minPlaces, l.maxPlaces])).toEqual([
      ['', '2020', 417, 417],
      ['', '2021', 1100, 1100],
      ['ROL', '2023', 2450, 2700],
      ['GVL/SATELLIET', '2023', 1430, 1500],
    ]);
    // Its 2021 places replace closing locations: the replacing agreement is no extra capacity.
    const zh = await agreements('ZH', 'AZC');
    expect(zh.filter((a: any) => a.startDate.startsWith('2021')).map((a: any) => a.capacityKind)).toEqual(['REPLACEMENT']);
  });

  it("records crisisnoodopvang as a gemeente's, counted as its own type", async () => {
    const list = (await server.as('ipo', `{ crisisnoodopvang { provinceCode places from until } }`)).data.crisisnoodopvang;
    expect(list.length).toBeGreaterThan(0);
    const [first] = list;
    const figures = (await server.as('ipo', `query($on: LocalDate!, $p: ProvinceCode) { nationalOverview(on: $on, provinceCode: $p) { rows { opvangtypes realised } } }`, { on: first.from, p: first.provinceCode })).data.nationalOverview;
    expect(figures.rows.find((r: any) => r.opvangtypes.join() === 'CRISISNOODOPVANG').realised).toBe(list.filter((c: any) => c.provinceCode === first.provinceCode && c.from <= first.from && c.until >= first.from).reduce((sum: number, c: any) => sum + c.places, 0));
  });
});

describe('C2: the short-term target is data', () => {
  it('holds 5,000 nationally and 417 per province, asked in November 2019, counting places that start up to 31 January 2021', async () => {
    const national = (await server.as('gemeente-middelburg', `{ shortTermTargets { ${TARGET} } }`)).data.shortTermTargets;
    expect(national).toHaveLength(1);
    expect(national[0]).toMatchObject({ provinceCode: null, places: 5000, periodFrom: '2019-11-01', periodUntil: '2021-01-31', decidedOn: '2019-11-01' });
    expect(national[0].source).toMatch(/kan worden herzien/);
    const all = await overview('2021-01-31');
    expect(all.shortTermTarget).toBe(5000);
    expect(all.provinces).toHaveLength(12);
    for (const p of all.provinces) expect(p.shortTermTargetInForce).toMatchObject({ provinceCode: p.provinceCode, places: 417, periodUntil: '2021-01-31' });
  });

  it('counts an agreement for extra places starting on 15 January 2021, but not a continuation of a location, a replacement, or noodopvang', async () => {
    const zeeland = async (on: string) => (await overview(on, 'ZE')).provinces[0].shortTermRealised;
    const before = await zeeland('2021-02-15');
    const vlissingen = await gemeenteCode('Vlissingen');
    const register = (i: Record<string, unknown>) => server.as('coa-regio-4', REGISTER, { i: { gemeenteCode: vlissingen, signedOn: '2020-12-01', endDate: '2026-01-14', ...i } });

    const extra = await register({ locationName: 'Extra Januari', opvangtype: 'AZC', maxPlaces: 111, startDate: '2021-01-15' });
    expect(extra.errors).toBeUndefined();
    expect(extra.data.registerAgreement.capacityKind).toBe('EXTRA');
    expect(await zeeland('2021-02-15')).toBe(before + 111);
    expect(await zeeland('2021-01-14')).toBe(before); // not yet on the day before it started

    // The same location again after its first agreement: a continuation, set by itself.
    const first = await register({ locationName: 'Oude Kazerne', opvangtype: 'AZC', maxPlaces: 200, startDate: '2015-01-01', endDate: '2020-05-31', signedOn: '2014-11-01' });
    expect(first.errors).toBeUndefined();
    const again = await register({ locationName: 'oude  kazerne', opvangtype: 'AZC', maxPlaces: 200, startDate: '2020-06-01' });
    expect(again.data.registerAgreement.capacityKind).toBe('CONTINUATION');
    const replacement = await register({ locationName: 'Nieuwe Haven', opvangtype: 'AZC', maxPlaces: 150, startDate: '2020-09-01', capacityKind: 'REPLACEMENT' });
    expect(replacement.data.registerAgreement.capacityKind).toBe('REPLACEMENT');
    const nood = await register({ locationName: 'Sporthal Noord', opvangtype: 'NOODOPVANG', maxPlaces: 90, startDate: '2020-10-01', endDate: '2021-03-31' });
    expect(nood.data.registerAgreement.capacityKind).toBe('EXTRA');
    expect(await zeeland('2021-02-15')).toBe(before + 111);
    // Places starting after the period do not count.
    await register({ locationName: 'Te Laat', opvangtype: 'AZC', maxPlaces: 70, startDate: '2021-02-01' });
    expect(await zeeland('2021-06-30')).toBe(before + 111);
  });

  it('lets the LRT revise one province with a source; the history keeps every figure and the figures use the one in force', async () => {
    const refused = await server.as('secretariaat-ze', REVISE, { i: { provinceCode: 'ZE', places: 300, periodFrom: '2019-11-01', periodUntil: '2021-01-31', decidedOn: '2020-06-01', source: 'x' } });
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    const bad = await server.as('lrt', REVISE, { i: { provinceCode: 'ZE', places: 300, periodFrom: '2021-01-31', periodUntil: '2019-11-01', decidedOn: '2020-06-01', source: 'x' } });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].extensions!.field).toBe('input.periodUntil');

    const revised = await server.as('lrt', REVISE, {
      i: { provinceCode: 'ZE', places: 300, periodFrom: '2019-11-01', periodUntil: '2021-01-31', decidedOn: '2020-06-01', source: 'LRT 1 juni 2020: herzien voor Zeeland (test)' },
    });
    expect(revised.errors).toBeUndefined();
    expect(revised.data.reviseShortTermTarget).toMatchObject({ provinceCode: 'ZE', places: 300, setBy: { name: 'LRT-coördinator (demo)' } });

    const history = (await server.as('secretariaat-ze', `query { shortTermTargets(provinceCode: ZE) { places decidedOn source } }`)).data.shortTermTargets;
    expect(history.map((t: any) => [t.places, t.decidedOn])).toEqual([[417, '2019-11-01'], [300, '2020-06-01']]);

    expect((await overview('2020-05-31', 'ZE')).provinces[0].shortTermTarget).toBe(417);
    const after = await overview('2020-06-01');
    expect(after.provinces.find((p: any) => p.provinceCode === 'ZE')).toMatchObject({ shortTermTarget: 300, shortTermTargetInForce: { source: 'LRT 1 juni 2020: herzien voor Zeeland (test)' } });
    expect(after.provinces.filter((p: any) => p.provinceCode !== 'ZE').every((p: any) => p.shortTermTarget === 417)).toBe(true);
    expect(after.shortTermTarget).toBe(5000); // the national target is its own figure
  });

  it("deducts the province's voorsprong from its target in force, in the huisvesting figures and in the monitoring figures, batched", async () => {
    const huisvesting = (await server.as('ipo', `{ huisvestingOverview(halfYear: "2021-II") { provinces { provinceCode verevening { peildata { peildatum voorsprong } deduction shortTermTarget remainingShortTermTarget } } } }`)).data.huisvestingOverview.provinces;
    const ze = huisvesting.find((p: any) => p.provinceCode === 'ZE').verevening;
    expect(ze.shortTermTarget).toBe(300); // revised above
    expect(huisvesting.filter((p: any) => p.provinceCode !== 'ZE').every((p: any) => p.verevening.shortTermTarget === 417)).toBe(true);

    const monitoring = await overview('2022-01-01');
    for (const p of monitoring.provinces) {
      const v = huisvesting.find((h: any) => h.provinceCode === p.provinceCode).verevening;
      expect(p.shortTermDeduction).toBe(v.deduction);
      expect(p.shortTermTargetAfterVerevening).toBe(Math.max(0, p.shortTermTarget - v.deduction));
    }
    // On 1 July 2021 only the first two peildata count.
    const mid = await overview('2021-07-01');
    for (const p of mid.provinces) {
      const v = huisvesting.find((h: any) => h.provinceCode === p.provinceCode).verevening;
      expect(p.shortTermDeduction).toBe((v.peildata[0].voorsprong ?? 0) + (v.peildata[1].voorsprong ?? 0));
    }
    // A gemeente does not read the province's huisvesting: no deduction for it.
    const gemeente = await overview('2022-01-01', undefined, 'gemeente-middelburg');
    expect(gemeente.provinces.map((p: any) => p.shortTermDeduction)).toEqual([null]);

    const count = async (p?: string) => {
      server.statements.length = 0;
      await overview('2022-01-01', p);
      return server.statements.length;
    };
    expect(await count()).toBe(await count('ZE'));
  });
});

describe('C1: AZC is the umbrella', () => {
  const TOTALS = `query($on: LocalDate!) { nationalOverview(on: $on, provinceCode: UT) {
    rows { opvangtypes realised } provinces { provinceCode opgave totalOpvangOpgave totalOpvangRealised totalOpvangGap }
  } }`;
  const SET = 'mutation($i: SetOpgaveInput!) { setOpgave(input: $i) { id total opvangtype places version } }';
  const ON = '2022-12-31'; // before the demo's total opgave of 1 January 2023 is due

  it("counts Utrecht's existing AZC places toward its total opvang opgave", async () => {
    const before = (await server.as('lrt', `{ province(code: UT) { plans { title gaps { opvangtypes dueDate opgave } } } }`)).data.province.plans;
    const set = await server.as('lrt', SET, { i: { provinceCode: 'UT', total: true, dueDate: '2022-12-01', places: 4000, source: 'LRT: totale opvangopgave Utrecht (test)' } });
    expect(set.errors).toBeUndefined();
    expect(set.data.setOpgave).toMatchObject({ total: true, opvangtype: null, places: 4000 });

    // The AZC places running on the date, as the agreements say.
    const agreements = (await server.as('ipo', `{ agreements(provinceCode: UT, opvangtype: AZC, first: 100) { edges { node { maxPlaces startDate endDate endedOn } } } }`)).data.agreements.edges.map((e: any) => e.node);
    const azc = agreements.filter((a: any) => a.startDate <= ON && a.endDate >= ON && (!a.endedOn || a.endedOn > ON)).reduce((sum: number, a: any) => sum + a.maxPlaces, 0);
    expect(azc).toBe(500); // the demo story: AZC Utrecht, 500 places, running since 2015

    const overview = (await server.as('ipo', TOTALS, { on: ON })).data.nationalOverview;
    const realisedOf = (type: string) => overview.rows.find((r: any) => r.opvangtypes.length === 1 && r.opvangtypes[0] === type).realised;
    expect(realisedOf('AZC')).toBe(azc);
    const counted = overview.rows.filter((r: any) => r.opvangtypes.length === 1 && r.opvangtypes[0] !== 'CRISISNOODOPVANG').reduce((sum: number, r: any) => sum + r.realised, 0);
    const [ut] = overview.provinces;
    expect(ut.totalOpvangRealised).toBe(counted);
    expect(ut.totalOpvangRealised).toBeGreaterThanOrEqual(azc);
    expect(ut).toMatchObject({ totalOpvangOpgave: 4000, totalOpvangGap: Math.max(0, 4000 - counted) });
    // Without the AZC places the gap would be larger by exactly those places.
    expect(Math.max(0, 4000 - (counted - azc)) - ut.totalOpvangGap).toBe(Math.min(azc, 4000 - (counted - azc)));
    // The total is compared with realised places, not with plan lines (which add places): the plans' gaps stay as they were.
    const after = (await server.as('lrt', `{ province(code: UT) { plans { title gaps { opvangtypes dueDate opgave } } } }`)).data.province.plans;
    expect(after).toEqual(before);
  });

  it('refuses a total with an opvangtype, and keeps a total apart from an opgave of any type on the same date', async () => {
    const bad = await server.as('lrt', SET, { i: { provinceCode: 'UT', total: true, opvangtype: 'AZC', dueDate: ON, places: 1, source: 'x' } });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors![0].extensions!.field).toBe('input.opvangtype');
    const anyType = await server.as('lrt', SET, { i: { provinceCode: 'UT', dueDate: ON, places: 10, source: 'any type (test)' } });
    expect(anyType.errors).toBeUndefined();
    expect(anyType.data.setOpgave.total).toBe(false);
    const overview = (await server.as('ipo', TOTALS, { on: ON })).data.nationalOverview;
    expect(overview.provinces[0].totalOpvangOpgave).toBe(4000);
  });
});

describe("C4: crisisnoodopvang is the gemeente's", () => {
  const RECORD = 'mutation($i: RecordCrisisnoodopvangInput!) { recordCrisisnoodopvang(input: $i) { id gemeenteCode provinceCode locationName places from until note } }';
  const FIGURES = `query($on: LocalDate!) { nationalOverview(on: $on, provinceCode: UT) { rows { opvangtypes realised } provinces { totalOpvangRealised } } }`;
  const crisis = async (on: string) => {
    const overview = (await server.as('ipo', FIGURES, { on })).data.nationalOverview;
    return { places: overview.rows.find((r: any) => r.opvangtypes.length === 1 && r.opvangtypes[0] === 'CRISISNOODOPVANG').realised, total: overview.provinces[0].totalOpvangRealised };
  };

  it('is refused to COA as a bestuursovereenkomst, saying why', async () => {
    const refused = await server.as('coa-regio-3', REGISTER, {
      i: { gemeenteCode: await gemeenteCode('Zeist'), locationName: 'Sporthal', opvangtype: 'CRISISNOODOPVANG', maxPlaces: 100, startDate: '2022-08-01', endDate: '2022-12-31', signedOn: '2022-07-01' },
    });
    expect(codes(refused)).toEqual(['CRISISNOODOPVANG_NOT_AN_AGREEMENT']);
    expect(refused.errors![0].message).toMatch(/gemeente/);
    expect(refused.errors![0].extensions!.field).toBe('input.opvangtype');
  });

  it('is recorded by the gemeente with a period and counts as its own type while it runs, outside the total opvang', async () => {
    const zeist = await gemeenteCode('Zeist');
    const before = await crisis('2022-09-15');
    const input = { gemeenteCode: zeist, locationName: 'Sporthal De Dijnselburg', places: 150, from: '2022-08-15', until: '2022-10-31', note: 'Veiligheidsregio Utrecht' };
    expect(codes(await server.as('coa-regio-3', RECORD, { i: input }))).toEqual(['FORBIDDEN']);
    expect(codes(await server.as('gemeente-utrecht', RECORD, { i: input }))).toEqual(['FORBIDDEN']); // another gemeente
    expect(codes(await server.as('gemeente-zeist', RECORD, { i: { ...input, until: '2022-08-01' } }))).toEqual(['BAD_USER_INPUT']);

    const recorded = await server.as('gemeente-zeist', RECORD, { i: input });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data.recordCrisisnoodopvang).toMatchObject({ gemeenteCode: zeist, provinceCode: 'UT', places: 150, from: '2022-08-15', until: '2022-10-31' });

    const during = await crisis('2022-09-15');
    expect(during.places).toBe(before.places + 150);
    expect(during.total).toBe(before.total); // not COA's capacity
    expect((await crisis('2022-11-01')).places).toBe(before.places);
    expect((await crisis('2022-08-14')).places).toBe(before.places);

    const seen = (await server.as('secretariaat-ut', `{ crisisnoodopvang(provinceCode: UT) { locationName places } }`)).data.crisisnoodopvang;
    expect(seen).toContainEqual({ locationName: 'Sporthal De Dijnselburg', places: 150 });
    expect((await server.as('gemeente-utrecht', `{ crisisnoodopvang(provinceCode: UT) { id } }`)).data.crisisnoodopvang).toEqual([]);
    const timelineResponse = await server.as('ipo', `{ capacityTimeline(provinceCode: UT, opvangtype: CRISISNOODOPVANG, from: "2022-09-01", to: "2022-09-01") { date places } }`);
    expect(timelineResponse.errors).toBeUndefined();
    const timeline = timelineResponse.data.capacityTimeline;
    expect(timeline).toEqual([{ date: '2022-09-01', places: during.places }]);
  });

  it('is changed, not recorded again: a second record of the same location and period is refused, a change counts once and needs the version seen', async () => {
    const zeist = await gemeenteCode('Zeist');
    const before = await crisis('2023-03-15');
    const input = { gemeenteCode: zeist, locationName: 'Evenementenhal Zeist', places: 100, from: '2023-01-01', until: '2023-12-31' };
    const recorded = await server.as('gemeente-zeist', RECORD.replace('note }', 'note version }'), { i: input });
    expect(recorded.errors).toBeUndefined();
    const { id, version } = recorded.data.recordCrisisnoodopvang;
    // A second click, or a new period for the same place: refused, nothing counted twice.
    const again = await server.as('gemeente-zeist', RECORD, { i: { ...input, places: 60, from: '2023-06-01', until: '2023-09-30' } });
    expect(codes(again)).toEqual(['BAD_USER_INPUT']);
    expect(again.errors![0].message).toMatch(/already recorded .*updateCrisisnoodopvang/);
    expect((await crisis('2023-07-01')).places).toBe(before.places + 100);

    const UPDATE = 'mutation($i: UpdateCrisisnoodopvangInput!) { updateCrisisnoodopvang(input: $i) { places from until version } }';
    expect(codes(await server.as('gemeente-utrecht', UPDATE, { i: { id, expectedVersion: version, places: 60 } }))).toEqual(['NOT_FOUND']);
    expect(codes(await server.as('coa-regio-3', UPDATE, { i: { id, expectedVersion: version, places: 60 } }))).toEqual(['NOT_FOUND']);
    const changed = await server.as('gemeente-zeist', UPDATE, { i: { id, expectedVersion: version, places: 60, until: '2023-06-30' } });
    expect(changed.errors).toBeUndefined();
    expect(changed.data.updateCrisisnoodopvang).toEqual({ places: 60, from: '2023-01-01', until: '2023-06-30', version: version + 1 });
    expect((await crisis('2023-03-15')).places).toBe(before.places + 60);
    expect((await crisis('2023-07-01')).places).toBe(before.places);
    const stale = await server.as('gemeente-zeist', UPDATE, { i: { id, expectedVersion: version, places: 80 } });
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0].extensions).toMatchObject({ currentVersion: version + 1, changedBy: 'Medewerker gemeente Zeist (demo)' });
    expect(codes(await server.as('gemeente-zeist', UPDATE, { i: { id, expectedVersion: version + 1, until: '2022-12-01' } }))).toEqual(['BAD_USER_INPUT']);
    // Once closed, the place may be recorded again for a later period.
    const later = await server.as('gemeente-zeist', RECORD, { i: { ...input, from: '2023-10-01' } });
    expect(later.errors).toBeUndefined();
  });
});

describe('C5: the kleinschalig threshold is configuration', () => {
  const PROPOSALS = `{ locationProposals(provinceCode: UT, first: 100) { edges { node { name places smallScale } } } }`;
  const SMALL = `{ locationProposals(provinceCode: UT, smallScale: true, first: 100) { edges { node { name } } } }`;
  const nodes = (response: any, field = 'locationProposals') => response.data[field].edges.map((e: any) => e.node);

  it('is 150 places by default, and what SMALL_SCALE_MAX_PLACES says otherwise, in the field and the filter alike', async () => {
    const byDefault = nodes(await server.as('lrt', PROPOSALS));
    expect(byDefault.length).toBeGreaterThan(0);
    for (const p of byDefault) expect(p.smallScale).toBe(p.places <= 150);
    expect(byDefault.some((p: any) => p.places > 100 && p.places <= 150)).toBe(true); // the demo's 120-place proposals

    const other = await startTestServer({ SMALL_SCALE_MAX_PLACES: '100' });
    try {
      const configured = nodes(await other.as('lrt', PROPOSALS));
      for (const p of configured) expect(p.smallScale).toBe(p.places <= 100);
      const filtered = nodes(await other.as('lrt', SMALL)).map((p: any) => p.name).sort();
      expect(filtered).toEqual(configured.filter((p: any) => p.places <= 100).map((p: any) => p.name).sort());
    } finally {
      await other.close();
    }
  }, 60_000);

  it('refuses a threshold that is not a whole number of at least 1', async () => {
    const { loadConfig } = await import('../src/platform/config.js');
    expect(() => loadConfig({ SMALL_SCALE_MAX_PLACES: '0' })).toThrow(/SMALL_SCALE_MAX_PLACES/);
    expect(() => loadConfig({ SMALL_SCALE_MAX_PLACES: 'veel' })).toThrow(/SMALL_SCALE_MAX_PLACES/);
    expect(loadConfig({}).domain.smallScaleMaxPlaces).toBe(150);
    expect(loadConfig({ SMALL_SCALE_MAX_PLACES: '120' }).domain.smallScaleMaxPlaces).toBe(120);
  });
});

describe('revising the short-term target: review findings', () => {
  it('a national revision is an event every province follows, and a revision made on an older one is a CONFLICT', async () => {
    const history = (await server.as('lrt', '{ shortTermTargets { id setAt } }')).data.shortTermTargets;
    const latest = history.reduce((last: any, t: any) => (last === null || t.setAt > last.setAt ? t : last), null);
    const i = { places: 5_200, periodFrom: '2019-11-01', periodUntil: '2021-01-31', decidedOn: '2021-03-01', source: 'LRT, maart 2021 (test)', basedOn: latest.id };
    const first = await server.as('lrt', REVISE, { i });
    expect(first.errors).toBeUndefined();
    // A second person still looking at the old history.
    const stale = await server.as('lrt', REVISE, { i: { ...i, places: 5_400 } });
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0].extensions).toMatchObject({ changedBy: 'LRT-coördinator (demo)' });
    const next = await server.as('lrt', REVISE, { i: { ...i, places: 5_400, basedOn: first.data.reviseShortTermTarget.id } });
    expect(next.errors).toBeUndefined();
    const feed = await server.as('secretariaat-ut', '{ recentEvents(provinceCodes: [UT], first: 10) { events { kind after } } }');
    expect(feed.errors).toBeUndefined();
    expect(feed.data.recentEvents.events.filter((e: any) => e.kind === 'SHORT_TERM_TARGET_REVISED').map((e: any) => e.after.places)).toEqual(expect.arrayContaining([5_200, 5_400]));
  });
});
