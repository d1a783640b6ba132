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
      viewerActions
      targetDate
      returnReason
      updatedAt
      updatedBy { id name }
      province { code name }
      lines {
        id opvangtypes targetDate minPlaces maxPlaces note realised
        regions { name minPlaces maxPlaces gemeenten { code name } }
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
          before { id opvangtypes targetDate minPlaces maxPlaces note regions { name minPlaces maxPlaces gemeenten { code name } } }
          after { id opvangtypes targetDate minPlaces maxPlaces note regions { name minPlaces maxPlaces gemeenten { code name } } }
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


/** What the editor needs of a plan: the saved values, the comparisons beside them, and what the viewer may do. */
export const EditablePlanFields = graphql(`
  fragment EditablePlanFields on ProvincialPlan {
    id
    title
    status
    version
    targetDate
    returnReason
    viewerActions
    updatedAt
    updatedBy { id name }
    province { code name }
    round { code name targetFrom targetUntil }
    lines {
      id opvangtypes targetDate minPlaces maxPlaces note realised
      regions { name minPlaces maxPlaces gemeenten { code name } }
      comparison { opvangtypes dueDate opgave planned { min max } shortfall { min max } realised }
    }
    sections { context regionalAllocation timeline vergunninghouders }
    gaps { opvangtypes dueDate opgave planned { min max } shortfall { min max } realised pipeline }
    revisions { version createdAt kind status summary author { id name } }
  }
`);

export const EditPlanQuery = graphql(
  `
  query EditPlan($id: ID!) {
    viewer { subject name }
    opvangtypes { code name flexibleSystem }
    provincialPlan(id: $id) { ...EditablePlanFields }
  }
`,
  [EditablePlanFields],
);

export type EditablePlan = ResultOf<typeof EditablePlanFields>;

export const ProvinceGemeentenQuery = graphql(`
  query ProvinceGemeenten($code: ProvinceCode!) {
    gemeenten(provinceCode: $code, first: 500) { edges { node { code name } } }
  }
`);

export const UpdatePlanMutation = graphql(
  `
  mutation UpdatePlan($input: UpdateProvincialPlanInput!) {
    updateProvincialPlan(input: $input) { ...EditablePlanFields }
  }
`,
  [EditablePlanFields],
);


export const CreatePlanMutation = graphql(`
  mutation CreatePlan($input: CreateProvincialPlanInput!) {
    createProvincialPlan(input: $input) { id title version status }
  }
`);

export const SubmitPlanMutation = graphql(`
  mutation SubmitPlan($input: PlanTransitionInput!) {
    submitProvincialPlan(input: $input) { id version status viewerActions updatedAt updatedBy { id name } }
  }
`);

export const AdoptPlanMutation = graphql(`
  mutation AdoptPlan($input: PlanTransitionInput!) {
    adoptProvincialPlan(input: $input) { id version status viewerActions updatedAt updatedBy { id name } }
  }
`);

export const ReturnPlanMutation = graphql(`
  mutation ReturnPlan($input: ReturnProvincialPlanInput!) {
    returnProvincialPlan(input: $input) { id version status returnReason viewerActions updatedAt updatedBy { id name } }
  }
`);


export const EditAbilityQuery = graphql(`
  query EditAbility {
    viewer { abilities { action national provinceCodes } }
  }
`);
