import { Alert, Heading, Paragraph, PrimaryActionButton } from '@rijkshuisstijl-community/components-react';
import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { AppLink } from '../app/AppLink';
import { ErrorAlert } from '../app/ErrorAlert';
import { formatNumber, opvangtypeName, provinceName, todayIso } from '../app/format';
import { applyServerFieldErrors, useWarnBeforeLeaving } from '../app/forms';
import { Loading } from '../app/Loading';
import { usePageTitle } from '../app/usePageTitle';
import { dateRule, pastDateRule, placesRule, SelectField, TextField, textRule, wholeNumber } from '../proposals/fields';
import { useAbilities } from '../proposals/live';
import { OPVANGTYPE_OPTIONS } from '../proposals/ProposalForm';
import { GemeentenQuery, ProposalForAgreementQuery, RegisterAgreement } from './queries';
import '../proposals/proposals.css';

type SourceProposal = NonNullable<NonNullable<ReturnType<typeof useProposal>>['proposal']>;

interface AgreementValues {
  provinceCode: string;
  gemeenteCode: string;
  locationName: string;
  address: string;
  opvangtype: string;
  maxPlaces: number | '';
  amvPlaces: number | '';
  otherGroupsPlaces: number | '';
  startDate: string;
  endDate: string;
  signedOn: string;
}

const FIELDS = new Set(['gemeenteCode', 'locationName', 'address', 'opvangtype', 'maxPlaces', 'amvPlaces', 'otherGroupsPlaces', 'startDate', 'endDate', 'signedOn']);

/** The last day of a period of whole months from a start date: 2022-06-01 + 120 months → 2032-05-31. */
export function lastDayAfterMonths(start: string, months: number): string {
  const [year, month, day] = start.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(year, month - 1 + months, day));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

function useProposal(id: string | null) {
  const [{ data, error, fetching }] = useQuery({ query: ProposalForAgreementQuery, variables: { id: id ?? '' }, pause: !id, requestPolicy: 'network-only' });
  if (!id) return null;
  return { proposal: data?.locationProposal ?? null, error, loading: fetching && !data };
}

/**
 * `/overeenkomsten/nieuw` (`?voorstel=<id>`): COA registers a bestuursovereenkomst, from a proposal the gemeente decided
 * "go" (its gemeente, type and figures filled in; the proposal becomes "omgezet") or without a proposal.
 */
export function NewAgreementPage() {
  usePageTitle('Bestuursovereenkomst registreren');
  const [params] = useSearchParams();
  const proposalId = params.get('voorstel');
  const { viewer, fetching, error, where } = useAbilities();
  const provinces = where('MANAGE_AGREEMENTS');
  const source = useProposal(proposalId);
  return (
    <>
      <Heading level={1}>Bestuursovereenkomst registreren</Heading>
      <ErrorAlert error={error} />
      {fetching || source?.loading ? <Loading what="de gegevens" /> : null}
      {viewer && provinces.length === 0 ? (
        <Alert type="warning">
          <Paragraph>Alleen het COA registreert bestuursovereenkomsten. U hebt die rol niet.</Paragraph>
        </Alert>
      ) : null}
      {source && !source.loading && !source.proposal ? (
        <Alert type="warning">
          <Paragraph>Het voorstel bestaat niet, of u hebt er geen toegang toe.</Paragraph>
        </Alert>
      ) : null}
      {source?.proposal && (source.proposal.status !== 'BESLOTEN' || source.proposal.decision !== 'GO') ? (
        <Alert type="warning">
          <Paragraph>Een overeenkomst kan alleen worden geregistreerd uit een voorstel waarover de gemeente "go" heeft besloten.</Paragraph>
        </Alert>
      ) : null}
      {viewer && provinces.length > 0 && (!source || (source.proposal && !source.loading)) ? <AgreementForm provinces={provinces} proposal={source?.proposal ?? undefined} /> : null}
      <Paragraph>
        <AppLink to={proposalId ? `/voorstellen/${encodeURIComponent(proposalId)}` : '/overeenkomsten'}>{proposalId ? 'Terug naar het voorstel' : 'Terug naar de overeenkomsten'}</AppLink>
      </Paragraph>
    </>
  );
}

