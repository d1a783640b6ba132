import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BROWSER, accessibilityProblems, screenshotPath, type BrowserRun, useBrowserRun } from './support/browser.js';

/**
 * The LRT's forms in a real browser against the real server: a new ondersteuningsmaatregel (by keyboard alone) that a
 * second person sees arrive live, a change of trekkers after which the new trekker may add a stand van zaken (and a
 * conflict that keeps what was typed), and a PRT secretariat's edit of its open signal that the LRT sees live.
 */
let run: BrowserRun;
useBrowserRun((started) => (run = started));

async function noProblems(page: Page, what: string) {
  expect(await accessibilityProblems(page), what).toEqual([]);
}

/** Presses Tab (keyboard only) until the focused control's label or text starts with `label`. */
async function tabTo(page: Page, label: string | RegExp) {
  for (let i = 0; i < 300; i++) {
    await page.keyboard.press('Tab');
    const focused: string = await page.evaluate(() => {
      const el = (globalThis as any).document.activeElement;
      return (el?.labels?.[0]?.textContent ?? el?.textContent ?? '').trim();
    });
    if (typeof label === 'string' ? focused.startsWith(label) : label.test(focused)) return;
  }
  throw new Error(`never reached "${label}" by Tab`);
}

const MEASURE = 'query($p: String!) { supportMeasure(paragraph: $p) { id paragraph theme title trekkers budgetEuros contact version viewerActions standVanZaken { body } } }';

