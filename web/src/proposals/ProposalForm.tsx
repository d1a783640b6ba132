import { Alert, Fieldset, FormFieldCheckboxOption, Heading, Paragraph, PrimaryActionButton, Table, TableBody, TableCaption, TableCell, TableHeader, TableRow } from '@rijkshuisstijl-community/components-react';
import { useRef, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useNavigate, useParams } from 'react-router';
import { useClient, useMutation, useQuery } from 'urql';
import { AppLink } from '../app/AppLink';
import { ErrorAlert } from '../app/ErrorAlert';
import { errorCodes } from '../app/errors';
import { formatDate, formatNumber, OPVANGTYPE_NAMES, opvangtypeName } from '../app/format';
import { applyServerFieldErrors, useWarnBeforeLeaving } from '../app/forms';
import { Loading } from '../app/Loading';
import { HeaderCell, ScrollTable } from '../app/table';
import { usePageTitle } from '../app/usePageTitle';
import { dateRule, placesRule, SelectField, TextArea, TextField, textRule, wholeNumber } from './fields';
import { useAbilities } from './live';
import { CreateProposal, ProposalQuery, UpdateProposal, type Proposal } from './queries';

export interface ProposalValues {
  gemeenteCode: string;
  name: string;
  address: string;
  opvangtype: string;
  places: number | '';
  amvPlaces: number | '';
  intendedStart: string;
  intendedDurationMonths: number | '';
  flexibleUse: boolean;
  description: string;
}

const FIELDS = new Set<string>(['gemeenteCode', 'name', 'address', 'opvangtype', 'places', 'amvPlaces', 'intendedStart', 'intendedDurationMonths', 'flexibleUse', 'description']);

const FIELD_LABELS: Record<string, string> = {
  name: 'Naam van de locatie',
  address: 'Adres',
  opvangtype: 'Opvangtype',
  places: 'Aantal plaatsen',
  amvPlaces: 'Waarvan plaatsen voor amv',
  intendedStart: 'Beoogde start',
  intendedDurationMonths: 'Beoogde duur (maanden)',
  flexibleUse: 'Flexibel gebruik',
  description: 'Beschrijving',
};

export const OPVANGTYPE_OPTIONS = Object.entries(OPVANGTYPE_NAMES).map(([value, label]) => ({ value, label }));

function valuesOf(proposal: Proposal): ProposalValues {
  return {
    gemeenteCode: proposal.gemeente.code,
    name: proposal.name,
    address: proposal.address,
    opvangtype: proposal.opvangtype,
    places: proposal.places,
    amvPlaces: proposal.amvPlaces ?? '',
    intendedStart: proposal.intendedStart ?? '',
    intendedDurationMonths: proposal.intendedDurationMonths ?? '',
    flexibleUse: proposal.flexibleUse,
    description: proposal.description ?? '',
  };
}

function shown(field: keyof ProposalValues, value: ProposalValues[keyof ProposalValues]): string {
  if (value === '' || value == null) return '(leeg)';
  if (field === 'opvangtype') return opvangtypeName(String(value));
  if (field === 'flexibleUse') return value ? 'ja' : 'nee';
  if (field === 'intendedStart') return formatDate(String(value));
  if (typeof value === 'number') return formatNumber(value);
  return String(value);
}

/** What the API takes: empty optional fields left out. */
function toInput(values: ProposalValues) {
  return {
    name: values.name.trim(),
    address: values.address.trim(),
    opvangtype: values.opvangtype as never,
    places: values.places === '' ? 0 : values.places,
    amvPlaces: values.amvPlaces === '' ? null : values.amvPlaces,
    intendedStart: values.intendedStart || null,
    intendedDurationMonths: values.intendedDurationMonths === '' ? null : values.intendedDurationMonths,
    flexibleUse: values.flexibleUse,
    description: values.description,
  };
}

/** `/voorstellen/nieuw`: a gemeente proposes a location (it starts as a concept, seen by the gemeente only). */
export function NewProposalPage() {
  usePageTitle('Nieuw locatievoorstel');
  const { viewer, fetching, error, may } = useAbilities();
  const gemeenten = (viewer?.memberships ?? []).filter((m) => m.role === 'GEMEENTE' && m.gemeente).map((m) => m.gemeente!);
  return (
    <>
      <Heading level={1}>Nieuw locatievoorstel</Heading>
      <ErrorAlert error={error} />
      {fetching ? <Loading what="uw gegevens" /> : null}
      {viewer && (!may('PROPOSE_LOCATIONS') || gemeenten.length === 0) ? (
        <Alert type="warning">
          <Paragraph>Alleen een gemeente kan een locatie voorstellen. U hebt die rol niet.</Paragraph>
        </Alert>
      ) : null}
      {viewer && may('PROPOSE_LOCATIONS') && gemeenten.length > 0 ? <ProposalEditor gemeenten={gemeenten} /> : null}
      <Paragraph>
        <AppLink to="/voorstellen">Terug naar de locatievoorstellen</AppLink>
      </Paragraph>
    </>
  );
}

