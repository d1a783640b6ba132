import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, connect, startTestServer, subscribe, until, wsExecute, type TestServer } from './support/harness.js';
import { euros } from '../src/measures/rules.js';

/**
 * The status table of ondersteuningsmaatregelen (issue 15 A) over the real server, on the demo data: the measures of
 * the status table of 19 June 2021 (4.2.5, 4.3.1 JenV, 4.3.2 BZK).
 */
let server: TestServer;
const fixture = JSON.parse(readFileSync(new URL('./fixtures/status-table-2021-06-19.json', import.meta.url), 'utf8'));

const MEASURE = `query($p: String!, $on: LocalDate) { supportMeasure(paragraph: $p, on: $on) {
  id paragraph theme title trekkers lrtIsTrekker budgetEuros budgetNote version on overdue viewerActions applicationsOpen
  standVanZaken { asOf body } history { asOf } milestones { id dueOn kind description done overdue recordedOn doneOn } } }`;
const LIST = `query($on: LocalDate, $theme: SupportMeasureTheme, $trekker: String, $overdue: Boolean) {
  supportMeasures(on: $on, theme: $theme, trekker: $trekker, overdue: $overdue) { paragraph trekkers overdue viewerActions standVanZaken { asOf } milestones { dueOn } } }`;
const ADD_STAND = `mutation($input: AddStandVanZakenInput!) { addStandVanZaken(input: $input) { version standVanZaken { asOf body } history { asOf } } }`;
const ADD_MILESTONE = `mutation($input: AddMilestoneInput!) { addMilestone(input: $input) { version overdue milestones { id dueOn overdue done } } }`;
const DONE = `mutation($input: SetMilestoneDoneInput!) { setMilestoneDone(input: $input) { version overdue milestones { id done overdue } } }`;
const UPDATE = `mutation($input: UpdateSupportMeasureInput!) { updateSupportMeasure(input: $input) { version title trekkers budgetEuros } }`;
const CREATE = `mutation($input: CreateSupportMeasureInput!) { createSupportMeasure(input: $input) { id paragraph version trekkers lrtIsTrekker viewerActions } }`;

