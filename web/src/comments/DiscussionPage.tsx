import { Heading, Paragraph } from '@rijkshuisstijl-community/components-react';
import { useParams } from 'react-router';
import { AppLink } from '../app/AppLink';
import { LiveIndicator } from '../app/LiveIndicator';
import { NotFound } from '../app/NotFound';
import { usePageTitle } from '../app/usePageTitle';
import { AuditTrail } from '../activity/AuditTrail';
import { Comments, type CommentSubjectType } from './Comments';

/** The words in the address, the subject type they stand for, and the subject's own page. */
const KINDS: Record<string, { type: CommentSubjectType; name: string; path: string }> = {
  plan: { type: 'PROVINCIAL_PLAN', name: 'het plan', path: '/plannen/' },
  voorstel: { type: 'LOCATION_PROPOSAL', name: 'het locatievoorstel', path: '/voorstellen/' },
  overeenkomst: { type: 'AGREEMENT', name: 'de bestuursovereenkomst', path: '/overeenkomsten/' },
};

/**
 * `/reacties/:soort/:id`: the discussion and the audit trail of one plan, proposal or agreement on a page of their own
 * (the subject's page shows the same components).
 */
export function DiscussionPage() {
  const { kind = '', id = '' } = useParams();
  const subject = KINDS[kind];
  usePageTitle(subject ? `Reacties op ${subject.name}` : 'Pagina niet gevonden');
  if (!subject) return <NotFound />;
  return (
    <>
      <div className="page-heading">
        <Heading level={1}>Reacties op {subject.name}</Heading>
        <LiveIndicator />
      </div>
      <Paragraph>
        <AppLink to={`${subject.path}${id}`}>Naar {subject.name}</AppLink>
      </Paragraph>
      <Comments key={`c-${id}`} subjectType={subject.type} subjectId={id} />
      <AuditTrail key={`a-${id}`} subjectId={id} />
    </>
  );
}
