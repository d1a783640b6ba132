import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BROWSER, accessibilityProblems, pageToken, screenshotPath, type BrowserRun, useBrowserRun } from './support/browser.js';

/**
 * The pages of the status table of ondersteuningsmaatregelen in a real browser against the real server, on the demo
 * measures of the table of 19 June 2021. What the pages show is checked against what the API says.
 */
let run: BrowserRun;
useBrowserRun((started) => {
  run = started;
});

const MEASURE = 'query($p: String!) { supportMeasure(paragraph: $p) { id version standVanZaken { asOf body } trekkers } }';

/** Tabs (keyboard only) until the control labelled `label` has the focus. */
async function tabTo(page: Page, label: string) {
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = (globalThis as any).document.activeElement;
      return el?.labels?.[0]?.textContent ?? el?.textContent ?? '';
    });
    if (focused.trim().startsWith(label)) return;
  }
  throw new Error(`never reached "${label}" by Tab`);
}

describe.runIf(BROWSER)('ondersteuningsmaatregelen pages', () => {
  it('a BZK partner adds a stand van zaken by keyboard alone; the LRT sees it live in the table', async () => {
    const lrt = await run.signIn(/LRT-coördinator/);
    await lrt.goto(`${run.base}/maatregelen`);
    await lrt.getByRole('heading', { level: 1, name: 'Ondersteuningsmaatregelen' }).waitFor();
    await lrt.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    const table = lrt.getByRole('table', { name: /Statustabel op/ });
    await table.getByRole('link', { name: /Maatregel 4\.3\.2/ }).waitFor();
    expect(await accessibilityProblems(lrt)).toEqual([]);

    const bzk = await run.signIn(/Medewerker BZK/);
    await bzk.goto(`${run.base}/maatregelen/4.3.2`);
    await bzk.getByRole('heading', { level: 1, name: /4\.3\.2 Regeling huisvesting aandachtsgroepen/ }).waitFor();
    await bzk.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    const token = await pageToken(bzk);
    const before = (await run.server.gql(MEASURE, { p: '4.3.2' }, token)).data.supportMeasure;
    expect(before.trekkers).toEqual(['BZK']);
    // The form is there because the API says BZK may add one; the stand in force is the API's.
    await bzk.getByText(before.standVanZaken.body.slice(0, 40)).first().waitFor();
    expect(await accessibilityProblems(bzk)).toEqual([]);

    await bzk.locator('body').focus();
    await tabTo(bzk, 'Stand van zaken (Markdown)');
    await bzk.keyboard.type('Toekenningen aan 13 gemeenten (test via toetsenbord).');
    await tabTo(bzk, 'Stand van zaken toevoegen');
    await bzk.keyboard.press('Enter');
    await bzk.getByText(/Stand van zaken per .* toegevoegd/).waitFor();

    const after = (await run.server.gql(MEASURE, { p: '4.3.2' }, token)).data.supportMeasure;
    expect(after.version).toBe(before.version + 1);
    expect(after.standVanZaken.body).toBe('Toekenningen aan 13 gemeenten (test via toetsenbord).');
    // Live in the LRT's table, without a reload, with who did it.
    await table.getByText(/Toekenningen aan 13 gemeenten/).waitFor({ timeout: 10_000 });
    await lrt.getByText(/Medewerker BZK \(demo\): stand van zaken toegevoegd/).waitFor();
    await lrt.screenshot({ path: screenshotPath('maatregelen.png'), fullPage: true });
  }, 120_000);

  it('a gemeente reads, filters, sees the regelingen open to it, and gets no forms', async () => {
    const zeist = await run.signIn(/Medewerker gemeente Zeist/);
    await zeist.goto(`${run.base}/`);
    await zeist.getByRole('link', { name: 'Ondersteuningsmaatregelen' }).click();
    await zeist.getByRole('heading', { level: 1, name: 'Ondersteuningsmaatregelen' }).waitFor();
    await zeist.goto(`${run.base}/maatregelen?op=2021-08-01&trekker=JenV`);
    const table = zeist.getByRole('table', { name: /Statustabel op/ });
    await table.getByRole('link', { name: /Maatregel 4\.3\.1/ }).waitFor();
    expect(await table.getByRole('row').count()).toBe(2);
    const regelingen = zeist.getByRole('table', { name: /Regelingen waarvoor gemeenten/ });
    await regelingen.getByText(/Nu open, van 15 juli 2021 tot en met 31 december 2021/).waitFor();
    expect(await accessibilityProblems(zeist)).toEqual([]);
    await zeist.goto(`${run.base}/maatregelen/4.3.1`);
    await zeist.getByRole('heading', { name: 'Mijlpalen' }).waitFor();
    await zeist.getByRole('heading', { name: 'Logboek' }).waitFor();
    expect(await zeist.getByRole('button', { name: 'Stand van zaken toevoegen' }).count()).toBe(0);
    expect(await zeist.getByRole('button', { name: /Gereed melden/ }).count()).toBe(0);
    expect(await accessibilityProblems(zeist)).toEqual([]);
  }, 120_000);

  it('the printable status table of 19 June 2021 is grouped by theme and shows the stand of that day', async () => {
    const lrt = await run.signIn(/LRT-coördinator/);
    await lrt.goto(`${run.base}/maatregelen/statustabel?op=2021-06-19`);
    await lrt.getByRole('heading', { level: 1, name: /Statustabel ondersteuningsmaatregelen, stand 19 juni 2021/ }).waitFor();
    await lrt.getByRole('heading', { level: 2, name: 'Huisvesting' }).waitFor();
    const rows = lrt.getByRole('table', { name: /Huisvesting, stand/ }).getByRole('row');
    expect(await rows.count()).toBe(4);
    const housing = lrt.getByRole('table', { name: /Huisvesting, stand/ });
    const row432 = housing.getByRole('row').filter({ has: lrt.getByRole('rowheader', { name: '4.3.2' }) });
    await row432.getByText('Stand per 19 juni 2021:').waitFor();
    await row432.getByText(/BZK bereidt een regeling voor/).waitFor();
    expect(await lrt.getByText(/28 oktober 2021/).count()).toBe(0);
    expect(await accessibilityProblems(lrt)).toEqual([]);
    await lrt.emulateMedia({ media: 'print' });
    expect(await lrt.getByRole('navigation').first().isVisible()).toBe(false);
    await lrt.screenshot({ path: screenshotPath('statustabel-print.png'), fullPage: true });
  }, 120_000);
});
