import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codes, connect, startTestServer, subscribe, until, wsExecute, type TestServer } from './support/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));
const FIELDS = 'id status version source opgave opvangtype escalation title description meetingDate answer provinceCode viewerActions raisedBy { name } answeredBy { name }';
const RAISE = `mutation($i: RaiseSignalInput!) { raiseSignal(input: $i) { ${FIELDS} } }`;
const READ = `query($id: ID!) { signal(id: $id) { ${FIELDS} transitions { version action fromStatus toStatus note meetingDate by { name } } } }`;
const LIST = 'query($p: ProvinceCode, $s: SignalStatus) { signals(provinceCode: $p, status: $s, first: 100) { totalCount edges { node { id provinceCode status } } } }';

const input = (extra: Record<string, unknown> = {}) => ({
  provinceCode: 'UT',
  opgave: 'OPVANG',
  opvangtype: 'ROL',
  escalation: 'LOGEEREGELING',
  title: 'Tekort aan plaatsen in de ROL',
  description: 'De **ROL** in Utrecht kan pas in 2022 open.',
  ...extra,
});

async function raise(who = 'secretariaat-ut', extra: Record<string, unknown> = {}) {
  const response = await server.as(who, RAISE, { i: input(extra) });
  expect(response.errors).toBeUndefined();
  return response.data.raiseSignal;
}

const mutate = (who: string, name: string, type: string, i: Record<string, unknown>) =>
  server.as(who, `mutation($i: ${type}!) { ${name}(input: $i) { ${FIELDS} } }`, { i });

