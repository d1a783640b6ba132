import { Alert, Paragraph } from '@rijkshuisstijl-community/components-react';
import type { CombinedError } from 'urql';
import { ErrorAlert } from './ErrorAlert';
import { errorCodes } from './errors';

/** What a CONFLICT tells: the version there is now, and who changed it when (where the API names them). */
export interface ConflictDetails {
  currentVersion: number;
  changedBy: string | null;
  changedAt: string | null;
}

/** The details of a CONFLICT refusal; null when the error is another one. */
export function conflictOf(error: CombinedError | undefined): ConflictDetails | null {
  if (!errorCodes(error).includes('CONFLICT')) return null;
  const details = error!.graphQLErrors.find((e) => e.extensions?.code === 'CONFLICT')?.extensions ?? {};
  return {
    currentVersion: Number(details.currentVersion ?? 0),
    changedBy: details.changedBy == null ? null : String(details.changedBy),
    changedAt: details.changedAt == null ? null : String(details.changedAt),
  };
}

/**
 * Why a form's save failed: a conflict in the form's own words (what was typed is kept, and how to go on), or else
 * the error in Dutch under `title`. Nothing when neither.
 */
export function ConflictAlert({ conflict, failure, title }: { conflict: string | null; failure: CombinedError | undefined; title: string }) {
  if (conflict) {
    return (
      <Alert type="warning" role="alert">
        <Paragraph>{conflict}</Paragraph>
      </Alert>
    );
  }
  return failure ? <ErrorAlert error={failure} title={title} /> : null;
}
