import { Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import { AppLink } from './AppLink';
import { usePageTitle } from './usePageTitle';

export function NotFound() {
  usePageTitle('Pagina niet gevonden');
  return (
    <>
      <Heading level={1}>Pagina niet gevonden</Heading>
      <Paragraph>
        Deze pagina bestaat niet. Ga naar de <AppLink to="/">startpagina</AppLink>.
      </Paragraph>
    </>
  );
}
