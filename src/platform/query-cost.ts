import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  validate,
  visit,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type ValidationRule,
  type VariableNode,
} from 'graphql';

const PAGE_SIZE_ARGUMENTS = new Set(['first', 'last']);

const isPageSizeVariable = (argument: ArgumentNode): argument is ArgumentNode & { value: VariableNode } =>
  PAGE_SIZE_ARGUMENTS.has(argument.name.value) && argument.value.kind === Kind.VARIABLE;

/** A connection's `nodes { … }`: measured as the `edges { node { … } }` it stands for. */
const isNodesOfConnection = (field: FieldNode) => field.name.value === 'nodes' && field.selectionSet !== undefined;

/** What of a document the limits measure differently from graphql-armor, once per document (parsed documents are kept and reused). */
interface Measured {
  pageSizeVariables: boolean;
  nodes: boolean;
  /** By operation name: the refusal of an operation without page-size variables, whatever its variables. */
  refusals: Map<string | null | undefined, GraphQLError | null>;
}
const measuredDocuments = new WeakMap<DocumentNode, Measured>();
function measuredOf(document: DocumentNode): Measured {
  let measured = measuredDocuments.get(document);
  if (!measured) {
    const found = { pageSizeVariables: false, nodes: false, refusals: new Map() };
    visit(document, {
      Argument(argument) {
        if (isPageSizeVariable(argument)) found.pageSizeVariables = true;
      },
      Field(field) {
        if (isNodesOfConnection(field)) found.nodes = true;
      },
    });
    measuredDocuments.set(document, (measured = found));
  }
  return measured;
}

/**
 * graphql-armor's cost and depth limits are validation rules: they run once per document, before any variables are
 * known, and they see the query as written. Two things they measure otherwise than the work a query asks for:
 * - the cost multiplies a list's cost by a page size written in the query (`first: 400`) but takes one given as a
 *   variable (`first: $n`) as 1, so any page size passed that way;
 * - a connection's `nodes { … }` is one level where `edges { node { … } }`, the same rows, is two: through `nodes` a
 *   query could ask for about twice as much per level, and nest one level deeper, within the same limits.
 * This measures such an operation again as graphql-armor measures it written out: the operation to run (and the
 * fragments), each `first`/`last` variable replaced by its value and each `nodes` by `edges { node }`, checked by
 * `rules` (graphql-armor's cost and depth rules with the server's settings). The same measure, the same limits and
 * the same messages as for the query written that way.
 *
 * null when the operation has neither, when it is within the limits, or when its variables do not fit its
 * definitions (execution refuses it for that, BAD_USER_INPUT, before anything runs).
 */
export function limitRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName: string | null | undefined,
  rules: readonly ValidationRule[],
): GraphQLError | null {
  const measured = measuredOf(document);
  if (!measured.pageSizeVariables && !measured.nodes) return null;
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  // Without page sizes as variables, the measure does not depend on them: once per operation.
  if (!measured.pageSizeVariables && measured.refusals.has(operationName)) return measured.refusals.get(operationName)!;
  let coerced: Record<string, unknown> = {};
  if (measured.pageSizeVariables && operation.variableDefinitions?.length) {
    const values = getVariableValues(schema, operation.variableDefinitions, variables ?? {});
    if (values.errors) return null;
    coerced = values.coerced;
  }
  let rewritten = false;
  const written = visit(
    { kind: Kind.DOCUMENT, definitions: [operation, ...document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)] },
    {
      Argument(argument): ArgumentNode | undefined {
        if (!isPageSizeVariable(argument)) return undefined;
        const value = coerced[argument.value.name.value];
        if (typeof value !== 'number' || !Number.isInteger(value)) return undefined; // null or left out: as graphql-armor counts it
        rewritten = true;
        return { ...argument, value: { kind: Kind.INT, value: String(value) } };
      },
      Field(field): FieldNode | undefined {
        if (!isNodesOfConnection(field)) return undefined;
        rewritten = true;
        const node: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'node' }, selectionSet: field.selectionSet };
        return { ...field, name: { kind: Kind.NAME, value: 'edges' }, selectionSet: { kind: Kind.SELECTION_SET, selections: [node] } };
      },
    },
  );
  let refusal: GraphQLError | null = null;
  if (rewritten) {
    const [found] = validate(schema, written, rules);
    if (found) refusal = new GraphQLError(found.message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  }
  if (!measured.pageSizeVariables) measured.refusals.set(operationName, refusal);
  return refusal;
}
