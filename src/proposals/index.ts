import { defineModule } from '../platform/module.js';
import { proposalAbilities } from './proposal.abilities.js';
import { ProposalCommentSubject, proposalCommentSubject } from './proposal.comments.js';
import { ProposalEventSubject, proposalEvents } from './proposal.events.js';
import { GemeenteProposalsResolver, LocationProposalResolver, ProposalTransitionResolver, ProvinceProposalsResolver } from './proposal.resolver.js';
import { ProposalService, type ProposalLoaders } from './proposal.service.js';

export { ProposalEventSubject } from './proposal.events.js';
export { proposalPolicy } from './proposal.policy.js';
export { ProposalService, type PipelineEntry } from './proposal.service.js';
export { ProposalAction, ProposalStatus, SMALL_SCALE_MAX_PLACES } from './status.js';
export { LocationProposal, ProposalDecision } from './types.js';

declare module '../platform/context.js' {
  interface Services {
    proposals: ProposalService;
  }
  interface Loaders extends ProposalLoaders {}
}

/** Location proposals from gemeenten through COA's review to the gemeente's decision. */
export default defineModule({
  name: 'proposals',
  resolvers: [LocationProposalResolver, ProposalTransitionResolver, ProvinceProposalsResolver, GemeenteProposalsResolver],
  createService: ({ db, domain }) => new ProposalService(db, domain?.smallScaleMaxPlaces),
  createLoaders: (proposals, principal) => proposals.createLoaders(principal),
  contributes: {
    eventSubjects: { [ProposalEventSubject.LOCATION_PROPOSAL]: proposalEvents },
    commentSubjects: { [ProposalCommentSubject.LOCATION_PROPOSAL]: proposalCommentSubject },
    abilities: proposalAbilities,
  },
});