describe('signals: who reads and who raises', () => {
  it('lets the PRT secretariat raise for its province, COA for a province of its region and the LRT for the aanjager, and refuses the rest', async () => {
    const prt = await raise('secretariaat-ut');
    expect(prt).toMatchObject({ status: 'OPEN', version: 1, source: 'PRT', opgave: 'OPVANG', opvangtype: 'ROL', escalation: 'LOGEEREGELING', raisedBy: { name: 'Secretariaat PRT Utrecht (demo)' } });
    expect(prt.viewerActions).toEqual(['EDIT', 'CLOSE']);
    expect((await raise('coa-regio-3', { provinceCode: 'FL' })).source).toBe('COA');
    expect((await raise('lrt', { provinceCode: 'ZE' })).source).toBe('BESTUURLIJK_AANJAGER');

    for (const [who, province, field] of [
      ['secretariaat-ut', 'GE', 'input.provinceCode'],
      ['gemeente-zeist', 'UT', 'input.provinceCode'],
      ['coa-regio-3', 'LI', 'input.provinceCode'],
      ['ipo', 'UT', 'input.provinceCode'],
    ] as const) {
      const refused = await server.as(who, RAISE, { i: input({ provinceCode: province }) });
      expect(codes(refused), `${who} in ${province}`).toEqual(['FORBIDDEN']);
      expect(refused.errors![0].extensions!.field).toBe(field);
    }
    const asCoa = await server.as('secretariaat-ut', RAISE, { i: input({ source: 'COA' }) });
    expect(codes(asCoa)).toEqual(['FORBIDDEN']);
    expect(asCoa.errors![0].extensions!.field).toBe('input.source');
  });

  it('shows a province its signals over HTTP: its regietafel, its gemeenten, COA of the region, IPO and LRT; not a gemeente of another province nor COA of another region', async () => {
    const signal = await raise('secretariaat-ut', { title: 'Alleen voor Utrecht' });
    for (const who of ['secretariaat-ut', 'burgemeester-utrecht', 'gemeente-zeist', 'coa-regio-3', 'ipo', 'lrt']) {
      const read = await server.as(who, READ, { id: signal.id });
      expect(read.errors, who).toBeUndefined();
      expect(read.data.signal.title).toBe('Alleen voor Utrecht');
      const list = await server.as(who, LIST, {});
      expect(list.data.signals.edges.map((e: any) => e.node.id), who).toContain(signal.id);
    }
    for (const who of ['gemeente-arnhem', 'coa-regio-2', 'secretariaat-ge']) {
      const read = await server.as(who, READ, { id: signal.id });
      expect(codes(read), who).toEqual(['FORBIDDEN']);
      const list = await server.as(who, LIST, {});
      expect(list.data.signals.edges.every((e: any) => e.node.provinceCode !== 'UT'), who).toBe(true);
      const province = await server.as(who, '{ province(code: UT) { signals { totalCount } } }');
      expect(province.data.province.signals, who).toBeNull();
      const abilities = await server.as(who, '{ viewer { abilities { action provinceCodes } } }');
      expect(abilities.data.viewer.abilities.find((a: any) => a.action === 'READ_SIGNALS')?.provinceCodes ?? [], who).not.toContain('UT');
    }
    const coa = await server.as('coa-regio-2', LIST, {});
    expect(new Set(coa.data.signals.edges.map((e: any) => e.node.provinceCode))).toEqual(new Set(['GE'])); // the demo's Gelderland signal
  });

  it('says the same over WebSocket: the read, and the live signalChanged, reach only those who may read the province', async () => {
    const clients = {
      zeist: await connect(server.wsUrl, await server.token('gemeente-zeist')),
      coa3: await connect(server.wsUrl, await server.token('coa-regio-3')),
      arnhem: await connect(server.wsUrl, await server.token('gemeente-arnhem')),
      coa2: await connect(server.wsUrl, await server.token('coa-regio-2')),
      ipo: await connect(server.wsUrl, await server.token('ipo')),
    };
    const SUB = 'subscription($p: ProvinceCode) { signalChanged(provinceCode: $p) { id title status } }';
    const made = server.subscriptionsMade();
    const zeist = subscribe(clients.zeist, SUB, { p: 'UT' });
    const coa3 = subscribe(clients.coa3, SUB, {});
    const ipo = subscribe(clients.ipo, SUB, {});
    const arnhemAll = subscribe(clients.arnhem, SUB, {});
    const coa2All = subscribe(clients.coa2, SUB, {});
    const arnhemIntoUtrecht = subscribe(clients.arnhem, SUB, { p: 'UT' });
    await server.untilSubscribed(made + 5); // Arnhem's look into Utrecht is refused, not made

    const signal = await raise('secretariaat-ut', { title: 'Live naar Utrecht' });
    await until(() => zeist.received.length > 0 && coa3.received.length > 0 && ipo.received.length > 0);
    for (const sub of [zeist, coa3, ipo]) expect(sub.received[0].signalChanged).toEqual({ id: signal.id, title: 'Live naar Utrecht', status: 'OPEN' });
    await settle();
    expect(arnhemAll.received).toEqual([]);
    expect(coa2All.received).toEqual([]);
    expect(arnhemIntoUtrecht.done).toBe(true);
    expect(JSON.stringify(arnhemIntoUtrecht.errors)).toMatch(/FORBIDDEN/);

    const seen = await wsExecute(clients.zeist, READ, { id: signal.id });
    expect(seen.data?.signal.title).toBe('Live naar Utrecht');
    const refused = await wsExecute(clients.arnhem, READ, { id: signal.id });
    expect(refused.errors?.map((e: any) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const refusedCoa = await wsExecute(clients.coa2, READ, { id: signal.id });
    expect(refusedCoa.errors?.map((e: any) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    await Promise.all(Object.values(clients).map((client) => client.dispose()));
  });
});

describe('a signal from raising to closing', () => {
  it('goes OPEN → ON_AGENDA → ANSWERED → OPEN (reopened) → ON_AGENDA → ANSWERED → CLOSED, each step by its own party and on the version seen', async () => {
    const signal = await raise();
    // Only the raising party edits; the LRT cannot answer what is not on the agenda.
    expect(codes(await mutate('lrt', 'answerSignal', 'AnswerSignalInput', { signalId: signal.id, expectedVersion: 1, answer: 'Te vroeg' }))).toEqual(['TRANSITION_NOT_ALLOWED']);
    expect(codes(await mutate('gemeente-zeist', 'updateSignal', 'UpdateSignalInput', { signalId: signal.id, expectedVersion: 1, title: 'Nee' }))).toEqual(['FORBIDDEN']);
    const edited = await mutate('secretariaat-ut', 'updateSignal', 'UpdateSignalInput', { signalId: signal.id, expectedVersion: 1, title: 'Tekort aan ROL-plaatsen', opgave: 'HUISVESTING' });
    expect(edited.data.updateSignal).toMatchObject({ version: 2, title: 'Tekort aan ROL-plaatsen', opgave: 'HUISVESTING', opvangtype: null });

    // Two at once on version 2: one wins, the other gets CONFLICT naming who changed it, and nothing of it is written.
    expect(codes(await mutate('secretariaat-ut', 'putSignalOnAgenda', 'PutSignalOnAgendaInput', { signalId: signal.id, expectedVersion: 2, meetingDate: '2030-01-10' }))).toEqual(['FORBIDDEN']);
    const onAgenda = await mutate('lrt', 'putSignalOnAgenda', 'PutSignalOnAgendaInput', { signalId: signal.id, expectedVersion: 2, meetingDate: '2030-01-10' });
    expect(onAgenda.data.putSignalOnAgenda).toMatchObject({ status: 'ON_AGENDA', version: 3, meetingDate: '2030-01-10', viewerActions: ['PUT_ON_AGENDA', 'ANSWER', 'CLOSE'] });
    const late = await mutate('secretariaat-ut', 'updateSignal', 'UpdateSignalInput', { signalId: signal.id, expectedVersion: 2, title: 'Te laat' });
    expect(codes(late)).toEqual(['CONFLICT']);
    expect(late.errors![0].extensions).toMatchObject({ field: 'input.expectedVersion', currentVersion: 3, changedBy: 'LRT-coördinator (demo)' });
    const stale = await mutate('lrt', 'answerSignal', 'AnswerSignalInput', { signalId: signal.id, expectedVersion: 2, answer: 'Oud' });
    expect(codes(stale)).toEqual(['CONFLICT']);

    const agenda = await server.as('coa-regio-3', '{ signalAgenda(fromDate: "2030-01-01") { date signals { id title } } }');
    expect(agenda.data.signalAgenda).toEqual([{ date: '2030-01-10', signals: [{ id: signal.id, title: 'Tekort aan ROL-plaatsen' }] }]);
    expect((await server.as('coa-regio-2', '{ signalAgenda(fromDate: "2030-01-01") { date } }')).data.signalAgenda).toEqual([]);

    const answered = await mutate('lrt', 'answerSignal', 'AnswerSignalInput', { signalId: signal.id, expectedVersion: 3, answer: 'Zet de **logeeregeling** in.' });
    expect(answered.data.answerSignal).toMatchObject({ status: 'ANSWERED', version: 4, answer: 'Zet de **logeeregeling** in.', answeredBy: { name: 'LRT-coördinator (demo)' } });
    expect((await server.as('secretariaat-ut', READ, { id: signal.id })).data.signal.viewerActions).toEqual(['REOPEN', 'CLOSE']);
    expect((await server.as('gemeente-zeist', READ, { id: signal.id })).data.signal.viewerActions).toEqual([]);
    expect(codes(await mutate('lrt', 'reopenSignal', 'ReopenSignalInput', { signalId: signal.id, expectedVersion: 4, reason: 'x' }))).toEqual(['FORBIDDEN']);

    const reopened = await mutate('secretariaat-ut', 'reopenSignal', 'ReopenSignalInput', { signalId: signal.id, expectedVersion: 4, reason: 'Er zijn geen logeergemeenten.' });
    expect(reopened.data.reopenSignal).toMatchObject({ status: 'OPEN', version: 5, answer: null });
    await mutate('lrt', 'putSignalOnAgenda', 'PutSignalOnAgendaInput', { signalId: signal.id, expectedVersion: 5, meetingDate: '2030-02-07' });
    await mutate('lrt', 'answerSignal', 'AnswerSignalInput', { signalId: signal.id, expectedVersion: 6, answer: 'De LRT zoekt logeergemeenten.' });
    const closed = await mutate('secretariaat-ut', 'closeSignal', 'CloseSignalInput', { signalId: signal.id, expectedVersion: 7, reason: 'Opgelost.' });
    expect(closed.data.closeSignal).toMatchObject({ status: 'CLOSED', version: 8, viewerActions: [] });
    expect(codes(await mutate('lrt', 'closeSignal', 'CloseSignalInput', { signalId: signal.id, expectedVersion: 8 }))).toEqual(['TRANSITION_NOT_ALLOWED']);

    const history = (await server.as('ipo', READ, { id: signal.id })).data.signal.transitions;
    expect(history.map((t: any) => [t.version, t.action, t.toStatus, t.by.name])).toEqual([
      [1, null, 'OPEN', 'Secretariaat PRT Utrecht (demo)'],
      [2, 'EDIT', 'OPEN', 'Secretariaat PRT Utrecht (demo)'],
      [3, 'PUT_ON_AGENDA', 'ON_AGENDA', 'LRT-coördinator (demo)'],
      [4, 'ANSWER', 'ANSWERED', 'LRT-coördinator (demo)'],
      [5, 'REOPEN', 'OPEN', 'Secretariaat PRT Utrecht (demo)'],
      [6, 'PUT_ON_AGENDA', 'ON_AGENDA', 'LRT-coördinator (demo)'],
      [7, 'ANSWER', 'ANSWERED', 'LRT-coördinator (demo)'],
      [8, 'CLOSE', 'CLOSED', 'Secretariaat PRT Utrecht (demo)'],
    ]);
    expect(history[3].note).toBe('Zet de **logeeregeling** in.'); // the first answer stays in the history
    expect(history[4].note).toBe('Er zijn geen logeergemeenten.');

    const trail = await server.as('secretariaat-ut', 'query($s: ID!) { auditTrail(subjectId: $s) { kind subjectStatus } }', { s: signal.id });
    expect(trail.data.auditTrail.map((e: any) => e.kind)).toEqual(['SIGNAL_RAISED', ...Array(7).fill('SIGNAL_CHANGED')]);
  });

  it('takes comments from whoever reads it, and not from a gemeente of another province', async () => {
    const signal = await raise();
    const ADD = 'mutation($i: AddCommentInput!) { addComment(input: $i) { id body } }';
    const added = await server.as('gemeente-zeist', ADD, { i: { subjectType: 'SIGNAL', subjectId: signal.id, body: 'Zeist herkent dit.' } });
    expect(added.errors).toBeUndefined();
    expect(codes(await server.as('gemeente-arnhem', ADD, { i: { subjectType: 'SIGNAL', subjectId: signal.id, body: 'Arnhem ook.' } }))).toEqual(['FORBIDDEN']);
    const read = await server.as('lrt', `query($id: ID!) { signal(id: $id) { commentsCount comments { body author { name } } } }`, { id: signal.id });
    expect(read.data.signal).toEqual({ commentsCount: 1, comments: [{ body: 'Zeist herkent dit.', author: { name: 'Medewerker gemeente Zeist (demo)' } }] });
  });
});

describe('bad input', () => {
  it('is refused with a code and the field, and writes nothing', async () => {
    const count = async () => (await server.db.query('SELECT (SELECT count(*) FROM signal)::int + (SELECT count(*) FROM signal_transition)::int + (SELECT count(*) FROM event)::int AS n'))[0].n;
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'input.title'],
      [{ title: 'twee\nregels' }, 'input.title'],
      [{ title: 'x'.repeat(201) }, 'input.title'],
      [{ description: '   ' }, 'input.description'],
      [{ description: 'x'.repeat(10_001) }, 'input.description'],
      [{ opgave: 'HUISVESTING', opvangtype: 'ROL' }, 'input.opvangtype'],
    ];
    for (const [change, field] of cases) {
      const response = await server.as('secretariaat-ut', RAISE, { i: input(change) });
      expect(codes(response), field).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0].extensions!.field).toBe(field);
    }
    const unknownEnum = await server.as('secretariaat-ut', RAISE, { i: input({ escalation: 'BRIBERY' }) });
    expect(codes(unknownEnum)).toEqual(['BAD_USER_INPUT']);

    const signal = await raise();
    const afterRaise = await count();
    const badDate = await mutate('lrt', 'putSignalOnAgenda', 'PutSignalOnAgendaInput', { signalId: signal.id, expectedVersion: 1, meetingDate: '2021-02-30' });
    expect(codes(badDate)).toEqual(['BAD_USER_INPUT']);
    const past = await mutate('lrt', 'putSignalOnAgenda', 'PutSignalOnAgendaInput', { signalId: signal.id, expectedVersion: 1, meetingDate: '2020-01-01' });
    expect(codes(past)).toEqual(['BAD_USER_INPUT']);
    expect(past.errors![0].extensions!.field).toBe('input.meetingDate');
    const notId = await mutate('lrt', 'putSignalOnAgenda', 'PutSignalOnAgendaInput', { signalId: 'nope', expectedVersion: 1, meetingDate: '2030-01-01' });
    expect(notId.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.signalId' });
    const missing = await mutate('lrt', 'putSignalOnAgenda', 'PutSignalOnAgendaInput', { signalId: '00000000-0000-4000-8000-000000000000', expectedVersion: 1, meetingDate: '2030-01-01' });
    expect(missing.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'input.signalId' });
    await mutate('lrt', 'putSignalOnAgenda', 'PutSignalOnAgendaInput', { signalId: signal.id, expectedVersion: 1, meetingDate: '2030-01-01' });
    const emptyAnswer = await mutate('lrt', 'answerSignal', 'AnswerSignalInput', { signalId: signal.id, expectedVersion: 2, answer: ' ' });
    expect(emptyAnswer.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.answer' });
    const badCursor = await server.as('lrt', '{ signals(after: "bm9wZQ") { totalCount } }');
    expect(badCursor.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(await count()).toBe(afterRaise + 2); // the one step onto the agenda and its event
    expect(afterRaise).toBe(before + 3);
  });
});

describe('lists', () => {
  it('pages a province and the nation newest first, with filters and totalCount', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await raise('secretariaat-dr', { provinceCode: 'DR', title: `Drenthe ${i}` })).id);
    const first = await server.as('ipo', '{ province(code: DR) { signals(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }');
    const page = first.data.province.signals;
    expect(page.totalCount).toBe(3);
    expect(page.edges.map((e: any) => e.node.id)).toEqual([ids[2], ids[1]]);
    const next = await server.as('ipo', 'query($a: String) { province(code: DR) { signals(first: 2, after: $a) { pageInfo { hasNextPage } edges { node { id } } } } }', { a: page.pageInfo.endCursor });
    expect(next.data.province.signals).toEqual({ pageInfo: { hasNextPage: false }, edges: [{ node: { id: ids[0] } }] });
    const national = await server.as('lrt', LIST, { p: 'DR', s: 'OPEN' });
    expect(national.data.signals.totalCount).toBe(3);
    expect((await server.as('lrt', LIST, { p: 'DR', s: 'CLOSED' })).data.signals.totalCount).toBe(0);
  });

  it('reads every province with its signals, comments and steps in as many statements for signals in 2 provinces as in 12', async () => {
    const QUERY = `{ provinces { code signals(first: 5) { totalCount edges { node { title province { name } raisedBy { name } viewerActions commentsCount
      transitions { version by { name } } } } } }
      signals(first: 50) { totalCount edges { node { title province { name } comments { body } } } }
      signalAgenda { date signals { title } } }`;
    const token = await server.token('lrt');
    const measure = async () => {
      server.statements.length = 0;
      const response = await server.gql(QUERY, {}, token);
      expect(response.errors).toBeUndefined();
      return { statements: server.statements.length, withSignals: response.data.provinces.filter((p: any) => p.signals.totalCount > 0).length };
    };
    await server.db.query('DELETE FROM signal');
    await raise('secretariaat-ut', { provinceCode: 'UT' });
    await raise('lrt', { provinceCode: 'GR' });
    const two = await measure();
    for (const code of ['FR', 'DR', 'OV', 'FL', 'GE', 'NH', 'ZH', 'ZE', 'NB', 'LI']) {
      const signal = await raise('lrt', { provinceCode: code });
      await mutate('lrt', 'putSignalOnAgenda', 'PutSignalOnAgendaInput', { signalId: signal.id, expectedVersion: 1, meetingDate: '2030-03-01' });
      await server.as('ipo', 'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }', { i: { subjectType: 'SIGNAL', subjectId: signal.id, body: 'gezien' } });
    }
    const twelve = await measure();
    expect(two.withSignals).toBe(2);
    expect(twelve.withSignals).toBe(12);
    expect(two.statements).toBeGreaterThan(0);
    expect(twelve.statements).toBe(two.statements);
  });
});

