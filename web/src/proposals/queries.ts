import { graphql, type ResultOf } from '../app/graphql';

/** The proposals one may see, with what a list row shows; newest first, 100 a page. */
export const ProposalsQuery = graphql(`
  query LocationProposals($status: ProposalStatus, $gemeenteCode: String, $provinceCode: ProvinceCode, $after: String) {
    locationProposals(status: $status, gemeenteCode: $gemeenteCode, provinceCode: $provinceCode, first: 100, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges {
        node {
          id name status version opvangtype places amvPlaces smallScale updatedAt provinceCode decision
          gemeente { code name }
          reviewer { id name }
          transitions { at toStatus }
        }
      }
    }
  }
`);

export type ProposalRow = ResultOf<typeof ProposalsQuery>['locationProposals']['edges'][number]['node'];

export const ProposalQuery = graphql(`
  query LocationProposal($id: ID!) {
    locationProposal(id: $id) {
      id name address opvangtype places amvPlaces smallScale intendedStart intendedDurationMonths flexibleUse description
      status version decision advice createdAt updatedAt provinceCode viewerActions commentsCount
      gemeente { code name }
      province { code name }
      reviewer { id name }
      agreement { id locationName startDate endDate maxPlaces status }
      transitions { at fromStatus toStatus reason version by { id name } }
    }
  }
`);

export type Proposal = NonNullable<ResultOf<typeof ProposalQuery>['locationProposal']>;

/** Who may explore a proposal: the COA contacts of its province's region (the API decides whom one may see). */
export const CoaContactsQuery = graphql(`
  query CoaContacts($provinceCode: ProvinceCode!) {
    memberships(role: COA_REGIO, provinceCode: $provinceCode, first: 100) {
      edges { node { id person { id name } uitplaatsingsregio { number name } } }
    }
  }
`);

export const ProposalChanged = graphql(`
  subscription ProposalChanged($provinceCode: ProvinceCode!) {
    proposalChanged(provinceCode: $provinceCode) { id version status decision updatedAt transitions { version by { id name } } }
  }
`);

export const CreateProposal = graphql(`
  mutation CreateLocationProposal($input: CreateLocationProposalInput!) {
    createLocationProposal(input: $input) { id version status }
  }
`);

export const UpdateProposal = graphql(`
  mutation UpdateLocationProposal($input: UpdateLocationProposalInput!) {
    updateLocationProposal(input: $input) { id version status }
  }
`);

export const SubmitProposal = graphql(`
  mutation SubmitLocationProposal($input: ProposalTransitionInput!) {
    submitLocationProposal(input: $input) { id version status }
  }
`);

export const WithdrawProposal = graphql(`
  mutation WithdrawLocationProposal($input: ProposalTransitionInput!) {
    withdrawLocationProposal(input: $input) { id version status }
  }
`);

export const StartExploration = graphql(`
  mutation StartExploration($input: StartExplorationInput!) {
    startExploration(input: $input) { id version status reviewer { id name } }
  }
`);

export const AdviseProposal = graphql(`
  mutation AdviseLocationProposal($input: AdviseLocationProposalInput!) {
    adviseLocationProposal(input: $input) { id version status advice }
  }
`);

export const DecideProposal = graphql(`
  mutation DecideLocationProposal($input: DecideLocationProposalInput!) {
    decideLocationProposal(input: $input) { id version status decision }
  }
`);

/** The person behind the token (to offer "yourself" among the COA contacts). */
export const MeQuery = graphql(`
  query Me {
    viewer { person { id name } }
  }
`);
