import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BROWSER, accessibilityProblems, pageToken, screenshotPath, type BrowserRun, useBrowserRun } from './support/browser.js';

/**
 * The huisvesting pages in a real browser against the real server (demo huisvesting data: fictitious populations
 * and realisations). Figures are asserted against what the API says, never hard-coded.
 */
let run: BrowserRun;
useBrowserRun((started) => {
  run = started;
});

const HALF = '2021-II';
const nl = new Intl.NumberFormat('nl-NL');
const GEMEENTE = `query($code: String!, $h: String!) { gemeente(code: $code) { taakstelling(halfYear: $h) { computed transferred taakstelling housed achterstand realisationVersion } } }`;
const PROVINCE = `query($h: String!, $p: ProvinceCode) { huisvestingOverview(halfYear: $h, provinceCode: $p) { provinces { taakstelling gemeenten { gemeente { code } achterstand taakstelling } } } }`;

/** Tabs (keyboard only) until the control labelled `label` has the focus. */
async function tabTo(page: Page, label: string) {
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = (globalThis as any).document.activeElement;
      return el?.labels?.[0]?.textContent ?? el?.textContent ?? '';
    });
    if (focused.trim().startsWith(label)) return;
  }
  throw new Error(`never reached "${label}" by Tab`);
}

describe.runIf(BROWSER)('huisvesting pages', () => {
  it('a gemeente records its realisation by keyboard alone, and the province page of the secretariat shows the new achterstand live', async () => {
    const secretariat = await run.signIn(/Secretariaat PRT Flevoland/);
    await secretariat.goto(`${run.base}/huisvesting/provincie/FL?halfjaar=${HALF}`);
    await secretariat.getByRole('heading', { level: 1, name: /Huisvesting vergunninghouders: Flevoland/ }).waitFor();
    await secretariat.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    expect(await accessibilityProblems(secretariat)).toEqual([]);

    const almere = await run.signIn(/Medewerker gemeente Almere/);
    await almere.goto(`${run.base}/huisvesting/gemeente/GM0034?halfjaar=${HALF}`);
    await almere.getByRole('heading', { level: 1, name: /Huisvesting vergunninghouders: Almere/ }).waitFor();
    await almere.getByRole('heading', { name: 'Realisatie vastleggen' }).waitFor();
    const token = await pageToken(almere);
    const before = (await run.server.gql(GEMEENTE, { code: 'GM0034', h: HALF }, token)).data.gemeente.taakstelling;
    // The taakstelling on the page is the API's, with how it is computed.
    await almere.getByText(new RegExp(`⌈ 13\\.500 × .* ⌉ = ${nl.format(before.computed)}`)).waitFor();
    expect(await accessibilityProblems(almere)).toEqual([]);

    await almere.locator('body').focus();
    await tabTo(almere, 'Gehuisvest (totaal)');
    await almere.keyboard.press('ControlOrMeta+a');
    await almere.keyboard.type('1');
    await almere.keyboard.press('Tab');
    await almere.keyboard.press('ControlOrMeta+a');
    await almere.keyboard.type('0');
    await almere.keyboard.press('Tab');
    await almere.keyboard.press('ControlOrMeta+a');
    await almere.keyboard.type('0');
    await almere.keyboard.press('Enter');
    await almere.getByRole('status').filter({ hasText: /Opgeslagen: 1 gehuisvest/ }).waitFor();

    const after = (await run.server.gql(GEMEENTE, { code: 'GM0034', h: HALF }, token)).data.gemeente.taakstelling;
    expect(after).toMatchObject({ housed: 1, realisationVersion: before.realisationVersion + 1 });
    expect(after.achterstand).toBeGreaterThan(0);
    const prtToken = await pageToken(secretariat);
    const province = (await run.server.gql(PROVINCE, { h: HALF, p: 'FL' }, prtToken)).data.huisvestingOverview.provinces[0];
    const row = province.gemeenten.find((g: { gemeente: { code: string } }) => g.gemeente.code === 'GM0034');
    expect(row.achterstand).toBe(after.achterstand);
    // Live: the secretariat's page follows without a reload.
    await expect
      .poll(() => secretariat.locator('tr[data-gemeente="GM0034"] [data-achterstand]').innerText().catch(() => ''), { timeout: 15_000 })
      .toBe(nl.format(row.achterstand));
    await almere.screenshot({ path: screenshotPath('huisvesting-gemeente.png'), fullPage: false });
    await secretariat.screenshot({ path: screenshotPath('huisvesting-provincie.png'), fullPage: false });
    await almere.context().close();
    await secretariat.context().close();
  }, 120_000);

  it('a herverdeling proposed by one gemeente and confirmed by the other changes both taakstellingen, the sum unchanged', async () => {
    const almere = await run.signIn(/Medewerker gemeente Almere/);
    const token = await pageToken(almere);
    const taakstelling = async (code: string) => (await run.server.gql(GEMEENTE, { code, h: HALF }, token)).data.gemeente.taakstelling;
    const almereBefore = (await taakstelling('GM0034')).taakstelling;
    await almere.goto(`${run.base}/huisvesting/gemeente/GM0034?halfjaar=${HALF}`);
    await almere.getByRole('heading', { name: 'Herverdeling vastleggen' }).or(almere.getByText('Herverdeling vastleggen').first()).first().waitFor();
    await almere.getByLabel('Datum van het gezamenlijke besluit').fill('2021-05-11');
    await almere.getByLabel('Kenmerk van het besluit').fill('B&W 2021/web');
    await almere.getByLabel('Wijziging voor uw gemeente').fill('-3');
    await almere.getByLabel('Gemeente', { exact: true }).selectOption({ label: 'Lelystad' });
    await almere.getByLabel('Wijziging', { exact: true }).fill('2');
    // The sum is said before sending.
    await almere.getByText(/Som van de wijzigingen: -1\. De som moet 0 zijn/).waitFor();
    await almere.getByLabel('Wijziging', { exact: true }).fill('3');
    await almere.getByText(/Som van de wijzigingen: 0\. De som blijft gelijk/).waitFor();
    await almere.getByRole('button', { name: 'Herverdeling vastleggen' }).click();
    await almere.getByRole('status').filter({ hasText: /Herverdeling B&W 2021\/web vastgelegd/ }).waitFor();
    expect(await accessibilityProblems(almere)).toEqual([]);
    // Not counted before Lelystad confirms.
    expect((await taakstelling('GM0034')).taakstelling).toBe(almereBefore);

    const lelystad = await run.signIn(/Medewerker gemeente Lelystad/);
    const lelystadToken = await pageToken(lelystad);
    const lelystadBefore = (await run.server.gql(GEMEENTE, { code: 'GM0995', h: HALF }, lelystadToken)).data.gemeente.taakstelling.taakstelling;
    await lelystad.goto(`${run.base}/huisvesting/gemeente/GM0995?halfjaar=${HALF}`);
    await lelystad.getByRole('button', { name: /Bevestigen B&W 2021\/web/ }).click();
    await lelystad.getByRole('status').filter({ hasText: /alle partijen hebben bevestigd/ }).waitFor();
    const lelystadAfter = (await run.server.gql(GEMEENTE, { code: 'GM0995', h: HALF }, lelystadToken)).data.gemeente.taakstelling.taakstelling;
    expect(lelystadAfter).toBe(lelystadBefore + 3);
    expect((await taakstelling('GM0034')).taakstelling).toBe(almereBefore - 3);
    await lelystad.getByText(new RegExp(`^${nl.format(lelystadAfter)}$`)).first().waitFor();
    expect(await accessibilityProblems(lelystad)).toEqual([]);
    // Together the two keep the same taakstelling: the sum is unchanged.
    expect(lelystadAfter + (await taakstelling('GM0034')).taakstelling).toBe(lelystadBefore + almereBefore);
    await almere.context().close();
    await lelystad.context().close();
  }, 120_000);

  it('shows IPO the national view: every province with the achterstand the API gives, and the verevening', async () => {
    const ipo = await run.signIn(/IPO-monitor/);
    const token = await pageToken(ipo);
    await ipo.goto(`${run.base}/huisvesting?halfjaar=${HALF}`);
    await ipo.getByRole('heading', { level: 1, name: 'Huisvesting vergunninghouders per provincie' }).waitFor();
    await ipo.locator('tr[data-provincie="FL"]').waitFor();
    expect(await ipo.locator('tr[data-provincie]').count()).toBe(12);
    expect(await ipo.locator('tr[data-provincie="FL"] [data-achterstand]').innerText()).toBe(
      nl.format((await run.server.gql(`query($h: String!) { huisvestingOverview(halfYear: $h, provinceCode: FL) { provinces { achterstand } } }`, { h: HALF }, token)).data.huisvestingOverview.provinces[0].achterstand),
    );
    await ipo.getByRole('heading', { name: /Verevening/ }).waitFor();
    expect(await accessibilityProblems(ipo)).toEqual([]);
    await ipo.screenshot({ path: screenshotPath('huisvesting-landelijk.png'), fullPage: false });
    await ipo.context().close();
  }, 120_000);

  it('a gemeente cannot see the page of another province', async () => {
    const almere = await run.signIn(/Medewerker gemeente Almere/);
    await almere.goto(`${run.base}/huisvesting/provincie/UT?halfjaar=${HALF}`);
    await almere.getByText(/U hebt geen toegang/).waitFor();
    expect(await almere.locator('tr[data-gemeente]').count()).toBe(0);
    expect(await accessibilityProblems(almere)).toEqual([]);
    await almere.context().close();
  }, 120_000);
});
