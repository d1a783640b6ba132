import {
  Fieldset,
  Heading,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
  SelectOption,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableRow,
} from '@rijkshuisstijl-community/components-react';
import { useState } from 'react';
import { useFieldArray, useForm } from 'react-hook-form';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { AppLink } from '../app/AppLink';
import { ConflictAlert, conflictOf } from '../app/ConflictAlert';
import { ErrorAlert } from '../app/ErrorAlert';
import { formatDate, formatDateTime, formatNumber, isIsoDate, provinceName } from '../app/format';
import { applyServerFieldErrors, useWarnBeforeLeaving } from '../app/forms';
import { ViewerQuery } from '../app/Home';
import { may } from '../opgave/abilities';
import { Loading } from '../app/Loading';
import { HeaderCell, ScrollTable } from '../app/table';
import { usePageTitle } from '../app/usePageTitle';
import { DoneNotice, requiredText, SelectField, TextField } from '../people/fields';
import {
  ConfirmHerverdelingMutation,
  GemeenteTaakstellingQuery,
  GemeentenQuery,
  ProposeHerverdelingMutation,
  RecordRealisationMutation,
  type HerverdelingRow,
  type Taakstelling,
} from './queries';
import { balanceText, HalfYearPicker, halfYearLabel, NationalNote, useHalfYear, useLiveHuisvesting } from './shared';

/**
 * A gemeente's own huisvesting page: its taakstelling in a half-year and how it is computed, what it housed, the
 * achterstand or voorsprong carried over; the form to record its realisation and its herverdelingen (art. 29(2)).
 * Recording and herverdelingen are offered where the API's `viewerActions` (and a part's `viewerCanConfirm`) allow.
 */
export function GemeenteHuisvestingPage() {
  const { code = '' } = useParams();
  const upper = code.toUpperCase();
  const period = useHalfYear();
  const { halfYear } = period;
  const query = useQuery({ query: GemeenteTaakstellingQuery, variables: { code: upper, halfYear: halfYear ?? '' }, pause: !halfYear });
  const provinceCode = query[0].data?.gemeente?.province.code;
  const { result, change, indicator, refetch } = useLiveHuisvesting(query, provinceCode, !provinceCode);
  const [{ data: viewer }] = useQuery({ query: ViewerQuery });
  const gemeente = result.data?.gemeente;
  usePageTitle(gemeente ? `Huisvesting ${gemeente.name}` : 'Huisvesting gemeente');

  if (period.error) return <ErrorAlert error={period.error} />;
  if (!period.loaded || (result.fetching && !result.data)) return <Loading what="de taakstelling" />;
  if (!halfYear) return <Paragraph>Er is nog geen landelijke taakstelling vastgesteld.</Paragraph>;
  if (result.error && !result.data) return <ErrorAlert error={result.error} />;
  if (!gemeente) return <Paragraph>Deze gemeente bestaat niet.</Paragraph>;
  const t = gemeente.taakstelling;
  const allowed = (action: string) => Boolean(t?.viewerActions.includes(action as never));
  const herverdelingen = (result.data?.herverdelingen ?? []).filter((h) => h.parts.some((p) => p.gemeenteCode === upper));
  return (
    <>
      <Heading level={1}>Huisvesting vergunninghouders: {gemeente.name}</Heading>
      <Paragraph>
        Gemeente in {provinceName(gemeente.province.code)}
        {may(viewer?.viewer.abilities, 'READ_HUISVESTING', gemeente.province.code) ? (
          <>
            {' '}
            — <AppLink to={`/huisvesting/provincie/${gemeente.province.code}?halfjaar=${halfYear}`}>gemeenten van de provincie</AppLink>
          </>
        ) : null}
        .
      </Paragraph>
      {indicator}
      <HalfYearPicker {...period} />
      {change ? (
        <Paragraph className="note" aria-live="polite">
          Bijgewerkt na een wijziging door {change.actor?.name ?? 'iemand'} ({formatDateTime(change.at)}).
        </Paragraph>
      ) : null}
      {t ? (
        <>
          <TaakstellingSection t={t} halfYear={halfYear} national={period.national} />
          {allowed('RECORD_REALISATION') ? <RealisationForm key={`${upper}@${halfYear}`} code={upper} halfYear={halfYear} t={t} onSaved={refetch} /> : null}
        </>
      ) : (
        <Paragraph>Voor {halfYearLabel(halfYear)} is voor deze gemeente geen taakstelling bekend, of u mag haar niet inzien.</Paragraph>
      )}
      <HerverdelingenSection code={upper} provinceCode={gemeente.province.code} halfYear={halfYear} rows={herverdelingen} mayPropose={allowed('PROPOSE_HERVERDELING')} onChanged={refetch} />
    </>
  );
}

