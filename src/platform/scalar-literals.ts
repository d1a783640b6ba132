import {
  GraphQLScalarType,
  getNamedType,
  Kind,
  specifiedScalarTypes,
  type ASTNode,
  type ASTVisitor,
  type ValidationContext,
  type ValueNode,
} from 'graphql';

/**
 * A typed scalar (a `LocalDate`) written in the query text is checked by graphql-js's validation, which knows no
 * argument paths: the client would get GRAPHQL_VALIDATION_FAILED for what is a bad value, and the same value in a
 * variable gets BAD_USER_INPUT with its field. This rule notes where each literal a scalar refuses sits among the
 * arguments (`input.lines[0].targetDate`), so that the error formatter can answer BAD_USER_INPUT naming it, on both
 * transports alike. It reports nothing itself: graphql-js's own rule reports the value.
 */
const refusedLiterals = new WeakMap<ASTNode, string>();

const BUILT_IN = new Set(specifiedScalarTypes.map((type) => type.name));

export function ScalarLiteralPathsRule(context: ValidationContext): ASTVisitor {
  return {
    enter(node, _key, parent, _path, ancestors) {
      if (!isLiteral(node)) return;
      const type = getNamedType(context.getInputType());
      if (!(type instanceof GraphQLScalarType) || BUILT_IN.has(type.name)) return;
      try {
        type.parseLiteral(node, undefined);
        return;
      } catch {
        const field = argumentPath(node, parent === undefined ? ancestors : [...ancestors, parent]);
        if (field) refusedLiterals.set(node, field);
      }
    },
  };
}

function isLiteral(node: ASTNode | readonly ASTNode[]): node is ValueNode {
  if (Array.isArray(node)) return false;
  const kind = (node as ASTNode).kind;
  return kind === Kind.STRING || kind === Kind.INT || kind === Kind.FLOAT || kind === Kind.BOOLEAN || kind === Kind.ENUM;
}

/** `input.lines[0].targetDate` for a literal inside an argument; null elsewhere (a variable's default value). */
/** `ancestors` from the document down to the literal's parent (graphql-js passes the parent apart from them). */
function argumentPath(node: ValueNode, ancestors: readonly (ASTNode | readonly ASTNode[])[]): string | null {
  const chain = [...ancestors.filter((item): item is ASTNode => !Array.isArray(item)), node];
  let path: string | null = null;
  chain.forEach((item, index) => {
    if (item.kind === Kind.ARGUMENT) path = item.name.value;
    else if (path !== null && item.kind === Kind.OBJECT_FIELD) path += `.${item.name.value}`;
    else if (path !== null && item.kind === Kind.LIST) path += `[${item.values.indexOf(chain[index + 1] as ValueNode)}]`;
  });
  return path;
}

/** The argument path of a literal that a typed scalar refused, when the error is about one. */
export function refusedLiteralField(error: unknown): string | null {
  const nodes = (error as { nodes?: readonly ASTNode[] } | null)?.nodes;
  const node = nodes?.length === 1 ? nodes[0] : undefined;
  return node ? (refusedLiterals.get(node) ?? null) : null;
}
