import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BROWSER, accessibilityProblems, screenshotPath, type BrowserRun, useBrowserRun } from './support/browser.js';

/**
 * Signals in a real browser against the real server: the Utrecht secretariat raises a signal by keyboard alone, the
 * LRT sees it arrive live on its national page, puts it on the agenda of a meeting and answers it, and the secretariat
 * sees the answer arrive live; every page without serious or critical accessibility problems.
 */
let run: BrowserRun;
useBrowserRun((started) => (run = started));

async function noProblems(page: Page, what: string) {
  expect(await accessibilityProblems(page), what).toEqual([]);
}

/** Moves the focus with Tab alone until it reaches `target` (at most 80 presses). */
async function tabUntil(page: Page, target: ReturnType<Page['locator']>) {
  for (let presses = 0; presses < 80; presses++) {
    if (await target.evaluate((element) => element === (element as any).ownerDocument.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('Tab never reached the control');
}

const statusOf = (page: Page) => page.locator('.totals__item').filter({ hasText: 'Status' }).locator('dd');

describe.runIf(BROWSER)('signals in the browser', () => {
  it('a PRT secretariat raises a signal by keyboard, the LRT sees it live, puts it on the agenda and answers, and the secretariat sees the answer live', async () => {
    const title = `Logeeregeling gevraagd ${Date.now().toString(36)}`;

    // The LRT keeps its national page open.
    const lrt = await run.signIn(/LRT-coördinator/);
    await lrt.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Signalen', exact: true }).click();
    await lrt.getByRole('heading', { level: 1, name: 'Signalen aan de LRT' }).waitFor();
    await lrt.getByRole('status').filter({ hasText: 'Live' }).first().waitFor();
    const demo = (await run.server.as('lrt', '{ signalAgenda { date signals { title } } }')).data.signalAgenda;
    for (const meeting of demo) for (const signal of meeting.signals) await lrt.getByRole('region', { name: 'Agenda van de LRT' }).getByRole('link', { name: signal.title }).waitFor();
    await noProblems(lrt, 'national signals page');

    // The secretariat opens its province's signals through the menu, and raises one without a mouse.
    const secretariat = await run.signIn(/^Secretariaat PRT Utrecht/);
    await secretariat.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Signalen Utrecht' }).click();
    await secretariat.getByRole('heading', { level: 1, name: 'Signalen Utrecht' }).waitFor();
    await noProblems(secretariat, 'province signals page');
    const form = secretariat.getByRole('form', { name: 'Een signaal indienen' });
    // Sending it empty: the errors are said at the fields, in Dutch.
    await tabUntil(secretariat, form.getByRole('button', { name: 'Signaal indienen' }));
    await secretariat.keyboard.press('Enter');
    await form.getByText('Vul de titel in.').waitFor();
    expect(await form.getByLabel('Titel (verplicht)').getAttribute('aria-invalid')).toBe('true');
    await noProblems(secretariat, 'form with errors');

    await tabUntil(secretariat, form.getByLabel('Titel (verplicht)'));
    await secretariat.keyboard.type(title);
    await secretariat.keyboard.press('Tab'); // opgave
    await secretariat.keyboard.press('ArrowDown');
    await secretariat.keyboard.press('ArrowDown'); // Opvang
    await form.getByLabel('Opvangtype').waitFor();
    await secretariat.keyboard.press('Tab'); // opvangtype: none
    await secretariat.keyboard.press('Tab'); // escalatie
    await secretariat.keyboard.press('ArrowDown');
    await secretariat.keyboard.press('ArrowDown'); // Logeeregeling
    await secretariat.keyboard.press('Tab');
    await secretariat.keyboard.type('Vergunninghouders wachten in de **ROL**; gemeenten met ruimte willen hen laten logeren.');
    await secretariat.keyboard.press('Tab');
    await secretariat.keyboard.press('Enter');
    await secretariat.getByText('Het signaal is ingediend bij de LRT.').waitFor();
    await secretariat.getByRole('heading', { level: 1, name: title }).waitFor();
    const id = decodeURIComponent(new URL(secretariat.url()).pathname.split('/').pop()!);
    const raised = (await run.server.as('lrt', 'query($id: ID!) { signal(id: $id) { source opgave escalation status version } }', { id })).data.signal;
    expect(raised).toEqual({ source: 'PRT', opgave: 'OPVANG', escalation: 'LOGEEREGELING', status: 'OPEN', version: 1 });
    expect(await statusOf(secretariat).innerText()).toBe('Open');
    await noProblems(secretariat, 'signal page');

    // The LRT sees it arrive without reloading, and opens it.
    const row = lrt.getByRole('region', { name: 'Tabel signalen' }).getByRole('link', { name: title });
    await row.waitFor({ timeout: 10_000 });
    await row.click();
    await lrt.getByRole('heading', { level: 1, name: title }).waitFor();
    await lrt.getByLabel('Datum van het overleg (verplicht)').fill('2030-09-16');
    await lrt.getByRole('button', { name: 'Agenderen' }).click();
    await lrt.getByText('Het signaal staat op de agenda van 16 september 2030.').waitFor();
    await expect.poll(() => statusOf(secretariat).innerText(), { timeout: 10_000 }).toBe('Geagendeerd');

    await lrt.getByLabel('Antwoord van de LRT (verplicht)').fill('De LRT vraagt **drie gemeenten** om logeerplaatsen.');
    await lrt.getByRole('button', { name: 'Antwoord vastleggen' }).click();
    await lrt.getByText('Het antwoord van de LRT is vastgelegd.').waitFor();
    await noProblems(lrt, 'signal page of the LRT after answering');

    // The secretariat sees the answer arrive live, with who changed it, and may now reopen or close it.
    const answer = secretariat.getByRole('region', { name: 'Antwoord van de LRT' });
    await answer.getByText('drie gemeenten').waitFor({ timeout: 10_000 });
    expect(await answer.locator('strong').innerText()).toBe('drie gemeenten');
    expect(await statusOf(secretariat).innerText()).toBe('Beantwoord');
    await secretariat.getByText(/gewijzigd door LRT-coördinator \(demo\)/).waitFor();
    await secretariat.getByRole('region', { name: 'Logboek' }).getByRole('cell', { name: 'Signaal beantwoord' }).waitFor();
    await secretariat.getByRole('button', { name: 'Signaal heropenen' }).waitFor();
    await secretariat.getByRole('button', { name: 'Signaal sluiten' }).waitFor();
    expect(await secretariat.getByRole('button', { name: 'Agenderen' }).count()).toBe(0);
    await noProblems(secretariat, 'answered signal page');
    await secretariat.screenshot({ path: screenshotPath('signaal.png'), fullPage: true });

    // A gemeente of another province is refused in words.
    const arnhem = await run.signIn(/Medewerker gemeente Arnhem/);
    await arnhem.goto(`${run.base}/signalen/${id}`);
    await arnhem.getByText('Dit signaal bestaat niet, of u hebt er geen toegang toe.').waitFor();
    await arnhem.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Signalen Gelderland' }).waitFor(); // its own province's
    expect(await arnhem.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: /^Signalen/ }).count()).toBe(1);
    await noProblems(arnhem, 'refused signal page');
  }, 180_000);
});
