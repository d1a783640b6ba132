import { FormFieldSelect, Paragraph, SelectOption } from '@rijkshuisstijl-community/components-react';
import { useSearchParams } from 'react-router';
import { useQuery, useSubscription, type OperationContext } from 'urql';
import { LiveIndicator } from '../app/LiveIndicator';
import { formatDate, formatNumber } from '../app/format';
import { useRefetchOn } from '../opgave/useRefetchOn';
import { HuisvestingChanged, NationalTaakstellingenQuery } from './queries';

/**
 * The half-year a huisvesting page shows: `?halfjaar=2021-II` in the address, or else the latest half-year with a
 * national taakstelling. `null` while the list is loading or when there is none.
 */
export function useHalfYear() {
  const [params, setParams] = useSearchParams();
  const [{ data, error }] = useQuery({ query: NationalTaakstellingenQuery });
  const nationals = data?.nationalTaakstellingen ?? [];
  const asked = params.get('halfjaar');
  const halfYear = asked && nationals.some((n) => n.halfYear === asked) ? asked : (nationals.at(-1)?.halfYear ?? null);
  const choose = (value: string) => setParams((p) => { p.set('halfjaar', value); return p; }, { replace: true });
  return { halfYear, nationals, national: nationals.find((n) => n.halfYear === halfYear) ?? null, choose, error, loaded: Boolean(data) };
}

/** "2021-I" as "eerste halfjaar 2021". */
export function halfYearLabel(halfYear: string): string {
  const [year, half] = halfYear.split('-');
  return `${half === 'I' ? 'eerste' : 'tweede'} halfjaar ${year}`;
}

/** Chooses the half-year shown (a plain select: the page follows it at once). */
export function HalfYearPicker({ halfYear, nationals, choose }: ReturnType<typeof useHalfYear>) {
  if (!halfYear) return null;
  return (
    <FormFieldSelect
      label="Halfjaar"
      name="halfjaar"
      value={halfYear}
      onChange={(event) => choose((event.target as HTMLSelectElement).value)}
    >
      {nationals.map((n) => (
        <SelectOption key={n.halfYear} value={n.halfYear}>
          {n.halfYear} ({halfYearLabel(n.halfYear)})
        </SelectOption>
      ))}
    </FormFieldSelect>
  );
}

/** The national taakstelling of the half-year, with its source and how the gemeenten's numbers follow from it. */
export function NationalNote({
  national,
}: {
  national: Pick<NonNullable<ReturnType<typeof useHalfYear>['national']>, 'halfYear' | 'vergunninghouders' | 'source' | 'publishedOn' | 'version' | 'populationDate' | 'inhabitantsNL' | 'gemeentenSum'> | null | undefined;
}) {
  if (!national) return null;
  return (
    <Paragraph className="note">
      Landelijke taakstelling {national.halfYear}: {formatNumber(national.vergunninghouders)} vergunninghouders (bron: {national.source}, gepubliceerd{' '}
      {formatDate(national.publishedOn)}, versie {formatNumber(national.version)}). Inwoners van Nederland op {formatDate(national.populationDate)}:{' '}
      {formatNumber(national.inhabitantsNL)}.
      {/* The sum over the gemeenten is only known to those who read every gemeente (the national overview gives it). */}
      {national.gemeentenSum != null
        ? ` Opgeteld komen de taakstellingen van de gemeenten op ${formatNumber(national.gemeentenSum)}: meer dan het landelijke getal, doordat elke gemeente naar boven wordt afgerond.`
        : ' Elke gemeente wordt naar boven afgerond, zodat de gemeenten samen iets boven het landelijke getal uitkomen.'}
    </Paragraph>
  );
}

/** A balance as the Handreiking words it: achterstand (negative) or voorsprong (positive). */
export function balanceText(balance: number): string {
  if (balance < 0) return `achterstand ${formatNumber(-balance)}`;
  if (balance > 0) return `voorsprong ${formatNumber(balance)}`;
  return 'geen achterstand of voorsprong';
}

/**
 * A huisvesting query kept live: every realisation, herverdeling, national figure or koppeling in the province (or,
 * without one, everywhere: IPO and LRT) fetches it again from the server; so does every reconnect.
 */
export function useLiveHuisvesting<R>(query: R & readonly [unknown, (opts?: Partial<OperationContext>) => void], provinceCode: string | null | undefined, pause = false) {
  const [, reexecute] = query;
  const result = query[0] as R extends readonly [infer S, ...unknown[]] ? S : never;
  const [live] = useSubscription({ query: HuisvestingChanged, variables: { provinceCode: (provinceCode ?? null) as never }, pause });
  const change = live.data?.activity;
  const refetch = useRefetchOn(change?.id, reexecute);
  // Nothing to follow (no access, or nothing to show yet): no indicator, rather than one that waits for ever.
  return { result, change, liveError: live.error, refetch, indicator: pause ? null : <LiveIndicator subscriptionError={live.error} /> };
}
