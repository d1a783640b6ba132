import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BROWSER, accessibilityProblems, pageToken, screenshotPath, typeDate, type BrowserRun, useBrowserRun } from './support/browser.js';

/**
 * The web forms for the opvang corrections (issue 15) in a real browser against the real server on the demo data:
 * the LRT revises a province's short-term target (keyboard only) and a second person sees the new figure live; the
 * total opvang in the opgave form; a gemeente records crisisnoodopvang and the province page shows it. Figures are
 * asserted against what the API says; every screen is checked with axe.
 */
let run: BrowserRun;
useBrowserRun((started) => {
  run = started;
});

const nl = new Intl.NumberFormat('nl-NL');
const today = new Date().toISOString().slice(0, 10);
const TARGETS = 'query($p: ProvinceCode) { shortTermTargets(provinceCode: $p) { id places periodFrom periodUntil decidedOn source setBy { name } } }';
const TARGET_ON = 'query($on: LocalDate!, $p: ProvinceCode) { nationalOverview(on: $on, provinceCode: $p) { provinces { shortTermTarget } } }';
const CRISIS_ROW = `query($on: LocalDate!, $p: ProvinceCode) { nationalOverview(on: $on, provinceCode: $p) { rows { opvangtypes realised } } }`;

async function gql(page: Page, query: string, variables: Record<string, unknown>) {
  const response = await run.server.gql(query, variables, await pageToken(page));
  expect(response.errors).toBeUndefined();
  return response.data;
}

/** No aria-describedby points at an element that is not there. */
async function danglingDescriptions(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const doc = (globalThis as any).document;
    return [...doc.querySelectorAll('[aria-describedby]')].flatMap((element: any) => element.getAttribute('aria-describedby').split(/\s+/).filter((id: string) => !doc.getElementById(id)));
  });
}

async function focusedLabel(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = (globalThis as any).document.activeElement;
    return element?.labels?.[0]?.textContent ?? element?.textContent ?? '';
  });
}

/** Tab until the focus leaves a field (a date field has a stop per part: day, month, year). */
async function tabOut(page: Page, label: string): Promise<void> {
  for (let i = 0; i < 4 && (await focusedLabel(page)).includes(label); i++) await page.keyboard.press('Tab');
  expect(await focusedLabel(page)).not.toContain(label);
}

