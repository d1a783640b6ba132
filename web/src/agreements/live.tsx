import { useSubscription } from 'urql';
import { LiveProvinces, type Watched } from '../proposals/live';
import { AgreementActivity } from './queries';

export type AgreementEvent = { id: string; subjectId: string; kind: string; at: string; actor?: { id: string; name: string } | null };

function useAgreementEvent(code: string): Watched<AgreementEvent> {
  const [live] = useSubscription({ query: AgreementActivity, variables: { provinceCode: code as never } });
  const event = live.data?.activity;
  return { key: event?.id ?? null, value: event, error: live.error };
}

/**
 * Keeps agreement pages live: the `activity` of each province given, agreement events only (registered, extended,
 * ended).
 */
export function LiveAgreements({ provinceCodes, onChange }: { provinceCodes: string[]; onChange: (event: AgreementEvent | null) => void }) {
  return <LiveProvinces provinceCodes={provinceCodes} use={useAgreementEvent} onChange={onChange} />;
}
