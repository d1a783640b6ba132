import { graphql, type ResultOf } from '../app/graphql';

export const AgreementsQuery = graphql(`
  query Agreements($status: AgreementStatus, $provinceCode: ProvinceCode, $after: String) {
    agreements(status: $status, provinceCode: $provinceCode, first: 100, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id locationName opvangtype maxPlaces amvPlaces startDate endDate originalEndDate endedOn status provinceCode
          gemeente { code name }
          extensions { seq }
        }
      }
    }
  }
`);

export const ExpiringQuery = graphql(`
  query ExpiringAgreements($from: LocalDate, $within: Int!) {
    expiringAgreements(from: $from, within: $within) {
      provinceCode
      placesAtStake
      agreements { agreementId gemeenteCode locationName opvangtype places endDate endedEarly extended replacementProposed replacementPlaces }
    }
  }
`);

export const AgreementQuery = graphql(`
  query Agreement($id: ID!) {
    agreement(id: $id) {
      id locationName address opvangtype maxPlaces amvPlaces otherGroupsPlaces startDate endDate originalEndDate signedOn
      endedOn endReason status version provinceCode
      gemeente { code name }
      proposal { id name }
      extensions { seq previousEndDate newEndDate decidedOn recordedAt }
    }
  }
`);

export type Agreement = NonNullable<ResultOf<typeof AgreementQuery>['agreement']>;

/** The proposal an agreement is registered from: what the form starts with. */
export const ProposalForAgreementQuery = graphql(`
  query ProposalForAgreement($id: ID!) {
    locationProposal(id: $id) {
      id name address opvangtype places amvPlaces intendedStart intendedDurationMonths status decision provinceCode
      gemeente { code name }
    }
  }
`);

export const GemeentenQuery = graphql(`
  query GemeentenOfProvince($provinceCode: ProvinceCode!) {
    gemeenten(provinceCode: $provinceCode, first: 500) { edges { node { code name } } }
  }
`);

/** Agreement events of a province: what keeps the agreement pages live. */
export const AgreementActivity = graphql(`
  subscription AgreementActivity($provinceCode: ProvinceCode!) {
    activity(provinceCode: $provinceCode, kinds: [AGREEMENT_REGISTERED, AGREEMENT_EXTENDED, AGREEMENT_ENDED]) { id subjectId kind at actor { id name } }
  }
`);

export const RegisterAgreement = graphql(`
  mutation RegisterAgreement($input: RegisterAgreementInput!) {
    registerAgreement(input: $input) { id version status }
  }
`);

export const ExtendAgreement = graphql(`
  mutation ExtendAgreement($input: ExtendAgreementInput!) {
    extendAgreement(input: $input) { id version endDate }
  }
`);

export const EndAgreement = graphql(`
  mutation EndAgreement($input: EndAgreementInput!) {
    endAgreement(input: $input) { id version status endedOn }
  }
`);

/** Crisisnoodopvang the viewer may see (their gemeente's, or the provinces they oversee), earliest first. */
export const CrisisnoodopvangQuery = graphql(`
  query Crisisnoodopvang($provinceCode: ProvinceCode, $gemeenteCode: String) {
    crisisnoodopvang(provinceCode: $provinceCode, gemeenteCode: $gemeenteCode) {
      id gemeenteCode provinceCode locationName places from until note recordedAt version
      gemeente { code name }
    }
  }
`);

export type CrisisnoodopvangRecord = ResultOf<typeof CrisisnoodopvangQuery>['crisisnoodopvang'][number];

export const RecordCrisisnoodopvangMutation = graphql(`
  mutation RecordCrisisnoodopvang($input: RecordCrisisnoodopvangInput!) {
    recordCrisisnoodopvang(input: $input) { id gemeenteCode provinceCode locationName places from until note recordedAt gemeente { code name } }
  }
`);

/** Crisisnoodopvang recorded or changed in a province, as it happens. */
export const CrisisnoodopvangRecorded = graphql(`
  subscription CrisisnoodopvangRecorded($provinceCode: ProvinceCode) {
    activity(kinds: [CRISISNOODOPVANG_RECORDED, CRISISNOODOPVANG_CHANGED], provinceCode: $provinceCode) { id at provinceCode actor { id name } }
  }
`);

export const UpdateCrisisnoodopvangMutation = graphql(`
  mutation UpdateCrisisnoodopvang($input: UpdateCrisisnoodopvangInput!) {
    updateCrisisnoodopvang(input: $input) { id places from until version }
  }
`);
