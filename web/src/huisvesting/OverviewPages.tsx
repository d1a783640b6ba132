import { Alert, Heading, Paragraph, Table, TableBody, TableCaption, TableCell, TableHeader, TableRow } from '@rijkshuisstijl-community/components-react';
import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { AppLink } from '../app/AppLink';
import { ViewerQuery } from '../app/Home';
import { ErrorAlert } from '../app/ErrorAlert';
import { formatDate, formatNumber, isProvinceCode, provinceName } from '../app/format';
import { Loading } from '../app/Loading';
import { NotFound } from '../app/NotFound';
import { HeaderCell, ScrollTable } from '../app/table';
import { usePageTitle } from '../app/usePageTitle';
import { HuisvestingOverviewQuery, type ProvinceFigures } from './queries';
import { balanceText, HalfYearPicker, NationalNote, useHalfYear, useLiveHuisvesting } from './shared';

/** The province's gemeenten with an achterstand, for the PRT and the national roles (the API decides who reads it). */
export function ProvinceHuisvestingPage() {
  const { code = '' } = useParams();
  const upper = code.toUpperCase();
  if (!isProvinceCode(upper)) return <NotFound />;
  return <ProvinceHuisvesting key={upper} code={upper} />;
}

function ProvinceHuisvesting({ code }: { code: string }) {
  usePageTitle(`Huisvesting ${provinceName(code)}`);
  const period = useHalfYear();
  const { halfYear } = period;
  const query = useQuery({ query: HuisvestingOverviewQuery, variables: { halfYear: halfYear ?? '', provinceCode: code as never }, pause: !halfYear });
  const { result, indicator } = useLiveHuisvesting(query, code, !halfYear);
  const province = result.data?.huisvestingOverview.provinces[0];
  return (
    <>
      <Heading level={1}>Huisvesting vergunninghouders: {provinceName(code)}</Heading>
      {indicator}
      <HalfYearPicker {...period} />
      {period.error ? <ErrorAlert error={period.error} /> : null}
      {result.error ? <ErrorAlert error={result.error} /> : null}
      {!province && (result.fetching || !period.loaded) ? <Loading what="de huisvesting" /> : null}
      {province ? (
        <>
          <ProvinceSummary p={province} />
          <AchterstandTable p={province} />
        </>
      ) : null}
    </>
  );
}

function ProvinceSummary({ p }: { p: ProvinceFigures }) {
  return (
    <Paragraph data-testid="provincie-samenvatting">
      Taakstelling {formatNumber(p.taakstelling)}, opgave (met achterstand en voorsprong uit eerdere halfjaren) {formatNumber(p.opgave)}, gehuisvest{' '}
      {formatNumber(p.housed)} (waarvan {formatNumber(p.inTussenvoorziening)} in een tussenvoorziening en {formatNumber(p.inDoorstroomwoning)} in
      doorstroomwoningen). Achterstand {formatNumber(p.achterstand)} bij {formatNumber(p.gemeentenWithAchterstand)} gemeenten, voorsprong{' '}
      {formatNumber(p.voorsprong)}; per saldo {balanceText(p.balance)}.
    </Paragraph>
  );
}

