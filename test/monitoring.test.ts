import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codes, startTestServer, type TestServer } from './support/harness.js';
import { timelinePoints, typeGroups } from '../src/monitoring/monitoring.service.js';
import { TimelineInterval } from '../src/monitoring/types.js';

/**
 * Flevoland is cleared of demo data and given a small fixture whose figures are worked out by hand below.
 * The other provinces keep their demo data (for national totals and shares).
 */
let server: TestServer;
const ON = '2023-01-01';

const OVERVIEW = `query($on: LocalDate!, $p: ProvinceCode) { nationalOverview(on: $on, provinceCode: $p) {
  on totalOpgave totalPlanned { min max } totalRealised totalPipeline totalPlannedGap { min max } totalRealisedGap shortTermTarget totalShortTermRealised
  opvangtypes { opvangtype opgave planned { min max } realised pipeline realisedGap }
  rows { provinceCode opvangtypes combinedIn opgave planned { min max } conceptPlanned { min max } realised pipeline { status places } plannedGap { min max } realisedGap }
  provinces { provinceCode planStatus conceptStatus conceptPlanned { min max } opgave planned { min max } realised pipeline plannedGap { min max } realisedGap
    populationShare realisedShare realisedShareDifference plannedShare shortTermTarget shortTermRealised }
} }`;

beforeAll(async () => {
  server = await startTestServer();
  const db = server.db;
  // Clear Flevoland's demo data (test set-up only).
  await db.query(`DELETE FROM comment WHERE province_code = 'FL'`);
  await db.query(`DELETE FROM event WHERE province_code = 'FL'`);
  await db.query(`UPDATE location_proposal SET agreement_id = NULL WHERE province_code = 'FL'`);
  await db.query(`DELETE FROM agreement_extension WHERE agreement_id IN (SELECT id FROM agreement WHERE province_code = 'FL')`);
  await db.query(`DELETE FROM agreement WHERE province_code = 'FL'`);
  await db.query(`DELETE FROM proposal_transition WHERE proposal_id IN (SELECT id FROM location_proposal WHERE province_code = 'FL')`);
  await db.query(`DELETE FROM location_proposal WHERE province_code = 'FL'`);
  await db.query(`DELETE FROM opgave_history WHERE opgave_id IN (SELECT id FROM opgave WHERE province_code = 'FL')`);
  await db.query(`DELETE FROM opgave WHERE province_code = 'FL'`);
  await db.query(`DELETE FROM provincial_plan WHERE province_code = 'FL'`);

  const opgave = (opvangtype: string | null, dueDate: string, places: number) =>
    server.as('lrt', 'mutation($i: SetOpgaveInput!) { setOpgave(input: $i) { id } }', { i: { provinceCode: 'FL', opvangtype, dueDate, places, source: 'fixture' } });
  await opgave('ROL', '2022-01-01', 100); // an earlier level: replaced by the one below from 2023-01-01, not added to it
  await opgave('ROL', '2023-01-01', 300);
  await opgave('GVL', '2023-01-01', 200);
  await opgave(null, '2020-12-31', 417);
  await opgave('AZC', '2023-06-30', 999); // after the date: not counted

  const line = (opvangtypes: string[], targetDate: string, minPlaces: number, maxPlaces: number) => ({ opvangtypes, targetDate, minPlaces, maxPlaces });
  const created = await server.as('secretariaat-fl', 'mutation($i: CreateProvincialPlanInput!) { createProvincialPlan(input: $i) { id } }', {
    i: {
      provinceCode: 'FL',
      title: 'Fixture',
      lines: [line(['ROL'], '2022-06-01', 100, 150), line(['ROL'], '2023-01-01', 100, 120), line(['GVL', 'SATELLIET'], '2023-01-01', 80, 90), line(['SATELLIET', 'GVL'], '2022-01-01', 10, 10), line([], '2020-12-31', 417, 417), line(['AZC'], '2023-06-01', 50, 50)],
    },
  });
  await server.as('secretariaat-fl', 'mutation($i: PlanTransitionInput!) { submitProvincialPlan(input: $i) { id } }', { i: { planId: created.data.createProvincialPlan.id, expectedVersion: 1 } });
  await new Promise((resolve) => setTimeout(resolve, 10));
  await server.as('secretariaat-fl', 'mutation($i: CreateProvincialPlanInput!) { createProvincialPlan(input: $i) { id } }', {
    i: { provinceCode: 'FL', title: 'Newer draft', lines: [line(['ROL'], '2023-01-01', 400, 400)] },
  });

  const agreement = (locationName: string, opvangtype: string, maxPlaces: number, startDate: string, endDate: string) =>
    server.as('coa-regio-3', 'mutation($i: RegisterAgreementInput!) { registerAgreement(input: $i) { id version } }', {
      i: { gemeenteCode: 'GM0995', locationName, opvangtype, maxPlaces, startDate, endDate, signedOn: '2015-01-01' },
    });
  await agreement('ROL Noord', 'ROL', 120, '2021-01-01', '2030-12-31'); // running
  await agreement('ROL Kort', 'ROL', 80, '2020-03-01', '2025-12-31'); // running, and in the short-term window
  const ended = (await agreement('ROL Weg', 'ROL', 500, '2021-01-01', '2030-12-31')).data.registerAgreement;
  await server.as('coa-regio-3', 'mutation($i: EndAgreementInput!) { endAgreement(input: $i) { id } }', { i: { agreementId: ended.id, expectedVersion: ended.version, endedOn: '2022-01-01', reason: 'closed' } });
  await agreement('AZC Oud', 'AZC', 300, '2016-01-01', '2020-06-30'); // expired

  const proposal = async (places: number, steps: string[]) => {
    const p = (await server.as('gemeente-lelystad', 'mutation($i: CreateLocationProposalInput!) { createLocationProposal(input: $i) { id } }', {
      i: { gemeenteCode: 'GM0995', name: `P${places}`, address: 'Weg', opvangtype: 'ROL', places },
    })).data.createLocationProposal;
    let version = 1;
    for (const step of steps) {
      const [who, mutation, type, extra] =
        step === 'submit' ? ['gemeente-lelystad', 'submitLocationProposal', 'ProposalTransitionInput', {}]
        : step === 'explore' ? ['coa-regio-3', 'startExploration', 'StartExplorationInput', {}]
        : ['coa-regio-3', 'adviseLocationProposal', 'AdviseLocationProposalInput', { positive: true, reasoning: 'ok' }];
      await server.as(who as string, `mutation($i: ${type}!) { ${mutation}(input: $i) { id } }`, { i: { proposalId: p.id, expectedVersion: version, ...(extra as object) } });
      version += 1;
    }
  };
  await proposal(60, ['submit']);
  await proposal(40, ['submit', 'explore', 'advise']);
  await proposal(500, []); // a draft: not in the pipeline
});
afterAll(() => server?.close());

