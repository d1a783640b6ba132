import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { maskUnexpectedErrors } from './platform/error-masking.js';
import { GemeenteResolver, OpvangtypeResolver, ProvinceResolver, UitplaatsingsregioResolver } from './reference/reference.resolver.js';
import {
  MembershipResolver,
  OrganisationResolver,
  PersonResolver,
  ProvinceRegietafelResolver,
  RegietafelResolver,
  RegietafelSeatResolver,
  ViewerResolver,
} from './people/people.resolver.js';
import {
  CapacityLineResolver,
  OpgaveResolver,
  PlanRevisionResolver,
  ProvincePlansResolver,
  ProvincialPlanResolver,
  RegionShareResolver,
} from './plans/plan.resolver.js';
import { CommentResolver } from './comments/comment.resolver.js';
import { GemeenteProposalsResolver, LocationProposalResolver, ProposalTransitionResolver, ProvinceProposalsResolver } from './proposals/proposal.resolver.js';
import { AgreementResolver, ProvinceCapacityResolver } from './agreements/agreement.resolver.js';
import { EventResolver } from './events/event.resolver.js';
import { MonitoringResolver } from './monitoring/monitoring.resolver.js';

const resolvers = [
  ProvinceResolver,
  GemeenteResolver,
  UitplaatsingsregioResolver,
  OpvangtypeResolver,
  ViewerResolver,
  MembershipResolver,
  PersonResolver,
  OrganisationResolver,
  RegietafelResolver,
  RegietafelSeatResolver,
  ProvinceRegietafelResolver,
  ProvincialPlanResolver,
  CapacityLineResolver,
  RegionShareResolver,
  PlanRevisionResolver,
  ProvincePlansResolver,
  OpgaveResolver,
  CommentResolver,
  LocationProposalResolver,
  ProposalTransitionResolver,
  ProvinceProposalsResolver,
  GemeenteProposalsResolver,
  AgreementResolver,
  ProvinceCapacityResolver,
  EventResolver,
  MonitoringResolver,
] as const;

export function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    validate: { forbidUnknownValues: false },
    globalMiddlewares: [maskUnexpectedErrors],
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
}

/** The SDL committed as schema/schema.graphql. */
export function printAppSchema(schema: GraphQLSchema): string {
  return printSchema(lexicographicSortSchema(schema)) + '\n';
}