function AchterstandTable({ p }: { p: ProvinceFigures }) {
  const behind = p.gemeenten.filter((g) => g.achterstand > 0);
  return (
    <section aria-labelledby="achterstand" className="overview-section">
      <Heading level={2} id="achterstand">
        Gemeenten met achterstand
      </Heading>
      {behind.length === 0 ? (
        <Paragraph>Geen gemeente in {provinceName(p.provinceCode)} heeft aan het eind van {p.halfYear} een achterstand.</Paragraph>
      ) : (
        <ScrollTable label="Tabel gemeenten met achterstand">
          <Table>
            <TableCaption>Gemeenten met achterstand, grootste eerst ({p.halfYear})</TableCaption>
            <TableHeader>
              <TableRow>
                <HeaderCell scope="col">Gemeente</HeaderCell>
                <HeaderCell scope="col" numeric>Taakstelling</HeaderCell>
                <HeaderCell scope="col" numeric>Meegenomen</HeaderCell>
                <HeaderCell scope="col" numeric>Opgave</HeaderCell>
                <HeaderCell scope="col" numeric>Gehuisvest</HeaderCell>
                <HeaderCell scope="col" numeric>Tussenvoorziening</HeaderCell>
                <HeaderCell scope="col" numeric>Doorstroomwoningen</HeaderCell>
                <HeaderCell scope="col" numeric>Achterstand</HeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {behind.map((g) => (
                <TableRow key={g.gemeente.code} data-gemeente={g.gemeente.code}>
                  <HeaderCell scope="row">
                    <AppLink to={`/huisvesting/gemeente/${g.gemeente.code}?halfjaar=${p.halfYear}`}>{g.gemeente.name}</AppLink>
                  </HeaderCell>
                  <TableCell className="number">{formatNumber(g.taakstelling)}</TableCell>
                  <TableCell className="number">{g.carriedIn === 0 ? '0' : balanceText(g.carriedIn)}</TableCell>
                  <TableCell className="number">{formatNumber(g.opgave)}</TableCell>
                  <TableCell className="number">{formatNumber(g.housed)}</TableCell>
                  <TableCell className="number">{formatNumber(g.inTussenvoorziening)}</TableCell>
                  <TableCell className="number">{formatNumber(g.inDoorstroomwoning)}</TableCell>
                  <TableCell className="number" data-achterstand>{formatNumber(g.achterstand)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ScrollTable>
      )}
    </section>
  );
}

/** IPO's national view: per province taakstelling, housed, achterstand, voorsprong, verevening, koppeling, signal. */
export function NationalHuisvestingPage() {
  usePageTitle('Huisvesting vergunninghouders');
  const period = useHalfYear();
  const { halfYear } = period;
  const query = useQuery({ query: HuisvestingOverviewQuery, variables: { halfYear: halfYear ?? '' }, pause: !halfYear });
  // Live for the whole country for those who follow it; otherwise for the one province one reads (a secretariat).
  const [{ data: viewer }] = useQuery({ query: ViewerQuery });
  const follows = viewer?.viewer.abilities.find((a) => a.action === 'FOLLOW_ACTIVITY');
  const readable = query[0].data?.huisvestingOverview.provinces ?? [];
  const liveProvince = follows?.national ? null : readable.length === 1 ? readable[0].provinceCode : undefined;
  const { result, indicator } = useLiveHuisvesting(query, liveProvince, !halfYear || !viewer || liveProvince === undefined);
  const overview = result.data?.huisvestingOverview;
  const signalled = overview?.provinces.filter((p) => p.fewerKoppelingenThanNeeded) ?? [];
  const regiosSignalled = overview?.uitplaatsingsregios.filter((r) => r.fewerKoppelingenThanNeeded) ?? [];
  return (
    <>
      <Heading level={1}>Huisvesting vergunninghouders per provincie</Heading>
      {indicator}
      <HalfYearPicker {...period} />
      {period.error ? <ErrorAlert error={period.error} /> : null}
      {result.error ? <ErrorAlert error={result.error} /> : null}
      {!overview && (result.fetching || !period.loaded) ? <Loading what="de huisvesting" /> : null}
      {overview ? (
        <>
          <NationalNote national={overview?.national ?? period.national} />
          {signalled.length > 0 ? (
            <Alert type="warning">
              <Paragraph>
                Signaal aan COA en IPO (Handreiking 4.2.4): minder koppelingen dan de opgave vraagt in {signalled.map((p) => provinceName(p.provinceCode)).join(', ')}
                {regiosSignalled.length > 0 ? `, en in uitplaatsingsregio ${regiosSignalled.map((r) => r.number).join(', ')}` : ''}.
              </Paragraph>
            </Alert>
          ) : null}
          <ScrollTable label="Tabel huisvesting per provincie">
            <Table>
              <TableCaption>Huisvesting per provincie, {overview.halfYear}</TableCaption>
              <TableHeader>
                <TableRow>
                  <HeaderCell scope="col">Provincie</HeaderCell>
                  <HeaderCell scope="col" numeric>Taakstelling</HeaderCell>
                  <HeaderCell scope="col" numeric>Opgave</HeaderCell>
                  <HeaderCell scope="col" numeric>Gehuisvest</HeaderCell>
                  <HeaderCell scope="col" numeric>Achterstand</HeaderCell>
                  <HeaderCell scope="col" numeric>Voorsprong</HeaderCell>
                  <HeaderCell scope="col" numeric>Gekoppeld</HeaderCell>
                  <HeaderCell scope="col" numeric>Binnen 14 weken</HeaderCell>
                  <HeaderCell scope="col" numeric>Te laat</HeaderCell>
                  <HeaderCell scope="col">Signaal</HeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {overview.provinces.map((p) => (
                  <TableRow key={p.provinceCode} data-provincie={p.provinceCode}>
                    <HeaderCell scope="row">
                      <AppLink to={`/huisvesting/provincie/${p.provinceCode}?halfjaar=${overview.halfYear}`}>{provinceName(p.provinceCode)}</AppLink>
                    </HeaderCell>
                    <TableCell className="number">{formatNumber(p.taakstelling)}</TableCell>
                    <TableCell className="number">{formatNumber(p.opgave)}</TableCell>
                    <TableCell className="number">{formatNumber(p.housed)}</TableCell>
                    <TableCell className="number" data-achterstand>{formatNumber(p.achterstand)}</TableCell>
                    <TableCell className="number">{formatNumber(p.voorsprong)}</TableCell>
                    <TableCell className="number">{formatNumber(p.koppeling.linked)}</TableCell>
                    <TableCell className="number">{formatNumber(p.koppeling.housedWithinNorm)}</TableCell>
                    <TableCell className="number">{formatNumber(p.koppeling.housedLate)}</TableCell>
                    <TableCell>{p.fewerKoppelingenThanNeeded ? 'Minder koppelingen dan nodig' : 'Geen'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ScrollTable>
          {overview.uitplaatsingsregios.length > 0 ? (
            <section aria-labelledby="uitplaatsingsregios" className="overview-section">
              <Heading level={2} id="uitplaatsingsregios">
                Koppeling per uitplaatsingsregio
              </Heading>
              <Paragraph>
                COA koppelt vergunninghouders per uitplaatsingsregio aan gemeenten. Krijgt een regio minder koppelingen dan haar opgave vraagt, dan
                wijst COA opvanglocaties in die regio toe (Handreiking 4.2.4).
              </Paragraph>
              <ScrollTable label="Tabel koppeling per uitplaatsingsregio">
                <Table>
                  <TableCaption>Koppeling per uitplaatsingsregio, {overview.halfYear}</TableCaption>
                  <TableHeader>
                    <TableRow>
                      <HeaderCell scope="col">Uitplaatsingsregio</HeaderCell>
                      <HeaderCell scope="col" numeric>Opgave</HeaderCell>
                      <HeaderCell scope="col" numeric>Gekoppeld</HeaderCell>
                      <HeaderCell scope="col" numeric>Tekort</HeaderCell>
                      <HeaderCell scope="col">Signaal</HeaderCell>
                    </TableRow>
                  </TableHeader>
                  <TableBody>
                    {overview.uitplaatsingsregios.map((r) => (
                      <TableRow key={r.number} data-regio={r.number}>
                        <HeaderCell scope="row">
                          {r.number}: {r.provinceCodes.map((code) => provinceName(code)).join(', ')}
                        </HeaderCell>
                        <TableCell className="number">{formatNumber(r.opgave)}</TableCell>
                        <TableCell className="number">{formatNumber(r.koppeling.linked)}</TableCell>
                        <TableCell className="number">{formatNumber(r.koppelingShortfall)}</TableCell>
                        <TableCell>{r.fewerKoppelingenThanNeeded ? 'Minder koppelingen dan nodig' : 'Geen'}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              </ScrollTable>
            </section>
          ) : null}
          <section aria-labelledby="verevening" className="overview-section">
            <Heading level={2} id="verevening">
              Verevening (Handreiking 4.2.6)
            </Heading>
            <Paragraph>
              De voorsprong van een provincie op 1 januari 2021, 1 juli 2021 en 1 januari 2022 wordt afgetrokken van het aantal extra
              kortetermijnopvangplaatsen dat zij moet realiseren.
            </Paragraph>
            <ScrollTable label="Tabel verevening per provincie">
              <Table>
                <TableCaption>Verevening per provincie</TableCaption>
                <TableHeader>
                  <TableRow>
                    <HeaderCell scope="col">Provincie</HeaderCell>
                    {(overview.provinces[0]?.verevening.peildata ?? []).map((d) => (
                      <HeaderCell key={d.peildatum} scope="col" numeric>
                        Voorsprong {formatDate(d.peildatum)}
                      </HeaderCell>
                    ))}
                    <HeaderCell scope="col" numeric>Aftrek</HeaderCell>
                    <HeaderCell scope="col" numeric>Doel korte termijn</HeaderCell>
                    <HeaderCell scope="col" numeric>Resterend doel</HeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {overview.provinces.map((p) => (
                    <TableRow key={p.provinceCode}>
                      <HeaderCell scope="row">{provinceName(p.provinceCode)}</HeaderCell>
                      {p.verevening.peildata.map((d) => (
                        <TableCell key={d.peildatum} className="number">
                          {d.voorsprong == null ? 'geen taakstelling' : formatNumber(d.voorsprong)}
                        </TableCell>
                      ))}
                      <TableCell className="number">{formatNumber(p.verevening.deduction)}</TableCell>
                      <TableCell className="number">{formatNumber(p.verevening.shortTermTarget)}</TableCell>
                      <TableCell className="number">{formatNumber(p.verevening.remainingShortTermTarget)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </ScrollTable>
          </section>
        </>
      ) : null}
    </>
  );
}