describe('demo data', () => {
  it('holds believable signals of 2021, among them a logeeregeling request and a shortage of commercial real estate', async () => {
    const fresh = await startTestServer();
    try {
      const response = await fresh.as('lrt', '{ signals(first: 100) { totalCount edges { node { provinceCode source escalation status createdAt meetingDate answer } } } }');
      const signals = response.data.signals.edges.map((e: any) => e.node);
      expect(signals.length).toBeGreaterThanOrEqual(5);
      expect(signals.every((s: any) => s.createdAt.startsWith('2021-'))).toBe(true);
      expect(signals.map((s: any) => s.escalation)).toEqual(expect.arrayContaining(['LOGEEREGELING', 'COMMERCIAL_REAL_ESTATE', 'PROGRAMMA_VAN_EISEN']));
      expect(new Set(signals.map((s: any) => s.source))).toEqual(new Set(['PRT', 'COA', 'BESTUURLIJK_AANJAGER']));
      expect(new Set(signals.map((s: any) => s.status))).toEqual(new Set(['OPEN', 'ON_AGENDA', 'ANSWERED', 'CLOSED']));
      const agenda = await fresh.as('lrt', '{ signalAgenda { date signals { provinceCode } } }');
      expect(agenda.data.signalAgenda.map((m: any) => m.date)).toEqual(['2021-07-08']);
    } finally {
      await fresh.close();
    }
  });
});

