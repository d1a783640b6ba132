import { graphql, type ResultOf } from '../app/graphql';

const EventFields = graphql(`
  fragment EventFields on Event {
    id
    at
    kind
    subjectType
    subjectId
    provinceCode
    subjectStatus
    actor { id name }
    before
    after
  }
`);

export const AuditTrailQuery = graphql(
  `
    query AuditTrail($subjectId: ID!) {
      auditTrail(subjectId: $subjectId) { ...EventFields }
    }
  `,
  [EventFields],
);

export const RecentEventsQuery = graphql(
  `
    query RecentEvents($provinceCodes: [ProvinceCode!], $before: String, $first: Int) {
      recentEvents(provinceCodes: $provinceCodes, before: $before, first: $first) {
        events { ...EventFields }
        endCursor
        hasMore
      }
    }
  `,
  [EventFields],
);

export const ActivitySubscription = graphql(
  `
    subscription Activity($provinceCode: ProvinceCode) {
      activity(provinceCode: $provinceCode) { ...EventFields }
    }
  `,
  [EventFields],
);

export { EventFields };
export type ActivityEvent = ResultOf<typeof EventFields>;

/** The events of one province (of the kinds given, or all): a page filters them by subject to stay live. */
export const SubjectActivity = graphql(`
  subscription SubjectActivity($provinceCode: ProvinceCode, $kinds: [EventKind!]) {
    activity(provinceCode: $provinceCode, kinds: $kinds) { id kind subjectId actor { id name } }
  }
`);
