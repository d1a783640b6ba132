import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, startTestServer, type TestServer } from './support/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const PLAN_FIELDS = `id version status title targetDate returnReason viewerActions
  lines { id opvangtypes targetDate minPlaces maxPlaces note comparison { opvangtypes dueDate opgave planned { min max } shortfall { min max } } regions { name minPlaces maxPlaces gemeenten { name } } }
  gaps { opvangtypes dueDate opgave planned { min max } shortfall { min max } }`;
const CREATE = `mutation($input: CreateProvincialPlanInput!) { createProvincialPlan(input: $input) { ${PLAN_FIELDS} } }`;
const UPDATE = `mutation($input: UpdateProvincialPlanInput!) { updateProvincialPlan(input: $input) { ${PLAN_FIELDS} } }`;
const SUBMIT = `mutation($input: PlanTransitionInput!) { submitProvincialPlan(input: $input) { ${PLAN_FIELDS} } }`;
const ADOPT = `mutation($input: PlanTransitionInput!) { adoptProvincialPlan(input: $input) { ${PLAN_FIELDS} } }`;
const RETURN = `mutation($input: ReturnProvincialPlanInput!) { returnProvincialPlan(input: $input) { ${PLAN_FIELDS} } }`;
const COMMENT = 'mutation($input: AddCommentInput!) { addComment(input: $input) { id subjectVersion body author { name } parentId version resolved } }';
const OPGAVE = 'mutation($input: SetOpgaveInput!) { setOpgave(input: $input) { id opvangtype dueDate places source version setBy { name } } }';
const READ = `query($id: ID!) { provincialPlan(id: $id) { ${PLAN_FIELDS} comments { body subjectVersion author { name } } } }`;
const count = async (table: string) => (await server.db.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;

const ROL = { opvangtypes: ['ROL'], targetDate: '2023-01-01', minPlaces: 450, maxPlaces: 550, note: 'Two ROL locations' };
const GVL = { opvangtypes: ['GVL'], targetDate: '2023-01-01', minPlaces: 300, maxPlaces: 300 };

describe("Utrecht's plan, from draft to adoption", () => {
  it('is drafted, discussed, revised, protected from a stale edit, submitted, returned, fixed and adopted; the diff is exactly what changed', async () => {
    // The LRT sets the opgave the plan answers to.
    // (The demo data already holds an opgave for these: changing it names the version it replaces.)
    for (const [opvangtype, places] of [['ROL', 600], ['GVL', 300]] as const) {
      const [current] = await server.db.query(`SELECT version FROM opgave WHERE province_code = 'UT' AND opvangtype = $1 AND due_date = '2023-01-01'`, [opvangtype]);
      const set = await server.as('lrt', OPGAVE, {
        input: { provinceCode: 'UT', opvangtype, dueDate: '2023-01-01', places, source: 'LRT 15 Dec 2020 (test)', expectedVersion: current?.version },
      });
      expect(set.errors).toBeUndefined();
    }

    // 1. The secretariat drafts a plan with a ROL and a GVL line.
    const created = await server.as('secretariaat-ut', CREATE, {
      input: { provinceCode: 'UT', title: 'Provinciaal plan Utrecht', sections: { context: '# Context\nDraft.' }, lines: [ROL, GVL] },
    });
    expect(created.errors).toBeUndefined();
    const plan = created.data.createProvincialPlan;
    expect(plan).toMatchObject({ version: 1, status: 'CONCEPT', targetDate: '2023-01-01', viewerActions: ['EDIT', 'SUBMIT'] });
    expect(plan.lines.map((l: any) => [l.opvangtypes, l.minPlaces, l.maxPlaces, l.comparison.opgave, l.comparison.shortfall])).toEqual([
      [['ROL'], 450, 550, 600, { min: 50, max: 150 }],
      [['GVL'], 300, 300, 300, { min: 0, max: 0 }],
    ]);
    // Beside these, the demo opgave (417 untyped in 2020, SATELLIET) shows as uncovered.
    expect(plan.gaps.filter((g: any) => ['GVL', 'ROL'].includes(g.opvangtypes.join()))).toEqual([
      { opvangtypes: ['GVL'], dueDate: '2023-01-01', opgave: 300, planned: { min: 300, max: 300 }, shortfall: { min: 0, max: 0 } },
      { opvangtypes: ['ROL'], dueDate: '2023-01-01', opgave: 600, planned: { min: 450, max: 550 }, shortfall: { min: 50, max: 150 } },
    ]);
    const [rolLine, gvlLine] = plan.lines;

    // 2. COA comments on the draft.
    const comment = await server.as('coa-regio-3', COMMENT, { input: { subjectType: 'PROVINCIAL_PLAN', subjectId: plan.id, body: 'ROL: 550 will not be reached by 2023.' } });
    expect(comment.data.addComment).toMatchObject({ subjectVersion: 1, author: { name: 'COA-regievoerder uitplaatsingsregio 3 (demo)' } });
    const reply = await server.as('secretariaat-ut', COMMENT, {
      input: { subjectType: 'PROVINCIAL_PLAN', subjectId: plan.id, parentId: comment.data.addComment.id, body: 'Lowered to 500.' },
    });
    expect(reply.data.addComment.parentId).toBe(comment.data.addComment.id);

    // 3. The secretariat revises: lowers the ROL maximum and adds a satellite line.
    const revised = await server.as('secretariaat-ut', UPDATE, {
      input: {
        planId: plan.id,
        expectedVersion: 1,
        summary: 'ROL lowered after COA comment; satellite added',
        lines: [
          { ...ROL, id: rolLine.id, maxPlaces: 500 },
          { ...GVL, id: gvlLine.id },
          { opvangtypes: ['SATELLIET'], targetDate: '2023-01-01', minPlaces: 100, maxPlaces: 120, regions: [{ name: 'Regio Amersfoort', gemeenteCodes: ['GM0307'], minPlaces: 100, maxPlaces: 120 }] },
        ],
      },
    });
    expect(revised.errors).toBeUndefined();
    expect(revised.data.updateProvincialPlan.version).toBe(2);

    // 4. A second editor, still on version 1, gets CONFLICT and writes nothing.
    const before = await count('plan_revision');
    const stale = await server.as('secretariaat-ut', UPDATE, { input: { planId: plan.id, expectedVersion: 1, title: 'Overwritten' } });
    expect(stale.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      field: 'input.expectedVersion',
      currentVersion: 2,
      changedBy: 'Secretariaat PRT Utrecht (demo)',
    });
    expect(await count('plan_revision')).toBe(before);
    expect((await server.as('ipo', READ, { id: plan.id })).data.provincialPlan.title).toBe('Provinciaal plan Utrecht');

    // 5. Submitted, 6. returned with a reason, 7. fixed (back to CONCEPT), 8. submitted again, 9. adopted.
    expect((await server.as('secretariaat-ut', SUBMIT, { input: { planId: plan.id, expectedVersion: 2 } })).data.submitProvincialPlan.status).toBe('INGEDIEND');
    const returned = await server.as('lrt', RETURN, { input: { planId: plan.id, expectedVersion: 3, reason: 'The GVL line lacks a location.' } });
    expect(returned.data.returnProvincialPlan).toMatchObject({ status: 'TERUGGESTUURD', returnReason: 'The GVL line lacks a location.', version: 4 });
    const fixed = await server.as('secretariaat-ut', UPDATE, {
      input: { planId: plan.id, expectedVersion: 4, lines: [{ ...ROL, id: rolLine.id, maxPlaces: 500 }, { ...GVL, id: gvlLine.id, note: 'Location Nieuwegein' }, ...revised.data.updateProvincialPlan.lines.slice(2).map(stripLine)] },
    });
    expect(fixed.data.updateProvincialPlan).toMatchObject({ status: 'CONCEPT', returnReason: null, version: 5 });
    await server.as('secretariaat-ut', SUBMIT, { input: { planId: plan.id, expectedVersion: 5 } });
    const adopted = await server.as('lrt', ADOPT, { input: { planId: plan.id, expectedVersion: 6 } });
    expect(adopted.data.adoptProvincialPlan).toMatchObject({ status: 'VASTGESTELD', version: 7, viewerActions: [] });

    // The history: seven revisions, each with who and what.
    const history = await server.as('ipo', `query($id: ID!) { provincialPlan(id: $id) {
        revisions { version kind status summary author { name } changes { kind fields } }
        diff(fromVersion: 1, toVersion: 7) { fields { field before after } lines { kind fields before { maxPlaces note } after { opvangtypes maxPlaces note } } }
        first: revision(version: 1) { title status lines { maxPlaces } }
        comments { body subjectVersion } } }`, { id: plan.id });
    expect(history.errors).toBeUndefined();
    const p = history.data.provincialPlan;
    expect(p.revisions.map((r: any) => [r.version, r.kind, r.status, r.author.name.split(' ')[0]])).toEqual([
      [1, 'CREATED', 'CONCEPT', 'Secretariaat'],
      [2, 'EDITED', 'CONCEPT', 'Secretariaat'],
      [3, 'SUBMITTED', 'INGEDIEND', 'Secretariaat'],
      [4, 'RETURNED', 'TERUGGESTUURD', 'LRT-coördinator'],
      [5, 'EDITED', 'CONCEPT', 'Secretariaat'],
      [6, 'SUBMITTED', 'INGEDIEND', 'Secretariaat'],
      [7, 'ADOPTED', 'VASTGESTELD', 'LRT-coördinator'],
    ]);
    expect(p.revisions[1].summary).toBe('ROL lowered after COA comment; satellite added');
    expect(p.revisions[1].changes).toEqual([
      { kind: 'CHANGED', fields: ['maxPlaces'] },
      { kind: 'ADDED', fields: [] },
    ]);
    expect(p.diff.fields).toEqual([{ field: 'status', before: 'CONCEPT', after: 'VASTGESTELD' }]);
    expect(p.diff.lines).toEqual([
      { kind: 'CHANGED', fields: ['maxPlaces'], before: { maxPlaces: 550, note: 'Two ROL locations' }, after: { opvangtypes: ['ROL'], maxPlaces: 500, note: 'Two ROL locations' } },
      { kind: 'CHANGED', fields: ['note'], before: { maxPlaces: 300, note: null }, after: { opvangtypes: ['GVL'], maxPlaces: 300, note: 'Location Nieuwegein' } },
      { kind: 'ADDED', fields: [], before: null, after: { opvangtypes: ['SATELLIET'], maxPlaces: 120, note: null } },
    ]);
    expect(p.first).toEqual({ title: 'Provinciaal plan Utrecht', status: 'CONCEPT', lines: [{ maxPlaces: 550 }, { maxPlaces: 300 }] });
    expect(p.comments).toEqual([
      { body: 'ROL: 550 will not be reached by 2023.', subjectVersion: 1 },
      { body: 'Lowered to 500.', subjectVersion: 1 },
    ]);
  });

  it('names the allowed actions when a transition is not allowed, and changes nothing', async () => {
    const created = await server.as('secretariaat-ut', CREATE, { input: { provinceCode: 'UT', title: 'Tweede plan', lines: [ROL] } });
    const id = created.data.createProvincialPlan.id;
    const early = await server.as('lrt', ADOPT, { input: { planId: id, expectedVersion: 1 } });
    expect(early.errors?.[0].extensions).toMatchObject({ code: 'TRANSITION_NOT_ALLOWED', status: 'CONCEPT', allowedActions: ['EDIT', 'SUBMIT'] });
    expect(early.errors?.[0].message).toMatch(/allowed: EDIT, SUBMIT/);
    const read = await server.as('secretariaat-ut', READ, { id });
    expect(read.data.provincialPlan).toMatchObject({ status: 'CONCEPT', version: 1 });
  });
});

function stripLine(line: any) {
  return {
    id: line.id,
    opvangtypes: line.opvangtypes,
    targetDate: line.targetDate,
    minPlaces: line.minPlaces,
    maxPlaces: line.maxPlaces,
    note: line.note,
    regions: line.regions.map((r: any) => ({ name: r.name, minPlaces: r.minPlaces, maxPlaces: r.maxPlaces, gemeenteCodes: ['GM0307'] })),
  };
}

describe("Zuid-Holland's plan of September 2020", () => {
  it('can be written down as it is: two untyped lines, one ROL range and one combined GVL/satelliet range', async () => {
    const response = await server.as('secretariaat-zh', CREATE, {
      input: {
        provinceCode: 'ZH',
        title: 'Provinciaal plan Zuid-Holland (GS 15 september 2020)',
        lines: [
          { opvangtypes: [], targetDate: '2020-12-31', minPlaces: 417, maxPlaces: 417, note: 'Extra places 2020' },
          { opvangtypes: [], targetDate: '2021-12-31', minPlaces: 1100, maxPlaces: 1100, note: 'Replacing closing locations' },
          { opvangtypes: ['ROL'], targetDate: '2023-12-31', minPlaces: 2450, maxPlaces: 2700, note: 'Before 2024' },
          { opvangtypes: ['GVL', 'SATELLIET'], targetDate: '2023-12-31', minPlaces: 1430, maxPlaces: 1500, note: 'Before 2024' },
        ],
      },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data.createProvincialPlan.lines.map((l: any) => [l.opvangtypes.join('/'), l.targetDate, l.minPlaces, l.maxPlaces])).toEqual([
      ['', '2020-12-31', 417, 417],
      ['', '2021-12-31', 1100, 1100],
      ['ROL', '2023-12-31', 2450, 2700],
      ['GVL/SATELLIET', '2023-12-31', 1430, 1500],
    ]);
  });
});

describe('bad input', () => {
  let planId: string;
  beforeAll(async () => {
    planId = (await server.as('secretariaat-ut', CREATE, { input: { provinceCode: 'UT', title: 'Invoerplan', lines: [ROL] } })).data.createProvincialPlan.id;
  });

  it.each([
    ['negative places', { lines: [{ ...ROL, minPlaces: -5 }] }, 'BAD_USER_INPUT', 'input.lines[0].minPlaces'],
    ['min above max', { lines: [ROL, { ...GVL, minPlaces: 400, maxPlaces: 300 }] }, 'BAD_USER_INPUT', 'input.lines[1].minPlaces'],
    ['a target date outside the round', { lines: [{ ...ROL, targetDate: '2026-01-01' }] }, 'BAD_USER_INPUT', 'input.lines[0].targetDate'],
    ['a date that does not exist', { lines: [{ ...ROL, targetDate: '2022-02-30' }] }, 'BAD_USER_INPUT', 'input.lines[0].targetDate'],
    ['a section over its size', { sections: { context: 'x'.repeat(20_001) } }, 'BAD_USER_INPUT', 'input.sections.context'],
    ['a region with a gemeente of another province', { lines: [{ ...ROL, regions: [{ name: 'X', gemeenteCodes: ['GM0014'], minPlaces: 1, maxPlaces: 2 }] }] }, 'BAD_USER_INPUT', 'input.lines[0].regions[0].gemeenteCodes'],
    ['regions taking more than the line', { lines: [{ ...ROL, regions: [{ name: 'X', minPlaces: 300, maxPlaces: 300 }, { name: 'Y', minPlaces: 300, maxPlaces: 300 }] }] }, 'BAD_USER_INPUT', 'input.lines[0].regions'],
    ['a region above the line maximum', { lines: [{ ...ROL, regions: [{ name: 'X', minPlaces: 0, maxPlaces: 600 }] }] }, 'BAD_USER_INPUT', 'input.lines[0].regions[0].maxPlaces'],
    ['half a character in a note', { lines: [{ ...ROL, note: 'broken \ud800 text' }] }, 'BAD_USER_INPUT', 'input.lines[0].note'],
    ['a line id of no line of this plan', { lines: [{ ...ROL, id: '00000000-0000-4000-8000-000000000000' }] }, 'BAD_USER_INPUT', 'input.lines[0].id'],
    ['an empty title', { title: '  ' }, 'BAD_USER_INPUT', 'input.title'],
    ['a stale version', { expectedVersion: 7 }, 'CONFLICT', 'input.expectedVersion'],
  ])('refuses %s, naming the field, and writes nothing', async (_name, change, code, field) => {
    const before = [await count('plan_revision'), await count('capacity_line')];
    const response = await server.as('secretariaat-ut', UPDATE, { input: { planId, expectedVersion: 1, ...change } });
    expect(response.errors?.[0].extensions).toMatchObject({ code, field });
    expect([await count('plan_revision'), await count('capacity_line')]).toEqual(before);
  });

  it('refuses an unknown opvangtype and an unknown province as invalid input', async () => {
    const type = await server.as('secretariaat-ut', UPDATE, { input: { planId, expectedVersion: 1, lines: [{ ...ROL, opvangtypes: ['HOTEL'] }] } });
    expect(type.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.lines[0].opvangtypes[0]' });
    const province = await server.as('secretariaat-ut', CREATE, { input: { provinceCode: 'XX', title: 'x' } });
    expect(province.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.provinceCode' });
  });

  it('refuses a plan in a closed planning round', async () => {
    const response = await server.as('secretariaat-ut', CREATE, { input: { provinceCode: 'UT', roundCode: 'EXTRA_CAPACITEIT_2020', title: 'Te laat', targetDate: '2020-12-31' } });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'ROUND_CLOSED', field: 'input.roundCode' });
  });

  it('refuses a comment on a plan you cannot see, as if it did not exist', async () => {
    const before = await count('comment');
    const response = await server.as('secretariaat-zh', COMMENT, { input: { subjectType: 'PROVINCIAL_PLAN', subjectId: planId, body: 'Hi' } });
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.subjectId' });
    const empty = await server.as('coa-regio-3', COMMENT, { input: { subjectType: 'PROVINCIAL_PLAN', subjectId: planId, body: '   ' } });
    expect(empty.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.body' });
    expect(await count('comment')).toBe(before);
  });
});

describe('comments', () => {
  it('are edited by their author only, resolved by the author or the secretariat, and never lose an update', async () => {
    const plan = (await server.as('secretariaat-ut', CREATE, { input: { provinceCode: 'UT', title: 'Commentaarplan', lines: [ROL] } })).data.createProvincialPlan;
    const added = (await server.as('coa-regio-3', COMMENT, { input: { subjectType: 'PROVINCIAL_PLAN', subjectId: plan.id, body: 'First thought' } })).data.addComment;
    const EDIT = 'mutation($input: EditCommentInput!) { editComment(input: $input) { body version editedAt } }';
    const RESOLVE = 'mutation($input: ResolveCommentInput!) { resolveComment(input: $input) { resolved version resolvedBy { name } } }';

    const edited = await server.as('coa-regio-3', EDIT, { input: { commentId: added.id, expectedVersion: 1, body: 'Second thought' } });
    expect(edited.data.editComment).toMatchObject({ body: 'Second thought', version: 2 });
    const lost = await server.as('coa-regio-3', EDIT, { input: { commentId: added.id, expectedVersion: 1, body: 'Would overwrite' } });
    expect(lost.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const notAuthor = await server.as('secretariaat-ut', EDIT, { input: { commentId: added.id, expectedVersion: 2, body: 'Not mine' } });
    expect(codes(notAuthor)).toEqual(['FORBIDDEN']);
    const byOther = await server.as('ipo', RESOLVE, { input: { commentId: added.id, expectedVersion: 2, resolved: true } });
    expect(codes(byOther)).toEqual(['FORBIDDEN']);
    const resolved = await server.as('secretariaat-ut', RESOLVE, { input: { commentId: added.id, expectedVersion: 2, resolved: true } });
    expect(resolved.data.resolveComment).toEqual({ resolved: true, version: 3, resolvedBy: { name: 'Secretariaat PRT Utrecht (demo)' } });
    const hidden = await server.as('secretariaat-zh', EDIT, { input: { commentId: added.id, expectedVersion: 3, body: 'x' } });
    expect(codes(hidden)).toEqual(['NOT_FOUND']);
    const read = await server.as('ipo', `query($id: ID!) { provincialPlan(id: $id) { comments { body resolved version } } }`, { id: plan.id });
    expect(read.data.provincialPlan.comments).toEqual([{ body: 'Second thought', resolved: true, version: 3 }]);
  });
});

describe('two editors at the same moment', () => {
  it('never both win: one change lands, the other gets CONFLICT, and no update is lost', async () => {
    const plan = (await server.as('secretariaat-ut', CREATE, { input: { provinceCode: 'UT', title: 'Gelijktijdig', lines: [ROL] } })).data.createProvincialPlan;
    await server.as('lrt', 'mutation($input: GrantMembershipInput!) { grantMembership(input: $input) { id } }', {
      input: { personSubject: 'second-editor', personName: 'Tweede redacteur (test)', role: 'PRT_SECRETARIAAT', provinceCode: 'UT' },
    });
    for (let round = 0; round < 5; round++) {
      const [{ version }] = await server.db.query('SELECT version FROM provincial_plan WHERE id = $1', [plan.id]);
      const results = await Promise.all([
        server.as('secretariaat-ut', UPDATE, { input: { planId: plan.id, expectedVersion: version, title: `A${round}` } }),
        server.as('second-editor', UPDATE, { input: { planId: plan.id, expectedVersion: version, title: `B${round}` } }),
      ]);
      const winners = results.filter((r) => !r.errors);
      expect(winners).toHaveLength(1);
      expect(results.find((r) => r.errors)?.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: version + 1 });
      const [stored] = await server.db.query('SELECT title, version FROM provincial_plan WHERE id = $1', [plan.id]);
      expect(stored).toEqual({ title: winners[0].data.updateProvincialPlan.title, version: version + 1 });
    }
  });
});
