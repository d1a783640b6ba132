import { buildSchema, execute, getOperationAST, parse, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compilable, compiledExecution } from '../src/platform/compiled-execution.js';
import { startTestServer, type TestServer } from './support/harness.js';

/**
 * Queries are executed compiled (platform/compiled-execution.ts) where the compiler answers as graphql-js does, and by
 * graphql-js elsewhere. Each case here is run both ways and must give the same answer, the cases where the compiler
 * alone would differ included.
 */
const schema: GraphQLSchema = buildSchema(`
  input Window { from: Int, size: Int! = 10 }
  input Filter { note: String, window: Window }
  type Query {
    args(filter: Filter, first: Int! = 5, tags: [String]): String
    failing: String
    nested: Nested!
  }
  type Nested { failing: String! }
  type Mutation { args(filter: Filter): String }
`);
// Every resolver answers with the arguments it was given: `undefined` written out, so absent and null differ.
const echo = (_: unknown, args: unknown) => JSON.stringify(args, (_key, value) => (value === undefined ? '<undefined>' : value));
schema.getQueryType()!.getFields().args.resolve = echo;
schema.getMutationType()!.getFields().args.resolve = echo;
schema.getQueryType()!.getFields().failing.resolve = () => {
  throw new Error('plain failure');
};
schema.getQueryType()!.getFields().nested.resolve = () => ({});
(schema.getType('Nested') as import('graphql').GraphQLObjectType).getFields().failing.resolve = () => {
  throw new Error('nested failure');
};

async function bothWays(query: string, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = getOperationAST(document)!;
  const { executor } = await compiledExecution(schema).load({ apollo: {} as never });
  const run = () => executor!({ document, operation, operationName: null, request: { query, variables }, context: {} } as never);
  // Twice: the first compiles, the second runs what was kept.
  await run();
  const result = await run();
  // Apollo Server and the error formatting read every error's extensions, as graphql-js always gives them.
  for (const error of result.errors ?? []) expect(error.extensions, error.message).toBeTypeOf('object');
  const served = JSON.parse(JSON.stringify(result));
  const reference = JSON.parse(JSON.stringify(await execute({ schema, document, variableValues: variables, contextValue: {} })));
  return { served, reference };
}

describe('compiled execution', () => {
  it.each([
    ['no variables', '{ args(tags: ["a"]) }', {}],
    ['every variable given', 'query($t: [String], $f: Int!) { args(tags: $t, first: $f) }', { t: ['a', null], f: 2 }],
    ['a variable given as null', 'query($t: [String]) { args(tags: $t) }', { t: null }],
    ['a variable left out inside an input object', 'query($n: String) { args(filter: { note: $n }) }', {}],
    ['a variable of a non-null type with a default, left out', 'query($f: Int! = 7) { args(first: $f) }', {}],
    ['an input object whose non-null field has a default, left out', 'query($f: Filter) { args(filter: $f) }', { f: { window: { from: 1 } } }],
    ['a directive', 'query($s: Boolean!) { args @skip(if: $s) a: args(tags: ["x"]) }', { s: true }],
    ['a mutation with a variable left out inside an input object', 'mutation($n: String) { args(filter: { note: $n }) }', {}],
    ['a bad variable', 'query($f: Int!) { args(first: $f) }', { f: 'many' }],
    ['a plain error from a resolver', '{ failing }', {}],
    ['a failing non-null field', '{ nested { failing } }', {}],
  ])('answers as graphql-js does: %s', async (_name, query, variables) => {
    const { served, reference } = await bothWays(query, variables);
    expect(served).toEqual(reference);
  });

  it('compiles queries only, without directives or input objects with defaulted non-null fields', () => {
    const check = (query: string) => {
      const document = parse(query);
      return compilable(schema, document, getOperationAST(document)!);
    };
    expect(check('query($t: [String], $n: String) { args(tags: $t, filter: { note: $n }) }')).toBe(true);
    expect(check('mutation { args }')).toBe(false);
    expect(check('query($s: Boolean!) { args @include(if: $s) }')).toBe(false);
    expect(check('query { ...F } fragment F on Query { args @skip(if: true) }')).toBe(false);
    expect(check('query($f: Filter) { args(filter: $f) }')).toBe(false);
  });
});

describe('compiled execution on the server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers the same query alike whether its defaulted variable is given or left out, and refuses a bad one by its field', async () => {
    const query = 'query($w: Int! = 365) { expiringAgreements(within: $w) { provinceCode placesAtStake agreements { agreementId endDate } } }';
    const given = await server.as('ipo', query, { w: 365 });
    const left = await server.as('ipo', query, {});
    expect(given.errors).toBeUndefined();
    expect(given.data.expiringAgreements).toHaveLength(12);
    expect(left.errors).toBeUndefined();
    expect(left.data).toEqual(given.data);
    const bad = await server.as('ipo', query, { w: 'a year' });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'w' });
  });
});
