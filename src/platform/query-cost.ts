import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type ValidationRule,
  type VariableNode,
} from 'graphql';

import { defaultPageSizeOf } from './pagination.js';

const PAGE_SIZE_ARGUMENTS = new Set(['first', 'last']);

const isPageSizeVariable = (argument: ArgumentNode): argument is ArgumentNode & { value: VariableNode } =>
  PAGE_SIZE_ARGUMENTS.has(argument.name.value) && argument.value.kind === Kind.VARIABLE;

/** A connection's `nodes { … }`: measured as the `edges { node { … } }` it stands for. */
const isNodesOfConnection = (field: FieldNode) => field.name.value === 'nodes' && field.selectionSet !== undefined;

/** A page size written as null: the field answers its default page. */
const isNullPageSize = (argument: ArgumentNode) => PAGE_SIZE_ARGUMENTS.has(argument.name.value) && argument.value.kind === Kind.NULL;

/** A paged field (it takes `first`) asked without a page size: it answers its default page. */
const leavesPageSizeOut = (field: FieldNode, typeInfo: TypeInfo) =>
  typeInfo.getFieldDef()?.args.some((argument) => argument.name === 'first') === true &&
  !field.arguments?.some((argument) => PAGE_SIZE_ARGUMENTS.has(argument.name.value));

const pageSize = (value: number): ArgumentNode => ({
  kind: Kind.ARGUMENT,
  name: { kind: Kind.NAME, value: 'first' },
  value: { kind: Kind.INT, value: String(value) },
});

/** What of a document the limits measure differently from graphql-armor, once per document (parsed documents are kept and reused). */
interface Measured {
  pageSizeVariables: boolean;
  nodes: boolean;
  defaultPageSizes: boolean;
  /** By operation name: the refusal of an operation without page-size variables, whatever its variables. */
  refusals: Map<string | null | undefined, GraphQLError | null>;
}
const measuredDocuments = new WeakMap<DocumentNode, Measured>();
function measuredOf(schema: GraphQLSchema, document: DocumentNode): Measured {
  let measured = measuredDocuments.get(document);
  if (!measured) {
    const found = { pageSizeVariables: false, nodes: false, defaultPageSizes: false, refusals: new Map() };
    const typeInfo = new TypeInfo(schema);
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Argument(argument) {
          if (isPageSizeVariable(argument)) found.pageSizeVariables = true;
          if (isNullPageSize(argument)) found.defaultPageSizes = true;
        },
        Field(field) {
          if (isNodesOfConnection(field)) found.nodes = true;
          if (leavesPageSizeOut(field, typeInfo)) found.defaultPageSizes = true;
        },
      }),
    );
    measuredDocuments.set(document, (measured = found));
  }
  return measured;
}

/**
 * graphql-armor's cost and depth limits are validation rules: they run once per document, before any variables are
 * known, and they see the query as written. Three things they measure otherwise than the work a query asks for:
 * - the cost multiplies a list's cost by a page size written in the query (`first: 400`) but takes one given as a
 *   variable (`first: $n`) as 1, so any page size passed that way;
 * - it takes a paged field asked without a page size (`gemeenten { … }`, `first: null`, or `first: $n` with $n null)
 *   as 1, where the server answers its default page (`DEFAULT_PAGE_SIZE`, or the field's `defaultPageSize`);
 * - a connection's `nodes { … }` is one level where `edges { node { … } }`, the same rows, is two: through `nodes` a
 *   query could ask for about twice as much per level, and nest one level deeper, within the same limits.
 * This measures such an operation again as graphql-armor measures it written out: the operation to run (and the
 * fragments), each `first`/`last` variable replaced by its value, each page size left out written in as the default,
 * and each `nodes` replaced by `edges { node }`, checked by `rules` (graphql-armor's cost and depth rules with the
 * server's settings). The same measure, the same limits and the same messages as for the query written that way.
 *
 * null when the operation has none of these, when it is within the limits, or when its variables do not fit its
 * definitions (execution refuses it for that, BAD_USER_INPUT, before anything runs).
 */
export function limitRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName: string | null | undefined,
  rules: readonly ValidationRule[],
): GraphQLError | null {
  const measured = measuredOf(schema, document);
  if (!measured.pageSizeVariables && !measured.nodes && !measured.defaultPageSizes) return null;
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
  const typeInfo = new TypeInfo(schema);
  const written = visit(
    { kind: Kind.DOCUMENT, definitions: [operation, ...document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)] },
    visitWithTypeInfo(typeInfo, {
      Argument(argument): ArgumentNode | undefined {
        const nullValue = isNullPageSize(argument);
        if (!nullValue && !isPageSizeVariable(argument)) return undefined;
        const value = nullValue ? null : coerced[(argument.value as VariableNode).name.value];
        rewritten = true;
        // null or left out: the server answers the field's default page (typeInfo's field is the argument's).
        const size = typeof value === 'number' && Number.isInteger(value) ? value : defaultPageSizeOf(typeInfo.getFieldDef());
        return { ...argument, value: { kind: Kind.INT, value: String(size) } };
      },
      Field(field): FieldNode | undefined {
        if (leavesPageSizeOut(field, typeInfo)) {
          rewritten = true;
          return { ...field, arguments: [...(field.arguments ?? []), pageSize(defaultPageSizeOf(typeInfo.getFieldDef()))] };
        }
        if (!isNodesOfConnection(field)) return undefined;
        rewritten = true;
        const node: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: 'node' }, selectionSet: field.selectionSet };
        return { ...field, name: { kind: Kind.NAME, value: 'edges' }, selectionSet: { kind: Kind.SELECTION_SET, selections: [node] } };
      },
    }),
  );
  let refusal: GraphQLError | null = null;
  if (rewritten) {
    const [found] = validate(schema, written, rules);
    if (found) refusal = new GraphQLError(found.message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  }
  if (!measured.pageSizeVariables) measured.refusals.set(operationName, refusal);
  return refusal;
}
