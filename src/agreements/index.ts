import { defineModule } from '../platform/module.js';
import { agreementAbilities } from './agreement.abilities.js';
import { AgreementCommentSubject, agreementCommentSubject } from './agreement.comments.js';
import { AgreementEventSubject, agreementEvents } from './agreement.events.js';
import { AgreementResolver, ProposalAgreementResolver, ProvinceCapacityResolver } from './agreement.resolver.js';
import { AgreementService, type AgreementLoaders } from './agreement.service.js';
import { CrisisnoodopvangResolver } from './crisisnoodopvang.js';

export { AgreementEventSubject } from './agreement.events.js';
export { agreementPolicy } from './agreement.policy.js';
export { AgreementService } from './agreement.service.js';
export { AgreementStatus, agreementStatus, lastDay } from './status.js';
export { Agreement } from './types.js';

declare module '../platform/context.js' {
  interface Services {
    agreements: AgreementService;
  }
  interface Loaders extends AgreementLoaders {}
}

/** Bestuursovereenkomsten with their extensions, and the gemeenten' crisisnoodopvang: realised capacity. */
export default defineModule({
  name: 'agreements',
  resolvers: [AgreementResolver, ProvinceCapacityResolver, ProposalAgreementResolver, CrisisnoodopvangResolver],
  createService: ({ db, services }) => new AgreementService(db, services.proposals),
  createLoaders: (agreements) => agreements.createLoaders(),
  contributes: {
    eventSubjects: { [AgreementEventSubject.AGREEMENT]: agreementEvents, [AgreementEventSubject.CRISISNOODOPVANG]: agreementEvents },
    commentSubjects: { [AgreementCommentSubject.AGREEMENT]: agreementCommentSubject },
    abilities: agreementAbilities,
  },
});
