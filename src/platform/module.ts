import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { RequestContext, Loaders, Services } from './context.js';
import type { Config } from './config.js';
import type { Logger } from './logger.js';
import type { Principal } from './auth/principal.js';

/**
 * What capabilities offer one another through the module list: comment subjects, event subjects, abilities.
 * The capability that consumes a kind declares it here by declaration merging (`declare module
 * '../platform/module.js' { interface Contributions { … } }`), so the platform names none of them.
 */
export interface Contributions {}

/** Every module's contributions of each kind, in module order. */
export type CollectedContributions = { [K in keyof Contributions]: Contributions[K][] };

/** Live delivery of events: the server has it; command-line tools do not. */
export interface LiveOptions {
  databaseUrl: string;
  /** Events waiting for one subscription before it is ended (LIMIT_SUBSCRIPTION_BACKLOG). */
  maxPending: number;
  /** The connection that delivers events was lost and could not be made again at once. */
  onConnectionLost(): void;
}

export interface ServiceDeps {
  db: DataSource;
  log: Logger;
  /** The services of the modules listed before this one. */
  services: Services;
  contributions: CollectedContributions;
  live: LiveOptions | null;
  /** Settings of the domain from the configuration (defaults when left out, as in the command-line tools). */
  domain?: Config['domain'];
}

/** An authenticated GET route that answers a file (the CSV exports under /export/<name>.csv). */
export interface ExportRoute {
  name: string;
  /** The query parameters it takes; any other is refused, so a misspelt one never exports everything. */
  parameters: readonly string[];
  produce(context: { principal: Principal; services: Services }, query: Partial<Record<string, string>>): Promise<string>;
}

/**
 * One capability, described once: its resolvers, entities, service and loaders, what it contributes to others
 * and its HTTP routes. `src/modules.ts` lists them; the server, the schema and the request context are built
 * from that list.
 */
export interface Module<K extends keyof Services = keyof Services> {
  /** The key of its service in `RequestContext.services`. */
  name: K;
  resolvers: readonly Function[];
  /** TypeORM entities it reads through repositories. */
  entities?: readonly Function[];
  createService(deps: ServiceDeps): Services[K];
  /** Fresh per operation, for the operation's principal (a loader whose answer depends on who asks may use it). */
  createLoaders?(service: Services[K], principal: Principal): Partial<Loaders>;
  /** Started with the server, stopped after its drain. */
  start?(service: Services[K]): Promise<void>;
  stop?(service: Services[K]): Promise<void>;
  contributes?: { [C in keyof Contributions]?: Contributions[C] };
  exports?: readonly ExportRoute[];
}

export function defineModule<K extends keyof Services>(module: Module<K>): Module<K> {
  return module;
}

export type AnyModule = Module<any>;

export function collectContributions(modules: readonly AnyModule[]): CollectedContributions {
  const collected: Record<string, unknown[]> = {};
  for (const module of modules) {
    for (const [kind, contribution] of Object.entries(module.contributes ?? {})) (collected[kind] ??= []).push(contribution);
  }
  return new Proxy(collected, { get: (target, kind: string) => target[kind] ?? [] }) as unknown as CollectedContributions;
}

/** The services of all modules, made in list order (a module may use the services listed before it). */
export function createServices(modules: readonly AnyModule[], deps: Omit<ServiceDeps, 'services' | 'contributions'>): Services {
  const services = {} as Record<string, unknown>;
  const contributions = collectContributions(modules);
  for (const module of modules) services[module.name] = module.createService({ ...deps, services: services as unknown as Services, contributions });
  return services as unknown as Services;
}

/**
 * What every resolver gets for one operation: loaders from every module, over the server's services. The loaders
 * and the request's logger are made when a resolver first asks for them: an operation that needs neither (`{
 * __typename }`, most subscription events) makes neither, and a subscription held open for hours holds neither.
 */
export function createRequestContext(options: {
  modules: readonly AnyModule[];
  db: DataSource;
  services: Services;
  log: Logger;
  principal: Principal;
  requestId?: string;
}): RequestContext {
  return new OperationContext(options.modules, options.log, options.requestId ?? randomUUID(), options.principal, options.db, options.services);
}

/**
 * The context of one execution of an operation: a subscription's operation is executed once per event, and each
 * execution must read the data as it is then, so it gets fresh loaders (`forExecution`), never the cache of an
 * earlier event. A subscription's `resolve` reads what an event is about through it for the same reason.
 */
export function contextForExecution(context: RequestContext): RequestContext {
  return context instanceof OperationContext ? context.forExecution() : context;
}

class OperationContext implements RequestContext {
  private madeLoaders?: Loaders;
  private madeLog?: Logger;

  constructor(
    private readonly modules: readonly AnyModule[],
    private readonly serverLog: Logger,
    readonly requestId: string,
    readonly principal: Principal,
    readonly db: DataSource,
    readonly services: Services,
  ) {}

  get log(): Logger {
    return (this.madeLog ??= this.serverLog.child({ requestId: this.requestId, subject: this.principal.subject }));
  }

  get loaders(): Loaders {
    if (!this.madeLoaders) {
      const loaders = {} as Loaders;
      for (const module of this.modules) Object.assign(loaders, module.createLoaders?.(this.services[module.name as keyof Services], this.principal));
      this.madeLoaders = loaders;
    }
    return this.madeLoaders;
  }

  forExecution(): OperationContext {
    return new OperationContext(this.modules, this.serverLog, this.requestId, this.principal, this.db, this.services);
  }
}

export const resolversOf = (modules: readonly AnyModule[]) => modules.flatMap((module) => module.resolvers);
export const entitiesOf = (modules: readonly AnyModule[]) => modules.flatMap((module) => module.entities ?? []);
export const exportsOf = (modules: readonly AnyModule[]) => modules.flatMap((module) => module.exports ?? []);
