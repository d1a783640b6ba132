import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { ClassType, Field, Int, ObjectType } from 'type-graphql';
import { badUserInput } from './errors.js';
import { isCleanText, isUuid } from './validation.js';
import { isIsoDate } from './dates.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/**
 * On a paged field whose page, asked without a page size, is not `DEFAULT_PAGE_SIZE`: `@Extensions(defaultPageSize(n))`.
 * The limits measure such a request by it (query-cost.ts).
 */
export const defaultPageSize = (size: number) => ({ defaultPageSize: size }) as const;

/** The page a paged field answers when asked without a page size (or with a null one). */
export function defaultPageSizeOf(field: { extensions?: Readonly<Record<string, unknown>> | null } | null | undefined): number {
  const size = field?.extensions?.defaultPageSize;
  return typeof size === 'number' ? size : DEFAULT_PAGE_SIZE;
}

@ObjectType({ simpleResolvers: true, description: 'Relay page information.' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => Boolean, { description: 'Always false: these connections page forward only (first/after).' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Page<T> {
  edges: Edge<T>[];
  /** The edges' nodes, in order. */
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: number;
}

/** A Relay connection type `<Name>Connection` with its `<Name>Edge`, and `nodes` for a client that needs no cursors. */
export function Connection<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class EdgeType {
    @Field(() => String)
    cursor: string;

    @Field(() => nodeType)
    node: T;
  }

  @ObjectType(`${name}Connection`, { simpleResolvers: true })
  class ConnectionType {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => [nodeType], { description: 'The nodes of `edges`, in the same order, for a client that needs no cursors.' })
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'Number of items matching the filters, over all pages.' })
    totalCount: number;
  }
  return ConnectionType;
}

export interface PageRequest<K> {
  first: number;
  /** Sort key of the last item of the previous page. */
  after: K | null;
}

