import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importGemeenten, parseCbsGemeenten, planGemeenteImport } from '../src/reference/gemeente-import.js';
import { referenceDataPath } from '../src/platform/paths.js';
import { startTestServer, type TestServer } from './support/harness.js';

const CBS_2023 = readFileSync(referenceDataPath('gemeenten-alfabetisch-2023.csv'), 'utf8');

describe('reading the CBS format', () => {
  it('reads the 2023 list: 342 gemeenten, quoted names with commas intact', () => {
    const gemeenten = parseCbsGemeenten(CBS_2023);
    expect(gemeenten).toHaveLength(342);
    expect(gemeenten.find((g) => g.code === 'GM0820')).toEqual({ code: 'GM0820', name: 'Nuenen, Gerwen en Nederwetten', provinceCbsCode: 'PV30' });
  });

  it('accepts the semicolon variant with a byte order mark', () => {
    const text = '\uFEFFGemeentecode;GemeentecodeGM;Gemeentenaam;Provinciecode;ProvinciecodePV;Provincienaam\n0355;GM0355;Zeist;26;PV26;Utrecht\n';
    expect(parseCbsGemeenten(text)).toEqual([{ code: 'GM0355', name: 'Zeist', provinceCbsCode: 'PV26' }]);
  });

  it.each([
    ['Code,Naam\n1,a\n', /missing column/],
    ['Gemeentecode,GemeentecodeGM,Gemeentenaam,Provinciecode,ProvinciecodePV,Provincienaam\n0355,GM355,Zeist,26,PV26,Utrecht\n', /line 2: GemeentecodeGM/],
    ['Gemeentecode,GemeentecodeGM,Gemeentenaam,Provinciecode,ProvinciecodePV,Provincienaam\n0355,GM0355,Zeist,26,PV26,Utrecht\n0355,GM0355,Zeist,26,PV26,Utrecht\n', /line 3: GM0355 appears twice/],
  ])('refuses a file that is not the CBS format, saying where', (text, message) => {
    expect(() => parseCbsGemeenten(text)).toThrow(message);
  });
});

describe('planning an import', () => {
  const current = [
    { code: 'GM0001', name: 'Alpha', provinceCbsCode: 'PV20' },
    { code: 'GM0002', name: 'Beta', provinceCbsCode: 'PV20' },
    { code: 'GM0003', name: 'Gamma', provinceCbsCode: 'PV21' },
    { code: 'GM0004', name: 'Delta', provinceCbsCode: 'PV21' },
  ];

  it('tells added, renamed, moved, ended (with the likely merger) and unchanged apart', () => {
    const plan = planGemeenteImport(current, [
      { code: 'GM0003', name: 'Gamma-Nieuw', provinceCbsCode: 'PV21' },
      { code: 'GM0004', name: 'Delta', provinceCbsCode: 'PV22' },
      { code: 'GM1999', name: 'Alphabeta', provinceCbsCode: 'PV20' },
    ]);
    expect(plan.added.map((g) => g.code)).toEqual(['GM1999']);
    expect(plan.renamed).toEqual([{ code: 'GM0003', from: 'Gamma', to: 'Gamma-Nieuw' }]);
    expect(plan.moved).toEqual([{ code: 'GM0004', name: 'Delta', from: 'PV21', to: 'PV22' }]);
    expect(plan.ended.map((g) => [g.code, g.probablyMergedInto])).toEqual([
      ['GM0001', ['GM1999 Alphabeta']],
      ['GM0002', ['GM1999 Alphabeta']],
    ]);
    expect(plan.unchanged).toBe(0);
  });

  it('changes nothing when the same list is imported again', () => {
    const plan = planGemeenteImport(current, current);
    expect(plan).toEqual({ added: [], renamed: [], moved: [], ended: [], unchanged: 4 });
  });
});

describe('importing next year’s list into the database', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it('merges, renames and adds, keeping ended gemeenten for history', async () => {
    // A fictitious 2024 list: Zeist and Bunnik merge into a new gemeente; Utrecht is renamed.
    const lines = CBS_2023.trimEnd().split('\n').filter((line) => !line.startsWith('0355,') && !line.startsWith('0312,'));
    const next = [...lines.map((line) => line.replace('0344,GM0344,Utrecht,', '0344,GM0344,Utrecht (stad),')), '1999,GM1999,Heuvelrug-West,26,PV26,Utrecht'].join('\n');
    const progress: number[] = [];
    const plan = await importGemeenten(server.db.manager, parseCbsGemeenten(next), {
      sourceFile: 'gemeenten-alfabetisch-2024.csv',
      asOf: '2024-01-01',
      onProgress: (done) => progress.push(done),
    });
    expect(plan.added.map((g) => g.code)).toEqual(['GM1999']);
    expect(plan.renamed).toEqual([{ code: 'GM0344', from: 'Utrecht', to: 'Utrecht (stad)' }]);
    expect(plan.ended.map((g) => g.code).sort()).toEqual(['GM0312', 'GM0355']);
    expect(plan.ended[0].probablyMergedInto).toEqual(['GM1999 Heuvelrug-West']);
    expect(plan.unchanged).toBe(339);
    expect(progress).toEqual([1, 2, 3, 4]);

    const token = await server.token('ipo');
    const { data } = await server.gql(
      `{ current: gemeenten(provinceCode: UT, first: 0) { totalCount }
         all: gemeenten(provinceCode: UT, first: 0, includeEnded: true) { totalCount }
         zeist: gemeente(code: "GM0355") { name validUntil }
         added: gemeente(code: "GM1999") { name validFrom province { code } }
         renamed: gemeente(code: "GM0344") { name } }`,
      undefined,
      token,
    );
    expect(data).toEqual({
      current: { totalCount: 25 },
      all: { totalCount: 27 },
      zeist: { name: 'Zeist', validUntil: '2023-12-31' },
      added: { name: 'Heuvelrug-West', validFrom: '2024-01-01', province: { code: 'UT' } },
      renamed: { name: 'Utrecht (stad)' },
    });
    const [organisation] = await server.db.query(`SELECT name FROM organisation WHERE gemeente_code = 'GM1999'`);
    expect(organisation.name).toBe('Gemeente Heuvelrug-West');
    const [record] = await server.db.query(`SELECT source_file, as_of::text, summary FROM gemeente_import ORDER BY id DESC LIMIT 1`);
    expect(record).toMatchObject({ source_file: 'gemeenten-alfabetisch-2024.csv', as_of: '2024-01-01', summary: { added: ['GM1999'], unchanged: 339 } });
  });

  it('refuses a list naming an unknown province, and writes nothing', async () => {
    const before = await server.db.query('SELECT count(*)::int AS n FROM gemeente');
    await expect(
      importGemeenten(server.db.manager, [{ code: 'GM2000', name: 'Nergens', provinceCbsCode: 'PV99' }], { sourceFile: 'x.csv', asOf: '2025-01-01' }),
    ).rejects.toThrow(/unknown province PV99/);
    expect(await server.db.query('SELECT count(*)::int AS n FROM gemeente')).toEqual(before);
  });
});
