import { graphql, type ResultOf } from '../app/graphql';

export const ProvinceOpgaveQuery = graphql(`
  query ProvinceOpgave($code: ProvinceCode!) {
    province(code: $code) {
      code
      name
      opgave { id opvangtype total dueDate places source version setAt setBy { id name } }
    }
  }
`);

export type OpgaveFigure = NonNullable<ResultOf<typeof ProvinceOpgaveQuery>['province']>['opgave'][number];

export const SetOpgaveMutation = graphql(`
  mutation SetOpgave($input: SetOpgaveInput!) {
    setOpgave(input: $input) { id opvangtype total dueDate places source version setAt setBy { id name } }
  }
`);

/** Every new or changed opgave figure of a province, as it happens. */
export const OpgaveSet = graphql(`
  subscription OpgaveSet($provinceCode: ProvinceCode) {
    activity(kinds: [OPGAVE_SET], provinceCode: $provinceCode) { id at provinceCode actor { id name } }
  }
`);

/** The plans of every province the viewer may see; the page keeps those waiting for the LRT (INGEDIEND). */
export const AllPlansQuery = graphql(`
  query AllPlans {
    provinces {
      code
      name
      plans { id title status version updatedAt updatedBy { id name } }
    }
  }
`);

/** Plans moving between statuses anywhere: the list of plans waiting for the LRT follows them. */
export const PlanMoved = graphql(`
  subscription PlanMoved {
    activity(kinds: [PLAN_SUBMITTED, PLAN_ADOPTED, PLAN_RETURNED]) { id at provinceCode }
  }
`);

/** The history of a province's short-term target (earliest decision first). */
export const ShortTermTargetsQuery = graphql(`
  query ShortTermTargets($code: ProvinceCode!) {
    shortTermTargets(provinceCode: $code) { id places periodFrom periodUntil decidedOn source setAt setBy { id name } }
  }
`);

export type ShortTermTargetFigure = ResultOf<typeof ShortTermTargetsQuery>['shortTermTargets'][number];

export const ReviseShortTermTargetMutation = graphql(`
  mutation ReviseShortTermTarget($input: ReviseShortTermTargetInput!) {
    reviseShortTermTarget(input: $input) { id places periodFrom periodUntil decidedOn source setAt setBy { id name } }
  }
`);

/** Every revision of the province's short-term target, as it happens. */
export const ShortTermTargetRevised = graphql(`
  subscription ShortTermTargetRevised($provinceCode: ProvinceCode) {
    activity(kinds: [SHORT_TERM_TARGET_REVISED], provinceCode: $provinceCode) { id at provinceCode actor { id name } }
  }
`);