describe.runIf(BROWSER)('the LRT forms for measures and signals', () => {
  it('the LRT creates a measure by keyboard alone and a second person sees it in the table live', async () => {
    // A second person (IPO) keeps the status table open.
    const ipo = await run.signIn(/IPO-monitor/);
    await ipo.goto(`${run.base}/maatregelen`);
    await ipo.getByRole('heading', { level: 1, name: 'Ondersteuningsmaatregelen' }).waitFor();
    await ipo.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    // Not the LRT: the API gives no CREATE_SUPPORT_MEASURE, and the page no form.
    expect(await ipo.getByRole('heading', { name: 'Maatregel toevoegen' }).count()).toBe(0);
    const table = ipo.getByRole('table', { name: /Statustabel op/ });
    await table.getByRole('link', { name: /Maatregel 4\.3\.2/ }).waitFor();

    const lrt = await run.signIn(/LRT-coördinator/);
    await lrt.goto(`${run.base}/maatregelen`);
    const form = lrt.getByRole('form', { name: 'Maatregel toevoegen' });
    await form.waitFor();
    await noProblems(lrt, 'measures page with the new-measure form');

    // Sending it empty: Dutch errors at the fields.
    await lrt.locator('body').focus();
    await tabTo(lrt, 'Maatregel toevoegen');
    await lrt.keyboard.press('Enter');
    await form.getByText('Vul de paragraaf in.').waitFor();
    expect(await form.getByLabel('Paragraaf (verplicht)').getAttribute('aria-invalid')).toBe('true');
    await noProblems(lrt, 'new-measure form with errors');

    await lrt.locator('body').focus();
    await tabTo(lrt, 'Paragraaf (verplicht)');
    await lrt.keyboard.type('8.9.1');
    await lrt.keyboard.press('Tab'); // thema
    await lrt.keyboard.press('ArrowDown'); // Huisvesting
    await lrt.keyboard.press('ArrowDown'); // Opvang korte termijn
    await lrt.keyboard.press('Tab');
    await lrt.keyboard.type('Pilot logeerplaatsen bij gemeenten (toetsenbord)');
    await tabTo(lrt, /^VNG/);
    await lrt.keyboard.press('Space');
    await tabTo(lrt, /^LRT/);
    await lrt.keyboard.press('Space');
    await tabTo(lrt, "Budget in euro's");
    await lrt.keyboard.type('1000000');
    await tabTo(lrt, 'Maatregel toevoegen');
    await lrt.keyboard.press('Enter');
    await form.getByText(/Maatregel 8\.9\.1 \(Pilot logeerplaatsen bij gemeenten \(toetsenbord\)\) is aan de statustabel toegevoegd/).waitFor();

    const created = (await run.server.as('lrt', MEASURE, { p: '8.9.1' })).data.supportMeasure;
    expect(created).toMatchObject({ paragraph: '8.9.1', theme: 'OPVANG_KORTE_TERMIJN', title: 'Pilot logeerplaatsen bij gemeenten (toetsenbord)', budgetEuros: 1_000_000, version: 1 });
    expect([...created.trekkers].sort()).toEqual(['LRT', 'VNG']);
    // The form is empty again for the next one.
    expect(await form.getByLabel('Paragraaf (verplicht)').inputValue()).toBe('');

    // IPO sees it arrive without reloading, with who did it.
    await table.getByRole('link', { name: 'Maatregel 8.9.1: Pilot logeerplaatsen bij gemeenten (toetsenbord)' }).waitFor({ timeout: 10_000 });
    await ipo.getByText(/LRT-coördinator \(demo\): maatregel toegevoegd/).waitFor();
    await noProblems(lrt, 'measures page after adding');
    await noProblems(ipo, 'measures page of IPO');
  }, 180_000);

  it('the LRT changes the trekkers of a measure, the new trekker may then add a stand van zaken, and a conflict keeps what the LRT typed', async () => {
    const table = (await run.server.as('lrt', '{ supportMeasures { paragraph trekkers } }')).data.supportMeasures as { paragraph: string; trekkers: string[] }[];
    const paragraph = table.find((m) => !m.trekkers.includes('VNG') && !m.trekkers.includes('LRT'))!.paragraph;
    const before = (await run.server.as('lrt', MEASURE, { p: paragraph })).data.supportMeasure;
    expect((await run.server.as('vng', MEASURE, { p: paragraph })).data.supportMeasure.viewerActions).toEqual([]);

    // VNG keeps the measure open: no forms, since the API offers it nothing.
    const vng = await run.signIn(/Medewerker VNG/);
    await vng.goto(`${run.base}/maatregelen/${paragraph}`);
    await vng.getByRole('heading', { name: 'Mijlpalen' }).waitFor();
    await vng.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    expect(await vng.getByRole('button', { name: 'Stand van zaken toevoegen' }).count()).toBe(0);
    expect(await vng.getByRole('button', { name: 'Gegevens opslaan' }).count()).toBe(0);

    const lrt = await run.signIn(/LRT-coördinator/);
    await lrt.goto(`${run.base}/maatregelen/${paragraph}`);
    const form = lrt.getByRole('form', { name: 'Gegevens wijzigen' });
    await form.waitFor();
    for (const trekker of before.trekkers) expect(await form.getByRole('checkbox', { name: new RegExp(`^${trekker} `) }).isChecked()).toBe(true);
    await noProblems(lrt, 'measure page with the details form');
    await form.getByRole('checkbox', { name: /^VNG / }).check();
    await form.getByRole('button', { name: 'Gegevens opslaan' }).click();
    await form.getByText(new RegExp(`De gegevens van maatregel ${paragraph.replace(/\./g, '\\.')} zijn opgeslagen`)).waitFor();
    const changed = (await run.server.as('lrt', MEASURE, { p: paragraph })).data.supportMeasure;
    expect([...changed.trekkers].sort()).toEqual([...before.trekkers, 'VNG'].sort());
    expect(changed).toMatchObject({ version: before.version + 1, title: before.title, contact: before.contact, budgetEuros: before.budgetEuros });

    // VNG's page follows live: the API now offers it the stand van zaken, and VNG adds one.
    const standForm = vng.getByRole('form', { name: 'Stand van zaken toevoegen' });
    await standForm.waitFor({ timeout: 10_000 });
    await noProblems(vng, 'measure page of the new trekker');

    // Meanwhile the LRT starts changing the contact.
    await form.getByLabel('Contact').fill('lrt-secretariaat@example.org');

    await standForm.getByLabel('Stand van zaken (Markdown)').fill('VNG trekt mee: **twee** regio-bijeenkomsten gepland.');
    await standForm.getByRole('button', { name: 'Stand van zaken toevoegen' }).click();
    await vng.getByText(/Stand van zaken per .* toegevoegd/).waitFor();
    const added = (await run.server.as('vng', MEASURE, { p: paragraph })).data.supportMeasure;
    expect(added.standVanZaken.body).toBe('VNG trekt mee: **twee** regio-bijeenkomsten gepland.');
    expect(added.version).toBe(changed.version + 1);

    // The LRT saves on the version it saw: refused, its input kept; saving again applies it on the new version.
    await lrt.getByRole('region', { name: 'Stand van zaken' }).getByText('twee', { exact: true }).first().waitFor({ timeout: 10_000 });
    await form.getByRole('button', { name: 'Gegevens opslaan' }).click();
    await form.getByRole('alert').getByText(/intussen gewijzigd door Medewerker VNG \(demo\)/).waitFor();
    expect(await form.getByLabel('Contact').inputValue()).toBe('lrt-secretariaat@example.org');
    expect((await run.server.as('lrt', MEASURE, { p: paragraph })).data.supportMeasure.contact).toBe(before.contact);
    await noProblems(lrt, 'details form after a conflict');
    await form.getByRole('button', { name: 'Gegevens opslaan' }).click();
    await form.getByText(/zijn opgeslagen/).waitFor();
    const saved = (await run.server.as('lrt', MEASURE, { p: paragraph })).data.supportMeasure;
    expect(saved).toMatchObject({ contact: 'lrt-secretariaat@example.org', version: added.version + 1, standVanZaken: { body: added.standVanZaken.body } });
    expect([...saved.trekkers].sort()).toEqual([...changed.trekkers].sort());
    await lrt.screenshot({ path: screenshotPath('maatregel-wijzigen.png'), fullPage: true });
  }, 180_000);

  it('a PRT secretariat edits its open signal and the LRT sees the change live', async () => {
    const raised = (
      await run.server.as('secretariaat-ut', 'mutation($input: RaiseSignalInput!) { raiseSignal(input: $input) { id version viewerActions } }', {
        input: { provinceCode: 'UT', opgave: 'HUISVESTING', title: 'Te weinig doorstroomwoningen', description: 'Gemeenten vinden geen woningen.' },
      })
    ).data.raiseSignal;
    expect(raised.viewerActions).toContain('EDIT');
    // Only the raising party edits: the LRT gets no such form.
    expect((await run.server.as('lrt', 'query($id: ID!) { signal(id: $id) { viewerActions } }', { id: raised.id })).data.signal.viewerActions).not.toContain('EDIT');

    const lrt = await run.signIn(/LRT-coördinator/);
    await lrt.goto(`${run.base}/signalen/${raised.id}`);
    await lrt.getByRole('heading', { level: 1, name: 'Te weinig doorstroomwoningen' }).waitFor();
    await lrt.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    expect(await lrt.getByRole('form', { name: 'Signaal wijzigen' }).count()).toBe(0);

    const secretariat = await run.signIn(/^Secretariaat PRT Utrecht/);
    await secretariat.goto(`${run.base}/signalen/${raised.id}`);
    const form = secretariat.getByRole('form', { name: 'Signaal wijzigen' });
    await form.waitFor();
    expect(await form.getByLabel('Titel (verplicht)').inputValue()).toBe('Te weinig doorstroomwoningen');
    await noProblems(secretariat, 'signal page with the edit form');

    // By keyboard: a new title and an escalation.
    await form.getByLabel('Titel (verplicht)').focus();
    await secretariat.keyboard.press('ControlOrMeta+A');
    await secretariat.keyboard.type('Te weinig doorstroomwoningen in de regio Amersfoort');
    await tabTo(secretariat, 'Escalatie');
    await secretariat.keyboard.press('ArrowDown'); // Commercieel vastgoed
    await tabTo(secretariat, 'Wijzigingen opslaan');
    await secretariat.keyboard.press('Enter');
    await form.getByText(/Het signaal is gewijzigd \(versie 2\)/).waitFor();

    const after = (await run.server.as('lrt', 'query($id: ID!) { signal(id: $id) { title escalation opgave description version status } }', { id: raised.id })).data.signal;
    expect(after).toEqual({ title: 'Te weinig doorstroomwoningen in de regio Amersfoort', escalation: 'COMMERCIAL_REAL_ESTATE', opgave: 'HUISVESTING', description: 'Gemeenten vinden geen woningen.', version: 2, status: 'OPEN' });

    // The LRT sees the change without reloading, with who made it.
    await lrt.getByRole('heading', { level: 1, name: 'Te weinig doorstroomwoningen in de regio Amersfoort' }).waitFor({ timeout: 10_000 });
    await lrt.getByText(/gewijzigd door Secretariaat PRT Utrecht \(demo\)/).waitFor();
    await lrt.getByRole('region', { name: 'Verloop' }).getByRole('cell', { name: 'Gewijzigd' }).waitFor();
    await noProblems(lrt, 'signal page of the LRT after the edit');
    await noProblems(secretariat, 'signal page after the edit');
    await secretariat.screenshot({ path: screenshotPath('signaal-wijzigen.png'), fullPage: true });
  }, 180_000);
});
