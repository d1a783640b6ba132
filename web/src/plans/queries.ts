import { graphql, type ResultOf } from '../app/graphql';

export const ProvincePlansQuery = graphql(`
  query ProvincePlans($code: ProvinceCode!) {
    province(code: $code) {
      code
      plans { id title status version updatedAt updatedBy { id name } }
    }
  }
`);


export const PlanQuery = graphql(`
  query ProvincialPlan($id: ID!) {
    provincialPlan(id: $id) {
      id
      title
      status
      version
      targetDate
      returnReason
      updatedAt
      updatedBy { id name }
      province { code name }
      lines {
        id opvangtypes targetDate minPlaces maxPlaces note realised
        comparison { opvangtypes dueDate opgave planned { min max } shortfall { min max } realised }
      }
      sections { context regionalAllocation timeline vergunninghouders }
      gaps { opvangtypes dueDate opgave planned { min max } shortfall { min max } realised pipeline }
      revisions { version createdAt kind status summary author { id name } }
    }
  }
`);

export type Plan = NonNullable<ResultOf<typeof PlanQuery>['provincialPlan']>;

export const PlanDiffQuery = graphql(`
  query PlanDiff($id: ID!, $from: Int!, $to: Int!) {
    provincialPlan(id: $id) {
      id
      diff(fromVersion: $from, toVersion: $to) {
        fromVersion
        toVersion
        fields { field before after }
        lines {
          lineId
          kind
          fields
          before { id opvangtypes targetDate minPlaces maxPlaces note }
          after { id opvangtypes targetDate minPlaces maxPlaces note }
        }
      }
    }
  }
`);

export type PlanDiff = NonNullable<ResultOf<typeof PlanDiffQuery>['provincialPlan']>['diff'];

export const PlanChanged = graphql(`
  subscription PlanChanged($id: ID!) {
    planChanged(planId: $id) { id version updatedAt updatedBy { id name } }
  }
`);

