import { defineModule } from '../platform/module.js';
import { peopleAbilities, type AbilitiesOf } from './abilities.js';
import { Membership, Organisation, Person, RegietafelSeat } from './entities.js';
import { membershipEvents, PeopleEventSubject } from './membership.events.js';
import {
  EventActorResolver,
  MembershipResolver,
  OrganisationResolver,
  PersonResolver,
  ProvinceRegietafelResolver,
  RegietafelResolver,
  RegietafelSeatResolver,
  ViewerResolver,
} from './people.resolver.js';
import { PeopleService, type PeopleLoaders } from './people.service.js';

export { Ability, Actions, ability, provincesWhere, type AbilitiesOf } from './abilities.js';
export { Membership, Organisation, Person, RegietafelSeat, personRef } from './entities.js';
export { OrganisationKind, RegietafelFunction, Role } from './enums.js';
export { PeopleService } from './people.service.js';

declare module '../platform/context.js' {
  interface Services {
    people: PeopleService;
  }
  interface Loaders extends PeopleLoaders {}
}

declare module '../platform/module.js' {
  interface Contributions {
    /** What a capability adds to `viewer.abilities`. */
    abilities: AbilitiesOf;
  }
}

/** Organisations, people, memberships, regietafel seats and the viewer with what they may do. */
export default defineModule({
  name: 'people',
  resolvers: [
    ViewerResolver,
    MembershipResolver,
    PersonResolver,
    OrganisationResolver,
    RegietafelResolver,
    RegietafelSeatResolver,
    ProvinceRegietafelResolver,
    EventActorResolver,
  ],
  entities: [Organisation, Person, Membership, RegietafelSeat],
  createService: ({ db, contributions }) => new PeopleService(db, contributions.abilities),
  createLoaders: (people) => people.createLoaders(),
  contributes: {
    eventSubjects: { [PeopleEventSubject.MEMBERSHIP]: membershipEvents },
    abilities: peopleAbilities,
  },
});
