import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, connect, startTestServer, subscribe, until, type TestServer } from './support/harness.js';
import { importKoppelingen, parseKoppelingCsv, PersonDataRefused } from '../src/huisvesting/index.js';

/** COA's koppelingen (issue 14, step 3): counts per gemeente per month, never persons, over the real server. */
let server: TestServer;

const RECORD = `mutation($input: RecordKoppelingenInput!) { recordKoppelingen(input: $input) {
  gemeenteCode provinceCode month linked housedWithinNorm housedLate averageWeeksFromKoppeling averageWeeksFromPermit largeFamilies adaptedHomeNeeded version } }`;
const OVERVIEW = `query($h: String!, $p: ProvinceCode) { huisvestingOverview(halfYear: $h, provinceCode: $p) {
  provinces { provinceCode opgave fewerKoppelingenThanNeeded koppelingShortfall
    koppeling { linked housedWithinNorm housedLate largeFamilies adaptedHomeNeeded averageWeeksFromKoppeling averageWeeksFromPermit }
    gemeenten { gemeente { code } inhabitants populationFictitious computed transferred taakstelling carriedIn opgave housed inTussenvoorziening inDoorstroomwoning balance achterstand voorsprong
      koppeling { linked housedWithinNorm housedLate averageWeeksFromKoppeling averageWeeksFromPermit largeFamilies adaptedHomeNeeded } } }
  uitplaatsingsregios { number provinceCodes opgave koppeling { linked } koppelingShortfall fewerKoppelingenThanNeeded }
} }`;
const month = (input: Partial<Record<string, unknown>> = {}) => ({
  input: { gemeenteCode: 'GM0034', month: '2021-02', linked: 40, housedWithinNorm: 20, housedLate: 10, averageWeeksFromKoppeling: 12.5, averageWeeksFromPermit: 21, largeFamilies: 2, adaptedHomeNeeded: 1, expectedVersion: 0, ...input },
});
const rowCount = async () => Number((await server.db.query('SELECT count(*) AS n FROM koppeling_month'))[0].n);
const flevoland = async (handle = 'ipo', h = '2021-I') => {
  const response = await server.as(handle, OVERVIEW, { h, p: 'FL' });
  expect(response.errors).toBeUndefined();
  return response.data.huisvestingOverview.provinces[0];
};

/** The demo's own koppelingen of 2021-I, read before the tests below clear three provinces. */
let demo: any;
const versionOf = async (gemeenteCode: string, month: string) =>
  Number((await server.db.query(`SELECT version FROM koppeling_month WHERE gemeente_code = $1 AND month = $2::date`, [gemeenteCode, `${month}-01`]))[0]?.version ?? 0);