function TaakstellingSection({ t, halfYear, national }: { t: Taakstelling; halfYear: string; national: ReturnType<typeof useHalfYear>['national'] }) {
  const rows: [string, string][] = [
    ['Inwoners', `${formatNumber(t.inhabitants)}${national ? ` op ${formatDate(national.populationDate)}` : ''}${t.populationFictitious ? ' (fictief demogetal, niet van het CBS)' : ' (CBS)'}`],
    [
      'Berekende taakstelling',
      national
        ? `⌈ ${formatNumber(national.vergunninghouders)} × ${formatNumber(t.inhabitants)} ÷ ${formatNumber(national.inhabitantsNL)} ⌉ = ${formatNumber(t.computed)} (naar boven afgerond)`
        : formatNumber(t.computed),
    ],
    ['Herverdeeld (art. 29 lid 2)', t.transferred === 0 ? '0' : `${t.transferred > 0 ? '+' : '−'}${formatNumber(Math.abs(t.transferred))}`],
    ['Taakstelling', formatNumber(t.taakstelling)],
    ['Meegenomen uit eerdere halfjaren', t.carriedIn === 0 ? 'niets' : balanceText(t.carriedIn)],
    ['Opgave (taakstelling plus achterstand, min voorsprong)', formatNumber(t.opgave)],
    ['Gehuisvest', formatNumber(t.housed)],
    ['waarvan in een tussenvoorziening', formatNumber(t.inTussenvoorziening)],
    ['waarvan in doorstroomwoningen', formatNumber(t.inDoorstroomwoning)],
    ['Stand aan het eind van het halfjaar', balanceText(t.balance)],
  ];
  return (
    <section aria-labelledby="taakstelling" className="overview-section">
      <Heading level={2} id="taakstelling">
        Taakstelling {halfYear}
      </Heading>
      <NationalNote national={national} />
      <ScrollTable label="Tabel taakstelling">
        <Table>
          <TableCaption>Taakstelling en realisatie, {halfYearLabel(halfYear)}</TableCaption>
          <TableBody>
            {rows.map(([label, value]) => (
              <TableRow key={label}>
                <HeaderCell scope="row">{label}</HeaderCell>
                <TableCell data-testid={`taakstelling-${label}`}>{value}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollTable>
    </section>
  );
}

interface RealisationValues {
  housed: string;
  inTussenvoorziening: string;
  inDoorstroomwoning: string;
}
const REALISATION_FIELDS = ['housed', 'inTussenvoorziening', 'inDoorstroomwoning'];
const wholeNumber = (what: string) => (value: string) => {
  const text = value.trim();
  if (!text) return `Vul ${what} in.`;
  if (/^-/.test(text)) return `${what[0]!.toUpperCase()}${what.slice(1)} kan niet negatief zijn.`;
  if (!/^\d+$/.test(text)) return `Vul een heel getal in, zonder punten of komma’s.`;
  if (Number(text) > 100_000) return 'Ten hoogste 100.000.';
  return true;
};

/**
 * Records what the gemeente housed in the half-year, on the version the person saw; when someone else recorded it
 * meanwhile, what the person typed stays and saving again applies it to the new version.
 */
function RealisationForm({ code, halfYear, t, onSaved }: { code: string; halfYear: string; t: Taakstelling; onSaved: () => void }) {
  const [saving, record] = useMutation(RecordRealisationMutation);
  const values = (x: Taakstelling): RealisationValues => ({ housed: String(x.housed), inTussenvoorziening: String(x.inTussenvoorziening), inDoorstroomwoning: String(x.inDoorstroomwoning) });
  const { register, handleSubmit, reset, setError, formState: { errors, isDirty } } = useForm<RealisationValues>({ defaultValues: values(t), shouldFocusError: true });
  const [basedOn, setBasedOn] = useState(t.realisationVersion);
  const [failure, setFailure] = useState<typeof saving.error>(undefined);
  const [conflict, setConflict] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useWarnBeforeLeaving(isDirty);

  const onSubmit = handleSubmit(async (v) => {
    setFailure(undefined);
    setConflict(null);
    setSaved(null);
    const input = { gemeenteCode: code, halfYear, housed: Number(v.housed), inTussenvoorziening: Number(v.inTussenvoorziening), inDoorstroomwoning: Number(v.inDoorstroomwoning), expectedVersion: basedOn };
    if (input.inTussenvoorziening + input.inDoorstroomwoning > input.housed) {
      setError('housed', { message: 'Tussenvoorziening en doorstroomwoningen horen bij het aantal gehuisvesten: samen kunnen ze niet meer zijn.' });
      return;
    }
    const result = await record({ input });
    if (result.error) {
      setFailure(result.error);
      applyServerFieldErrors(result.error, setError, (path) => REALISATION_FIELDS.includes(path));
      const refused = conflictOf(result.error);
      if (refused) {
        const version = refused.currentVersion;
        setBasedOn(version);
        setConflict(
          `De realisatie is intussen door iemand anders vastgelegd (nu versie ${formatNumber(version)}; zie de taakstelling hierboven). Uw invoer is bewaard: kies opnieuw "Realisatie opslaan" om uw getallen daaroverheen op te slaan.`,
        );
        onSaved();
      }
      return;
    }
    const r = result.data!.recordHuisvestingRealisation;
    setBasedOn(r.realisationVersion);
    reset({ housed: String(r.housed), inTussenvoorziening: String(r.inTussenvoorziening), inDoorstroomwoning: String(r.inDoorstroomwoning) });
    setSaved(`Opgeslagen: ${formatNumber(r.housed)} gehuisvest in ${r.halfYear}; stand: ${balanceText(r.balance)} (versie ${formatNumber(r.realisationVersion)}).`);
    onSaved();
  });

  return (
    <section aria-labelledby="realisatie" className="overview-section">
      <Heading level={2} id="realisatie">
        Realisatie vastleggen
      </Heading>
      <form noValidate onSubmit={onSubmit} aria-labelledby="realisatie-form-titel">
        <Fieldset legend={`Gehuisveste vergunninghouders, ${halfYearLabel(halfYear)}`} legendId="realisatie-form-titel">
          <Paragraph className="note">
            Huisvesting in een tussenvoorziening en in doorstroomwoningen telt direct mee voor de taakstelling; vul ze ook apart in, zodat ze getoond kunnen
            worden.
          </Paragraph>
          <TextField label="Gehuisvest (totaal)" type="number" required registration={register('housed', { validate: wholeNumber('het aantal gehuisvesten') })} error={errors.housed} />
          <TextField
            label="Waarvan in een tussenvoorziening"
            type="number"
            required
            registration={register('inTussenvoorziening', { validate: wholeNumber('het aantal in een tussenvoorziening') })}
            error={errors.inTussenvoorziening}
          />
          <TextField
            label="Waarvan in doorstroomwoningen"
            type="number"
            required
            registration={register('inDoorstroomwoning', { validate: wholeNumber('het aantal in doorstroomwoningen') })}
            error={errors.inDoorstroomwoning}
          />
        </Fieldset>
        <ConflictAlert conflict={conflict} failure={failure} title="De realisatie is niet opgeslagen." />
        <DoneNotice message={saved} />
        <div className="button-row">
          <PrimaryActionButton type="submit" disabled={saving.fetching}>
            Realisatie opslaan
          </PrimaryActionButton>
        </div>
      </form>
    </section>
  );
}

function HerverdelingenSection({
  code,
  provinceCode,
  halfYear,
  rows,
  mayPropose,
  onChanged,
}: {
  code: string;
  provinceCode: string;
  halfYear: string;
  rows: HerverdelingRow[];
  mayPropose: boolean;
  onChanged: () => void;
}) {
  const [{ data: list }] = useQuery({ query: GemeentenQuery, variables: { provinceCode: provinceCode as never } });
  // The province's gemeenten to choose from; a part names its own gemeente, which may lie in another province.
  const names = new Map((list?.gemeenten.edges ?? []).map((e) => [e.node.code, e.node.name]));
  for (const row of rows) for (const part of row.parts) names.set(part.gemeenteCode, part.gemeente.name);
  const nameOf = (c: string) => names.get(c) ?? c;
  const confirmable = rows.some((row) => row.parts.some((p) => p.gemeenteCode === code && p.viewerCanConfirm));
  const [confirming, confirm] = useMutation(ConfirmHerverdelingMutation);
  const [confirmFailure, setConfirmFailure] = useState<typeof confirming.error>(undefined);
  const [done, setDone] = useState<string | null>(null);
  const onConfirm = async (row: HerverdelingRow) => {
    setConfirmFailure(undefined);
    setDone(null);
    const result = await confirm({ id: row.id });
    if (result.error) return setConfirmFailure(result.error);
    setDone(
      result.data!.confirmHerverdeling.confirmed
        ? `Herverdeling ${row.reference} bevestigd: alle partijen hebben bevestigd, zij telt nu mee.`
        : `Herverdeling ${row.reference} bevestigd; zij telt mee zodra alle partijen hebben bevestigd.`,
    );
    onChanged();
  };
  return (
    <section aria-labelledby="herverdelingen" className="overview-section">
      <Heading level={2} id="herverdelingen">
        Herverdelingen {halfYear}
      </Heading>
      <Paragraph>
        Gemeenten kunnen bij gezamenlijk besluit van hun colleges taakstelling aan elkaar overdragen (Huisvestingswet 2014, art. 29 lid 2), mits de som
        gelijk blijft. Een herverdeling telt mee zodra alle betrokken gemeenten haar hebben bevestigd.
      </Paragraph>
      {rows.length === 0 ? (
        <Paragraph>Geen herverdelingen in dit halfjaar.</Paragraph>
      ) : (
        <ScrollTable label="Tabel herverdelingen">
          <Table>
            <TableCaption>Herverdelingen waarbij deze gemeente partij is</TableCaption>
            <TableHeader>
              <TableRow>
                <HeaderCell scope="col">Kenmerk</HeaderCell>
                <HeaderCell scope="col">Besluit van</HeaderCell>
                <HeaderCell scope="col">Gemeenten en wijziging</HeaderCell>
                <HeaderCell scope="col">Status</HeaderCell>
                {confirmable ? <HeaderCell scope="col">Actie</HeaderCell> : null}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => {
                const waiting = row.parts.some((p) => p.gemeenteCode === code && p.viewerCanConfirm);
                return (
                  <TableRow key={row.id}>
                    <HeaderCell scope="row">{row.reference}</HeaderCell>
                    <TableCell>{formatDate(row.decidedOn)}</TableCell>
                    <TableCell>
                      {row.parts
                        .map((p) => `${nameOf(p.gemeenteCode)} ${p.change > 0 ? '+' : '−'}${formatNumber(Math.abs(p.change))}${p.confirmedAt ? ' (bevestigd)' : ' (wacht)'}`)
                        .join('; ')}
                    </TableCell>
                    <TableCell>{row.confirmed ? 'Telt mee' : 'Wacht op bevestiging'}</TableCell>
                    {confirmable ? (
                      <TableCell>
                        {waiting ? (
                          <SecondaryActionButton type="button" disabled={confirming.fetching} onClick={() => onConfirm(row)}>
                            Bevestigen<span className="visually-hidden"> {row.reference}</span>
                          </SecondaryActionButton>
                        ) : (
                          '—'
                        )}
                      </TableCell>
                    ) : null}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </ScrollTable>
      )}
      {confirmFailure ? <ErrorAlert error={confirmFailure} title="De herverdeling is niet bevestigd." /> : null}
      <DoneNotice message={done} />
      {mayPropose ? <ProposeForm code={code} halfYear={halfYear} gemeenten={(list?.gemeenten.edges ?? []).map((e) => e.node).filter((g) => g.code !== code)} onSaved={onChanged} /> : null}
    </section>
  );
}

interface ProposeValues {
  decidedOn: string;
  reference: string;
  ownChange: string;
  others: { gemeenteCode: string; change: string }[];
}
const integer = (value: string) => /^[-−]?\d+$/.test(value.trim());
const toInt = (value: string) => Number(value.trim().replace('−', '-'));

/** Records a herverdeling the colleges decided jointly; the form shows the sum of the changes before sending. */
function ProposeForm({ code, halfYear, gemeenten, onSaved }: { code: string; halfYear: string; gemeenten: { code: string; name: string }[]; onSaved: () => void }) {
  const [saving, propose] = useMutation(ProposeHerverdelingMutation);
  const EMPTY: ProposeValues = { decidedOn: '', reference: '', ownChange: '', others: [{ gemeenteCode: '', change: '' }] };
  const { register, control, handleSubmit, reset, setError, watch, formState: { errors, isDirty } } = useForm<ProposeValues>({ defaultValues: EMPTY, shouldFocusError: true });
  const { fields, append, remove } = useFieldArray({ control, name: 'others' });
  const [failure, setFailure] = useState<typeof saving.error>(undefined);
  const [saved, setSaved] = useState<string | null>(null);
  useWarnBeforeLeaving(isDirty);
  const [ownChange, others] = watch(['ownChange', 'others']);
  const changes = [ownChange, ...others.map((o) => o.change)].filter(integer).map(toInt);
  const sum = changes.reduce((a, b) => a + b, 0);

  const onSubmit = handleSubmit(async (v) => {
    setFailure(undefined);
    setSaved(null);
    const parts = [{ gemeenteCode: code, change: toInt(v.ownChange) }, ...v.others.map((o) => ({ gemeenteCode: o.gemeenteCode, change: toInt(o.change) }))];
    if (parts.reduce((a, p) => a + p.change, 0) !== 0) {
      setError('ownChange', { message: 'De som van de wijzigingen moet 0 zijn: wat de ene gemeente overneemt, draagt de andere over.' });
      return;
    }
    const result = await propose({ input: { halfYear, reason: 'JOINT_DECISION', decidedOn: v.decidedOn, reference: v.reference.trim(), parts } });
    if (result.error) {
      setFailure(result.error);
      applyServerFieldErrors(result.error, setError, (path) => ['decidedOn', 'reference'].includes(path) || /^parts\.\d+\./.test(path));
      return;
    }
    reset(EMPTY);
    setSaved(`Herverdeling ${result.data!.proposeHerverdeling.reference} vastgelegd. Zij telt mee zodra de andere gemeenten haar hebben bevestigd.`);
    onSaved();
  });

  return (
    <form noValidate onSubmit={onSubmit} aria-labelledby="herverdeling-form-titel">
      <Fieldset legend="Herverdeling vastleggen" legendId="herverdeling-form-titel">
        <Paragraph className="note">
          Vul per gemeente in hoeveel taakstelling zij overneemt (positief) of overdraagt (negatief). De som moet gelijk blijven: alle wijzigingen samen zijn
          0.
        </Paragraph>
        <TextField
          label="Datum van het gezamenlijke besluit"
          type="date"
          required
          registration={register('decidedOn', { required: 'Vul de datum van het besluit in.', validate: (value) => isIsoDate(value) || 'Vul een bestaande datum in (dag, maand en jaar).' })}
          error={errors.decidedOn}
        />
        <TextField label="Kenmerk van het besluit" required registration={register('reference', { validate: requiredText('Vul het kenmerk van het besluit in.', 'Het kenmerk') })} error={errors.reference} />
        <TextField
          label="Wijziging voor uw gemeente"
          description="Positief: uw gemeente neemt over; negatief: uw gemeente draagt over."
          required
          registration={register('ownChange', { validate: (value) => (integer(value) && toInt(value) !== 0) || 'Vul een heel getal in dat niet 0 is.' })}
          error={errors.ownChange}
        />
        {fields.map((field, index) => (
          <Fieldset key={field.id} legend={`Andere gemeente ${index + 1}`}>
            <SelectField
              label="Gemeente"
              required
              registration={register(`others.${index}.gemeenteCode`, { required: 'Kies een gemeente.' })}
              error={errors.others?.[index]?.gemeenteCode}
            >
              <SelectOption value="">Kies een gemeente</SelectOption>
              {gemeenten.map((g) => (
                <SelectOption key={g.code} value={g.code}>
                  {g.name}
                </SelectOption>
              ))}
            </SelectField>
            <TextField
              label="Wijziging"
              required
              registration={register(`others.${index}.change`, { validate: (value) => (integer(value) && toInt(value) !== 0) || 'Vul een heel getal in dat niet 0 is.' })}
              error={errors.others?.[index]?.change}
            />
            {fields.length > 1 ? (
              <SecondaryActionButton type="button" onClick={() => remove(index)}>
                Gemeente {index + 1} verwijderen
              </SecondaryActionButton>
            ) : null}
          </Fieldset>
        ))}
        <SecondaryActionButton type="button" onClick={() => append({ gemeenteCode: '', change: '' })}>
          Nog een gemeente
        </SecondaryActionButton>
        <Paragraph className="note" aria-live="polite" id="herverdeling-som">
          Som van de wijzigingen: {formatNumber(sum)}.{' '}
          {sum === 0 ? 'De som blijft gelijk.' : 'De som moet 0 zijn; zo wordt de herverdeling geweigerd.'}
        </Paragraph>
      </Fieldset>
      {failure ? <ErrorAlert error={failure} title="De herverdeling is niet vastgelegd." /> : null}
      <DoneNotice message={saved} />
      <div className="button-row">
        <PrimaryActionButton type="submit" disabled={saving.fetching}>
          Herverdeling vastleggen
        </PrimaryActionButton>
      </div>
    </form>
  );
}