const row = (overview: any, types: string[]) => overview.rows.find((r: any) => r.provinceCode === 'FL' && r.opvangtypes.join('/') === types.join('/'));

describe('the national overview, worked out by hand for Flevoland', () => {
  it('shows opgave, planned range, concept, realised, pipeline and gaps per opvangtype', async () => {
    const { data, errors } = await server.as('ipo', OVERVIEW, { on: ON });
    expect(errors).toBeUndefined();
    const overview = data.nationalOverview;
    expect(row(overview, ['ROL'])).toEqual({
      provinceCode: 'FL', opvangtypes: ['ROL'], combinedIn: null, opgave: 300,
      planned: { min: 200, max: 270 }, // 100-150 (2022-06-01) + 100-120 (2023-01-01)
      conceptPlanned: { min: 400, max: 400 }, // the newer draft
      realised: 200, // 120 + 80 running; the one ended in 2022 is not
      pipeline: [{ status: 'INGEDIEND', places: 60 }, { status: 'POSITIEF_ADVIES', places: 40 }],
      plannedGap: { min: 30, max: 100 }, realisedGap: 100,
    });
    // GVL and SATELLIET are planned together, so they are compared with their opgave together, as the plan's gaps do.
    expect(row(overview, ['GVL'])).toMatchObject({ combinedIn: ['GVL', 'SATELLIET'], opgave: 200, planned: { min: 0, max: 0 }, realised: 0, plannedGap: null, realisedGap: 200 });
    expect(row(overview, ['SATELLIET'])).toMatchObject({ combinedIn: ['GVL', 'SATELLIET'], opgave: 0, plannedGap: null });
    // Two lines combining the same types, in either order, add up: 80-90 + 10.
    expect(row(overview, ['GVL', 'SATELLIET'])).toEqual({
      provinceCode: 'FL', opvangtypes: ['GVL', 'SATELLIET'], combinedIn: null, opgave: 200, planned: { min: 90, max: 100 }, conceptPlanned: { min: 0, max: 0 },
      realised: 0, pipeline: [], plannedGap: { min: 100, max: 110 }, realisedGap: 200,
    });
    expect(row(overview, ['SATELLIET', 'GVL'])).toBeUndefined();
    expect(row(overview, [])).toMatchObject({ opgave: 417, planned: { min: 417, max: 417 }, plannedGap: { min: 0, max: 0 } });
    expect(row(overview, ['AZC'])).toMatchObject({ opgave: 0, planned: { min: 0, max: 0 }, realised: 0 }); // later opgave and line not yet due; old agreement expired
    expect(overview.rows.filter((r: any) => r.provinceCode === 'FL' && r.opvangtypes.length === 1)).toHaveLength(11);
  });

  it("takes the opgave in force on the date, as the plan's own gaps do", async () => {
    const before = (await server.as('ipo', OVERVIEW, { on: '2022-06-30', p: 'FL' })).data.nationalOverview;
    expect(row(before, ['ROL'])).toMatchObject({ opgave: 100, planned: { min: 100, max: 150 }, plannedGap: { min: 0, max: 0 } });
    const plan = await server.as('ipo', '{ province(code: FL) { plans { title gaps { opvangtypes dueDate opgave } } } }');
    const gaps = plan.data.province.plans.find((p: any) => p.title === 'Fixture').gaps.filter((g: any) => g.opvangtypes.join() === 'ROL');
    expect(gaps.map((g: any) => [g.dueDate, g.opgave])).toEqual([['2022-01-01', 100], ['2023-01-01', 300]]);
  });

  it('totals the province and sets its shares beside its population share', async () => {
    const { data } = await server.as('ipo', OVERVIEW, { on: ON });
    const fl = data.nationalOverview.provinces.find((p: any) => p.provinceCode === 'FL');
    const [{ national }] = await server.db.query(
      `SELECT sum(max_places)::int AS national FROM agreement WHERE start_date <= $1 AND end_date >= $1 AND (ended_on IS NULL OR ended_on > $1)`,
      [ON],
    );
    expect(fl).toMatchObject({
      planStatus: 'INGEDIEND', conceptStatus: 'CONCEPT', opgave: 917, planned: { min: 707, max: 787 }, realised: 200, pipeline: 100,
      plannedGap: { min: 130, max: 210 }, // ROL 30-100, GVL/SATELLIET 100-110; a surplus elsewhere fills no gap
      realisedGap: 300, // ROL 100, GVL 200
      populationShare: 2.5, // 434,771 of 17,590,672
      realisedShare: Math.round((200 / national) * 1000) / 10,
      // ROL Kort (80, March 2020) and, since places realised in January 2021 count, ROL Noord (120) and ROL Weg (500, ended only in 2022).
      shortTermTarget: 417, shortTermRealised: 700,
    });
    expect(fl.realisedShareDifference).toBeCloseTo(fl.realisedShare - 2.5, 5);
    expect(data.nationalOverview.provinces).toHaveLength(12);
    expect(data.nationalOverview.totalRealised).toBe(national);
  });

  it('totals per province, per opvangtype and nationally, without counting a combination twice', async () => {
    const { data } = await server.as('ipo', OVERVIEW, { on: ON });
    const overview = data.nationalOverview;
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const single = overview.rows.filter((r: any) => r.opvangtypes.length === 1);
    for (const total of overview.opvangtypes) {
      const own = single.filter((r: any) => r.opvangtypes[0] === total.opvangtype);
      expect(own).toHaveLength(12);
      expect(total).toEqual({
        opvangtype: total.opvangtype,
        opgave: sum(own.map((r: any) => r.opgave)),
        planned: { min: sum(own.map((r: any) => r.planned.min)), max: sum(own.map((r: any) => r.planned.max)) },
        realised: sum(own.map((r: any) => r.realised)),
        pipeline: sum(own.flatMap((r: any) => r.pipeline.map((p: any) => p.places))),
        realisedGap: sum(own.map((r: any) => r.realisedGap)),
      });
    }
    expect(overview.totalOpgave).toBe(sum(overview.provinces.map((p: any) => p.opgave)));
    expect(overview.totalPipeline).toBe(sum(overview.opvangtypes.map((t: any) => t.pipeline)));
    expect(overview.totalRealisedGap).toBe(sum(overview.provinces.map((p: any) => p.realisedGap)));
    expect(overview.shortTermTarget).toBe(5_000);
    expect(overview.totalShortTermRealised).toBe(sum(overview.provinces.map((p: any) => p.shortTermRealised)));
    expect(overview.totalPlannedGap.max).toBe(sum(overview.provinces.map((p: any) => p.plannedGap.max)));
    const gemeente = (await server.as('gemeente-lelystad', OVERVIEW, { on: ON })).data.nationalOverview;
    expect(gemeente).toMatchObject({ totalRealised: null, totalPipeline: null, totalRealisedGap: null, totalShortTermRealised: null });
    expect(gemeente.opvangtypes.every((t: any) => t.realised === null && t.pipeline === null)).toBe(true);
  });

  it('compares types together as the plan combines them, also before the combining line is due, and never as a draft does', async () => {
    // On 2021-06-30 no GVL/SATELLIET line is due yet, but the plan combines them: the row is there, with 0 planned.
    const early = (await server.as('ipo', OVERVIEW, { on: '2021-06-30', p: 'FL' })).data.nationalOverview;
    expect(row(early, ['GVL'])).toMatchObject({ combinedIn: ['GVL', 'SATELLIET'], plannedGap: null });
    expect(row(early, ['GVL', 'SATELLIET'])).toMatchObject({ planned: { min: 0, max: 0 } });

    // The draft combines ROL with AZC; the submitted plan does not, so neither do its figures.
    const plans = (await server.as('ipo', '{ province(code: FL) { plans { id title version } } }')).data.province.plans;
    const draft = plans.find((p: any) => p.title === 'Newer draft');
    const lines = [
      { opvangtypes: ['ROL'], targetDate: '2023-01-01', minPlaces: 400, maxPlaces: 400 },
      { opvangtypes: ['ROL', 'AZC'], targetDate: '2022-01-01', minPlaces: 30, maxPlaces: 60 },
    ];
    const updated = await server.as('secretariaat-fl', 'mutation($i: UpdateProvincialPlanInput!) { updateProvincialPlan(input: $i) { version } }', {
      i: { planId: draft.id, expectedVersion: draft.version, lines },
    });
    expect(updated.errors).toBeUndefined();
    try {
      const overview = (await server.as('ipo', OVERVIEW, { on: ON, p: 'FL' })).data.nationalOverview;
      expect(row(overview, ['ROL'])).toMatchObject({ combinedIn: null, conceptPlanned: { min: 400, max: 400 }, plannedGap: { min: 30, max: 100 } });
      expect(row(overview, ['AZC'])).toMatchObject({ combinedIn: null, conceptPlanned: { min: 0, max: 0 } });
      expect(row(overview, ['AZC', 'ROL'])).toBeUndefined();
      expect(overview.provinces[0].conceptPlanned).toEqual({ min: 430, max: 460 }); // the combined draft line counts here
    } finally {
      await server.as('secretariaat-fl', 'mutation($i: UpdateProvincialPlanInput!) { updateProvincialPlan(input: $i) { version } }', {
        i: { planId: draft.id, expectedVersion: updated.data.updateProvincialPlan.version, lines: lines.slice(0, 1) },
      });
    }
  });

  it('counts the short-term target up to the date', async () => {
    const fl = async (on: string) => (await server.as('ipo', OVERVIEW, { on, p: 'FL' })).data.nationalOverview.provinces[0].shortTermRealised;
    expect(await fl('2020-02-29')).toBe(0);
    expect(await fl('2020-03-01')).toBe(80); // ROL Kort starts that day
  });

  it('shows each role only its own reach: a province for its PRT, adopted figures for a gemeente, nothing elsewhere', async () => {
    const secretariat = (await server.as('secretariaat-fl', OVERVIEW, { on: ON })).data.nationalOverview;
    expect(secretariat.provinces.map((p: any) => p.provinceCode)).toEqual(['FL']);
    const coa = (await server.as('coa-regio-3', OVERVIEW, { on: ON })).data.nationalOverview;
    expect(coa.provinces.map((p: any) => p.provinceCode).sort()).toEqual(['FL', 'NH', 'UT']);
    const gemeente = (await server.as('gemeente-lelystad', OVERVIEW, { on: ON })).data.nationalOverview;
    expect(gemeente.provinces).toHaveLength(1);
    expect(row(gemeente, ['ROL'])).toMatchObject({ planned: { min: 0, max: 0 }, conceptPlanned: null, realised: null, pipeline: null }); // no adopted plan yet
    expect(codes(await server.as('secretariaat-ut', OVERVIEW, { on: ON, p: 'FL' }))).toEqual(['FORBIDDEN']);
    expect(codes(await server.as('stranger', OVERVIEW, { on: ON }))).toEqual(['FORBIDDEN']);
  });

  it('draws realised capacity month by month', async () => {
    const { data } = await server.as('ipo', '{ capacityTimeline(provinceCode: FL, opvangtype: ROL, from: "2020-01-01", to: "2022-03-01") { date places } }');
    const at = (date: string) => data.capacityTimeline.find((p: any) => p.date === date).places;
    expect(at('2020-01-01')).toBe(0);
    expect(at('2020-04-01')).toBe(80);
    expect(at('2021-01-01')).toBe(700); // 80 + 120 + 500
    expect(at('2022-01-01')).toBe(200); // the 500 ended that day
    expect(data.capacityTimeline).toHaveLength(27);
    expect(codes(await server.as('gemeente-lelystad', '{ capacityTimeline(provinceCode: FL, from: "2020-01-01", to: "2020-02-01") { date } }'))).toEqual(['FORBIDDEN']);
  });

  it('steps by week, quarter or year, from the start of the interval holding `from`', async () => {
    const timeline = async (interval: string, from: string, to: string) =>
      (await server.as('ipo', `{ capacityTimeline(provinceCode: FL, opvangtype: ROL, from: "${from}", to: "${to}", interval: ${interval}) { date places } }`)).data.capacityTimeline;
    expect(await timeline('YEAR', '2020-06-30', '2022-01-01')).toEqual([
      { date: '2020-01-01', places: 0 },
      { date: '2021-01-01', places: 700 },
      { date: '2022-01-01', places: 200 },
    ]);
    const quarters = await timeline('QUARTER', '2020-02-15', '2022-03-01');
    expect(quarters.map((p: any) => p.date)).toEqual(['2020-01-01', '2020-04-01', '2020-07-01', '2020-10-01', '2021-01-01', '2021-04-01', '2021-07-01', '2021-10-01', '2022-01-01']);
    expect(quarters[1].places).toBe(80);
    expect(await timeline('WEEK', '2021-12-29', '2022-01-10')).toEqual([
      { date: '2021-12-27', places: 700 }, // Monday of the week holding 29 December
      { date: '2022-01-03', places: 200 },
      { date: '2022-01-10', places: 200 },
    ]);
  });

  it('counts its points as the database does, and refuses more than 600 with BAD_USER_INPUT on `to`', async () => {
    const day = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 11, 31) }).map((t) => new Date(t).toISOString().slice(0, 10));
    await fc.assert(
      fc.asyncProperty(day, day, fc.constantFrom(...Object.values(TimelineInterval)), async (a, b, interval) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const points = timelinePoints(from, to, interval);
        const response = await server.as('ipo', `{ capacityTimeline(provinceCode: FL, from: "${from}", to: "${to}", interval: ${interval}) { date } }`);
        if (points > 600) {
          expect(codes(response)).toEqual(['BAD_USER_INPUT']);
          expect(response.errors?.[0].extensions?.field).toBe('to');
        } else {
          expect(response.data.capacityTimeline).toHaveLength(points);
        }
      }),
      { numRuns: 40 },
    );
    const months = await server.as('ipo', '{ capacityTimeline(provinceCode: FL, from: "1971-01-15", to: "2020-12-31") { date } }');
    expect(months.data.capacityTimeline).toHaveLength(600);
    expect(codes(await server.as('ipo', '{ capacityTimeline(provinceCode: FL, from: "1970-12-31", to: "2020-12-31") { date } }'))).toEqual(['BAD_USER_INPUT']);
  });

  it('keeps a newer draft as the concept when the LRT adopts an older plan (latest means most recently created)', async () => {
    const plans = (await server.as('ipo', '{ province(code: FL) { plans { id title version } } }')).data.province.plans;
    const fixture = plans.find((p: any) => p.title === 'Fixture');
    const adopted = await server.as('lrt', 'mutation($i: PlanTransitionInput!) { adoptProvincialPlan(input: $i) { status } }', { i: { planId: fixture.id, expectedVersion: fixture.version } });
    expect(adopted.data.adoptProvincialPlan.status).toBe('VASTGESTELD');
    const overview = (await server.as('ipo', OVERVIEW, { on: ON, p: 'FL' })).data.nationalOverview;
    expect(overview.provinces[0].planStatus).toBe('VASTGESTELD');
    expect(row(overview, ['ROL'])).toMatchObject({ planned: { min: 200, max: 270 }, conceptPlanned: { min: 400, max: 400 } });
    const gemeente = (await server.as('gemeente-lelystad', OVERVIEW, { on: ON })).data.nationalOverview;
    expect(row(gemeente, ['ROL'])).toMatchObject({ planned: { min: 200, max: 270 }, conceptPlanned: null, realised: null, pipeline: null });
  });
});