beforeAll(async () => {
  server = await startTestServer();
  demo = (await server.as('ipo', OVERVIEW, { h: '2021-I' })).data.huisvestingOverview;
  // The demo records koppelingen in every province: the tests below start from Flevoland, Noord-Holland and Utrecht
  // (uitplaatsingsregio 3) with nothing recorded, so that what they record is all there is.
  await server.db.query(`DELETE FROM koppeling_month WHERE gemeente_code IN (SELECT code FROM gemeente WHERE province_code IN ('FL', 'NH', 'UT'))`);
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('the demo data', () => {
  it('records koppelingen in every province and signals those that get fewer than their opgave needs', () => {
    expect(demo.provinces).toHaveLength(12);
    for (const province of demo.provinces) {
      expect(province.koppeling.linked, province.provinceCode).toBeGreaterThan(0);
      expect(province.fewerKoppelingenThanNeeded, province.provinceCode).toBe(province.koppeling.linked < province.opgave);
      expect(province.koppelingShortfall, province.provinceCode).toBe(Math.max(0, province.opgave - province.koppeling.linked));
      expect(province.koppeling.housedWithinNorm + province.koppeling.housedLate).toBeLessThanOrEqual(province.koppeling.linked);
    }
    const signalled = demo.provinces.filter((p: any) => p.fewerKoppelingenThanNeeded).map((p: any) => p.provinceCode);
    expect(signalled.length).toBeGreaterThan(0);
    expect(signalled.length).toBeLessThan(12);
    expect(demo.uitplaatsingsregios.some((r: any) => r.fewerKoppelingenThanNeeded)).toBe(true);
  });
});

describe('the koppeling CSV refuses anything that could hold a person, writing nothing', () => {
  const header = 'gemeente;maand;gekoppeld;binnen_norm;te_laat;gem_weken_na_koppeling;gem_weken_na_vergunning;grote_gezinnen;aangepaste_woning';
  /** What the import command does: parse, then store; a refusal must leave the table as it was. */
  const importText = async (text: string) => importKoppelingen(server.db.manager, parseKoppelingCsv(text), { sourceFile: 'test.csv' });

  it.each([
    ['a name column', `${header};naam\nGM0034;2021-03;5;3;1;10;18;0;0;Jansen`],
    ['a BSN column', `${header};BSN\nGM0034;2021-03;5;3;1;10;18;0;0;`],
    ['a V-nummer column', `gemeente,maand,gekoppeld,binnen_norm,te_laat,V-nummer\nGM0034,2021-03,5,3,1,`],
    ['a birth date column', `gemeente,maand,gekoppeld,binnen_norm,te_laat,geboortedatum\nGM0034,2021-03,5,3,1,1990-01-01`],
    ['a BSN-like value', `${header}\nGM0034;2021-03;5;3;1;10;18;0;0\nGM0995;2021-03;123456782;3;1;10;18;0;0`],
    ['a BSN-like value written with dots', `${header}\nGM0034;2021-03;5;3;1;10;18;0;0\n1234.56.782;2021-03;5;3;1;10;18;0;0`],
  ])('refuses %s', async (_, text) => {
    const before = await rowCount();
    await expect(importText(text)).rejects.toThrow(PersonDataRefused);
    await expect(importText(text)).rejects.toThrow(/could (hold a person|be a BSN)/);
    expect(await rowCount()).toBe(before);
  });

  it('refuses an unknown column, an unknown gemeente or a bad figure, all or nothing', async () => {
    const before = await rowCount();
    await expect(importText(`${header};opmerking\nGM0034;2021-03;5;3;1;10;18;0;0;x`)).rejects.toThrow(/unknown column "opmerking"/);
    await expect(importText(`${header}\nGM0034;2021-03;5;3;1;10;18;0;0\nGM9999;2021-03;5;3;1;10;18;0;0`)).rejects.toThrow(/unknown gemeente GM9999: nothing was stored/);
    await expect(importText(`${header}\nGM0034;2021-03;5;3;1;10;18;0;0\nGM0995;2021-03;5;3;1;10;18;9;0`)).rejects.toThrow(/line 3: largeFamilies are part of linked/);
    expect(await rowCount()).toBe(before);
  });

  it('stores a clean file with a summary, and the figures read it', async () => {
    const summary = await importText(`${header}\nGM0995;2021-03;12;8;2;11,5;19;1;0\nGM0995;2021-04;8;4;4;15,5;26;0;1\nGM0303;2021-03;3;0;0;;;0;0\n`);
    expect(summary).toMatchObject({ stored: 3, revised: 0, months: ['2021-03', '2021-04'], perProvince: { FL: 23 } });
    const lelystad = (await flevoland()).gemeenten.find((g: any) => g.gemeente.code === 'GM0995');
    // Weighted by those housed: (11.5 × 10 + 15.5 × 8) ÷ 18 = 13.27… → 13.3; (19 × 10 + 26 × 8) ÷ 18 = 22.1.
    expect(lelystad.koppeling).toEqual({ linked: 20, housedWithinNorm: 12, housedLate: 6, averageWeeksFromKoppeling: 13.3, averageWeeksFromPermit: 22.1, largeFamilies: 1, adaptedHomeNeeded: 1 });
    const again = await importText(`${header}\nGM0303;2021-03;4;1;0;;;0;0\n`);
    expect(again).toMatchObject({ stored: 1, revised: 1 });
  });
});

describe('recordKoppelingen: the figures and the signal', () => {
  it('changes the province figures and signals fewer koppelingen than the opgave needs, per province and uitplaatsingsregio', async () => {
    const before = await flevoland();
    const recorded = await server.as('coa-regio-3', RECORD, month());
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data.recordKoppelingen).toMatchObject({ provinceCode: 'FL', month: '2021-02', linked: 40, version: 1 });
    const after = await flevoland();
    expect(after.koppeling.linked).toBe(before.koppeling.linked + 40);
    expect(after.koppeling.housedWithinNorm).toBe(before.koppeling.housedWithinNorm + 20);
    expect(after.koppelingShortfall).toBe(Math.max(0, after.opgave - after.koppeling.linked));
    expect(after.koppeling.linked).toBeLessThan(after.opgave);
    expect(after.fewerKoppelingenThanNeeded).toBe(true);
    // A province without any recorded month is not signalled: nothing is known yet.
    const all = (await server.as('coa-regio-3', OVERVIEW, { h: '2021-I' })).data.huisvestingOverview;
    expect(all.provinces.find((p: any) => p.provinceCode === 'UT')).toMatchObject({ fewerKoppelingenThanNeeded: false, koppeling: { linked: 0 } });
    const regio3 = all.uitplaatsingsregios.find((r: any) => r.number === 3);
    expect(regio3.provinceCodes).toEqual(['FL', 'NH', 'UT']);
    expect(regio3.opgave).toBe(all.provinces.filter((p: any) => regio3.provinceCodes.includes(p.provinceCode)).reduce((s: number, p: any) => s + p.opgave, 0));
    expect(regio3.koppeling.linked).toBe(after.koppeling.linked);
    expect(regio3.fewerKoppelingenThanNeeded).toBe(true);
    expect(all.uitplaatsingsregios.find((r: any) => r.number === 1).fewerKoppelingenThanNeeded).toBe(false);
    // IPO sees the same regions; a province's secretariat sees its province, not the regions.
    expect((await server.as('ipo', OVERVIEW, { h: '2021-I' })).data.huisvestingOverview.uitplaatsingsregios).toEqual(all.uitplaatsingsregios);
    expect((await server.as('secretariaat-fl', OVERVIEW, { h: '2021-I', p: 'FL' })).data.huisvestingOverview.uitplaatsingsregios).toEqual([]);

    // Enough koppelingen for the whole opgave: the signal goes out. Revising needs the version seen.
    const enough = after.opgave - after.koppeling.linked + 40;
    expect(codes(await server.as('coa-regio-3', RECORD, month({ linked: enough })))).toEqual(['CONFLICT']);
    const revised = await server.as('coa-regio-3', RECORD, month({ linked: enough, expectedVersion: 1 }));
    expect(revised.data.recordKoppelingen.version).toBe(2);
    const met = await flevoland();
    expect(met).toMatchObject({ fewerKoppelingenThanNeeded: false, koppelingShortfall: 0 });
    expect(met.koppeling.linked).toBe(met.opgave);
    // A month of the second half-year does not count toward the first.
    expect((await flevoland('ipo', '2021-II')).koppeling.linked).toBe(0);
    const events = await server.db.query(`SELECT province_code, gemeente_code, actor_id IS NOT NULL AS by_person FROM event WHERE kind = 'KOPPELINGEN_RECORDED' AND gemeente_code = 'GM0034'`);
    expect(events).toEqual([{ province_code: 'FL', gemeente_code: 'GM0034', by_person: true }, { province_code: 'FL', gemeente_code: 'GM0034', by_person: true }]);
  });

  it('a gemeente cannot record koppelingen, nor COA of another region; bad figures are refused; nothing is written', async () => {
    const before = await rowCount();
    expect(codes(await server.as('gemeente-almere', RECORD, month({ month: '2021-05' })))).toEqual(['FORBIDDEN']);
    expect(codes(await server.as('coa-regio-1', RECORD, month({ month: '2021-05' })))).toEqual(['FORBIDDEN']);
    expect(codes(await server.as('secretariaat-fl', RECORD, month({ month: '2021-05' })))).toEqual(['FORBIDDEN']);
    expect(codes(await server.as('coa-regio-3', RECORD, month({ month: '2021-13' })))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await server.as('coa-regio-3', RECORD, month({ month: '2021-05', largeFamilies: 41 })))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await server.as('coa-regio-3', RECORD, month({ month: '2021-05', averageWeeksFromKoppeling: -1 })))).toEqual(['BAD_USER_INPUT']);
    expect(await rowCount()).toBe(before);
    // COA of region 1 may record for Groningen.
    const groningen = await server.as('coa-regio-1', RECORD, month({ gemeenteCode: 'GM0014', month: '2021-05', expectedVersion: await versionOf('GM0014', '2021-05') }));
    expect(groningen.errors).toBeUndefined();
  });
});