function AgreementForm({ provinces, proposal }: { provinces: string[]; proposal?: SourceProposal }) {
  const navigate = useNavigate();
  const [, registerAgreement] = useMutation(RegisterAgreement);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const start = proposal?.intendedStart ?? '';
  const {
    register,
    handleSubmit,
    watch,
    setError,
    formState: { errors, isDirty, isSubmitting },
  } = useForm<AgreementValues>({
    defaultValues: {
      provinceCode: proposal?.provinceCode ?? provinces[0] ?? '',
      gemeenteCode: proposal?.gemeente.code ?? '',
      locationName: proposal?.name ?? '',
      address: proposal?.address ?? '',
      opvangtype: proposal?.opvangtype ?? '',
      maxPlaces: proposal?.places ?? '',
      amvPlaces: proposal?.amvPlaces ?? '',
      otherGroupsPlaces: '',
      startDate: start,
      endDate: start && proposal?.intendedDurationMonths ? lastDayAfterMonths(start, proposal.intendedDurationMonths) : '',
      signedOn: '',
    },
  });
  useWarnBeforeLeaving(isDirty && !saved);
  const provinceCode = watch('provinceCode');
  const [gemeenten] = useQuery({ query: GemeentenQuery, variables: { provinceCode: provinceCode as never }, pause: Boolean(proposal) || !provinceCode });

  const onSubmit = async (values: AgreementValues) => {
    setFailure(null);
    const optional = (value: number | '') => (value === '' ? null : value);
    const result = await registerAgreement({
      input: {
        proposalId: proposal?.id ?? null,
        gemeenteCode: values.gemeenteCode,
        locationName: values.locationName.trim(),
        address: values.address.trim() || null,
        opvangtype: values.opvangtype as never,
        maxPlaces: values.maxPlaces === '' ? 0 : values.maxPlaces,
        amvPlaces: optional(values.amvPlaces),
        otherGroupsPlaces: optional(values.otherGroupsPlaces),
        startDate: values.startDate,
        endDate: values.endDate,
        signedOn: values.signedOn,
      },
    });
    if (result.error) {
      if (!applyServerFieldErrors(result.error, setError, (path) => FIELDS.has(path))) {
        setFailure(result.error);
        window.setTimeout(() => alertRef.current?.focus(), 0);
      }
      return;
    }
    setSaved(true);
    navigate(`/overeenkomsten/${encodeURIComponent(result.data!.registerAgreement.id)}`, { state: { message: 'De bestuursovereenkomst is geregistreerd.' } });
  };

  const placesUpTo = (label: string) => ({
    setValueAs: wholeNumber,
    validate: (value: number | '', all: AgreementValues) => {
      if (value === '') return true;
      if (!Number.isInteger(value) || value < 0) return `${label} moet een heel getal van 0 of meer zijn.`;
      if (all.maxPlaces !== '' && value > all.maxPlaces) return `${label} kan niet meer zijn dan het maximum aantal plaatsen.`;
      return true;
    },
  });

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate aria-label="Bestuursovereenkomst registreren" className="proposal-form">
      <div ref={alertRef} tabIndex={-1}>
        <ErrorAlert error={failure} title="De overeenkomst is niet geregistreerd." />
      </div>
      {proposal ? (
        <Paragraph>
          Uit het voorstel <AppLink to={`/voorstellen/${encodeURIComponent(proposal.id)}`}>{proposal.name}</AppLink> van gemeente {proposal.gemeente.name} (
          {opvangtypeName(proposal.opvangtype)}, {formatNumber(proposal.places)} plaatsen). Het voorstel wordt daarmee omgezet.
        </Paragraph>
      ) : (
        <>
          <SelectField
            label="Provincie"
            required
            registration={register('provinceCode', { required: 'Kies de provincie.' })}
            error={errors.provinceCode}
            options={provinces.map((code) => ({ value: code, label: provinceName(code) }))}
          />
          <SelectField
            label="Gemeente"
            required
            registration={register('gemeenteCode', { required: 'Kies de gemeente.' })}
            error={errors.gemeenteCode}
            options={[{ value: '', label: gemeenten.fetching ? 'Gemeenten worden geladen…' : 'Kies een gemeente' }, ...(gemeenten.data?.gemeenten.edges ?? []).map((edge) => ({ value: edge.node.code, label: edge.node.name }))]}
          />
        </>
      )}
      <TextField label="Naam van de locatie" required registration={register('locationName', textRule('de naam van de locatie', 200))} error={errors.locationName} />
      <TextField label="Adres" registration={register('address', textRule('het adres', 300, false))} error={errors.address} />
      {proposal ? (
        <Paragraph>Opvangtype: {opvangtypeName(proposal.opvangtype)}</Paragraph>
      ) : (
        <SelectField
          label="Opvangtype"
          required
          registration={register('opvangtype', { required: 'Kies het opvangtype.' })}
          error={errors.opvangtype}
          options={[{ value: '', label: 'Kies een opvangtype' }, ...OPVANGTYPE_OPTIONS]}
        />
      )}
      <TextField label="Maximum aantal plaatsen" type="number" required registration={register('maxPlaces', placesRule('het maximum aantal plaatsen'))} error={errors.maxPlaces} />
      <TextField label="Waarvan voor amv" type="number" registration={register('amvPlaces', placesUpTo('Plaatsen voor amv'))} error={errors.amvPlaces} />
      <TextField
        label="Plaatsen voor andere groepen"
        type="number"
        description="Plaatsen die andere lokale groepen mogen gebruiken."
        registration={register('otherGroupsPlaces', placesUpTo('Plaatsen voor andere groepen'))}
        error={errors.otherGroupsPlaces}
      />
      <TextField label="Begindatum" type="date" required registration={register('startDate', dateRule('de begindatum'))} error={errors.startDate} />
      <TextField
        label="Einddatum"
        type="date"
        required
        description="De laatste dag met plaatsen."
        registration={register('endDate', {
          validate: (value, all) => {
            const valid = dateRule('de einddatum').validate(value);
            if (valid !== true) return valid;
            return !all.startDate || value >= all.startDate ? true : 'De einddatum ligt vóór de begindatum.';
          },
        })}
        error={errors.endDate}
      />
      <TextField
        label="Ondertekend op"
        type="date"
        required
        description="Vandaag of eerder."
        registration={register('signedOn', pastDateRule('de datum van ondertekening', todayIso()))}
        error={errors.signedOn}
      />
      <div className="button-row">
        <PrimaryActionButton type="submit" disabled={isSubmitting}>
          Overeenkomst registreren
        </PrimaryActionButton>
      </div>
    </form>
  );
}