describe('cost', () => {
  it('takes the same number of SQL statements with 10 agreements and proposals as with 1,000', async () => {
    const token = await server.token('ipo');
    const measure = async () => {
      server.statements.length = 0;
      const response = await server.gql(OVERVIEW, { on: ON }, token);
      expect(response.errors).toBeUndefined();
      const azc = row(response.data.nationalOverview, ['AZC']);
      return { statements: server.statements.length, realised: azc.realised, pipeline: azc.pipeline };
    };
    const insert = async (n: number) => {
      const tag = `${n}-${Date.now()}`;
      await server.db.query(
        `INSERT INTO agreement (gemeente_code, province_code, location_name, location_key, opvangtype, max_places, start_date, original_end_date, end_date, signed_on)
         SELECT 'GM0034', 'FL', 'Bulk ' || i || ' ' || $2, 'bulk ' || i || ' ' || $2, 'AZC', 10, '2022-01-01', '2024-12-31', '2024-12-31', '2021-12-01' FROM generate_series(1, $1) AS i`,
        [n, tag],
      );
      await server.db.query(
        `INSERT INTO location_proposal (gemeente_code, province_code, name, address, opvangtype, places, status, submitted)
         SELECT 'GM0034', 'FL', 'Bulk ' || i || ' ' || $2, 'Weg', 'AZC', 5, 'IN_VERKENNING', true FROM generate_series(1, $1) AS i`,
        [n, tag],
      );
    };
    const before = await measure();
    await insert(10);
    const few = await measure();
    await insert(990);
    const many = await measure();
    expect(few.statements).toBe(1); // every figure (who is asking is counted apart)
    expect(many.statements).toBe(few.statements);
    // The figures did take the rows in.
    expect(many.realised - before.realised).toBe(1000 * 10);
    expect(many.pipeline).toContainEqual({ status: 'IN_VERKENNING', places: 1000 * 5 });
  });
});

