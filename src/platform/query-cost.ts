import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  validate,
  visit,
  type ArgumentNode,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
  type VariableNode,
} from 'graphql';

const PAGE_SIZE_ARGUMENTS = new Set(['first', 'last']);

const isPageSizeVariable = (argument: ArgumentNode): argument is ArgumentNode & { value: VariableNode } =>
  PAGE_SIZE_ARGUMENTS.has(argument.name.value) && argument.value.kind === Kind.VARIABLE;

/** Whether a document gives any page size as a variable, once per document (parsed documents are kept and reused). */
const givesPageSizeVariables = new WeakMap<DocumentNode, boolean>();
function pageSizeVariablesIn(document: DocumentNode): boolean {
  let gives = givesPageSizeVariables.get(document);
  if (gives === undefined) {
    gives = false;
    visit(document, {
      Argument(argument) {
        if (isPageSizeVariable(argument)) gives = true;
      },
    });
    givesPageSizeVariables.set(document, gives);
  }
  return gives;
}

/**
 * graphql-armor's cost limit is a validation rule: it runs once per document, before any variables are known. It
 * multiplies a list's cost by a page size written in the query (`first: 400`) but takes one given as a variable
 * (`first: $n`) as 1, so any page size passed that way. This measures such an operation again as graphql-armor would
 * have measured it with the page sizes written in: the operation to run (and the fragments), each `first`/`last`
 * variable replaced by its value, checked by `costRules` (graphql-armor's cost rule with the server's settings). The
 * same measure, the same limit and the same message as for a page size written in the query.
 *
 * null when the operation uses no variable for a page size, when it is within the limit, or when its variables do not
 * fit its definitions (execution refuses it for that, BAD_USER_INPUT, before anything runs).
 */
export function pageSizeRefusal(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | null | undefined,
  operationName: string | null | undefined,
  costRules: readonly ValidationRule[],
): GraphQLError | null {
  const operation = getOperationAST(document, operationName);
  if (!operation?.variableDefinitions?.length || !pageSizeVariablesIn(document)) return null;
  const values = getVariableValues(schema, operation.variableDefinitions, variables ?? {});
  if (values.errors) return null;
  let sized = false;
  const written = visit(
    { kind: Kind.DOCUMENT, definitions: [operation, ...document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)] },
    {
      Argument(argument): ArgumentNode | undefined {
        if (!isPageSizeVariable(argument)) return undefined;
        const value = values.coerced[argument.value.name.value];
        if (typeof value !== 'number' || !Number.isInteger(value)) return undefined; // null or left out: as graphql-armor counts it
        sized = true;
        return { ...argument, value: { kind: Kind.INT, value: String(value) } };
      },
    },
  );
  if (!sized) return null;
  const [refusal] = validate(schema, written, costRules);
  return refusal ? new GraphQLError(refusal.message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }) : null;
}