/** `/voorstellen/:id/wijzigen`: the gemeente changes its proposal while the API allows it (EDIT). */
export function EditProposalPage() {
  const { id = '' } = useParams();
  const [{ data, error, fetching }] = useQuery({ query: ProposalQuery, variables: { id }, requestPolicy: 'network-only' });
  const proposal = data?.locationProposal;
  usePageTitle(proposal ? `${proposal.name} wijzigen` : 'Locatievoorstel wijzigen');
  return (
    <>
      <Heading level={1}>{proposal ? `${proposal.name} wijzigen` : 'Locatievoorstel wijzigen'}</Heading>
      {fetching && !data ? <Loading what="het voorstel" /> : null}
      <ErrorAlert error={error} title="Dit voorstel kan niet worden getoond." />
      {!fetching && data && !proposal ? (
        <Alert type="warning">
          <Paragraph>Dit voorstel bestaat niet, of u hebt er geen toegang toe.</Paragraph>
        </Alert>
      ) : null}
      {proposal && !proposal.viewerActions.includes('EDIT') ? (
        <Alert type="warning">
          <Paragraph>U kunt dit voorstel nu niet wijzigen.</Paragraph>
        </Alert>
      ) : null}
      {proposal && proposal.viewerActions.includes('EDIT') ? <ProposalEditor proposal={proposal} gemeenten={[proposal.gemeente]} /> : null}
      <Paragraph>
        <AppLink to={proposal ? `/voorstellen/${encodeURIComponent(proposal.id)}` : '/voorstellen'}>Terug naar het voorstel</AppLink>
      </Paragraph>
    </>
  );
}

/**
 * The proposal form, for a new proposal or a change. A change names the version the person saw; when someone saved
 * first (CONFLICT), what they typed stays, the form says what changed meanwhile, and saving again applies it on the new
 * version.
 */