describe('expiring agreements', () => {
  it('lists agreements ending in the period with places at stake, extensions and replacement proposals', async () => {
    const register = async (locationName: string, endDate: string, opvangtype = 'GVL') =>
      (await server.as('coa-regio-3', 'mutation($i: RegisterAgreementInput!) { registerAgreement(input: $i) { id version } }', {
        i: { gemeenteCode: 'GM0034', locationName, opvangtype, maxPlaces: 100, startDate: '2020-01-01', endDate, signedOn: '2019-12-01' },
      })).data.registerAgreement;
    await register('Almere A', '2027-03-31'); // at stake
    const extended = await register('Almere B', '2027-04-30');
    await server.as('coa-regio-3', 'mutation($i: ExtendAgreementInput!) { extendAgreement(input: $i) { id } }', {
      i: { agreementId: extended.id, expectedVersion: extended.version, newEndDate: '2030-04-30', decidedOn: '2026-01-10' },
    });
    await register('Almere C', '2027-05-31', 'SATELLIET'); // replaced by a proposal below
    const early = await register('Almere D', '2030-12-31'); // ended early, within the period
    await server.as('coa-regio-3', 'mutation($i: EndAgreementInput!) { endAgreement(input: $i) { id } }', {
      i: { agreementId: early.id, expectedVersion: early.version, endedOn: '2027-02-15', reason: 'building sold' },
    });
    const p = (await server.as('gemeente-almere', 'mutation($i: CreateLocationProposalInput!) { createLocationProposal(input: $i) { id } }', {
      i: { gemeenteCode: 'GM0034', name: 'Vervanging', address: 'Weg', opvangtype: 'SATELLIET', places: 100 },
    })).data.createLocationProposal;
    await server.as('gemeente-almere', 'mutation($i: ProposalTransitionInput!) { submitLocationProposal(input: $i) { id } }', { i: { proposalId: p.id, expectedVersion: 1 } });

    const q = `{ expiringAgreements(from: "2027-01-01", within: 180, provinceCode: FL) { provinceCode placesAtStake
      agreements { locationName endDate endedEarly extended replacementProposed replacementPlaces places }
      opvangtypes { opvangtype agreements places extendedPlaces replacedPlaces placesAtStake } } }`;
    const { data } = await server.as('ipo', q);
    const [fl] = data.expiringAgreements;
    expect(fl.agreements).toEqual([
      { locationName: 'Almere D', endDate: '2027-02-15', endedEarly: true, extended: false, replacementProposed: false, replacementPlaces: 0, places: 100 },
      { locationName: 'Almere A', endDate: '2027-03-31', endedEarly: false, extended: false, replacementProposed: false, replacementPlaces: 0, places: 100 },
      { locationName: 'Almere B', endDate: '2027-04-30', endedEarly: false, extended: true, replacementProposed: false, replacementPlaces: 0, places: 100 },
      { locationName: 'Almere C', endDate: '2027-05-31', endedEarly: false, extended: false, replacementProposed: true, replacementPlaces: 100, places: 100 },
    ]);
    expect(fl.placesAtStake).toBe(200); // A and D; B is extended, C's places are in the pipeline
    expect(fl.opvangtypes.find((t: any) => t.opvangtype === 'GVL')).toEqual({ opvangtype: 'GVL', agreements: 3, places: 300, extendedPlaces: 100, replacedPlaces: 0, placesAtStake: 200 });
    expect(fl.opvangtypes.find((t: any) => t.opvangtype === 'SATELLIET')).toEqual({ opvangtype: 'SATELLIET', agreements: 1, places: 100, extendedPlaces: 0, replacedPlaces: 100, placesAtStake: 0 });
    expect(fl.opvangtypes).toHaveLength(11);
    // A pipeline covers a gemeente's expiring places up to its own size: a 30-place proposal leaves 70 of C at stake.
    await server.db.query(`UPDATE location_proposal SET places = 30 WHERE name = 'Vervanging' AND gemeente_code = 'GM0034'`); // test set-up
    const smaller = (await server.as('ipo', q)).data.expiringAgreements[0];
    expect(smaller.opvangtypes.find((t: any) => t.opvangtype === 'SATELLIET')).toMatchObject({ replacedPlaces: 30, placesAtStake: 70 });
    await server.db.query(`UPDATE location_proposal SET places = 100 WHERE name = 'Vervanging' AND gemeente_code = 'GM0034'`);
    expect(codes(await server.as('gemeente-almere', q))).toEqual(['FORBIDDEN']);
    const far = await server.as('ipo', '{ expiringAgreements(from: "9999-12-01", within: 3650) { provinceCode } }');
    expect(far.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'within' });
  });
});

