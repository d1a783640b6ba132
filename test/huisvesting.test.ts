import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codes, connect, startTestServer, subscribe, until, type TestServer } from './support/harness.js';
import { gemeenteTaakstelling, herverdelingProblem, runningBalance, verevening } from '../src/huisvesting/rules.js';

/**
 * Flevoland gets hand-worked populations (1 January 2020) and realisations for 2021-I and 2021-II; the other
 * provinces keep their fictitious demo populations, which add up to the real province totals, so the
 * Netherlands counts 17,590,672 inhabitants and the national taakstelling is 13,500 in both half-years.
 */
let server: TestServer;
const NL = 17_590_672;
const FL = { GM0034: 214_715, GM0995: 79_500, GM0303: 41_800, GM0171: 47_900, GM0184: 21_300, GM0050: 29_556 } as const;
// ⌈13,500 × p ÷ 17,590,672⌉, worked out by hand: e.g. Almere 2,898,652,500 ÷ 17,590,672 = 164.78… → 165.
const TAAKSTELLING = { GM0034: 165, GM0995: 62, GM0303: 33, GM0171: 37, GM0184: 17, GM0050: 23 } as const;
const HOUSED_I = { GM0034: 150, GM0995: 70, GM0303: 33, GM0171: 30, GM0184: 20, GM0050: 23 } as const;
const HOUSED_II = { GM0034: 185, GM0995: 60, GM0303: 40, GM0171: 44, GM0184: 17, GM0050: 30 } as const;

const OVERVIEW = `query($h: String!, $p: ProvinceCode) { huisvestingOverview(halfYear: $h, provinceCode: $p) {
  halfYear national { halfYear vergunninghouders source publishedOn populationDate inhabitantsNL gemeentenSum }
  provinces { provinceCode taakstelling opgave housed inTussenvoorziening inDoorstroomwoning achterstand voorsprong balance gemeentenWithAchterstand
    verevening { peildata { peildatum balance voorsprong } deduction shortTermTarget remainingShortTermTarget }
    koppeling { linked } fewerKoppelingenThanNeeded
    gemeenten { gemeente { code name } computed transferred taakstelling housed carriedIn opgave balance achterstand voorsprong } }
} }`;
const GEMEENTE = `query($code: String!, $h: String!) { gemeente(code: $code) { code taakstelling(halfYear: $h) {
  inhabitants populationFictitious computed transferred taakstelling housed inTussenvoorziening inDoorstroomwoning opgave balance realisationVersion } } }`;

const flevolandSum = async (halfYear: string) => {
  const response = await server.as('ipo', OVERVIEW, { h: halfYear, p: 'FL' });
  return response.data.huisvestingOverview.provinces[0].taakstelling as number;
};

