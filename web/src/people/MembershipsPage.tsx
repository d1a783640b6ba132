import { FormFieldSelect, Heading, Paragraph, SecondaryActionButton, SelectOption, TableCell, TableRow } from '@rijkshuisstijl-community/components-react';
import { useState } from 'react';
import { useQuery, useSubscription } from 'urql';
import { ErrorAlert } from '../app/ErrorAlert';
import { ViewerQuery } from '../app/Home';
import { LiveIndicator } from '../app/LiveIndicator';
import { Loading } from '../app/Loading';
import { formatDateTime, formatNumber, PROVINCE_CODES, provinceName, ROLE_NAMES } from '../app/format';
import { HeaderCell, ListTable, Section } from '../app/table';
import { usePageTitle } from '../app/usePageTitle';
import { may } from '../opgave/abilities';
import { useRefetchOn } from '../opgave/useRefetchOn';
import { GrantForm } from './GrantForm';
import { MembershipChanged, membershipRow, MembershipsQuery, type MembershipRow } from './queries';
import { RevokeForm } from './RevokeForm';

const ROLES = Object.keys(ROLE_NAMES);

/** Where a membership applies, as people read it. */
export function scopeLabel(membership: MembershipRow): string {
  if (membership.gemeente) return `Gemeente ${membership.gemeente.name} (${provinceName(membership.gemeente.province.code)})`;
  if (membership.province) return `Provincie ${membership.province.name}`;
  if (membership.uitplaatsingsregio) return `Uitplaatsingsregio ${membership.uitplaatsingsregio.number} (${membership.uitplaatsingsregio.name})`;
  if (membership.role === 'PARTNER' || membership.role === 'LRT') return `Landelijk, namens ${membership.organisation.abbreviation ?? membership.organisation.name}`;
  return 'Landelijk';
}

export function roleName(role: string): string {
  return ROLE_NAMES[role] ?? role;
}

/**
 * Who has which role where, with revoked roles on request (who revoked them, when and why, as far as the API shows
 * it). Those who may manage memberships (LRT) grant and revoke roles here; the others only read.
 */