describe('review findings', () => {
  it("resolving a comment on a signal is for the raising side and the LRT, not for COA on a PRT's signal", async () => {
    const signal = await raise('secretariaat-ut');
    const added = await server.as('secretariaat-ut', 'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }', { i: { subjectType: 'SIGNAL', subjectId: signal.id, body: 'Aanvulling' } });
    expect(added.errors).toBeUndefined();
    const RESOLVE = 'mutation($i: ResolveCommentInput!) { resolveComment(input: $i) { resolved } }';
    const asCoa = await server.as('coa-regio-3', RESOLVE, { i: { commentId: added.data.addComment.id, expectedVersion: 1, resolved: true } });
    expect(codes(asCoa)).toEqual(['FORBIDDEN']);
    const thread = await server.as('coa-regio-3', 'query($id: ID!) { signal(id: $id) { comments { viewerCanResolve } } }', { id: signal.id });
    expect(thread.data.signal.comments.every((c: { viewerCanResolve: boolean }) => !c.viewerCanResolve)).toBe(true);
    expect((await server.as('lrt', RESOLVE, { i: { commentId: added.data.addComment.id, expectedVersion: 1, resolved: true } })).data.resolveComment.resolved).toBe(true);
  });

  it('an edit takes the escalation and the opvangtype away with null, and keeps them when left out', async () => {
    const signal = await raise('secretariaat-ut');
    const kept = await mutate('secretariaat-ut', 'updateSignal', 'UpdateSignalInput', { signalId: signal.id, expectedVersion: signal.version, title: 'Nieuwe titel' });
    expect(kept.data.updateSignal).toMatchObject({ title: 'Nieuwe titel', escalation: 'LOGEEREGELING', opvangtype: 'ROL' });
    const cleared = await mutate('secretariaat-ut', 'updateSignal', 'UpdateSignalInput', { signalId: signal.id, expectedVersion: kept.data.updateSignal.version, escalation: null, opvangtype: null });
    expect(cleared.errors).toBeUndefined();
    expect(cleared.data.updateSignal).toMatchObject({ escalation: null, opvangtype: null, opgave: 'OPVANG' });
  });
});