beforeAll(async () => {
  server = await startTestServer();
  const db = server.db;
  await db.query(`DELETE FROM huisvesting_realisation WHERE gemeente_code IN (SELECT code FROM gemeente WHERE province_code = 'FL')`);
  for (const [code, inhabitants] of Object.entries(FL)) {
    await db.query(`UPDATE gemeente_population SET inhabitants = $2, fictitious = false, source = 'test' WHERE gemeente_code = $1 AND on_date = '2020-01-01'`, [code, inhabitants]);
  }
  for (const [housed, half] of [[HOUSED_I, 1], [HOUSED_II, 2]] as const) {
    for (const [code, n] of Object.entries(housed)) {
      await db.query(`INSERT INTO huisvesting_realisation (gemeente_code, year, half, housed, in_tussenvoorziening, in_doorstroomwoning) VALUES ($1, 2021, $2, $3, 0, 0)`, [code, half, n]);
    }
  }
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('the taakstelling formula (art. 29(1)), by hand', () => {
  it('rounds up, and only when the share is not a whole number', () => {
    expect(gemeenteTaakstelling(13_500, 214_715, NL)).toBe(165); // 164.78…
    expect(gemeenteTaakstelling(13_500, 21_300, NL)).toBe(17); // 16.35…
    expect(gemeenteTaakstelling(13_500, 1_740_000, 17_400_000)).toBe(1_350); // exactly 1,350: not rounded up
    expect(gemeenteTaakstelling(13_500, 1, 17_400_000)).toBe(1); // a sliver still counts as one
    expect(gemeenteTaakstelling(0, 50_000, NL)).toBe(0);
    // 0.07 × 300 = 21.000000000000004 in floating point: exact arithmetic gives 21.
    expect(gemeenteTaakstelling(7, 300, 100)).toBe(21);
  });

  it('the API gives the same numbers for Flevoland, and the national sum exceeds 13,500 by the rounding', async () => {
    for (const [code, expected] of Object.entries(TAAKSTELLING)) {
      const response = await server.as('ipo', GEMEENTE, { code, h: '2021-I' });
      expect(response.errors).toBeUndefined();
      expect(response.data.gemeente.taakstelling).toMatchObject({ inhabitants: FL[code as keyof typeof FL], computed: expected, taakstelling: expected, housed: HOUSED_I[code as keyof typeof HOUSED_I] });
    }
    const { data } = await server.as('ipo', OVERVIEW, { h: '2021-I' });
    const national = data.huisvestingOverview.national;
    expect(national).toMatchObject({ vergunninghouders: 13_500, populationDate: '2020-01-01', inhabitantsNL: NL });
    expect(national.gemeentenSum).toBeGreaterThan(13_500);
    expect(national.gemeentenSum).toBeLessThan(13_500 + 352);
    expect(national.gemeentenSum).toBe(data.huisvestingOverview.provinces.reduce((sum: number, p: { taakstelling: number }) => sum + p.taakstelling, 0));
  });
});

describe('achterstand, voorsprong and verevening (Handreiking 4.2.6) on a hand-worked fixture', () => {
  it('carries achterstand and voorsprong over and sums them per province', async () => {
    const first = (await server.as('ipo', OVERVIEW, { h: '2021-I', p: 'FL' })).data.huisvestingOverview.provinces[0];
    // Balances after 2021-I: Almere −15, Lelystad +8, Dronten 0, Noordoostpolder −7, Urk +3, Zeewolde 0.
    expect(first).toMatchObject({ taakstelling: 337, housed: 326, achterstand: 22, voorsprong: 11, balance: -11, gemeentenWithAchterstand: 2 });
    const second = (await server.as('ipo', OVERVIEW, { h: '2021-II', p: 'FL' })).data.huisvestingOverview.provinces[0];
    // Opgave 2021-II: Almere 165 + 15 = 180, Lelystad 62 − 8 = 54, …; together 337 + 11 = 348.
    expect(second).toMatchObject({ taakstelling: 337, opgave: 348, housed: 376, achterstand: 0, voorsprong: 28, balance: 28, gemeentenWithAchterstand: 0 });
    const almere = second.gemeenten.find((g: { gemeente: { code: string } }) => g.gemeente.code === 'GM0034');
    expect(almere).toMatchObject({ carriedIn: -15, opgave: 180, balance: 5 });
    // 1 Jan 2021: no taakstelling for 2020-II; 1 Jul 2021: −11, no voorsprong; 1 Jan 2022: +28. 417 − 28 = 389.
    expect(second.verevening).toEqual({
      peildata: [
        { peildatum: '2021-01-01', balance: null, voorsprong: null },
        { peildatum: '2021-07-01', balance: -11, voorsprong: 0 },
        { peildatum: '2022-01-01', balance: 28, voorsprong: 28 },
      ],
      deduction: 28,
      shortTermTarget: 417,
      remainingShortTermTarget: 389,
    });
  });

  it('pure rules: a running balance, and a deduction that never takes the target below 0', () => {
    const h = (half: 1 | 2) => ({ year: 2021, half });
    expect(runningBalance([{ halfYear: h(1), taakstelling: 10, housed: 4 }, { halfYear: h(2), taakstelling: 10, housed: 20 }]).map((b) => [b.opgave, b.balance])).toEqual([[10, -6], [16, 4]]);
    expect(verevening([300, null, 200], 417)).toMatchObject({ deduction: 500, remainingTarget: 0 });
  });
});

const PROPOSE = `mutation($input: ProposeHerverdelingInput!) { proposeHerverdeling(input: $input) { id confirmed parts { gemeenteCode change confirmedAt } } }`;
const CONFIRM = `mutation($id: ID!) { confirmHerverdeling(id: $id) { id confirmed } }`;
const herverdeling = (parts: [string, number][], reason = 'JOINT_DECISION') => ({
  input: { halfYear: '2021-II', reason, decidedOn: '2021-05-11', reference: 'B&W-besluiten 2021/117', parts: parts.map(([gemeenteCode, change]) => ({ gemeenteCode, change })) },
});
const rowCount = async () => (await server.db.query('SELECT (SELECT count(*) FROM herverdeling) + (SELECT count(*) FROM herverdeling_part) AS n'))[0].n;

describe('herverdeling (art. 29(2))', () => {
  it('counts only once every party confirmed, and keeps the sum', async () => {
    const before = await flevolandSum('2021-II');
    const proposed = await server.as('gemeente-almere', PROPOSE, herverdeling([['GM0034', -10], ['GM0995', 10]]));
    expect(proposed.errors).toBeUndefined();
    expect(proposed.data.proposeHerverdeling.confirmed).toBe(false);
    const lelystad = async () => (await server.as('ipo', GEMEENTE, { code: 'GM0995', h: '2021-II' })).data.gemeente.taakstelling;
    expect((await lelystad()).taakstelling).toBe(62);
    // Almere cannot confirm for Lelystad; the API says who may confirm which part, as the mutation decides.
    expect(codes(await server.as('gemeente-almere', CONFIRM, { id: proposed.data.proposeHerverdeling.id }))).toEqual(['ALREADY_CONFIRMED']);
    const confirmers = async (who: string) =>
      (await server.as(who, '{ herverdelingen(halfYear: "2021-II") { id parts { gemeenteCode viewerCanConfirm } } }')).data.herverdelingen
        .find((h: { id: string }) => h.id === proposed.data.proposeHerverdeling.id)
        .parts.filter((p: { viewerCanConfirm: boolean }) => p.viewerCanConfirm)
        .map((p: { gemeenteCode: string }) => p.gemeenteCode);
    expect(await confirmers('gemeente-almere')).toEqual([]);
    expect(await confirmers('gemeente-lelystad')).toEqual(['GM0995']);
    expect(await confirmers('ipo')).toEqual([]);
    const confirmed = await server.as('gemeente-lelystad', CONFIRM, { id: proposed.data.proposeHerverdeling.id });
    expect(confirmed.data.confirmHerverdeling.confirmed).toBe(true);
    expect(await lelystad()).toMatchObject({ computed: 62, transferred: 10, taakstelling: 72 });
    expect(await flevolandSum('2021-II')).toBe(before);
  });

  it('refuses the last confirmation of a herverdeling that others confirmed since made impossible, keeping the sum', async () => {
    // Lelystad hands all of its taakstelling to Almere twice; each proposal is possible alone, not both.
    const lelystad = async () => (await server.as('ipo', GEMEENTE, { code: 'GM0995', h: '2021-II' })).data.gemeente.taakstelling;
    const all = (await lelystad()).taakstelling;
    const before = await flevolandSum('2021-II');
    const first = await server.as('gemeente-lelystad', PROPOSE, herverdeling([['GM0995', -all], ['GM0034', all]]));
    const second = await server.as('gemeente-lelystad', PROPOSE, herverdeling([['GM0995', -all], ['GM0034', all]]));
    expect(first.errors).toBeUndefined();
    expect(second.errors).toBeUndefined();
    const confirmations = await Promise.all(
      [first, second].map((proposed) => server.as('gemeente-almere', CONFIRM, { id: proposed.data.proposeHerverdeling.id })),
    );
    expect(confirmations.map((c) => c.data?.confirmHerverdeling?.confirmed ?? codes(c)[0]).sort()).toEqual(['HERVERDELING_NO_LONGER_POSSIBLE', true]);
    expect(await lelystad()).toMatchObject({ taakstelling: 0 });
    expect(await flevolandSum('2021-II')).toBe(before);
    const refused = confirmations.find((c) => c.errors)!;
    expect(refused.errors![0].extensions).toMatchObject({ field: 'id' });
    // The refused one stays unconfirmed, Almere's confirmation not written.
    const pending = (await server.as('ipo', '{ herverdelingen(halfYear: "2021-II") { id confirmed parts { gemeenteCode confirmedAt } } }')).data.herverdelingen.filter(
      (h: { confirmed: boolean }) => !h.confirmed,
    );
    expect(pending.some((h: { parts: { gemeenteCode: string; confirmedAt: string | null }[] }) => h.parts.find((p) => p.gemeenteCode === 'GM0034')?.confirmedAt === null)).toBe(true);
    // Give Lelystad its taakstelling back, so the tests after this one start where they did.
    const back = await server.as('gemeente-lelystad', PROPOSE, herverdeling([['GM0995', all], ['GM0034', -all]]));
    expect((await server.as('gemeente-almere', CONFIRM, { id: back.data.proposeHerverdeling.id })).data.confirmHerverdeling.confirmed).toBe(true);
  });

  it('refuses a change of the sum, and a reduction for a reception location with the reason, writing nothing', async () => {
    const rows = await rowCount();
    const changed = await server.as('gemeente-almere', PROPOSE, herverdeling([['GM0034', -10], ['GM0995', 9]]));
    expect(codes(changed)).toEqual(['BAD_USER_INPUT']);
    expect(changed.errors![0].message).toMatch(/sum of the taakstellingen must stay equal/);
    const azc = await server.as('gemeente-almere', PROPOSE, herverdeling([['GM0034', -10], ['GM0995', 10]], 'RECEPTION_LOCATION'));
    expect(codes(azc)).toEqual(['RECEPTION_LOCATION_LOWERS_NO_TAAKSTELLING']);
    expect(azc.errors![0].message).toMatch(/reception location .* does not lower the taakstelling/);
    expect(codes(await server.as('gemeente-zeist', PROPOSE, herverdeling([['GM0034', -10], ['GM0995', 10]])))).toEqual(['FORBIDDEN']);
    expect(codes(await server.as('gemeente-almere', PROPOSE, herverdeling([['GM0034', -10]])))).toEqual(['BAD_USER_INPUT']);
    expect(await rowCount()).toBe(rows);
  });

  it('property: random valid herverdelingen keep the sum; random invalid ones are refused with nothing written', async () => {
    const others = ['GM0995', 'GM0303', 'GM0171', 'GM0184', 'GM0050'];
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(others, { minLength: 1 }),
        fc.array(fc.integer({ min: -8, max: 8 }).filter((n) => n !== 0), { minLength: 5, maxLength: 5 }),
        fc.boolean(),
        fc.integer({ min: 1, max: 5 }),
        async (chosen, changes, valid, skew) => {
          const parts: [string, number][] = chosen.map((code, i) => [code, changes[i]]);
          const rest = -parts.reduce((sum, [, c]) => sum + c, 0);
          // Almere balances the others (valid), or misses by `skew` (invalid); a zero change is itself invalid.
          parts.push(['GM0034', valid ? rest : rest + skew]);
          // Each run starts from the computed taakstellingen, so earlier runs cannot drain a small gemeente.
          await server.db.query('DELETE FROM herverdeling');
          const sum = await flevolandSum('2021-II');
          const rows = await rowCount();
          const response = await server.as('gemeente-almere', PROPOSE, herverdeling(parts));
          if (valid && rest !== 0) {
            expect(response.errors).toBeUndefined();
            // Confirm on behalf of the other colleges (the demo has people for Almere and Lelystad only).
            await server.db.query(`UPDATE herverdeling_part SET confirmed_at = now() WHERE herverdeling_id = $1`, [response.data.proposeHerverdeling.id]);
            await server.db.query(`UPDATE herverdeling SET confirmed = true WHERE id = $1`, [response.data.proposeHerverdeling.id]);
          } else {
            expect(codes(response)).toEqual(['BAD_USER_INPUT']);
            expect(await rowCount()).toBe(rows);
          }
          expect(await flevolandSum('2021-II')).toBe(sum);
        },
      ),
      { numRuns: 25 },
    );
    // The pure rule agrees on many more cases.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 0, maxLength: 8 }), (changes) => {
        const parts = changes.map((change, i) => ({ gemeenteCode: `GM${String(i).padStart(4, '0')}`, change }));
        const ok = parts.length >= 2 && changes.every((c) => c !== 0) && changes.reduce((a, b) => a + b, 0) === 0;
        expect(herverdelingProblem(parts) === null).toBe(ok);
      }),
      { numRuns: 500 },
    );
  });
});