describe.runIf(BROWSER)('the opvang forms', () => {
  it("lets the LRT revise Groningen's short-term target by keyboard alone; an IPO monitor's open Groningen page shows the new figure live", async () => {
    const ipo = await run.signIn(/IPO-monitor/);
    await ipo.goto(`${run.base}/provincie/GR?op=${today}`);
    await ipo.getByRole('heading', { name: /Totalen Groningen/ }).waitFor();
    const before = (await gql(ipo, TARGET_ON, { on: today, p: 'GR' })).nationalOverview.provinces[0].shortTermTarget;
    const ipoMain = ipo.getByRole('main');
    await ipoMain.getByText(`: ${nl.format(before)} plaatsen (Groningen)`, { exact: false }).waitFor();
    await ipo.getByRole('status').filter({ hasText: /^\s*Live\s*$/ }).first().waitFor();
    // Reading only: no way to revise from there.
    expect(await ipo.getByRole('link', { name: /Kortetermijndoel .* herzien/ }).count()).toBe(0);

    const lrt = await run.signIn(/LRT-coördinator/);
    await lrt.goto(`${run.base}/provincie/GR?op=${today}`);
    await lrt.getByRole('link', { name: 'Kortetermijndoel van Groningen herzien' }).click();
    await lrt.waitForURL(/\/opgave\/GR/);
    const form = lrt.getByRole('form', { name: 'Kortetermijndoel herzien' });
    await form.waitFor();
    const history = lrt.getByRole('table', { name: /Geschiedenis van het kortetermijndoel van Groningen/ });
    const historyBefore = (await gql(lrt, TARGETS, { p: 'GR' })).shortTermTargets;
    await expect.poll(() => history.getByRole('row').count()).toBe(historyBefore.length + 1);
    expect(await accessibilityProblems(lrt)).toEqual([]);
    expect(await danglingDescriptions(lrt)).toEqual([]);

    // A refused input keeps what was typed and names the field, in Dutch.
    await form.getByLabel('Aantal extra plaatsen').fill('-5');
    await form.getByRole('button', { name: 'Doel herzien' }).click();
    await form.getByText('Het aantal plaatsen kan niet negatief zijn.').waitFor();
    expect(await form.getByLabel('Aantal extra plaatsen').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Aantal extra plaatsen').fill('');

    // Keyboard only: the places, past the period the form took over from the target in force, the decision date, the source, Enter.
    const places = before + 83;
    const source = `LRT ${today} herziening Groningen (browsertest)`;
    await form.getByLabel('Aantal extra plaatsen').focus();
    await lrt.keyboard.type(String(places));
    await lrt.keyboard.press('Tab');
    expect(await focusedLabel(lrt)).toContain('ingaan vanaf');
    await tabOut(lrt, 'ingaan vanaf');
    expect(await focusedLabel(lrt)).toContain('ingaan tot en met');
    await tabOut(lrt, 'ingaan tot en met');
    expect(await focusedLabel(lrt)).toContain('Datum van het besluit');
    await typeDate(lrt, form.getByLabel('Datum van het besluit'), today);
    await tabOut(lrt, 'Datum van het besluit');
    expect(await focusedLabel(lrt)).toContain('Bron');
    await lrt.keyboard.type(source);
    await lrt.keyboard.press('Enter');
    await lrt.getByRole('status').filter({ hasText: `Herzien: het kortetermijndoel van Groningen is ${nl.format(places)} plaatsen` }).waitFor();
    // The status message has the focus, so the keyboard user continues from there.
    expect(await lrt.evaluate(() => (globalThis as any).document.activeElement?.textContent ?? '')).toContain('Herzien');

    // The API keeps the history; the page shows the new row, in force.
    const historyAfter = (await gql(lrt, TARGETS, { p: 'GR' })).shortTermTargets;
    expect(historyAfter).toHaveLength(historyBefore.length + 1);
    expect(historyAfter.at(-1)).toMatchObject({ places, decidedOn: today, source, setBy: { name: 'LRT-coördinator (demo)' } });
    const row = history.getByRole('row').filter({ hasText: source });
    await row.filter({ hasText: nl.format(places) }).filter({ hasText: 'Ja' }).waitFor();
    expect(await accessibilityProblems(lrt)).toEqual([]);
    await lrt.screenshot({ path: screenshotPath('lrt-kortetermijndoel.png'), fullPage: true });

    // The IPO monitor's page follows without a reload, with the figure the API now gives.
    const after = (await gql(ipo, TARGET_ON, { on: today, p: 'GR' })).nationalOverview.provinces[0].shortTermTarget;
    expect(after).toBe(places);
    await ipoMain.getByText(`: ${nl.format(after)} plaatsen (Groningen)`, { exact: false }).waitFor({ timeout: 10_000 });
    await ipoMain.getByText(source, { exact: false }).first().waitFor();
    expect(await ipo.evaluate(() => (globalThis as any).performance.getEntriesByType('navigation').length)).toBe(1);
    expect(await accessibilityProblems(ipo)).toEqual([]);

    // On the opgave page IPO reads the history but gets no form (the API gives no REVISE_SHORT_TERM_TARGET).
    await ipo.goto(`${run.base}/opgave/GR`);
    await ipo.getByRole('table', { name: /Geschiedenis van het kortetermijndoel van Groningen/ }).getByRole('row').filter({ hasText: source }).waitFor();
    expect(await ipo.getByRole('form', { name: 'Kortetermijndoel herzien' }).count()).toBe(0);
    await lrt.context().close();
    await ipo.context().close();
  }, 120_000);

  it("sets an opgave for Groningen's total opvang in the opgave form", async () => {
    const lrt = await run.signIn(/LRT-coördinator/);
    await lrt.goto(`${run.base}/opgave/GR`);
    const form = lrt.getByRole('form', { name: 'Opgave vaststellen' });
    await form.waitFor();
    await form.getByLabel('Opvangtype').selectOption({ label: 'Totale opvang (AZC als paraplu)' });
    await form.getByLabel('Peildatum').fill('2023-01-01');
    await form.getByLabel('Aantal plaatsen').fill('2600');
    await form.getByLabel('Bron').fill('LRT totale opvang Groningen (browsertest)');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    await lrt.getByRole('status').filter({ hasText: /Opgeslagen: 2\.600 plaatsen Totale opvang \(AZC als paraplu\) per 1 januari 2023/ }).waitFor();
    const opgave = (await gql(lrt, '{ province(code: GR) { opgave { opvangtype total dueDate places source } } }', {})).province.opgave;
    expect(opgave).toContainEqual({ opvangtype: null, total: true, dueDate: '2023-01-01', places: 2600, source: 'LRT totale opvang Groningen (browsertest)' });
    await lrt.getByRole('table', { name: /Opgave van Groningen/ }).getByRole('row').filter({ hasText: 'Totale opvang (AZC als paraplu)' }).filter({ hasText: '2.600' }).waitFor();
    // The province page compares it with the realised total opvang, as the API does.
    await lrt.goto(`${run.base}/provincie/GR?op=2023-01-01`);
    const totals = (await gql(lrt, 'query { nationalOverview(on: "2023-01-01", provinceCode: GR) { provinces { totalOpvangOpgave totalOpvangGap } } }', {})).nationalOverview.provinces[0];
    expect(totals.totalOpvangOpgave).toBe(2600);
    const item = (term: string) => lrt.getByRole('main').locator('.totals__item', { has: lrt.locator('dt', { hasText: term }) }).locator('dd');
    await expect.poll(() => item('Totale opvangopgave').innerText()).toBe(nl.format(2600));
    expect(await item('Tekort totale opvang').innerText()).toBe(nl.format(totals.totalOpvangGap));
    expect(await accessibilityProblems(lrt)).toEqual([]);
    await lrt.context().close();
  }, 120_000);

  it('lets a gemeente record crisisnoodopvang with its period; the province page of its secretariat shows it live, counted as its own type', async () => {
    const secretariat = await run.signIn(/Secretariaat PRT Utrecht \(demo\)/);
    await secretariat.goto(`${run.base}/provincie/UT`);
    const section = secretariat.getByRole('region', { name: 'Crisisnoodopvang Utrecht' });
    await section.waitFor();
    await secretariat.getByRole('status').filter({ hasText: /^\s*Live\s*$/ }).first().waitFor();
    const on = '2023-01-01';
    const crisisRealised = async () =>
      (await gql(secretariat, CRISIS_ROW, { on, p: 'UT' })).nationalOverview.rows.find((r: any) => r.opvangtypes.length === 1 && r.opvangtypes[0] === 'CRISISNOODOPVANG').realised;
    const before = await crisisRealised();

    const zeist = await run.signIn(/Medewerker gemeente Zeist/);
    await zeist.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Crisisnoodopvang' }).click();
    await zeist.waitForURL(/\/crisisnoodopvang$/);
    const form = zeist.getByRole('form', { name: 'Crisisnoodopvang met periode' });
    await form.waitFor();
    await zeist.getByRole('status').filter({ hasText: /^\s*Live\s*$/ }).waitFor();
    expect(await accessibilityProblems(zeist)).toEqual([]);
    expect(await danglingDescriptions(zeist)).toEqual([]);
    expect(await form.getByLabel('Gemeente').inputValue()).toBe((await gql(zeist, '{ viewer { memberships { gemeente { code } } } }', {})).viewer.memberships[0].gemeente.code);

    // The period's end before its start is refused in the form, in Dutch, and nothing typed is lost.
    const location = 'Sporthal Den Dolder (browsertest)';
    await form.getByLabel('Naam van de locatie').fill(location);
    await form.getByLabel('Aantal plaatsen').fill('120');
    await form.getByLabel('Open vanaf').fill('2022-12-15');
    await form.getByLabel('Open tot en met', { exact: false }).fill('2022-12-01');
    await form.getByRole('button', { name: 'Vastleggen' }).click();
    await form.getByText('De einddatum ligt vóór de begindatum.').waitFor();
    expect(await form.getByLabel('Naam van de locatie').inputValue()).toBe(location);
    await form.getByLabel('Open tot en met', { exact: false }).fill('2023-02-28');
    await form.getByLabel('Toelichting (niet verplicht)').fill('Veiligheidsregio Utrecht');
    await form.getByRole('button', { name: 'Vastleggen' }).click();
    await zeist.getByRole('status').filter({ hasText: `Vastgelegd: 120 plaatsen crisisnoodopvang in ${location} (Zeist)` }).waitFor();
    await zeist.getByRole('region', { name: 'Tabel crisisnoodopvang' }).getByRole('row').filter({ hasText: location }).waitFor();
    await zeist.screenshot({ path: screenshotPath('gemeente-crisisnoodopvang.png'), fullPage: true });

    // The API has it; the secretariat's open province page lists it and counts it, without a reload.
    const listed = (await gql(secretariat, '{ crisisnoodopvang(provinceCode: UT) { locationName places from until note gemeente { name } } }', {})).crisisnoodopvang;
    expect(listed).toContainEqual({ locationName: location, places: 120, from: '2022-12-15', until: '2023-02-28', note: 'Veiligheidsregio Utrecht', gemeente: { name: 'Zeist' } });
    const row = section.getByRole('row').filter({ hasText: location });
    await row.filter({ hasText: '120' }).filter({ hasText: '15 december 2022' }).filter({ hasText: '28 februari 2023' }).waitFor({ timeout: 10_000 });
    const after = await crisisRealised();
    expect(after).toBe(before + 120);
    const typeRow = secretariat
      .getByRole('region', { name: 'Tabel per provincie en opvangtype' })
      .getByRole('row')
      .filter({ has: secretariat.getByRole('rowheader', { name: 'Crisisnoodopvang', exact: true }) });
    await expect.poll(() => typeRow.getByRole('cell').nth(2).innerText(), { timeout: 10_000 }).toBe(nl.format(after));
    expect(await secretariat.evaluate(() => (globalThis as any).performance.getEntriesByType('navigation').length)).toBe(1);
    expect(await accessibilityProblems(secretariat)).toEqual([]);
    // The secretariat reads it but records none: no form, no link (the API gives no RECORD_CRISISNOODOPVANG).
    expect(await section.getByRole('link', { name: /vastleggen/ }).count()).toBe(0);
    await secretariat.goto(`${run.base}/crisisnoodopvang`);
    await secretariat.getByRole('region', { name: 'Tabel crisisnoodopvang' }).getByRole('row').filter({ hasText: location }).waitFor();
    expect(await secretariat.getByRole('form', { name: 'Crisisnoodopvang met periode' }).count()).toBe(0);
    expect(await secretariat.getByRole('region', { name: 'Tabel crisisnoodopvang' }).getByRole('row').filter({ hasText: location }).getByRole('button', { name: /^Wijzigen/ }).count()).toBe(0);
    expect(await accessibilityProblems(secretariat)).toEqual([]);

    // The gemeente closes it early: a change of the record (on the version it saw), not a second record; the
    // secretariat's open list follows it live.
    await zeist.getByRole('region', { name: 'Tabel crisisnoodopvang' }).getByRole('row').filter({ hasText: location }).getByRole('button', { name: /^Wijzigen/ }).click();
    const edit = zeist.getByRole('form', { name: `Plaatsen en periode van ${location}` });
    await edit.getByLabel('Open tot en met').fill('2023-01-31');
    expect(await accessibilityProblems(zeist)).toEqual([]);
    await edit.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await zeist.getByRole('region', { name: 'Tabel crisisnoodopvang' }).getByRole('row').filter({ hasText: location }).filter({ hasText: '31 januari 2023' }).waitFor();
    await secretariat.getByRole('region', { name: 'Tabel crisisnoodopvang' }).getByRole('row').filter({ hasText: location }).filter({ hasText: '31 januari 2023' }).waitFor({ timeout: 10_000 });
    const changed = (await gql(secretariat, '{ crisisnoodopvang(provinceCode: UT) { locationName until version } }', {})).crisisnoodopvang.filter((c: any) => c.locationName === location);
    expect(changed).toEqual([{ locationName: location, until: '2023-01-31', version: 2 }]);
    await zeist.context().close();
    await secretariat.context().close();
  }, 120_000);
});