/** Checks `first` and decodes `after` (an opaque cursor holding the sort key of the last item seen). */
export function pageRequest<K extends unknown[]>(first: number | null | undefined, after: string | null | undefined, isKey: (value: unknown) => value is K): PageRequest<K> {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}`, 'first');
  }
  if (after === null || after === undefined) return { first: size, after: null };
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(after, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (!isKey(key)) throw badUserInput('after is not a cursor of this list', 'after');
  return { first: size, after: key };
}

export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Builds a page from up to first+1 rows fetched in order (the extra row says whether there is a next page). */
export function toPage<T>(rows: T[], first: number, keyOf: (row: T) => unknown[], totalCount: number): Page<T> {
  return new PageOf(rows.slice(0, first), rows.length > first, keyOf, totalCount);
}

/** A page whose edges are made only when someone asks for them (a client reading `nodes` never does). */
class PageOf<T> implements Page<T> {
  readonly pageInfo: PageInfo;
  #edges: Edge<T>[] | undefined;

  constructor(
    readonly nodes: T[],
    hasNextPage: boolean,
    private readonly keyOf: (row: T) => unknown[],
    readonly totalCount: number,
  ) {
    this.pageInfo = new PageInfoOf(nodes, hasNextPage, keyOf);
  }

  get edges(): Edge<T>[] {
    this.#edges ??= this.nodes.map((node) => new PageEdge(node, this.keyOf));
    return this.#edges;
  }
}

/** An edge whose cursor is encoded only when someone asks for it (most lists of nodes never do). */
class PageEdge<T> implements Edge<T> {
  constructor(
    readonly node: T,
    private readonly keyOf: (row: T) => unknown[],
  ) {}

  get cursor(): string {
    return encodeCursor(this.keyOf(this.node));
  }
}

class PageInfoOf<T> implements PageInfo {
  readonly hasPreviousPage = false;

  constructor(
    private readonly nodes: readonly T[],
    readonly hasNextPage: boolean,
    private readonly keyOf: (row: T) => unknown[],
  ) {}

  get startCursor(): string | null {
    return this.cursorAt(0);
  }

  get endCursor(): string | null {
    return this.cursorAt(this.nodes.length - 1);
  }

  private cursorAt(index: number): string | null {
    return index >= 0 && index < this.nodes.length ? encodeCursor(this.keyOf(this.nodes[index])) : null;
  }
}

/*
 * Cursor keys. A cursor is opaque but not secret: a client can edit one, and whatever it holds reaches a query as a
 * parameter. Every part is checked here as strictly as the database would check it, so a bad cursor is
 * BAD_USER_INPUT on `after`, never a value the database refuses (which could only be blamed on the request as a
 * whole).
 */

export const isStringPair = (value: unknown): value is [string, string] =>
  Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string' && isCleanText(part, 300));

/** A real calendar date, YYYY-MM-DD: no 30 February, no year 0. */
export function isCursorDate(value: unknown): value is string {
  return typeof value === 'string' && isIsoDate(value);
}

/**
 * A real instant as the cursors write it with `to_char(… AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`,
 * followed by `Z` when `zulu`.
 */
export function isCursorTimestamp(value: unknown, zulu: boolean): value is string {
  if (typeof value !== 'string') return false;
  const match = (zulu ? /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z$/ : /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}$/).exec(value);
  return !!match && isCursorDate(match[1]) && Number(match[2]) < 24 && Number(match[3]) < 60 && Number(match[4]) < 60;
}

/** [date, id]: lists sorted by a date column, then by id. */
export const isDateIdKey = (value: unknown): value is [string, string] =>
  Array.isArray(value) && value.length === 2 && isCursorDate(value[0]) && typeof value[1] === 'string' && isUuid(value[1]);

/** [timestamp, id]: lists sorted by a timestamp column, then by id. */
export function isTimestampIdKey(zulu: boolean) {
  return (value: unknown): value is [string, string] =>
    Array.isArray(value) && value.length === 2 && isCursorTimestamp(value[0], zulu) && typeof value[1] === 'string' && isUuid(value[1]);
}

/** What a connection field asks for: `totalCount` or not, and which fields of its nodes (`edges { node { … } }`, `nodes { … }`). */
export interface ConnectionAsks {
  totalCount: boolean;
  /** The names of the node's fields asked for, through fragments and whatever their directives say. */
  nodeFields: ReadonlySet<string>;
  /** Whether any cursor is asked for: an edge's, or the page's first or last. */
  cursors: boolean;
}

/** Whether the connection field being resolved asks for `totalCount` (a count it can skip otherwise). */
export function asksTotalCount(info: GraphQLResolveInfo): boolean {
  return connectionAsks(info).totalCount;
}

/** What the connection field being resolved asks for (see `ConnectionAsks`). */
export function connectionAsks(info: GraphQLResolveInfo): ConnectionAsks {
  // A list nested under a list asks this once per parent, with the same field nodes each time.
  const known = connectionsAsked.get(info.fieldNodes);
  if (known) return known;
  const top = selectedFields(info, info.fieldNodes);
  const edges = selectedFields(info, top.get('edges') ?? []);
  const viaEdges = selectedFields(info, edges.get('node') ?? []);
  const viaNodes = selectedFields(info, top.get('nodes') ?? []);
  const pageInfo = selectedFields(info, top.get('pageInfo') ?? []);
  const asks = {
    totalCount: top.has('totalCount'),
    nodeFields: new Set([...viaEdges.keys(), ...viaNodes.keys()]),
    cursors: edges.has('cursor') || pageInfo.has('startCursor') || pageInfo.has('endCursor'),
  };
  connectionsAsked.set(info.fieldNodes, asks);
  return asks;
}

/** The fields selected under some field nodes, by name (an alias is the same field), fragments spread out. */
function selectedFields(info: GraphQLResolveInfo, fieldNodes: readonly FieldNode[]): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const collect = (set: SelectionSetNode | undefined) => {
    for (const selection of set?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        fields.set(name, [...(fields.get(name) ?? []), selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet);
      else collect(info.fragments[selection.name.value]?.selectionSet);
    }
  };
  for (const node of fieldNodes) collect(node.selectionSet);
  return fields;
}

/** By the field nodes of one execution (a document's own objects: another document has other ones). */
const connectionsAsked = new WeakMap<readonly FieldNode[], ConnectionAsks>();
