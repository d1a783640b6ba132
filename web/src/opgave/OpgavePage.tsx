import { Heading, Paragraph, UnorderedList, UnorderedListItem } from '@rijkshuisstijl-community/components-react';
import { useRef } from 'react';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { AppLink } from '../app/AppLink';
import { ErrorAlert } from '../app/ErrorAlert';
import { ViewerQuery } from '../app/Home';
import { LiveIndicator } from '../app/LiveIndicator';
import { Loading } from '../app/Loading';
import { NotFound } from '../app/NotFound';
import { formatDateTime, isProvinceCode, PROVINCE_CODES, provinceName } from '../app/format';
import { Section } from '../app/table';
import { usePageTitle } from '../app/usePageTitle';
import { may } from './abilities';
import { OpgaveForm, type OpgaveFormHandle } from './OpgaveForm';
import { OpgaveTable } from './OpgaveTable';
import { ShortTermTargetSection } from './ShortTermTarget';
import { useLiveOpgave } from './useLiveOpgave';

const PLAN_READING = ['READ_PLANS', 'READ_DRAFT_PLANS', 'EDIT_PLANS', 'DECIDE_PLANS'];

/** The provinces whose opgave the viewer may see (those whose plans they may read), to choose one. */
export function OpgaveIndex() {
  usePageTitle('Opgave per provincie');
  const [{ data, error, fetching }] = useQuery({ query: ViewerQuery });
  const abilities = data?.viewer.abilities;
  const provinces = PROVINCE_CODES.filter((code) => PLAN_READING.some((action) => may(abilities, action, code)));
  return (
    <>
      <Heading level={1}>Opgave per provincie</Heading>
      <Paragraph>
        De opgave is wat een provincie van een opvangtype (of van elk opvangtype) op een peildatum moet hebben gerealiseerd, vastgesteld door
        de Landelijke Regietafel, met de bron van het getal.
      </Paragraph>
      <ErrorAlert error={error} />
      {fetching && !data ? <Loading what="uw gegevens" /> : null}
      {data && provinces.length === 0 ? <Paragraph>U mag de opgave van geen enkele provincie inzien.</Paragraph> : null}
      {provinces.length > 0 ? (
        <UnorderedList>
          {provinces.map((code) => (
            <UnorderedListItem key={code}>
              <AppLink to={`/opgave/${code}`}>Opgave {provinceName(code)}</AppLink>
            </UnorderedListItem>
          ))}
        </UnorderedList>
      ) : null}
    </>
  );
}

/** One province's opgave, live; with the form to set or change it for those the API lets decide (LRT). */
export function OpgavePage() {
  const { code = '' } = useParams();
  const upper = code.toUpperCase();
  if (!isProvinceCode(upper)) return <NotFound />;
  return <OpgaveOfProvince key={upper} code={upper} />;
}

function OpgaveOfProvince({ code }: { code: string }) {
  const title = `Opgave ${provinceName(code)}`;
  usePageTitle(title);
  const [viewer] = useQuery({ query: ViewerQuery });
  const decides = may(viewer.data?.viewer.abilities, 'DECIDE_PLANS', code);
  const revises = may(viewer.data?.viewer.abilities, 'REVISE_SHORT_TERM_TARGET', code);
  const { data, error, fetching, change, liveError } = useLiveOpgave(code);
  const figures = data?.province?.opgave;
  const form = useRef<OpgaveFormHandle>(null);
  return (
    <>
      <div className="page-heading">
        <Heading level={1}>{title}</Heading>
        <LiveIndicator subscriptionError={liveError} />
      </div>
      <Paragraph>
        <AppLink to={`/provincie/${code}`}>Overzicht van {provinceName(code)}</AppLink> · <AppLink to="/opgave">Andere provincie</AppLink>
      </Paragraph>
      {change ? (
        <Paragraph className="note" role="status">
          Bijgewerkt na een wijziging door {change.actor?.name ?? 'onbekend'} op {formatDateTime(change.at)}.
        </Paragraph>
      ) : null}
      <ErrorAlert error={error} />
      {fetching && !data ? <Loading what="de opgave" /> : null}
      {figures ? (
        <Section id="huidige-opgave" title="Huidige opgave">
          <OpgaveTable code={code} figures={figures} onChange={decides ? (figure) => form.current?.change(figure) : undefined} />
        </Section>
      ) : null}
      {figures && decides ? (
        <Section id="opgave-vaststellen" title="Opgave vaststellen of wijzigen">
          <OpgaveForm code={code} figures={figures} handle={form} />
        </Section>
      ) : null}
      <ShortTermTargetSection code={code} revises={revises} />
    </>
  );
}

/** The opgave on the province page, live, for those who may read the province's plans; a link to change it for the LRT. */
export function ProvinceOpgaveSection({ code }: { code: string }) {
  const [viewer] = useQuery({ query: ViewerQuery });
  const abilities = viewer.data?.viewer.abilities;
  const reads = PLAN_READING.some((action) => may(abilities, action, code));
  if (!reads) return null;
  return <LiveProvinceOpgave code={code} decides={may(abilities, 'DECIDE_PLANS', code)} revises={may(abilities, 'REVISE_SHORT_TERM_TARGET', code)} />;
}

function LiveProvinceOpgave({ code, decides, revises }: { code: string; decides: boolean; revises: boolean }) {
  const { data, error } = useLiveOpgave(code);
  const figures = data?.province?.opgave;
  return (
    <Section id="opgave" title={`Opgave ${provinceName(code)}`}>
      <ErrorAlert error={error} />
      {figures ? <OpgaveTable code={code} figures={figures} /> : null}
      {decides ? (
        <Paragraph>
          <AppLink to={`/opgave/${code}`}>Opgave van {provinceName(code)} vaststellen of wijzigen</AppLink>
        </Paragraph>
      ) : null}
      {revises ? (
        <Paragraph>
          <AppLink to={`/opgave/${code}#kortetermijndoel`}>Kortetermijndoel van {provinceName(code)} herzien</AppLink> (met de geschiedenis)
        </Paragraph>
      ) : null}
    </Section>
  );
}
