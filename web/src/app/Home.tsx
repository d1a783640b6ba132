import { Heading, Paragraph, UnorderedList, UnorderedListItem } from '@rijkshuisstijl-community/components-react';
import { Navigate } from 'react-router';
import { useQuery } from 'urql';
import { AppLink } from './AppLink';
import { ErrorAlert } from './ErrorAlert';
import { provinceName } from './format';
import { graphql, type ResultOf } from './graphql';
import { Loading } from './Loading';
import { usePageTitle } from './usePageTitle';

export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      name
      abilities { action national provinceCodes }
      memberships {
        role
        province { code name }
        gemeente { code name province { code } }
        uitplaatsingsregio { number name provinces { code name } }
      }
    }
  }
`);

type Viewer = ResultOf<typeof ViewerQuery>['viewer'];

/**
 * Where a person starts: national monitors on the dashboard, everyone else on (one of) their province(s).
 * The API decides what each may see; this only picks the page that shows it.
 */
export function landingPage(viewer: Viewer): string | { provinces: { code: string; name: string }[] } {
  const monitoring = viewer.abilities.find((ability) => ability.action === 'READ_MONITORING');
  if (monitoring?.national) return '/dashboard';
  const provinces = new Map<string, string>();
  for (const membership of viewer.memberships) {
    if (membership.province) provinces.set(membership.province.code, membership.province.name);
    if (membership.gemeente) provinces.set(membership.gemeente.province.code, provinceName(membership.gemeente.province.code));
    for (const province of membership.uitplaatsingsregio?.provinces ?? []) provinces.set(province.code, province.name);
  }
  for (const code of monitoring?.provinceCodes ?? []) if (!provinces.has(code)) provinces.set(code, provinceName(code));
  if (provinces.size === 0) {
    const anyProvince = viewer.abilities.flatMap((ability) => ability.provinceCodes);
    for (const code of anyProvince) provinces.set(code, provinceName(code));
  }
  const list = [...provinces].map(([code, name]) => ({ code, name }));
  if (list.length === 1) return `/provincie/${list[0]!.code}`;
  // COA: a region reaches several provinces: the overview of the region (the API gives the provinces it reaches).
  const coaOnly = viewer.memberships.length > 0 && viewer.memberships.every((m) => m.role === 'COA_REGIO');
  const regio = viewer.memberships[0]?.uitplaatsingsregio;
  if (coaOnly && viewer.memberships.length === 1 && regio) return `/regio/${regio.number}`;
  return { provinces: list };
}

export function Home() {
  usePageTitle('Start');
  const [{ data, error, fetching }] = useQuery({ query: ViewerQuery });
  if (fetching && !data) return <Loading what="uw gegevens" />;
  if (error && !data) return <ErrorAlert error={error} />;
  if (!data) return null;
  const target = landingPage(data.viewer);
  if (typeof target === 'string') return <Navigate to={target} replace />;
  return (
    <>
      <Heading level={1}>Welkom, {data.viewer.name}</Heading>
      {target.provinces.length === 0 ? (
        <Paragraph>
          U hebt nog geen rol in regietafel. Vraag de Landelijke Regietafel om u toegang te geven. De{' '}
          <AppLink to="/verkenner">API-verkenner</AppLink> toont wat u wel mag inzien.
        </Paragraph>
      ) : (
        <>
          <Paragraph>Kies een provincie:</Paragraph>
          <UnorderedList>
            {target.provinces.map((province) => (
              <UnorderedListItem key={province.code}>
                <AppLink to={`/provincie/${province.code}`}>{province.name}</AppLink>
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      )}
    </>
  );
}
