import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getMetadataStorage } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { buildAppSchema, printAppSchema } from '../src/schema.js';
import { packageRoot } from '../src/platform/paths.js';

describe('schema/schema.graphql', () => {
  it('is the schema the server serves (run `npm run schema:emit` after changing the API)', async () => {
    const committed = readFileSync(path.join(packageRoot, 'schema', 'schema.graphql'), 'utf8');
    expect(printAppSchema(await buildAppSchema())).toBe(committed);
  });

  it('keeps the names client teams code against', async () => {
    const schema = await buildAppSchema();
    const query = schema.getQueryType()!.getFields();
    for (const field of ['viewer', 'provinces', 'province', 'gemeente', 'gemeenten']) expect(query[field], field).toBeDefined();
    expect(query.province.args.map((arg) => `${arg.name}: ${arg.type}`)).toEqual(['code: ProvinceCode!']);
    expect(query.gemeente.args.map((arg) => `${arg.name}: ${arg.type}`)).toEqual(['code: String!']);
    expect(query.gemeenten.args.map((arg) => arg.name)).toEqual(expect.arrayContaining(['provinceCode', 'search', 'first', 'after']));
    const province = schema.getType('Province') as any;
    expect(Object.keys(province.getFields())).toEqual(expect.arrayContaining(['gemeenten', 'regietafel']));
    expect((schema.getType('ProvinceCode') as any).getValues().map((v: any) => v.name).sort()).toEqual(
      ['DR', 'FL', 'FR', 'GE', 'GR', 'LI', 'NB', 'NH', 'OV', 'UT', 'ZE', 'ZH'],
    );
    expect((schema.getType('Opvangtype') as any).getValues().map((v: any) => v.name)).toEqual([
      'AANMELDCENTRUM', 'PROCESOPVANGLOCATIE', 'GVL', 'SATELLIET', 'ROL', 'AZC', 'KLEINE_WOONVOORZIENING_AMV',
      'VRIJHEIDSBEPERKENDE_LOCATIE', 'GEZINSLOCATIE', 'NOODOPVANG', 'CRISISNOODOPVANG',
    ]);
  });

  it('answers plain fields by reading the property: every object type has simpleResolvers (no layer per field and row)', async () => {
    await buildAppSchema();
    const types = getMetadataStorage().objectTypes;
    expect(types.length).toBeGreaterThan(50);
    expect(types.filter((type) => type.simpleResolvers !== true).map((type) => type.name)).toEqual([]);
  });
});
