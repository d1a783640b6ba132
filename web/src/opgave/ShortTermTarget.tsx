import { Fieldset, Paragraph, PrimaryActionButton, SecondaryActionButton, TableCell, TableRow } from '@rijkshuisstijl-community/components-react';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useMutation, useQuery, useSubscription } from 'urql';
import { ErrorAlert } from '../app/ErrorAlert';
import { formatDate, formatDateTime, formatNumber, provinceName, todayIso } from '../app/format';
import { applyServerFieldErrors, useWarnBeforeLeaving } from '../app/forms';
import { HeaderCell, ListTable, Section } from '../app/table';
import { DoneNotice, requiredText, TextField } from '../people/fields';
import { ReviseShortTermTargetMutation, ShortTermTargetRevised, ShortTermTargetsQuery, type ShortTermTargetFigure } from './queries';
import { dateRule, periodEndRule, placesRule } from './rules';
import { useRefetchOn } from './useRefetchOn';

/** The most places the API accepts in a target (as in a plan line). */
const MAX_PLACES = 1_000_000;

interface TargetValues {
  places: string;
  periodFrom: string;
  periodUntil: string;
  decidedOn: string;
  source: string;
}
const FIELDS = ['places', 'periodFrom', 'periodUntil', 'decidedOn', 'source'];

/** The revision in force on a date: the last decided on or before it (else the first), as the API decides. */
export function targetInForce(history: readonly ShortTermTargetFigure[], on: string): ShortTermTargetFigure | undefined {
  const decided = history.filter((t) => t.decidedOn <= on);
  return decided.at(-1) ?? history[0];
}

/**
 * A province's short-term target for extra places (417 asked in November 2019, "kan worden herzien") with its
 * history, live; with the form to revise it for those the API lets (REVISE_SHORT_TERM_TARGET).
 */
export function ShortTermTargetSection({ code, revises }: { code: string; revises: boolean }) {
  const [result, reexecute] = useQuery({ query: ShortTermTargetsQuery, variables: { code: code as never } });
  const [live] = useSubscription({ query: ShortTermTargetRevised, variables: { provinceCode: code as never } });
  const change = live.data?.activity;
  useRefetchOn(change?.id, reexecute);
  const history = result.data?.shortTermTargets;
  const current = history ? targetInForce(history, todayIso()) : undefined;
  return (
    <Section id="kortetermijndoel" title={`Kortetermijndoel ${provinceName(code)}`}>
      <Paragraph>
        Het doel telt alleen extra plaatsen: geen verlengingen, geen voortzetting van een bestaande locatie, geen vervanging van een locatie
        die sluit. Een herziening geldt vanaf de datum van het besluit; eerdere doelen blijven in de geschiedenis.
      </Paragraph>
      {change ? (
        <Paragraph className="note" role="status">
          Bijgewerkt na een herziening door {change.actor?.name ?? 'onbekend'} op {formatDateTime(change.at)}.
        </Paragraph>
      ) : null}
      <ErrorAlert error={result.error} />
      {current ? (
        <Paragraph>
          Nu geldend: <strong>{formatNumber(current.places)} plaatsen</strong>, voor bestuursovereenkomsten die ingaan van {formatDate(current.periodFrom)} tot
          en met {formatDate(current.periodUntil)} (besloten op {formatDate(current.decidedOn)}; bron: {current.source}).
        </Paragraph>
      ) : null}
      {history ? <TargetHistory code={code} history={history} current={current} /> : null}
      {history && revises ? <ReviseTargetForm code={code} current={current} basedOn={latestRevision(history)} /> : null}
    </Section>
  );
}

function TargetHistory({ code, history, current }: { code: string; history: readonly ShortTermTargetFigure[]; current: ShortTermTargetFigure | undefined }) {
  if (history.length === 0) return <Paragraph>Voor {provinceName(code)} is geen kortetermijndoel vastgelegd.</Paragraph>;
  return (
    <ListTable
      label={`Tabel geschiedenis kortetermijndoel ${provinceName(code)}`}
      caption={<>Geschiedenis van het kortetermijndoel van {provinceName(code)}, vroegste besluit eerst</>}
      columns={['Besloten op', { label: 'Plaatsen', numeric: true }, 'Telt overeenkomsten die ingaan', 'Bron', 'Vastgelegd', 'Geldt nu']}
    >
      {history.map((target) => (
        <TableRow key={target.id}>
          <HeaderCell scope="row">{formatDate(target.decidedOn)}</HeaderCell>
          <TableCell className="number">{formatNumber(target.places)}</TableCell>
          <TableCell>
            {formatDate(target.periodFrom)} tot en met {formatDate(target.periodUntil)}
          </TableCell>
          <TableCell>{target.source}</TableCell>
          <TableCell>
            {/* Without a person: the LRT's target of November 2019, put in when the platform was installed (its migration). */}
            {formatDateTime(target.setAt)} {target.setBy ? `door ${target.setBy.name}` : 'bij de installatie van het platform'}
          </TableCell>
          <TableCell>{target.id === current?.id ? 'Ja' : 'Nee'}</TableCell>
        </TableRow>
      ))}
    </ListTable>
  );
}