describe('the LRT export per gemeente', () => {
  it('has one row per gemeente whose figures match huisvestingOverview, authenticated', async () => {
    const base = server.url.replace('/graphql', '');
    const token = await server.token('lrt');
    const response = await fetch(`${base}/export/huisvesting-gemeenten.csv?halfYear=2021-I&provinceCode=FL`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const [header, ...lines] = (await response.text()).trim().split('\n');
    const columns = header.split(',');
    expect(columns).toEqual([
      'half_year', 'province', 'gemeente', 'inhabitants', 'population_fictitious', 'computed', 'transferred', 'taakstelling', 'carried_in', 'opgave', 'housed',
      'in_tussenvoorziening', 'in_doorstroomwoning', 'balance', 'achterstand', 'voorsprong', 'linked', 'housed_within_norm', 'housed_late',
      'average_weeks_from_koppeling', 'average_weeks_from_permit', 'large_families', 'adapted_home_needed',
    ]);
    const api = (await server.as('lrt', OVERVIEW, { h: '2021-I', p: 'FL' })).data.huisvestingOverview.provinces[0].gemeenten;
    expect(lines).toHaveLength(api.length);
    const camel = (c: string) => c.replace(/_([a-z])/g, (_, l) => l.toUpperCase());
    for (const line of lines) {
      const row = Object.fromEntries(line.split(',').map((v, i) => [columns[i], v]));
      const g = api.find((x: any) => x.gemeente.code === row.gemeente);
      expect(row).toMatchObject({ half_year: '2021-I', province: 'FL' });
      for (const column of ['inhabitants', 'computed', 'transferred', 'taakstelling', 'carried_in', 'opgave', 'housed', 'in_tussenvoorziening', 'in_doorstroomwoning', 'balance', 'achterstand', 'voorsprong']) {
        expect(row[column], `${row.gemeente} ${column}`).toBe(String(g[camel(column)]));
      }
      for (const column of ['linked', 'housed_within_norm', 'housed_late', 'average_weeks_from_koppeling', 'average_weeks_from_permit', 'large_families', 'adapted_home_needed']) {
        expect(row[column], `${row.gemeente} ${column}`).toBe(String(g.koppeling[camel(column)] ?? ''));
      }
    }
    expect(lines.find((l) => l.includes(',GM0034,'))).toBeDefined();
    expect((await fetch(`${base}/export/huisvesting-gemeenten.csv?halfYear=2021-I`)).status).toBe(401);
    const gemeente = await fetch(`${base}/export/huisvesting-gemeenten.csv?halfYear=2021-I`, { headers: { authorization: `Bearer ${await server.token('gemeente-almere')}` } });
    expect(gemeente.status).toBe(403);
    const bad = await fetch(`${base}/export/huisvesting-gemeenten.csv?halfYear=2021-III`, { headers: { authorization: `Bearer ${token}` } });
    expect(bad.status).toBe(400);
  });
});

describe('live: the existing activity subscription covers huisvesting changes', () => {
  it('delivers KOPPELINGEN_RECORDED for the province to IPO, not to another province\'s secretariat', async () => {
    const ipo = await connect(server.wsUrl, await server.token('ipo'));
    const utrecht = await connect(server.wsUrl, await server.token('secretariaat-ut'));
    const query = 'subscription($p: ProvinceCode) { activity(provinceCode: $p, kinds: [KOPPELINGEN_RECORDED, REALISATION_RECORDED]) { kind provinceCode } }';
    const made = server.subscriptionsMade();
    const seen = subscribe(ipo, query, { p: 'FL' });
    // Its own province's feed (the whole country's it may not follow): live, and Flevoland's change is not in it.
    const notSeen = subscribe(utrecht, query, { p: 'UT' });
    await server.untilSubscribed(made + 2);
    const recorded = await server.as('coa-regio-3', RECORD, month({ month: '2021-06' }));
    expect(recorded.errors).toBeUndefined();
    await until(() => seen.received.length > 0 || seen.errors.length > 0);
    expect(seen.errors).toEqual([]);
    expect(seen.received[0].activity).toEqual({ kind: 'KOPPELINGEN_RECORDED', provinceCode: 'FL' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(notSeen.errors).toEqual([]);
    expect(notSeen.received).toEqual([]);
    seen.stop();
    notSeen.stop();
    await ipo.dispose();
    await utrecht.dispose();
  });
});

describe('koppelingMonths: what COA revises from', () => {
  it('gives the months of a half-year with their version to those who may read the gemeente; a conflict names who changed it', async () => {
    const recorded = await server.as('coa-regio-3', RECORD, month({ gemeenteCode: 'GM0995', month: '2021-09', expectedVersion: 0 }));
    expect(recorded.errors).toBeUndefined();
    const read = await server.as('coa-regio-3', '{ koppelingMonths(gemeenteCode: "GM0995", halfYear: "2021-II") { month linked largeFamilies version } }');
    expect(read.errors).toBeUndefined();
    expect(read.data.koppelingMonths).toEqual([{ month: '2021-09', linked: 40, largeFamilies: 2, version: 1 }]);
    expect((await server.as('gemeente-lelystad', '{ koppelingMonths(gemeenteCode: "GM0995", halfYear: "2021-II") { version } }')).data.koppelingMonths).toHaveLength(1);
    expect(codes(await server.as('gemeente-zeist', '{ koppelingMonths(gemeenteCode: "GM0995", halfYear: "2021-II") { version } }'))).toEqual(['FORBIDDEN']);
    expect(codes(await server.as('coa-regio-3', '{ koppelingMonths(gemeenteCode: "GM0995", halfYear: "2021-III") { version } }'))).toEqual(['BAD_USER_INPUT']);
    const stale = await server.as('coa-regio-3', RECORD, month({ gemeenteCode: 'GM0995', month: '2021-09', expectedVersion: 0 }));
    expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 1, changedBy: 'COA-regievoerder uitplaatsingsregio 3 (demo)' });
  });
});