export function MembershipsPage() {
  const title = 'Lidmaatschappen';
  usePageTitle(title);
  const [viewer] = useQuery({ query: ViewerQuery });
  const abilities = viewer.data?.viewer.abilities;
  const reading = abilities?.find((a) => a.action === 'READ_MEMBERSHIPS');
  const manages = may(abilities, 'MANAGE_MEMBERSHIPS');
  const [province, setProvince] = useState('');
  const [role, setRole] = useState('');
  const [includeRevoked, setIncludeRevoked] = useState(false);
  /** The cursors of the pages before this one (a page holds 50, the API's default). */
  const [pages, setPages] = useState<string[]>([]);
  const filter = <T,>(set: (value: T) => void) => (value: T) => {
    set(value);
    setPages([]);
  };
  const [revoking, setRevoking] = useState<MembershipRow | null>(null);
  const [{ data, error, fetching }, reexecute] = useQuery({
    query: MembershipsQuery,
    variables: { provinceCode: (province || null) as never, role: (role || null) as never, includeRevoked, after: pages.at(-1) ?? null },
    pause: !reading,
  });
  // Following changes needs a province, except for those who follow the whole country.
  const follows = Boolean(reading && (reading.national || province));
  const [live] = useSubscription({ query: MembershipChanged, variables: { provinceCode: (province || null) as never }, pause: !follows });
  useRefetchOn(live.data?.activity.id, reexecute);

  const provinces = reading ? PROVINCE_CODES.filter((code) => reading.national || reading.provinceCodes.includes(code)) : [];
  const memberships = data?.memberships.edges.map((edge) => membershipRow(edge.node));
  return (
    <>
      <div className="page-heading">
        <Heading level={1}>{title}</Heading>
        {follows ? <LiveIndicator subscriptionError={live.error} /> : null}
      </div>
      {viewer.data && !reading ? <Paragraph>U mag niet inzien wie welke rol heeft.</Paragraph> : null}
      {reading ? (
        <>
          <Paragraph>Wie welke rol heeft, en waar. {manages ? 'U kunt rollen toekennen en intrekken, steeds met een reden.' : ''}</Paragraph>
          <form className="filters" role="search" aria-label="Lidmaatschappen filteren" onSubmit={(event) => event.preventDefault()}>
            <FormFieldSelect label="Provincie" name="provincie" value={province} onChange={(event) => filter(setProvince)(event.target.value)}>
              <SelectOption value="">{reading.national ? 'Alle provincies en landelijk' : 'Al mijn provincies'}</SelectOption>
              {provinces.map((code) => (
                <SelectOption key={code} value={code}>
                  {provinceName(code)}
                </SelectOption>
              ))}
            </FormFieldSelect>
            <FormFieldSelect label="Rol" name="rol" value={role} onChange={(event) => filter(setRole)(event.target.value)}>
              <SelectOption value="">Alle rollen</SelectOption>
              {ROLES.map((code) => (
                <SelectOption key={code} value={code}>
                  {roleName(code)}
                </SelectOption>
              ))}
            </FormFieldSelect>
            <label className="checkbox-label">
              <input type="checkbox" checked={includeRevoked} onChange={(event) => filter(setIncludeRevoked)(event.target.checked)} /> Ook ingetrokken lidmaatschappen tonen
            </label>
          </form>
          <ErrorAlert error={error} />
          {fetching && !data ? <Loading what="de lidmaatschappen" /> : null}
          {memberships ? (
            <MembershipTable memberships={memberships} first={pages.length * 50 + 1} total={data!.memberships.totalCount} onRevoke={manages ? setRevoking : undefined} />
          ) : null}
          {data && (pages.length > 0 || data.memberships.pageInfo.hasNextPage) ? (
            <div className="button-row">
              {pages.length > 0 ? (
                <SecondaryActionButton type="button" onClick={() => setPages(pages.slice(0, -1))}>
                  Vorige 50
                </SecondaryActionButton>
              ) : null}
              {data.memberships.pageInfo.hasNextPage && data.memberships.pageInfo.endCursor ? (
                <SecondaryActionButton type="button" onClick={() => setPages([...pages, data.memberships.pageInfo.endCursor!])}>
                  Volgende 50
                </SecondaryActionButton>
              ) : null}
            </div>
          ) : null}
          {manages && revoking ? <RevokeForm key={revoking.id} membership={revoking} onClose={() => setRevoking(null)} /> : null}
          {manages ? (
            <Section id="rol-toekennen" title="Rol toekennen">
              <GrantForm />
            </Section>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function MembershipTable({ memberships, first, total, onRevoke }: { memberships: MembershipRow[]; first: number; total: number; onRevoke?: (membership: MembershipRow) => void }) {
  if (memberships.length === 0) return <Paragraph>Er zijn geen lidmaatschappen die aan deze keuze voldoen.</Paragraph>;
  return (
    <>
      <Paragraph className="note">
        {total > memberships.length
          ? `Lidmaatschap ${formatNumber(first)} tot en met ${formatNumber(first + memberships.length - 1)} van ${formatNumber(total)}, nieuwste eerst; kies een provincie of rol om er minder te zien.`
          : `${formatNumber(total)} ${total === 1 ? 'lidmaatschap' : 'lidmaatschappen'}, nieuwste eerst.`}
      </Paragraph>
      <ListTable
        label="Tabel lidmaatschappen"
        caption="Lidmaatschappen: wie welke rol heeft, waar, sinds wanneer en waarom"
        columns={['Persoon', 'Rol', 'Waar', 'Organisatie', 'Toegekend', 'Status', onRevoke ? 'Actie' : false]}
      >
        {memberships.map((membership) => (
          <TableRow key={membership.id}>
            <HeaderCell scope="row">{membership.person.name}</HeaderCell>
            <TableCell>{roleName(membership.role)}</TableCell>
            <TableCell>{scopeLabel(membership)}</TableCell>
            <TableCell>{membership.organisation.name}</TableCell>
            <TableCell>
              {formatDateTime(membership.grantedAt)} door {membership.grantedBy?.name ?? 'een beheerder'}
              {membership.grantReason ? `. Reden: ${membership.grantReason}` : ''}
            </TableCell>
            <TableCell>
              {membership.active
                ? 'Actief'
                : `Ingetrokken op ${formatDateTime(membership.revokedAt)}${membership.revokedBy ? ` door ${membership.revokedBy.name}` : ''}${membership.revokeReason ? `. Reden: ${membership.revokeReason}` : ''}`}
            </TableCell>
            {onRevoke ? (
              <TableCell>
                {membership.active ? (
                  <SecondaryActionButton type="button" onClick={() => onRevoke(membership)}>
                    Intrekken<span className="visually-hidden">: {membership.person.name}, {roleName(membership.role)}, {scopeLabel(membership)}</span>
                  </SecondaryActionButton>
                ) : null}
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </ListTable>
    </>
  );
}