/** The revision made last (by when it was set, not when it was decided): a new one is made on it. */
function latestRevision(history: readonly ShortTermTargetFigure[]): string | null {
  return history.reduce<ShortTermTargetFigure | null>((last, t) => (last === null || String(t.setAt) > String(last.setAt) ? t : last), null)?.id ?? null;
}

function ReviseTargetForm({ code, current, basedOn }: { code: string; current: ShortTermTargetFigure | undefined; basedOn: string | null }) {
  const [saving, revise] = useMutation(ReviseShortTermTargetMutation);
  const empty = (): TargetValues => ({ places: '', periodFrom: current?.periodFrom ?? '', periodUntil: current?.periodUntil ?? '', decidedOn: '', source: '' });
  const {
    register,
    handleSubmit,
    reset,
    setError,
    getValues,
    formState: { errors, isDirty },
  } = useForm<TargetValues>({ defaultValues: empty(), shouldFocusError: true });
  const [failure, setFailure] = useState<typeof saving.error>(undefined);
  const [saved, setSaved] = useState<string | null>(null);
  useWarnBeforeLeaving(isDirty);

  const onSubmit = handleSubmit(async (values) => {
    setFailure(undefined);
    setSaved(null);
    const result = await revise({
      input: {
        provinceCode: code as never,
        places: Number(values.places),
        periodFrom: values.periodFrom,
        periodUntil: values.periodUntil,
        decidedOn: values.decidedOn,
        source: values.source.trim(),
        basedOn,
      },
    });
    if (result.error) {
      // What the person typed stays; the fields the API names are marked.
      setFailure(result.error);
      applyServerFieldErrors(result.error, setError, (path) => FIELDS.includes(path));
      return;
    }
    const target = result.data!.reviseShortTermTarget;
    reset({ ...empty(), periodFrom: target.periodFrom, periodUntil: target.periodUntil });
    setSaved(`Herzien: het kortetermijndoel van ${provinceName(code)} is ${formatNumber(target.places)} plaatsen vanaf ${formatDate(target.decidedOn)} (bron: ${target.source}).`);
  });

  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="kortetermijndoel-form-titel">
      <Fieldset legend="Kortetermijndoel herzien" legendId="kortetermijndoel-form-titel">
        <TextField
          label="Aantal extra plaatsen"
          type="number"
          required
          registration={register('places', { required: 'Vul het aantal plaatsen in.', validate: placesRule(MAX_PLACES) })}
          error={errors.places}
        />
        <TextField
          label="Telt overeenkomsten die ingaan vanaf"
          type="date"
          required
          registration={register('periodFrom', { required: 'Vul de begindatum van de periode in.', validate: dateRule })}
          error={errors.periodFrom}
        />
        <TextField
          label="Telt overeenkomsten die ingaan tot en met"
          type="date"
          required
          registration={register('periodUntil', {
            required: 'Vul de einddatum van de periode in.',
            validate: periodEndRule(() => getValues('periodFrom')),
          })}
          error={errors.periodUntil}
        />
        <TextField
          label="Datum van het besluit"
          description="Het herziene doel geldt vanaf deze datum; een besluit in de toekomst kan niet."
          type="date"
          required
          registration={register('decidedOn', {
            required: 'Vul de datum van het besluit in.',
            validate: (value) => {
              const valid = dateRule(value);
              if (valid !== true) return valid;
              return value <= todayIso() || 'De datum van het besluit ligt in de toekomst: leg een herziening vast als zij besloten is.';
            },
          })}
          error={errors.decidedOn}
        />
        <TextField
          label="Bron"
          description='Het besluit of de brief, bijvoorbeeld "LRT 12 mei 2021".'
          required
          registration={register('source', { validate: requiredText('Vul de bron van de herziening in.', 'De bron') })}
          error={errors.source}
        />
      </Fieldset>
      {failure ? <ErrorAlert error={failure} title="Het kortetermijndoel is niet herzien." /> : null}
      <DoneNotice message={saved} />
      <div className="button-row">
        <PrimaryActionButton type="submit" disabled={saving.fetching}>
          Doel herzien
        </PrimaryActionButton>
        <SecondaryActionButton type="button" onClick={() => reset(empty())}>
          Leegmaken
        </SecondaryActionButton>
      </div>
    </form>
  );
}
