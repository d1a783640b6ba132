import type { ApolloServerOptionsWithGateway, BaseContext } from '@apollo/server';
import {
  execute,
  getNamedType,
  getVariableValues,
  GraphQLError,
  isInputObjectType,
  isNonNullType,
  printSchema,
  typeFromAST,
  visit,
  BREAK,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Gateway = ApolloServerOptionsWithGateway<BaseContext>['gateway'];

/** How one operation of a document is executed: compiled (with the variables it must be given), or by graphql-js. */
type Plan = { compiled: CompiledQuery; variables: readonly string[] } | { compiled: null };

/**
 * Executes the queries of the HTTP path as compiled JavaScript, one compilation per parsed document and operation,
 * instead of walking the document for every request as graphql-js does (a fifth to two fifths of the CPU of a list or a
 * deep query, docs/benchmarks.md). Apollo Server takes an executor of its own only through its gateway interface, so
 * this is one: it serves the schema it was given, as it is. Parsing, validation with every limit, the plugins, error
 * formatting and the HTTP answer stay Apollo Server's.
 *
 * The compiler answers differently from graphql-js in a few places, all in how it reads variables: a variable left
 * out inside an input object literal becomes null instead of absent (which, in an input, means "clear" instead of
 * "leave as it is"); a left-out variable of a non-null type with a default, and a left-out non-null input field with
 * a default, are refused. So only what cannot meet those is compiled, and everything else runs on graphql-js exactly
 * as before:
 * - queries only: a mutation's time is its transaction, and its inputs are where "absent" and null differ most;
 * - no directive anywhere in the document (`@skip`/`@include` in fragments are a known weak spot of the compiler);
 * - no variable whose input objects have a non-null field with a default;
 * - and, per request, every variable the operation declares is given (null counts as given).
 * Variables are coerced by graphql-js first, so a bad variable is refused with graphql-js's own message and field
 * (BAD_USER_INPUT), as everywhere else. Subscriptions are not executed here (graphql-ws, subscription-execution.ts).
 */
export function compiledExecution(schema: GraphQLSchema): Gateway {
  // Apollo Server keeps one parsed document per query text (its document store), so a document's object is the key.
  const plans = new WeakMap<DocumentNode, Map<string, Plan>>();
  const planFor = (document: DocumentNode, operation: OperationDefinitionNode | undefined, operationName: string | undefined): Plan => {
    let byOperation = plans.get(document);
    if (!byOperation) plans.set(document, (byOperation = new Map()));
    const key = operationName ?? '';
    let plan = byOperation.get(key);
    if (!plan) {
      const compiled = operation && compilable(schema, document, operation) ? compileQuery(schema, document, operationName) : null;
      plan = compiled && isCompiledQuery(compiled) ? { compiled, variables: (operation!.variableDefinitions ?? []).map((definition) => definition.variable.name.value) } : { compiled: null };
      byOperation.set(key, plan);
    }
    return plan;
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSchema(schema) });
      return () => {};
    },
    async load() {
      return {
        executor: async ({ document, operation, request, context }) => {
          const operationName = request.operationName ?? undefined;
          const given = request.variables ?? {};
          const plan = planFor(document, operation ?? undefined, operationName);
          if (plan.compiled === null || !plan.variables.every((name) => Object.hasOwn(given, name))) {
            return execute({ schema, document, operationName, variableValues: given, contextValue: context });
          }
          const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], given, { maxErrors: 50 });
          if (coerced.errors) return { errors: coerced.errors };
          const result = await plan.compiled.query(undefined, context, given);
          return result.errors ? { ...result, errors: result.errors.map(asGraphQLError) } : result;
        },
      };
    },
    async stop() {},
  };
}

/** Whether an operation is one the compiler answers exactly as graphql-js does (see compiledExecution). */
export function compilable(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): boolean {
  if (operation.operation !== 'query') return false;
  let directives = false;
  visit(document, {
    Directive() {
      directives = true;
      return BREAK;
    },
  });
  if (directives) return false;
  return (operation.variableDefinitions ?? []).every((definition) => {
    const type = typeFromAST(schema, definition.type) as GraphQLInputType | undefined;
    return type !== undefined && !hasDefaultedNonNullField(type, new Set());
  });
}

/** Whether an input type holds, at any depth, an input object field of a non-null type with a default value. */
function hasDefaultedNonNullField(type: GraphQLInputType, seen: Set<string>): boolean {
  const named = getNamedType(type);
  if (!isInputObjectType(named) || seen.has(named.name)) return false;
  seen.add(named.name);
  return Object.values(named.getFields()).some((field) => (isNonNullType(field.type) && field.defaultValue !== undefined) || hasDefaultedNonNullField(field.type, seen));
}

/**
 * The compiled query reports a field's error as an error of its own making: a GraphQLError by its prototype, but
 * without `extensions` when what the resolver threw was a plain Error. graphql-js always gives them (the original's
 * or empty), and Apollo Server and the error formatting count on it: this makes each one as graphql-js would.
 */
function asGraphQLError(error: GraphQLError): GraphQLError {
  const original = error.originalError ?? undefined;
  const made = new GraphQLError(error.message, { path: error.path, originalError: original });
  // Where in the document: computed from the field's nodes, which the compiled query does not keep.
  (made as { locations?: GraphQLError['locations'] }).locations = error.locations;
  return made;
}
