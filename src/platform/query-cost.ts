import { createRequire } from 'node:module';
import { GraphQLError, Kind, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { ComplexityEstimator } from 'graphql-query-complexity';

// Its CommonJS build: the ES module build imports graphql's own ES modules (`graphql/index.mjs`), a second copy of
// graphql beside the one the schema is made with, which refuses the schema's types as "from another module or realm".
const { getComplexity } = createRequire(import.meta.url)('graphql-query-complexity') as typeof import('graphql-query-complexity');

/**
 * The measure of a query's cost, graphql-armor's (its defaults, given here so that both checks below use the same):
 * a field with a selection costs OBJECT_COST plus DEPTH_COST_FACTOR times what its selection costs, all of it times
 * the page size it asks (`first` or `last`); any other field costs SCALAR_COST.
 */
export const QUERY_COST = { objectCost: 2, scalarCost: 1, depthCostFactor: 1.5 } as const;

/** graphql-armor's measure, with the page sizes as the request gives them: written in the query or in its variables. */
const armorMeasure: ComplexityEstimator = ({ field, node, args, childComplexity }) => {
  if (field.name.startsWith('__')) return 0; // introspection is not counted (graphql-armor: ignoreIntrospection)
  if (!node.selectionSet) return QUERY_COST.scalarCost;
  const size = Number(args.first ?? args.last ?? 1);
  return (QUERY_COST.objectCost + QUERY_COST.depthCostFactor * childComplexity) * (Number.isFinite(size) ? Math.max(size, 1) : 1);
};

/**
 * graphql-armor's cost limit runs with the other validation rules, once per document, before any variables are known:
 * it counts a page size written in the query (`first: 400`) but takes one given as a variable (`first: $n`) as 1. So an
 * operation that declares variables is measured again with them, on both paths, before it runs: the same measure and
 * the same limit. null when within the limit, or when the variables do not fit the operation (it is refused for that).
 */
export function costRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName: string | null | undefined,
  maxCost: number,
): GraphQLError | null {
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((candidate) => candidate.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation?.variableDefinitions?.length) return null;
  let cost: number;
  try {
    // The document passed the parser's token limit: no cap on its nodes is needed here.
    cost = getComplexity({ schema, query: document, variables: variables ?? {}, operationName: operationName ?? undefined, estimators: [armorMeasure], maxQueryNodes: Infinity });
  } catch (error) {
    // Variables that do not fit the operation: execution refuses them (BAD_USER_INPUT) before anything runs.
    if (error instanceof GraphQLError) return null;
    throw error;
  }
  if (cost <= maxCost) return null;
  return new GraphQLError(`Query cost limit of ${maxCost} exceeded, found ${Math.round(cost)} with the page sizes of the variables: ask for smaller pages (first, last)`, {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
  });
}
