import 'graphiql/style.css';
import './workers';
import { Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { useEffect, useMemo } from 'react';
import { createLiveClient } from '../app/client';
import { usePageTitle } from '../app/usePageTitle';

const EXAMPLE = `# Voorbeeld: wat mag ik zien, en de landelijke cijfers op 1 januari 2023.
{
  viewer { name abilities { action national provinceCodes } }
  nationalOverview(on: "2023-01-01") { totalOpgave totalRealised totalPipeline }
}
`;

/** GraphiQL against this server, as the person signed in: HTTP for queries, graphql-ws for subscriptions. */
export default function Explorer({ token }: { token: string }) {
  usePageTitle('API-verkenner');
  const { fetcher, dispose } = useMemo(() => {
    const wsClient = createLiveClient(token);
    const fetcher = createGraphiQLFetcher({ url: '/graphql', headers: { authorization: `Bearer ${token}` }, wsClient });
    return { fetcher, dispose: () => void wsClient.dispose() };
  }, [token]);
  useEffect(() => dispose, [dispose]);
  return (
    <>
      <Heading level={1}>API-verkenner</Heading>
      <Paragraph>
        Stel vragen aan de GraphQL-API van regietafel, als uzelf: u ziet alleen wat uw rollen toestaan. Abonnementen
        (subscriptions) lopen via een WebSocket-verbinding.
      </Paragraph>
      <div className="explorer">
        <GraphiQL fetcher={fetcher} defaultQuery={EXAMPLE} shouldPersistHeaders={false} />
      </div>
    </>
  );
}
