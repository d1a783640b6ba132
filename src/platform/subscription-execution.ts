import {
  createSourceEventStream,
  execute,
  print,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import type { Principal } from './auth/principal.js';
import type { RequestContext } from './context.js';
import { contextForExecution } from './module.js';

/**
 * Marks a field whose value depends on the person asking, not only on their roles and seats (their own comment, what
 * they have not read, their own membership): `@Extensions(PERSONAL_FIELD)` next to its resolver. A subscription whose
 * selection touches one is executed for each subscriber alone. Any field that reads `principal.personId` or
 * `principal.subject` (directly or through a policy that does) must carry it.
 */
export const PERSONAL_FIELD = { personal: true } as const;

/**
 * The subscription part of graphql-ws's execution (its `subscribe` option), executing each event's payload once per
 * group of subscribers that see alike and sharing the result among them: the same payload object (an event's subject,
 * read once for all), the same document, operation and variables, and principals with equal roles, organisations and
 * seats (`visibilityKey`). Field resolvers decide what to show from exactly that (their policies read the principal's
 * memberships and seats) or are marked `PERSONAL_FIELD`, in which case every subscriber gets an execution of its own.
 * A payload that differs per subscriber (an event redacted for one person) is another object: it is never shared.
 */
export async function subscribeSharing(args: ExecutionArgs): Promise<AsyncIterable<ExecutionResult> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!isAsyncIterable(stream)) return stream;
  const principal = (args.contextValue as { principal?: Principal } | undefined)?.principal;
  const shareable = principal && !touchesPersonalField(args.schema, args.document);
  // Fixed for the subscription: what it asks. Who asks is read per event (their rights may change meanwhile).
  const asked = shareable ? `${documentText(args.document)}\u0000${args.operationName ?? ''}\u0000${JSON.stringify(args.variableValues ?? {})}` : '';
  // The group's key, made again only when the subscriber's rights were read again (a new visibility key).
  let keyFor = { visibility: '', key: '' };
  const groupKey = (visibility: string) => (keyFor.visibility === visibility ? keyFor.key : (keyFor = { visibility, key: `${asked}\u0000${visibility}` }).key);
  return mapResults(stream[Symbol.asyncIterator](), (payload) => {
    // Each event is executed with fresh loaders: what an earlier event read is not what is true now.
    const run = () => execute({ ...args, rootValue: payload, contextValue: contextForExecution(args.contextValue as RequestContext) });
    if (!shareable || typeof payload !== 'object' || payload === null) return run();
    let results = executionsOf.get(payload);
    if (!results) executionsOf.set(payload, (results = new Map()));
    const key = groupKey(visibilityKey(principal));
    let result = results.get(key);
    if (!result) results.set(key, (result = Promise.resolve(run())));
    return result;
  });
}

/** Executions of a payload, by group: kept as long as the payload is (until its last subscriber has it). */
const executionsOf = new WeakMap<object, Map<string, Promise<ExecutionResult>>>();

/**
 * What decides what a principal may see, and nothing of who they are: their memberships (role, organisation,
 * province, gemeente, region and the provinces it reaches; not the membership's own id), their seats, and whether
 * they are a known person at all. Canonical: the same rights in another order give the same key.
 */
export function visibilityKey(principal: Principal): string {
  const cached = keys.get(principal.memberships);
  if (cached && cached.seats === principal.seatProvinceCodes && cached.person === (principal.personId !== null)) return cached.key;
  const memberships = principal.memberships
    .map((m) => JSON.stringify([m.role, m.organisationId, m.organisationAbbreviation, m.provinceCode, m.gemeenteCode, m.uitplaatsingsregioNumber, [...m.provinceCodes].sort()]))
    .sort();
  const key = JSON.stringify([principal.personId !== null, [...new Set(memberships)], [...new Set(principal.seatProvinceCodes)].sort()]);
  keys.set(principal.memberships, { seats: principal.seatProvinceCodes, person: principal.personId !== null, key });
  return key;
}

/** Keyed by the memberships array: a principal whose rights are read again gets a new one. */
const keys = new WeakMap<object, { seats: readonly string[]; person: boolean; key: string }>();

/** Whether the document selects a field marked `PERSONAL_FIELD` anywhere (fragments included). */
export function touchesPersonalField(schema: GraphQLSchema, document: DocumentNode): boolean {
  let personal = false;
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        if (typeInfo.getFieldDef()?.extensions?.personal) personal = true;
      },
    }),
  );
  return personal;
}

const texts = new WeakMap<DocumentNode, string>();
function documentText(document: DocumentNode): string {
  let text = texts.get(document);
  if (text === undefined) texts.set(document, (text = print(document)));
  return text;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === 'function';
}

/** As graphql-js maps a source stream to its results: ending the results ends the source at once. */
function mapResults(source: AsyncIterator<unknown>, map: (payload: unknown) => ExecutionResult | Promise<ExecutionResult>): AsyncGenerator<ExecutionResult, void, void> {
  const close = async () => {
    await source.return?.();
  };
  // Once per subscriber per event: one async step (an iterator's next() returns a promise; it does not throw).
  const mapped = async (pending: Promise<IteratorResult<unknown>>): Promise<IteratorResult<ExecutionResult, void>> => {
    const step = await pending;
    if (step.done) return { value: undefined, done: true };
    try {
      return { value: await map(step.value), done: false };
    } catch (error) {
      await close().catch(() => {});
      throw error;
    }
  };
  const results: AsyncGenerator<ExecutionResult, void, void> = {
    next: () => mapped(source.next()),
    return: async () => {
      await close();
      return { value: undefined, done: true };
    },
    throw: async (error) => {
      if (typeof source.throw === 'function') return mapped(source.throw(error));
      await close();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return results;
    },
  } as AsyncGenerator<ExecutionResult, void, void>;
  return results;
}