describe('CSV export', () => {
  it('serves the national overview and expiring agreements as text/csv, one row per province × opvangtype, authenticated', async () => {
    const base = server.url.replace('/graphql', '');
    const token = await server.token('lrt');
    const response = await fetch(`${base}/export/national-overview.csv?on=${ON}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await response.text()).trim().split("\n");
    expect(lines[0]).toBe('on,province,opvangtype,combined_in,opgave,planned_min,planned_max,concept_min,concept_max,realised,pipeline,planned_gap_min,planned_gap_max,realised_gap,total_opvang_opgave,total_opvang_realised,total_opvang_gap,short_term_target,short_term_realised,short_term_deduction,short_term_target_after_verevening');
    expect(lines).toContain(`${ON},FL,ROL,,300,200,270,400,400,200,100,30,100,100,,,,,,,`); // province figures only on its ANY row
    // With the Almere agreements and proposal of the tests above: GVL 300 realised, SATELLIET 100 and 100 in the pipeline.
    expect(lines).toContain(`${ON},FL,GVL,GVL/SATELLIET,200,0,0,0,0,300,0,,,0,,,,,,,`);
    expect(lines).toContain(`${ON},FL,GVL/SATELLIET,,200,90,100,0,0,400,100,100,110,0,,,,,,,`);
    expect(lines.filter((line) => /^[^,]+,[A-Z]{2},[A-Z_]+,/.test(line) && !line.includes('/')).length).toBeGreaterThanOrEqual(12 * 11);
    const formula = await server.as('coa-regio-3', 'mutation($i: RegisterAgreementInput!) { registerAgreement(input: $i) { id } }', {
      i: { gemeenteCode: 'GM0034', locationName: '=HYPERLINK("x")', opvangtype: 'GVL', maxPlaces: 10, startDate: '2020-01-01', endDate: '2027-06-30', signedOn: '2019-12-01' },
    });
    expect(formula.errors).toBeUndefined();
    const expiring = await fetch(`${base}/export/expiring-agreements.csv?from=2027-01-01&within=180&provinceCode=FL&per=agreement`, { headers: { authorization: `Bearer ${token}` } });
    expect((await expiring.text()).trim().split('\n')).toEqual([
      'province,gemeente,location,opvangtype,places,end_date,ended_early,extended,replacement_proposed,replacement_places',
      'FL,GM0034,Almere D,GVL,100,2027-02-15,true,false,false,0',
      'FL,GM0034,Almere A,GVL,100,2027-03-31,false,false,false,0',
      'FL,GM0034,Almere B,GVL,100,2027-04-30,false,true,false,0',
      'FL,GM0034,Almere C,SATELLIET,100,2027-05-31,false,false,true,100',
      'FL,GM0034,"\'=HYPERLINK(""x"")",GVL,10,2027-06-30,false,false,false,0', // quoted, and never a formula in a spreadsheet
    ]);
    const perType = await fetch(`${base}/export/expiring-agreements.csv?from=2027-01-01&within=180&provinceCode=FL`, { headers: { authorization: `Bearer ${token}` } });
    const typeLines = (await perType.text()).trim().split('\n');
    expect(typeLines[0]).toBe('from,until,province,opvangtype,agreements,places,extended_places,replaced_places,places_at_stake');
    expect(typeLines).toHaveLength(1 + 11); // one row per province × opvangtype
    expect(typeLines).toContain('2027-01-01,2027-06-30,FL,GVL,4,310,100,0,210');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const anonymous = await fetch(`${base}/export/national-overview.csv`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const bad = await fetch(`${base}/export/national-overview.csv?provinceCode=XX`, { headers: { authorization: `Bearer ${token}` } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'provinceCode' });
    for (const [path, field] of [
      ['national-overview.csv?province=UT', 'province'], // misspelt: refused, not the whole country
      ['national-overview.csv?provinceCode=UT&provinceCode=FL', 'provinceCode'],
      ['expiring-agreements.csv?within=1e3', 'within'],
      ['expiring-agreements.csv?within=', 'within'],
      ['expiring-agreements.csv?per=gemeente', 'per'],
    ]) {
      const refused = await fetch(`${base}/export/${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(refused.status, path).toBe(400);
      expect(((await refused.json()) as any).errors[0].extensions, path).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const posted = await fetch(`${base}/export/national-overview.csv`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET');
    const unknown = await fetch(`${base}/export/everything.csv`, { headers: { authorization: `Bearer ${token}` } });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
    const forbidden = await fetch(`${base}/export/national-overview.csv?provinceCode=UT`, { headers: { authorization: `Bearer ${await server.token('secretariaat-fl')}` } });
    expect(forbidden.status).toBe(403);
  });
});

describe('nationalOverviewChanged', () => {
  it('tells a monitor when a figure in its reach changes, and nothing about other provinces', async () => {
    const { createClient } = await import('graphql-ws');
    const WebSocket = (await import('ws')).default;
    const connect = async (subject: string) => {
      let ready!: () => void;
      const connected = new Promise<void>((resolve) => (ready = resolve));
      const client = createClient({
        url: server.wsUrl, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${await server.token(subject)}` },
        retryAttempts: 0, lazy: false, onNonLazyError: () => {}, on: { connected: () => ready() },
      });
      await connected;
      return client;
    };
    const listen = (client: Awaited<ReturnType<typeof connect>>) => {
      const seen: any[] = [];
      client.subscribe({ query: 'subscription { nationalOverviewChanged { provinceCode kind } }' }, { next: (value) => seen.push(value.data?.nationalOverviewChanged), error: () => {}, complete: () => {} });
      return seen;
    };
    const [ipo, flevoland, gemeente] = [await connect('ipo'), await connect('secretariaat-fl'), await connect('gemeente-lelystad')];
    const made = server.subscriptionsMade();
    const [national, own, adopted] = [listen(ipo), listen(flevoland), listen(gemeente)];
    await server.untilSubscribed(made + 3);
    await server.as('lrt', 'mutation { setOpgave(input: { provinceCode: ZE, opvangtype: AZC, dueDate: "2022-09-01", places: 3, source: "monitor" }) { id } }');
    await server.as('lrt', 'mutation { setOpgave(input: { provinceCode: FL, opvangtype: AZC, dueDate: "2022-09-01", places: 4, source: "monitor" }) { id } }');
    // An agreement in Utrecht moves national realised capacity, and with it Flevoland's share.
    const utrecht = await server.as('coa-regio-3', 'mutation($i: RegisterAgreementInput!) { registerAgreement(input: $i) { id } }', {
      i: { gemeenteCode: 'GM0344', locationName: 'Monitor UT', opvangtype: 'AZC', maxPlaces: 50, startDate: '2022-01-01', endDate: '2026-12-31', signedOn: '2021-12-01' },
    });
    expect(utrecht.errors).toBeUndefined();
    const deadline = Date.now() + 5_000;
    while ((national.length < 3 || own.length < 2 || adopted.length < 1) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    await new Promise((resolve) => setTimeout(resolve, 200)); // nothing more is on its way
    expect(national).toEqual([{ provinceCode: 'ZE', kind: 'OPGAVE_SET' }, { provinceCode: 'FL', kind: 'OPGAVE_SET' }, { provinceCode: 'UT', kind: 'AGREEMENT_REGISTERED' }]);
    // Which province and what happened there stay out of it.
    expect(own).toEqual([{ provinceCode: 'FL', kind: 'OPGAVE_SET' }, { provinceCode: null, kind: 'NATIONAL_TOTALS_CHANGED' }]);
    // A gemeente's view has no shares: it hears of its own province's opgave only.
    expect(adopted).toEqual([{ provinceCode: 'FL', kind: 'OPGAVE_SET' }]);
    await Promise.all([ipo.dispose(), flevoland.dispose(), gemeente.dispose()]);
  });
});

describe('type groups', () => {
  it('joins types that share a plan line, also through other lines, as the plan gaps do', () => {
    expect(Object.fromEntries(typeGroups(['GVL/SATELLIET', 'ROL/SATELLIET', 'AZC', '']))).toEqual({
      GVL: 'GVL/ROL/SATELLIET', ROL: 'GVL/ROL/SATELLIET', SATELLIET: 'GVL/ROL/SATELLIET',
    });
    expect(typeGroups(['AZC', 'ROL', '']).size).toBe(0);
  });
});