describe('who may do what', () => {
  it('a gemeente records only its own realisation; the province reads its gemeenten; a gemeente sees no overview', async () => {
    const record = `mutation($input: RecordRealisationInput!) { recordHuisvestingRealisation(input: $input) { housed inTussenvoorziening inDoorstroomwoning realisationVersion } }`;
    const input = { gemeenteCode: 'GM0034', halfYear: '2021-II', housed: 190, inTussenvoorziening: 20, inDoorstroomwoning: 5, expectedVersion: 1 };
    expect(codes(await server.as('gemeente-lelystad', record, { input }))).toEqual(['FORBIDDEN']);
    // What the API offers each person on Almere's page matches what the mutations allow.
    const actions = async (who: string) => (await server.as(who, '{ gemeente(code: "GM0034") { taakstelling(halfYear: "2021-II") { viewerActions } } }')).data.gemeente.taakstelling?.viewerActions;
    expect(await actions('gemeente-almere')).toEqual(['RECORD_REALISATION', 'PROPOSE_HERVERDELING']);
    expect(await actions('secretariaat-fl')).toEqual([]);
    expect(await actions('coa-regio-3')).toEqual(['RECORD_KOPPELINGEN']);
    expect(await actions('gemeente-lelystad')).toBeUndefined();
    // Who reads whole provinces, as viewer.abilities says it (the screens' menu and links follow it).
    const reads = async (who: string) => (await server.as(who, '{ viewer { abilities { action national provinceCodes } } }')).data.viewer.abilities.find((a: { action: string }) => a.action === 'READ_HUISVESTING') ?? null;
    expect(await reads('gemeente-almere')).toBeNull();
    expect(await reads('secretariaat-fl')).toMatchObject({ national: false, provinceCodes: ['FL'] });
    expect(await reads('coa-regio-3')).toMatchObject({ national: true });
    expect(await reads('ipo')).toMatchObject({ national: true });
    const ok = await server.as('gemeente-almere', record, { input });
    expect(ok.data.recordHuisvestingRealisation).toEqual({ housed: 190, inTussenvoorziening: 20, inDoorstroomwoning: 5, realisationVersion: 2 });
    expect(codes(await server.as('gemeente-almere', record, { input }))).toEqual(['CONFLICT']);
    expect(codes(await server.as('gemeente-almere', record, { input: { ...input, expectedVersion: 2, inTussenvoorziening: 200 } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await server.as('gemeente-almere', OVERVIEW, { h: '2021-II' }))).toEqual(['FORBIDDEN']);
    expect((await server.as('gemeente-lelystad', GEMEENTE, { code: 'GM0034', h: '2021-II' })).data.gemeente.taakstelling).toBeNull();
    const province = await server.as('secretariaat-fl', `{ province(code: FL) { huisvesting(halfYear: "2021-II") { housed } } }`);
    expect(province.errors).toBeUndefined();
    expect(province.data.province.huisvesting.housed).toBe(376 + 5);
    expect(codes(await server.as('secretariaat-fl', OVERVIEW, { h: '2021-II', p: 'UT' }))).toEqual(['FORBIDDEN']);
    const events = await server.db.query(`SELECT kind FROM event WHERE subject_type IN ('HUISVESTING_REALISATION', 'HERVERDELING') ORDER BY id`);
    expect(events.map((e: { kind: string }) => e.kind)).toContain('REALISATION_RECORDED');
    const national = `mutation { setNationalTaakstelling(input: { halfYear: "2022-I", vergunninghouders: 14500, source: "test", publishedOn: "2021-09-30" }) { halfYear version } }`;
    expect(codes(await server.as('ipo', national))).toEqual(['FORBIDDEN']);
  });
});

describe('batching', () => {
  it('huisvestingOverview takes the same number of statements for one province or twelve, and for two half-years or three', async () => {
    const count = async (halfYear: string, provinceCode?: string) => {
      server.statements.length = 0;
      const response = await server.as('ipo', OVERVIEW, { h: halfYear, p: provinceCode ?? null });
      expect(response.errors).toBeUndefined();
      return server.statements.length;
    };
    const one = await count('2021-II', 'FL');
    const all = await count('2021-II');
    const set = await server.as('lrt', `mutation { setNationalTaakstelling(input: { halfYear: "2022-I", vergunninghouders: 14500, source: "test", publishedOn: "2021-09-30" }) { halfYear version } }`);
    expect(set.errors).toBeUndefined();
    const three = await count('2022-I');
    expect(all).toBe(one);
    expect(three).toBe(one);
    expect(one).toBeLessThanOrEqual(5);
  });

  it('Province.huisvesting takes the same number of statements for one province or twelve, and agrees with the overview', async () => {
    const FIELDS = 'provinceCode taakstelling housed achterstand voorsprong opgave koppeling { linked }';
    const count = async (query: string) => {
      server.statements.length = 0;
      const response = await server.as('ipo', query);
      expect(response.errors).toBeUndefined();
      return { statements: server.statements.length, data: response.data };
    };
    const one = await count(`{ province(code: FL) { huisvesting(halfYear: "2021-II") { ${FIELDS} } } }`);
    const all = await count(`{ provinces { code huisvesting(halfYear: "2021-II") { ${FIELDS} } } }`);
    const twoHalfYears = await count(`{ provinces { code a: huisvesting(halfYear: "2021-I") { ${FIELDS} } b: huisvesting(halfYear: "2021-II") { ${FIELDS} } } }`);
    expect(all.statements).toBe(one.statements);
    expect(twoHalfYears.statements).toBe(one.statements);
    const overview = (await server.as('ipo', `{ huisvestingOverview(halfYear: "2021-II") { provinces { ${FIELDS} } } }`)).data.huisvestingOverview.provinces;
    expect(all.data.provinces.map((p: any) => p.huisvesting)).toEqual(expect.arrayContaining(overview));
    expect(all.data.provinces).toHaveLength(12);
    // Those who may not read a province get null for it, not an error: a secretariat reads its own only.
    const own = await server.as('secretariaat-fl', `{ provinces { code huisvesting(halfYear: "2021-II") { housed } } }`);
    expect(own.data.provinces.filter((p: any) => p.huisvesting !== null).map((p: any) => p.code)).toEqual(['FL']);
  });
});

describe('import:bevolking', () => {
  it('reads a CBS StatLine CSV (title, header, notes; names or GM codes) and stores it with a summary', async () => {
    const { parseCbsPopulation, importPopulation, PopulationIncomplete } = await import('../src/huisvesting/index.js');
    const csv = [
      '"Bevolking; regio, 1 januari"',
      '"Regio\'s";"Perioden";"Bevolking op 1 januari (aantal)"',
      '"Nederland";"2022";"17590672"',
      '"Flevoland (PV)";"2022";"434771"',
      '"Almere";"2022";"218096"',
      '"Utrecht (gemeente)";"2022";"361699"',
      '"GM0995";"2022";"80000"',
      '"Atlantis";"2022";"12"',
      '"Bronckhorst";"2022";"36000"',
      '"Bron: CBS"',
    ].join('\n');
    const rows = parseCbsPopulation(csv);
    expect(rows).toEqual([
      { code: null, name: 'Almere', inhabitants: 218_096 },
      { code: null, name: 'Utrecht', inhabitants: 361_699 },
      { code: 'GM0995', name: 'GM0995', inhabitants: 80_000 },
      { code: null, name: 'Atlantis', inhabitants: 12 },
      { code: null, name: 'Bronckhorst', inhabitants: 36_000 },
    ]);
    expect(() => parseCbsPopulation('"Regio\'s";"Bevolking (aantal)"\n"Almere";"veel"')).toThrow(/line 2: .*not a whole number/);
    // A file without every gemeente of the date is refused, nothing written: the others would lose their taakstelling.
    const before = await server.db.query(`SELECT count(*)::int AS n FROM gemeente_population WHERE on_date = '2021-01-01'`);
    await expect(importPopulation(server.db.manager, rows, { onDate: '2021-01-01', sourceFile: 'bevolking-2021.csv' })).rejects.toThrow(PopulationIncomplete);
    await expect(importPopulation(server.db.manager, rows, { onDate: '2021-01-01', sourceFile: 'bevolking-2021.csv' })).rejects.toThrow(/338 of the 342 gemeenten .* are not in the file .*nothing was stored/);
    expect(await server.db.query(`SELECT count(*)::int AS n FROM gemeente_population WHERE on_date = '2021-01-01'`)).toEqual(before);
    // --partial replaces the gemeenten in the file only, and every province's feed hears of it.
    const summary = await importPopulation(server.db.manager, rows, { onDate: '2022-01-01', sourceFile: 'bevolking-2022.csv', partial: true });
    expect(summary).toMatchObject({ stored: 4, unknown: ['Atlantis'], total: 218_096 + 361_699 + 80_000 + 36_000, perProvince: { FL: 298_096, UT: 361_699, GE: 36_000 } });
    expect(summary.missing).toHaveLength(342 - 4);
    const stored = await server.db.query(`SELECT count(*)::int AS n, bool_or(fictitious) AS fictitious FROM gemeente_population WHERE on_date = '2022-01-01'`);
    expect(stored).toEqual([{ n: 4, fictitious: false }]);
    const feed = await server.as('secretariaat-ut', '{ recentEvents(provinceCodes: [UT], first: 5) { events { kind after } } }');
    expect(feed.data.recentEvents.events[0]).toMatchObject({ kind: 'POPULATION_IMPORTED', after: { onDate: '2022-01-01', stored: 4, partial: true } });
  });
});

describe('the national taakstelling in the provinces', () => {
  it("reaches every province's feed, live and afterwards, not only the national one", async () => {
    const utrecht = await connect(server.wsUrl, await server.token('secretariaat-ut'));
    const made = server.subscriptionsMade();
    const live = subscribe(utrecht, 'subscription { activity(provinceCode: UT, kinds: [NATIONAL_TAAKSTELLING_SET]) { kind provinceCode } }');
    await server.untilSubscribed(made + 1);
    const set = await server.as('lrt', `mutation { setNationalTaakstelling(input: { halfYear: "2023-I", vergunninghouders: 15000, source: "test", publishedOn: "2022-09-30" }) { halfYear } }`);
    expect(set.errors).toBeUndefined();
    await until(() => live.received.length > 0 || live.errors.length > 0);
    expect(live.errors).toEqual([]);
    expect(live.received[0].activity.kind).toBe('NATIONAL_TAAKSTELLING_SET');
    live.stop();
    await utrecht.dispose();
    const feed = await server.as('gemeente-zeist', '{ recentEvents(provinceCodes: [UT], first: 20) { events { kind } } }');
    expect(feed.errors).toBeUndefined();
    expect(feed.data.recentEvents.events.map((e: { kind: string }) => e.kind)).toContain('NATIONAL_TAAKSTELLING_SET');
  });
});

describe('publishing the national taakstelling', () => {
  it('refuses a first publication less than 13 weeks before the half-year, and a revision dated before what it revises', async () => {
    const set = (publishedOn: string, expectedVersion?: number) =>
      server.as('jenv', `mutation($p: LocalDate!, $v: Int) { setNationalTaakstelling(input: { halfYear: "2024-II", vergunninghouders: 16000, source: "test", publishedOn: $p, expectedVersion: $v }) { version publishedOn } }`, { p: publishedOn, v: expectedVersion ?? null });
    const late = await set('2024-04-02');
    expect(codes(late)).toEqual(['BAD_USER_INPUT']);
    expect(late.errors![0].extensions).toMatchObject({ field: 'input.publishedOn' });
    expect(late.errors![0].message).toMatch(/13 weeks before .* 2024-04-01 at the latest/);
    expect((await server.db.query(`SELECT count(*)::int AS n FROM national_taakstelling WHERE year = 2024 AND half = 2`))[0].n).toBe(0);
    expect((await set('2024-04-01')).data.setNationalTaakstelling).toEqual({ version: 1, publishedOn: '2024-04-01' });
    expect(codes(await set('2024-03-01', 1))).toEqual(['BAD_USER_INPUT']);
    expect((await set('2024-09-01', 1)).data.setNationalTaakstelling).toEqual({ version: 2, publishedOn: '2024-09-01' });
  });
});

describe('what national readers get', () => {
  it('nationalTaakstellingen gives the sum over the gemeenten to those who read every gemeente, as the overview does', async () => {
    const list = await server.as('ipo', '{ nationalTaakstellingen { halfYear gemeentenSum } }');
    const overview = await server.as('ipo', '{ huisvestingOverview(halfYear: "2021-I") { national { gemeentenSum } } }');
    expect(list.data.nationalTaakstellingen.find((n: any) => n.halfYear === '2021-I').gemeentenSum).toBe(overview.data.huisvestingOverview.national.gemeentenSum);
    expect(overview.data.huisvestingOverview.national.gemeentenSum).toBeGreaterThan(13_500);
    const own = await server.as('secretariaat-fl', '{ nationalTaakstellingen { gemeentenSum } }');
    expect(own.data.nationalTaakstellingen.every((n: any) => n.gemeentenSum === null)).toBe(true);
  });

  it('COA and the national partners, who read every gemeente, follow the whole country live; a secretariat does not', async () => {
    for (const [handle, national] of [['coa-regio-3', true], ['bzk', true], ['secretariaat-fl', false]] as const) {
      const abilities = (await server.as(handle, '{ viewer { abilities { action national } } }')).data.viewer.abilities;
      expect(abilities.find((a: any) => a.action === 'FOLLOW_ACTIVITY')?.national ?? false, handle).toBe(national);
    }
    const coa = await connect(server.wsUrl, await server.token('coa-regio-1'));
    const made = server.subscriptionsMade();
    const live = subscribe(coa, 'subscription { activity(kinds: [REALISATION_RECORDED]) { kind provinceCode } }');
    const secretariaat = await connect(server.wsUrl, await server.token('secretariaat-ut'));
    const refused = subscribe(secretariaat, 'subscription { activity(kinds: [REALISATION_RECORDED]) { kind } }');
    await server.untilSubscribed(made + 1); // the secretariat's is refused, not made
    const [{ version }] = await server.db.query(`SELECT coalesce(max(version), 0) AS version FROM huisvesting_realisation WHERE gemeente_code = 'GM0034' AND year = 2021 AND half = 1`);
    const recorded = await server.as('gemeente-almere', 'mutation($v: Int!) { recordHuisvestingRealisation(input: { gemeenteCode: "GM0034", halfYear: "2021-I", housed: 70, inTussenvoorziening: 5, inDoorstroomwoning: 2, expectedVersion: $v }) { realisationVersion } }', { v: version });
    expect(recorded.errors).toBeUndefined();
    await until(() => live.received.length > 0 || live.errors.length > 0);
    expect(live.received[0].activity).toEqual({ kind: 'REALISATION_RECORDED', provinceCode: 'FL' });
    await until(() => refused.errors.length > 0);
    expect(JSON.stringify(refused.errors[0])).toContain('FORBIDDEN');
    live.stop();
    await coa.dispose();
    await secretariaat.dispose();
  });
});