function ProposalEditor({ proposal, gemeenten }: { proposal?: Proposal; gemeenten: { code: string; name: string }[] }) {
  const navigate = useNavigate();
  const client = useClient();
  const [, create] = useMutation(CreateProposal);
  const [, update] = useMutation(UpdateProposal);
  const [base, setBase] = useState<Proposal | undefined>(proposal);
  const [conflict, setConflict] = useState<{ by: string | null; changes: { field: keyof ProposalValues; before: string; after: string }[] } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const empty: ProposalValues = {
    gemeenteCode: gemeenten[0]?.code ?? '',
    name: '',
    address: '',
    opvangtype: '',
    places: '',
    amvPlaces: '',
    intendedStart: '',
    intendedDurationMonths: '',
    flexibleUse: false,
    description: '',
  };
  const {
    register,
    handleSubmit,
    control,
    setError,
    getValues,
    formState: { errors, isDirty, isSubmitting },
  } = useForm<ProposalValues>({ defaultValues: proposal ? valuesOf(proposal) : empty, mode: 'onSubmit', reValidateMode: 'onChange' });
  useWarnBeforeLeaving(isDirty && !saved);

  const focusAlert = () => window.setTimeout(() => alertRef.current?.focus(), 0);

  const onSubmit = async (values: ProposalValues) => {
    setFailure(null);
    const result = base
      ? await update({ input: { proposalId: base.id, expectedVersion: base.version, ...toInput(values) } })
      : await create({ input: { gemeenteCode: values.gemeenteCode, ...toInput(values) } });
    if (result.error) {
      if (base && errorCodes(result.error).includes('CONFLICT')) {
        const fresh = await client.query(ProposalQuery, { id: base.id }, { requestPolicy: 'network-only' }).toPromise();
        const now = fresh.data?.locationProposal;
        if (now) {
          const before = valuesOf(base);
          const after = valuesOf(now);
          const changes = (Object.keys(FIELD_LABELS) as (keyof ProposalValues)[])
            .filter((field) => before[field] !== after[field])
            .map((field) => ({ field, before: shown(field, before[field]), after: shown(field, after[field]) }));
          const by = [...now.transitions].reverse().find((t) => t.version === now.version)?.by?.name ?? null;
          setConflict({ by, changes });
          setBase(now);
          if (!now.viewerActions.includes('EDIT')) setFailure(result.error);
        } else setFailure(result.error);
        focusAlert();
        return;
      }
      if (!applyServerFieldErrors(result.error, setError, (path) => FIELDS.has(path))) {
        setFailure(result.error);
        focusAlert();
      }
      return;
    }
    setSaved(true);
    const id = result.data && ('createLocationProposal' in result.data ? result.data.createLocationProposal.id : result.data.updateLocationProposal.id);
    navigate(`/voorstellen/${encodeURIComponent(String(id))}`, { state: { message: base ? 'Uw wijzigingen zijn opgeslagen.' : 'Het voorstel is aangemaakt als concept. Alleen uw gemeente ziet het tot u het indient.' } });
  };

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate aria-label={base ? 'Locatievoorstel wijzigen' : 'Nieuw locatievoorstel'} className="proposal-form">
      <div ref={alertRef} tabIndex={-1}>
        {conflict ? (
          <Alert type="warning" role="alert">
            <Paragraph>
              <strong>
                {conflict.by ?? 'Iemand anders'} heeft dit voorstel intussen gewijzigd (nu versie {formatNumber(base?.version)}). Er is niets opgeslagen; uw
                invoer staat hieronder nog.
              </strong>
            </Paragraph>
            {conflict.changes.length > 0 ? (
              <ScrollTable label="Tabel intussen gewijzigde gegevens">
                <Table>
                  <TableCaption>Intussen gewijzigd</TableCaption>
                  <TableHeader>
                    <TableRow>
                      <HeaderCell scope="col">Gegeven</HeaderCell>
                      <HeaderCell scope="col">Was</HeaderCell>
                      <HeaderCell scope="col">Is nu</HeaderCell>
                      <HeaderCell scope="col">Uw invoer</HeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {conflict.changes.map((change) => (
                      <TableRow key={change.field}>
                        <HeaderCell scope="row">{FIELD_LABELS[change.field]}</HeaderCell>
                        <TableCell>{change.before}</TableCell>
                        <TableCell>{change.after}</TableCell>
                        <TableCell>{shown(change.field, getValues(change.field))}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </ScrollTable>
            ) : (
              <Paragraph>Alleen de status of de behandeling is veranderd, niet de gegevens die u kunt wijzigen.</Paragraph>
            )}
            <Paragraph>Kies opnieuw Opslaan om uw invoer op de nieuwe versie op te slaan, of ga terug zonder op te slaan.</Paragraph>
          </Alert>
        ) : null}
        <ErrorAlert error={failure} title="Het voorstel is niet opgeslagen." />
      </div>
      {gemeenten.length > 1 && !base ? (
        <SelectField
          label="Gemeente"
          required
          registration={register('gemeenteCode', { required: 'Kies de gemeente.' })}
          error={errors.gemeenteCode}
          options={gemeenten.map((g) => ({ value: g.code, label: g.name }))}
        />
      ) : (
        <Paragraph>Gemeente: {gemeenten.find((g) => g.code === (base?.gemeente.code ?? gemeenten[0]?.code))?.name ?? base?.gemeente.name}</Paragraph>
      )}
      {errors.gemeenteCode && gemeenten.length <= 1 ? <Paragraph className="field-error">{errors.gemeenteCode.message}</Paragraph> : null}
      <TextField label={FIELD_LABELS.name!} required registration={register('name', textRule('de naam van de locatie', 200))} error={errors.name} />
      <TextField label={FIELD_LABELS.address!} required registration={register('address', textRule('het adres', 300))} error={errors.address} autoComplete="street-address" />
      <SelectField
        label={FIELD_LABELS.opvangtype!}
        required
        registration={register('opvangtype', { required: 'Kies het opvangtype.' })}
        error={errors.opvangtype}
        options={[{ value: '', label: 'Kies een opvangtype' }, ...OPVANGTYPE_OPTIONS]}
      />
      <TextField
        label={FIELD_LABELS.places!}
        type="number"
        required
        description="150 plaatsen of minder is kleinschalige opvang."
        registration={register('places', placesRule('het aantal plaatsen'))}
        error={errors.places}
      />
      <TextField
        label={FIELD_LABELS.amvPlaces!}
        type="number"
        description="Alleen invullen als een deel van de plaatsen voor alleenstaande minderjarige vreemdelingen is."
        registration={register('amvPlaces', {
          setValueAs: wholeNumber,
          validate: (value: number | '', all) => {
            if (value === '') return true;
            if (!Number.isInteger(value) || value < 0) return 'Plaatsen voor amv moet een heel getal van 0 of meer zijn.';
            if (all.places !== '' && value > all.places) return 'Plaatsen voor amv kan niet meer zijn dan het aantal plaatsen.';
            return true;
          },
        })}
        error={errors.amvPlaces}
      />
      <TextField label={FIELD_LABELS.intendedStart!} type="date" registration={register('intendedStart', dateRule('de beoogde start', false))} error={errors.intendedStart} />
      <TextField
        label={FIELD_LABELS.intendedDurationMonths!}
        type="number"
        description="Bijvoorbeeld 120 voor tien jaar."
        registration={register('intendedDurationMonths', placesRule('de beoogde duur', { max: 1200, required: false }))}
        error={errors.intendedDurationMonths}
      />
      <Fieldset legend="Gebruik">
        <Controller
          control={control}
          name="flexibleUse"
          render={({ field }) => (
            <FormFieldCheckboxOption
              label="Flexibel gebruik: ook voor andere groepen (spoedzoekers, studenten, arbeidsmigranten)"
              name={field.name}
              checked={field.value}
              onChange={(event) => field.onChange((event.target as HTMLInputElement).checked)}
              onBlur={field.onBlur}
            />
          )}
        />
      </Fieldset>
      <TextArea label={FIELD_LABELS.description!} description="Opmaak met Markdown is mogelijk." registration={register('description', textRule('de beschrijving', 10_000, false))} error={errors.description} rows={6} />
      <div className="button-row">
        <PrimaryActionButton type="submit" disabled={isSubmitting}>
          {base ? 'Wijzigingen opslaan' : 'Voorstel aanmaken'}
        </PrimaryActionButton>
      </div>
    </form>
  );
}
