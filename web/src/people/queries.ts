import { graphql, readFragment, type FragmentOf } from '../app/graphql';

export const MembershipFields = graphql(`
  fragment MembershipFields on Membership {
    id
    role
    active
    provinceCodes
    person { id name subject }
    organisation { id name abbreviation }
    province { code name }
    gemeente { code name province { code } }
    uitplaatsingsregio { number name }
    grantedAt
    grantedBy { id name }
    grantReason
    revokedAt
    revokedBy { id name }
    revokeReason
  }
`);

export const MembershipsQuery = graphql(
  `
    query Memberships($provinceCode: ProvinceCode, $role: Role, $includeRevoked: Boolean!, $after: String) {
      memberships(provinceCode: $provinceCode, role: $role, includeRevoked: $includeRevoked, first: 50, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { ...MembershipFields } }
      }
    }
  `,
  [MembershipFields],
);

export type MembershipRow = ReturnType<typeof membershipRow>;

/** A membership's fields, as the fragment reads them. */
export function membershipRow(data: FragmentOf<typeof MembershipFields>) {
  return readFragment(MembershipFields, data);
}

/** People regietafel knows (through any membership, also a revoked one), to grant one of them a further role. */
export const KnownPeopleQuery = graphql(`
  query KnownPeople {
    memberships(includeRevoked: true, first: 500) { edges { node { id person { id name subject } } } }
  }
`);

export const ScopeChoicesQuery = graphql(`
  query ScopeChoices {
    provinces { code name }
    uitplaatsingsregios { number name provinces { code name } }
    nationalOrganisations { id kind name abbreviation }
  }
`);

export const GemeentenOfProvinceQuery = graphql(`
  query GemeentenOfProvince($provinceCode: ProvinceCode!) {
    gemeenten(provinceCode: $provinceCode, first: 500) { edges { node { code name } } }
  }
`);

export const GrantMembershipMutation = graphql(
  `
    mutation GrantMembership($input: GrantMembershipInput!) {
      grantMembership(input: $input) { ...MembershipFields }
    }
  `,
  [MembershipFields],
);

export const RevokeMembershipMutation = graphql(
  `
    mutation RevokeMembership($input: RevokeMembershipInput!) {
      revokeMembership(input: $input) { ...MembershipFields }
    }
  `,
  [MembershipFields],
);

/** Memberships granted or revoked, as it happens (a province, or the whole country for IPO and LRT). */
export const MembershipChanged = graphql(`
  subscription MembershipChanged($provinceCode: ProvinceCode) {
    activity(kinds: [MEMBERSHIP_GRANTED, MEMBERSHIP_REVOKED], provinceCode: $provinceCode) { id at kind }
  }
`);
