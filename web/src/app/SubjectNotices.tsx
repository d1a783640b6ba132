import { Alert, Paragraph } from '@rijkshuisstijl-community/components-react';
import type { CombinedError } from 'urql';
import { AppLink } from './AppLink';
import { Loading } from './Loading';
import { NoAccess } from './outcome';

/** The notices above one subject's page: the message it was opened with (see `useArrivalMessage`) and the last change someone made live. */
export function SubjectNotices({ arrived, notice }: { arrived: string | null; notice: string | null }) {
  return (
    <>
      {arrived ? (
        <Alert type="ok" role="status">
          <Paragraph>{arrived}</Paragraph>
        </Alert>
      ) : null}
      {notice ? (
        <Alert type="info" role="status">
          <Paragraph>{notice}</Paragraph>
        </Alert>
      ) : null}
    </>
  );
}

/**
 * What a subject's page shows while it has no subject: loading, a refusal or absence said without the subject's data
 * (`missing`, or the error under `title`), and the way to the list (`list`, a link named `listName`) or the start page.
 */
export function SubjectMissing({
  fetching,
  loaded,
  error,
  loading,
  missing,
  title,
  list,
  listName,
}: {
  fetching: boolean;
  loaded: boolean;
  error?: CombinedError;
  loading: string;
  missing: string;
  title: string;
  list: string;
  listName: string;
}) {
  return (
    <>
      {fetching && !loaded ? <Loading what={loading} /> : null}
      {error ? <NoAccess error={error} missing={missing} title={title} /> : null}
      {!fetching && loaded && !error ? (
        <Alert type="warning">
          <Paragraph>{missing}</Paragraph>
        </Alert>
      ) : null}
      {!fetching ? (
        <Paragraph>
          Ga naar de <AppLink to={list}>{listName}</AppLink> of de <AppLink to="/">startpagina</AppLink>.
        </Paragraph>
      ) : null}
    </>
  );
}
