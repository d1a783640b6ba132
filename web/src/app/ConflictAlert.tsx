import { Alert, Paragraph } from '@rijkshuisstijl-community/components-react';
import { useEffect, useState } from 'react';
import type { CombinedError } from 'urql';
import { ErrorAlert } from './ErrorAlert';
import { errorCodes } from './errors';
import { formatDateTime, formatNumber } from './format';

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

/**
 * The state of a form that changes a subject on the version the person saw (`expectedVersion`). `basedOn` is that
 * version; while the form is untouched it follows the subject as it changes live (`follow` puts the new values in).
 * `refused` takes a failed save: on a CONFLICT it moves `basedOn` to the version there is now and says so in Dutch
 * (`what` changed, press `button` again), and the form keeps what was typed; it returns the conflict, if one.
 */
export function useVersionedSave({ version, dirty, follow, what, button }: { version: number; dirty: boolean; follow: () => void; what: string; button: string }) {
  const [basedOn, setBasedOn] = useState(version);
  const [failure, setFailure] = useState<CombinedError | undefined>(undefined);
  const [conflict, setConflict] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    if (version !== basedOn && !dirty && !conflict) {
      follow();
      setBasedOn(version);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);
  return {
    basedOn,
    saved,
    /** Before a save: the last outcome goes. */
    start() {
      setFailure(undefined);
      setConflict(null);
      setSaved(null);
    },
    refused(error: CombinedError): ConflictDetails | null {
      setFailure(error);
      const details = conflictOf(error);
      if (details) {
        setBasedOn(details.currentVersion);
        const when = details.changedAt ? ` op ${formatDateTime(details.changedAt)}` : '';
        setConflict(
          `${what} is intussen gewijzigd door ${details.changedBy ?? 'iemand anders'}${when} (nu versie ${formatNumber(details.currentVersion)}; zie hierboven). Er is niets opgeslagen; uw invoer staat er nog: kies opnieuw "${button}" om uw wijzigingen op de nieuwe versie op te slaan.`,
        );
      }
      return details;
    },
    succeeded(newVersion: number, message: string) {
      setBasedOn(newVersion);
      setSaved(message);
    },
    /** Said when there was nothing to save. */
    unchanged() {
      setSaved('Er was niets gewijzigd; er is niets opgeslagen.');
    },
    alert: (title: string) => <ConflictAlert conflict={conflict} failure={failure} title={title} />,
  };
}
