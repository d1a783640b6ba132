import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema, type NonEmptyArray } from 'type-graphql';
import { maskUnexpectedErrors } from './platform/error-masking.js';
import { resolversOf } from './platform/module.js';
import { modules } from './modules.js';

export async function buildAppSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: resolversOf(modules) as unknown as NonEmptyArray<Function>,
    validate: { forbidUnknownValues: false },
    // Every subscription brings its own `subscribe` over the event bus (Postgres LISTEN/NOTIFY); type-graphql
    // insists on a pubSub all the same, so it gets one that says it is not to be used.
    pubSub: {
      publish: () => {
        throw new Error('publish events with recordEvent, in the transaction of the change');
      },
      subscribe: () => {
        throw new Error('subscriptions read the event bus');
      },
    },
  });
  return maskUnexpectedErrors(schema);
}

/** The SDL committed as schema/schema.graphql. */
export function printAppSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