const measure = async (paragraph: string, as = 'lrt', on?: string) => {
  const response = await server.as(as, MEASURE, { p: paragraph, on: on ?? null });
  expect(response.errors).toBeUndefined();
  return response.data.supportMeasure;
};
const count = async (table: string) => (await server.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
const exportCsv = async (on: string, as = 'lrt') => {
  const base = server.url.replace('/graphql', '');
  return fetch(`${base}/export/statustabel.csv?on=${on}`, { headers: { authorization: `Bearer ${await server.token(as)}` } });
};

beforeAll(async () => {
  server = await startTestServer();
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe('the export of the status table as it stood on 19 June 2021', () => {
  it('has the measures, trekkers, planning dates and amounts of the table, field by field', async () => {
    const response = await exportCsv('2021-06-19', 'gemeente-zeist');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows: Record<string, string>[] = parse(await response.text(), { columns: true });
    expect(Object.keys(rows[0])).toEqual(['Thema', 'Paragraaf', 'Ondersteuningsmaatregel', 'Stand van zaken', 'Planning', 'Trekker']);
    expect(rows.map((r) => r.Paragraaf)).toEqual(fixture.measures.map((m: any) => m.paragraph));
    for (const [i, expected] of fixture.measures.entries()) {
      const row = rows[i];
      const at = `paragraph ${expected.paragraph}`;
      expect(row.Thema, at).toBe(expected.theme);
      expect(row.Ondersteuningsmaatregel.split('\n')[0], at).toBe(expected.title);
      expect(row.Trekker ? row.Trekker.split(', ') : [], at).toEqual(expected.trekkers);
      const dates = [...row.Planning.matchAll(/(\d{2})-(\d{2})-(\d{4})/g)].map(([, d, m, y]) => `${y}-${m}-${d}`);
      expect(dates, at).toEqual(expected.planningDates);
      if (expected.planning) expect(row.Planning.split('\n')[0], at).toBe(expected.planning);
      const amounts = [...row.Ondersteuningsmaatregel.matchAll(/€ ([\d.]+)(?! miljoen)/g)].map(([, a]) => Number(a.replace(/\./g, '')));
      expect(amounts, at).toEqual(expected.budgetEuros === null ? [] : [expected.budgetEuros]);
      if (expected.budgetEuros !== null) expect(row.Ondersteuningsmaatregel, at).toContain(euros(expected.budgetEuros));
      for (const note of expected.amountNotes) expect(row.Ondersteuningsmaatregel, at).toContain(note);
      // The stand van zaken of the table itself, not a later one.
      expect(row['Stand van zaken'], at).toMatch(/^Stand per 19-06-2021: /);
    }
  });

  it('answers 401 without a token and 400 for a date that is not one', async () => {
    const base = server.url.replace('/graphql', '');
    expect((await fetch(`${base}/export/statustabel.csv?on=2021-06-19`)).status).toBe(401);
    expect((await exportCsv('2021-02-30')).status).toBe(400);
    expect((await fetch(`${base}/export/statustabel.csv?op=2021-06-19`, { headers: { authorization: `Bearer ${await server.token('lrt')}` } })).status).toBe(400);
  });
});

describe('history: the stand van zaken in force on a date', () => {
  it('is the latest dated on or before it; later entries and milestones do not show in the table of an earlier day', async () => {
    const june = await measure('4.3.2', 'lrt', '2021-06-19');
    expect(june.standVanZaken.asOf).toBe('2021-06-19');
    expect(june.history.map((h: any) => h.asOf)).toEqual(['2021-06-19']);
    expect(june.milestones).toEqual([]);
    const october = await measure('4.3.2', 'lrt', '2021-10-12');
    expect(october.standVanZaken.asOf).toBe('2021-10-12');
    expect(october.milestones.map((m: any) => [m.dueOn, m.done])).toEqual([['2021-10-28', false]]);
    expect((await measure('4.3.2', 'lrt', '2021-10-28')).milestones[0].done).toBe(true);
    expect((await measure('4.3.2', 'lrt', '2021-06-18')).standVanZaken).toBeNull();
  });

  it('keeps every entry: a new one is added, never written over', async () => {
    const before = await measure('4.3.2', 'bzk');
    const added = await server.as('bzk', ADD_STAND, { input: { measureId: before.id, expectedVersion: before.version, asOf: '2022-01-10', body: 'Toekenningen **bekend**.' } });
    expect(added.errors).toBeUndefined();
    expect(added.data.addStandVanZaken.standVanZaken).toEqual({ asOf: '2022-01-10', body: 'Toekenningen **bekend**.' });
    expect(added.data.addStandVanZaken.history.map((h: any) => h.asOf)).toEqual(['2022-01-10', '2021-10-12', '2021-06-19']);
    expect(added.data.addStandVanZaken.version).toBe(before.version + 1);
    expect((await measure('4.3.2', 'lrt', '2021-12-31')).standVanZaken.asOf).toBe('2021-10-12');
  });
});

describe('who may do what', () => {
  it('a trekker updates its own measure, not another\'s; the LRT all; a gemeente reads only', async () => {
    const own = await measure('4.3.1', 'jenv');
    expect(own.viewerActions).toEqual(['UPDATE_DETAILS', 'ADD_STAND_VAN_ZAKEN', 'MANAGE_MILESTONES']);
    expect((await measure('4.3.1', 'bzk')).viewerActions).toEqual([]);
    expect((await measure('4.3.1', 'lrt')).viewerActions).toEqual(['UPDATE_DETAILS', 'ADD_STAND_VAN_ZAKEN', 'MANAGE_MILESTONES', 'CHANGE_TREKKERS']);
    expect((await measure('4.3.1', 'gemeente-zeist')).viewerActions).toEqual([]);

    const input = { measureId: own.id, expectedVersion: own.version, asOf: '2021-08-01', body: 'Aanvragen lopen.' };
    const other = await server.as('bzk', ADD_STAND, { input });
    expect(codes(other)).toEqual(['FORBIDDEN']);
    expect(other.errors![0].extensions!.field).toBe('input.measureId');
    expect(codes(await server.as('gemeente-zeist', ADD_STAND, { input }))).toEqual(['FORBIDDEN']);
    expect(codes(await server.as('gemeente-zeist', UPDATE, { input: { id: own.id, expectedVersion: own.version, title: 'X' } }))).toEqual(['FORBIDDEN']);
    const jenv = await server.as('jenv', ADD_STAND, { input });
    expect(jenv.errors).toBeUndefined();
    const lrt = await server.as('lrt', UPDATE, { input: { id: own.id, expectedVersion: jenv.data.addStandVanZaken.version, contact: 'Programmateam (demo)' } });
    expect(lrt.errors).toBeUndefined();
  });

  it('a trekker may not change the trekkers or the paragraph; the LRT may, and creates measures', async () => {
    const m = await measure('4.3.2', 'bzk');
    const refused = await server.as('bzk', UPDATE, { input: { id: m.id, expectedVersion: m.version, trekkers: ['BZK', 'VNG'] } });
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    expect(refused.errors![0].extensions!.field).toBe('input.trekkers');
    const same = await server.as('bzk', UPDATE, { input: { id: m.id, expectedVersion: m.version, trekkers: ['BZK'], title: 'Regeling huisvesting aandachtsgroepen' } });
    expect(same.errors).toBeUndefined();
    expect(codes(await server.as('bzk', CREATE, { input: { paragraph: '9.9', theme: 'INBURGERING', title: 'X', trekkers: ['SZW'] } }))).toEqual(['FORBIDDEN']);
    const created = await server.as('lrt', CREATE, { input: { paragraph: '8.2.2', theme: 'ONDERSTEUNING_PRTS', title: 'Ondersteuning van de PRT\'s (test)', trekkers: ['LRT', 'IPO'] } });
    expect(created.errors).toBeUndefined();
    expect(created.data.createSupportMeasure).toMatchObject({ paragraph: '8.2.2', version: 1, trekkers: ['IPO', 'LRT'], lrtIsTrekker: true });
    // IPO's people are trekker through their organisation; the LRT through the flag.
    expect((await measure('8.2.2', 'ipo')).viewerActions).toContain('ADD_STAND_VAN_ZAKEN');
    expect((await measure('8.2.2', 'szw')).viewerActions).toEqual([]);
    const viewer = await server.as('gemeente-zeist', '{ viewer { abilities { action national } } }');
    const actions = viewer.data.viewer.abilities.map((a: any) => a.action);
    expect(actions).toContain('READ_SUPPORT_MEASURES');
    expect(actions).not.toContain('CREATE_SUPPORT_MEASURE');
  });
});

describe('overdue', () => {
  it('a milestone dated before the day and not done makes the measure overdue, from the day it was recorded; done ends it', async () => {
    const m = await measure('4.2.5', 'lrt');
    expect(m.overdue).toBe(false);
    const added = await server.as('lrt', ADD_MILESTONE, { input: { measureId: m.id, expectedVersion: m.version, dueOn: '2021-09-30', description: 'Bijeenkomst september 2021 (test)' } });
    expect(added.errors).toBeUndefined();
    expect(added.data.addMilestone.overdue).toBe(true);
    const listed = (await server.as('vng', LIST, { overdue: true })).data.supportMeasures.map((r: any) => r.paragraph);
    expect(listed).toEqual(['4.2.5']);
    // On 19 June 2021 the milestone was not yet in the table.
    expect((await server.as('vng', LIST, { on: '2021-06-19', overdue: true })).data.supportMeasures).toEqual([]);
    const milestone = added.data.addMilestone.milestones[0];
    const done = await server.as('lrt', DONE, { input: { measureId: m.id, milestoneId: milestone.id, expectedVersion: added.data.addMilestone.version, doneOn: '2021-09-30' } });
    expect(done.errors).toBeUndefined();
    expect(done.data.setMilestoneDone).toMatchObject({ overdue: false, milestones: [{ id: milestone.id, done: true, overdue: false }] });
  });

  it('filters by theme and trekker', async () => {
    const byTrekker = (await server.as('gemeente-zeist', LIST, { trekker: 'JenV' })).data.supportMeasures.map((r: any) => r.paragraph);
    expect(byTrekker).toEqual(['4.3.1']);
    const byTheme = (await server.as('gemeente-zeist', LIST, { theme: 'INBURGERING' })).data.supportMeasures;
    expect(byTheme).toEqual([]);
  });
});

describe('conflicts and bad input: refused with code and field, nothing written', () => {
  it('a stale expectedVersion is CONFLICT naming who changed it', async () => {
    const m = await measure('4.3.1', 'jenv');
    const first = await server.as('jenv', ADD_STAND, { input: { measureId: m.id, expectedVersion: m.version, asOf: '2021-09-01', body: 'Eerste.' } });
    expect(first.errors).toBeUndefined();
    const rows = await count('support_measure_status');
    const stale = await server.as('lrt', ADD_STAND, { input: { measureId: m.id, expectedVersion: m.version, asOf: '2021-09-02', body: 'Tweede.' } });
    expect(codes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0].extensions).toMatchObject({ field: 'input.expectedVersion', currentVersion: m.version + 1, changedBy: 'Vertegenwoordiger JenV (demo)' });
    expect(await count('support_measure_status')).toBe(rows);
  });

  it('over HTTP and over WebSocket alike', async () => {
    const m = await measure('4.3.1', 'lrt');
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const cases: [string, Record<string, unknown>, string][] = [
      [ADD_STAND, { measureId: m.id, expectedVersion: m.version, asOf: future, body: 'Later.' }, 'input.asOf'],
      [ADD_STAND, { measureId: m.id, expectedVersion: m.version, asOf: '2021-09-01', body: '   ' }, 'input.body'],
      [ADD_STAND, { measureId: 'not-an-id', expectedVersion: m.version, asOf: '2021-09-01', body: 'x' }, 'input.measureId'],
      [ADD_MILESTONE, { measureId: m.id, expectedVersion: m.version, dueOn: '2021-09-01', description: 'a\nb' }, 'input.description'],
      [CREATE, { paragraph: '4.x', theme: 'HUISVESTING', title: 'X', trekkers: [] }, 'input.paragraph'],
      [CREATE, { paragraph: '4.3.1', theme: 'HUISVESTING', title: 'X', trekkers: [] }, 'input.paragraph'],
      [CREATE, { paragraph: '4.9', theme: 'HUISVESTING', title: 'X', trekkers: ['BZK', 'Gemeente Zeist'] }, 'input.trekkers[1]'],
      [CREATE, { paragraph: '4.9', theme: 'HUISVESTING', title: 'X', trekkers: ['BZK', 'BZK'] }, 'input.trekkers[1]'],
      [CREATE, { paragraph: '4.9', theme: 'HUISVESTING', title: 'X', trekkers: [], budgetEuros: -5 }, 'input.budgetEuros'],
      [CREATE, { paragraph: '4.9', theme: 'HUISVESTING', title: 'X', trekkers: [], openToGemeenten: true, applicationsOpenFrom: '2021-12-01', applicationsOpenUntil: '2021-11-01' }, 'input.applicationsOpenUntil'],
      [CREATE, { paragraph: '4.9', theme: 'HUISVESTING', title: 'X', trekkers: [], applicationsOpenFrom: '2021-12-01' }, 'input.openToGemeenten'],
      [UPDATE, { id: m.id, expectedVersion: m.version, title: '' }, 'input.title'],
    ];
    const before = { measures: await count('support_measure'), status: await count('support_measure_status'), milestones: await count('support_measure_milestone'), events: await count('event') };
    const ws = await connect(server.wsUrl, await server.token('lrt'));
    for (const [query, input, field] of cases) {
      const http = await server.as('lrt', query, { input });
      expect(codes(http), field).toEqual(['BAD_USER_INPUT']);
      expect(http.errors![0].extensions!.field, JSON.stringify(input)).toBe(field);
      const overWs = await wsExecute(ws, query, { input });
      expect(overWs.errors?.map((e: any) => [e.extensions.code, e.extensions.field]), field).toEqual([['BAD_USER_INPUT', field]]);
    }
    await ws.dispose();
    expect({ measures: await count('support_measure'), status: await count('support_measure_status'), milestones: await count('support_measure_milestone'), events: await count('event') }).toEqual(before);
  });
});

describe('live and comments', () => {
  it('supportMeasureActivity delivers a trekker\'s stand van zaken to a gemeente, and a comment on a measure', async () => {
    const zeist = await connect(server.wsUrl, await server.token('gemeente-zeist'));
    const made = server.subscriptionsMade();
    const sub = subscribe(zeist, 'subscription { supportMeasureActivity { kind subjectId provinceCode actor { name } } }');
    await server.untilSubscribed(made + 1);
    const m = await measure('4.3.2', 'bzk');
    const added = await server.as('bzk', ADD_STAND, { input: { measureId: m.id, expectedVersion: m.version, asOf: '2022-02-01', body: 'Live.' } });
    expect(added.errors).toBeUndefined();
    await until(() => sub.received.length > 0 || sub.errors.length > 0);
    expect(sub.errors).toEqual([]);
    expect(sub.received[0].supportMeasureActivity).toEqual({ kind: 'STAND_VAN_ZAKEN_ADDED', subjectId: m.id, provinceCode: null, actor: { name: 'Medewerker BZK (demo)' } });
    const comment = await server.as('gemeente-zeist', 'mutation($s: ID!) { addComment(input: { subjectType: SUPPORT_MEASURE, subjectId: $s, body: "Geldt dit ook voor ons?" }) { id body } }', { s: m.id });
    expect(comment.errors).toBeUndefined();
    await until(() => sub.received.length > 1);
    expect(sub.received[1].supportMeasureActivity.kind).toBe('COMMENT_ADDED');
    const thread = await server.as('bzk', 'query($s: ID!) { commentThread(subjectType: SUPPORT_MEASURE, subjectId: $s) { comments { body } viewerCanComment } }', { s: m.id });
    expect(thread.data.commentThread).toEqual({ comments: [{ body: 'Geldt dit ook voor ons?' }], viewerCanComment: true });
    const trail = await server.as('vng', 'query($s: ID!) { auditTrail(subjectId: $s) { kind } }', { s: m.id });
    expect(trail.errors).toBeUndefined();
    expect(trail.data.auditTrail.map((e: any) => e.kind)).toContain('STAND_VAN_ZAKEN_ADDED');
    sub.stop();
    await zeist.dispose();
  });
});

describe('regelingen open to gemeenten', () => {
  it('lists those open on a date, or opening later, with until when', async () => {
    const on = async (date: string) => (await server.as('gemeente-zeist', 'query($on: LocalDate) { openRegelingen(on: $on) { paragraph applicationsOpen applicationsOpenFrom applicationsOpenUntil } }', { on: date })).data.openRegelingen;
    expect(await on('2021-08-01')).toEqual([
      { paragraph: '4.3.1', applicationsOpen: true, applicationsOpenFrom: '2021-07-15', applicationsOpenUntil: '2021-12-31' },
      { paragraph: '4.3.2', applicationsOpen: false, applicationsOpenFrom: '2021-10-28', applicationsOpenUntil: null },
    ]);
    expect((await on('2022-01-05')).map((r: any) => r.paragraph)).toEqual(['4.3.2']);
  });
});

describe('batching', () => {
  it('the table takes the same number of statements with 3 measures as with 40', async () => {
    const statements = async () => {
      server.statements.length = 0;
      const response = await server.as('gemeente-zeist', LIST, {});
      expect(response.errors).toBeUndefined();
      return { n: server.statements.length, rows: response.data.supportMeasures.length };
    };
    const few = await statements();
    for (let i = 1; i <= 36; i++) {
      const made = await server.as('lrt', CREATE, { input: { paragraph: `6.${i}`, theme: 'FLEXIBILISERING', title: `Test ${i}`, trekkers: ['COA'] } });
      expect(made.errors).toBeUndefined();
    }
    const many = await statements();
    expect(many.rows).toBeGreaterThan(few.rows + 35);
    expect(many.n).toBe(few.n);
  });
});

describe('the past stays as it was read', () => {
  it('an entry written today and dated earlier does not change what the table said on that earlier day', async () => {
    const before = await measure('4.3.1', 'lrt', '2021-08-01');
    const m = await measure('4.3.1', 'jenv');
    const added = await server.as('jenv', ADD_STAND, { input: { measureId: m.id, expectedVersion: m.version, asOf: '2021-08-01', body: 'Herschreven na afloop.' } });
    expect(added.errors).toBeUndefined();
    // Today's view has it (dated 2021-08-01 among the history); the view of 2021-08-01 is what it was.
    expect(added.data.addStandVanZaken.history.map((h: any) => h.asOf)).toContain('2021-08-01');
    const after = await measure('4.3.1', 'lrt', '2021-08-01');
    expect(after.standVanZaken).toEqual(before.standVanZaken);
    expect(after.history).toEqual(before.history);
  });

  it('a done milestone is corrected or cleared by the LRT only', async () => {
    const m = await measure('4.3.1', 'jenv');
    const done = m.milestones.find((ms: any) => ms.doneOn !== null);
    expect(done).toBeDefined();
    const clear = (who: string, version: number) => server.as(who, DONE, { input: { measureId: m.id, expectedVersion: version, milestoneId: done.id, doneOn: null } });
    const refused = await clear('jenv', m.version);
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    expect(refused.errors![0].extensions!.field).toBe('input.doneOn');
    const byLrt = await clear('lrt', m.version);
    expect(byLrt.errors).toBeUndefined();
    expect(byLrt.data.setMilestoneDone.milestones.find((ms: any) => ms.id === done.id).done).toBe(false);
  });
});

describe('review findings', () => {
  it('two creates of the same paragraph at once: one is made, the other refused on the paragraph, never an internal error', async () => {
    const input = { paragraph: '9.9.9', theme: 'HUISVESTING', title: 'Tegelijk aangemaakt', trekkers: ['VNG'] };
    const results = await Promise.all([1, 2, 3].map(() => server.as('lrt', CREATE, { input })));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const refused of results.filter((r) => r.errors)) {
      expect(codes(refused)).toEqual(['BAD_USER_INPUT']);
      expect(refused.errors![0].extensions!.field).toBe('input.paragraph');
    }
  });

  it('people with only a seat at a regietafel read the table, as the issue shares it with every regietafel', async () => {
    for (const who of ['voorzitter-ut', 'burgemeester-utrecht']) {
      const read = await server.as(who, '{ supportMeasures { paragraph } }');
      expect(read.errors, who).toBeUndefined();
      expect(read.data.supportMeasures.length).toBeGreaterThan(0);
    }
  });
});
