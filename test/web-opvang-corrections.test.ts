import { describe, expect, it } from 'vitest';
import { BROWSER, accessibilityProblems, pageToken, screenshotPath, type BrowserRun, useBrowserRun } from './support/browser.js';

/**
 * The corrected opvang figures on the monitoring pages (issue 15, part C), in a real browser against the real
 * server on the demo data: the short-term target in force with its period and source, the verevening's deduction,
 * and the total opvang with existing AZCs. Figures are asserted against what the API says.
 */
let run: BrowserRun;
useBrowserRun((started) => {
  run = started;
});

const nl = new Intl.NumberFormat('nl-NL');
const FIGURES = `query($on: LocalDate!, $p: ProvinceCode) { nationalOverview(on: $on, provinceCode: $p) { provinces {
  provinceCode shortTermTarget shortTermTargetInForce { periodUntil source } shortTermDeduction shortTermTargetAfterVerevening totalOpvangOpgave totalOpvangRealised totalOpvangGap
} } }`;

describe.runIf(BROWSER)('the corrected opvang figures on the monitoring pages', () => {
  it("shows IPO Utrecht's short-term target with its period and source, the verevening's deduction and the total opvang with its AZC places", async () => {
    const ipo = await run.signIn(/IPO-monitor/);
    await ipo.waitForURL(/\/dashboard/);
    await ipo.goto(`${run.base}/provincie/UT?op=2022-01-01`);
    await ipo.getByRole('heading', { name: /Totalen Utrecht/ }).waitFor();
    const { data } = await run.server.gql(FIGURES, { on: '2022-01-01', p: 'UT' }, await pageToken(ipo));
    const [ut] = data.nationalOverview.provinces;
    const main = ipo.getByRole('main');
    await main.getByText(new RegExp(`Doel \\(vastgesteld op .*\\): ${nl.format(ut.shortTermTarget)} plaatsen \\(Utrecht\\)`)).waitFor();
    await main.getByText(/tot en met 31 januari 2021/).waitFor();
    await main.getByText(ut.shortTermTargetInForce.source, { exact: false }).waitFor();
    expect(ut.shortTermDeduction).not.toBeNull();
    await main.getByText(`Doel na verevening: ${nl.format(ut.shortTermTargetAfterVerevening)} plaatsen`, { exact: false }).waitFor();
    await main.getByRole('heading', { name: 'Totale opvang (AZC als paraplu)' }).waitFor();
    const item = (term: string) => main.locator('.totals__item', { has: ipo.locator('dt', { hasText: term }) }).locator('dd');
    expect(await item('Totale opvangopgave').innerText()).toBe(ut.totalOpvangOpgave === null ? 'niet vastgesteld' : nl.format(ut.totalOpvangOpgave));
    expect(await item('Gerealiseerd, bestaande AZC’s inbegrepen').innerText()).toBe(nl.format(ut.totalOpvangRealised));
    expect(await accessibilityProblems(ipo)).toEqual([]);
    await ipo.screenshot({ path: screenshotPath('monitoring-opvang-correcties.png'), fullPage: false });
  }, 120_000);

  it('shows a gemeente no deduction it may not read, and the national dashboard the total opvang of all provinces', async () => {
    const zeist = await run.signIn(/Medewerker gemeente Zeist/);
    await zeist.waitForURL(/\/provincie\/UT/);
    await zeist.getByRole('heading', { name: /Totalen Utrecht/ }).waitFor();
    expect(await zeist.getByRole('main').innerText()).not.toMatch(/Doel na verevening/);
    expect(await accessibilityProblems(zeist)).toEqual([]);

    const lrt = await run.signIn(/LRT-coördinator/);
    await lrt.waitForURL(/\/dashboard/);
    await lrt.getByRole('heading', { name: 'Totale opvang (AZC als paraplu)' }).waitFor();
    const { data } = await run.server.gql(FIGURES, { on: '2023-01-01', p: null }, await pageToken(lrt));
    const total = data.nationalOverview.provinces.reduce((sum: number, p: any) => sum + p.totalOpvangOpgave, 0);
    const item = lrt.getByRole('main').locator('.totals__item', { has: lrt.locator('dt', { hasText: 'Totale opvangopgave' }) }).locator('dd');
    expect(await item.innerText()).toBe(nl.format(total));
    expect(await accessibilityProblems(lrt)).toEqual([]);
  }, 120_000);
});
