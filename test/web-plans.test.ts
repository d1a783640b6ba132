import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BROWSER, accessibilityProblems, pageToken, screenshotPath, type BrowserRun, useBrowserRun } from './support/browser.js';

/**
 * The PRT secretariat's plan editor and the LRT's decisions on a plan, in a real browser against the real server:
 * several people at once, each in a browser context of their own.
 */
let run: BrowserRun;

useBrowserRun((started) => (run = started));

const PLAN = `query($id: ID!) { provincialPlan(id: $id) { id version status returnReason title
  lines { id opvangtypes targetDate minPlaces maxPlaces note regions { name minPlaces maxPlaces gemeenten { code name } } }
  sections { context timeline } revisions { version author { name } } } }`;

async function planAs(page: Page, id: string) {
  const { data, errors } = await run.server.gql(PLAN, { id }, await pageToken(page));
  expect(errors).toBeUndefined();
  return data.provincialPlan;
}

/** Presses Tab until the element has focus: the keyboard alone reaches it. */
async function tabTo(page: Page, target: Locator, limit = 400): Promise<void> {
  const handle = await target.elementHandle();
  for (let i = 0; i < limit; i++) {
    if (await page.evaluate((element) => element === (globalThis as any).document.activeElement, handle)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('the element was not reached with Tab');
}

function row(page: Page, n: number): Locator {
  return page.locator('tbody.plan-editor__line').nth(n - 1);
}

const escape = (text: string) => text.replace(/[()]/g, '\\$&');

describe.runIf(BROWSER)('the provincial plan in the browser', () => {
  let planId = '';

  it('the Utrecht story: draft, conflict between two editors, submit, return, fix, resubmit, adopt, history', async () => {
    const secretariat = await run.signIn(/^Secretariaat PRT Utrecht/);
    await secretariat.waitForURL(/\/provincie\/UT/);

    // A new plan from the plans list; the form is used with the keyboard alone.
    await secretariat.goto(`${run.base}/provincie/UT/plannen`);
    const titleField = secretariat.getByLabel('Titel van het nieuwe plan');
    await titleField.waitFor();
    expect(await accessibilityProblems(secretariat)).toEqual([]);
    // Empty: said at the field, linked to it.
    await tabTo(secretariat, secretariat.getByRole('button', { name: 'Plan aanmaken' }));
    await secretariat.keyboard.press('Enter');
    await secretariat.getByText('Geef het nieuwe plan een titel.').waitFor();
    expect(await titleField.getAttribute('aria-invalid')).toBe('true');
    await tabTo(secretariat, titleField);
    await secretariat.keyboard.type('Provinciaal plan Utrecht (browsertest)');
    await secretariat.keyboard.press('Enter');
    await secretariat.waitForURL(/\/plannen\/[^/]+\/bewerken$/);
    planId = decodeURIComponent(secretariat.url().split('/plannen/')[1]!.replace(/\/bewerken$/, ''));
    await secretariat.getByRole('heading', { level: 1, name: 'Provinciaal plan Utrecht (browsertest) bewerken' }).waitFor();
    await secretariat.getByRole('status').filter({ hasText: /^\s*Live\s*$/ }).waitFor();

    // Line 1 (ROL) by keyboard: add, tick, type.
    await tabTo(secretariat, secretariat.getByRole('button', { name: 'Regel toevoegen' }));
    await secretariat.keyboard.press('Enter');
    const rol = row(secretariat, 1).getByRole('checkbox', { name: 'ROL' });
    await rol.waitFor();
    await tabTo(secretariat, rol);
    await secretariat.keyboard.press('Space');
    expect(await rol.isChecked()).toBe(true);
    await tabTo(secretariat, row(secretariat, 1).getByLabel('Minimum plaatsen van regel 1'));
    await secretariat.keyboard.press('ControlOrMeta+a');
    await secretariat.keyboard.type('400');
    await tabTo(secretariat, row(secretariat, 1).getByLabel('Maximum plaatsen van regel 1'));
    await secretariat.keyboard.press('ControlOrMeta+a');
    await secretariat.keyboard.type('500');
    await tabTo(secretariat, row(secretariat, 1).getByLabel('Toelichting bij regel 1'));
    await secretariat.keyboard.type('Regionale opvanglocaties');
    // Its regional split: a veiligheidsregio with a group of gemeenten.
    await row(secretariat, 1).getByRole('button', { name: 'Regio toevoegen aan regel 1' }).click();
    await row(secretariat, 1).getByLabel(/^Naam \(veiligheidsregio of groep gemeenten\), regio 1 van regel 1/).fill('Veiligheidsregio Utrecht');
    await row(secretariat, 1).getByLabel(/^Minimum plaatsen, regio 1 van regel 1/).fill('100');
    await row(secretariat, 1).getByLabel(/^Maximum plaatsen, regio 1 van regel 1/).fill('200');
    await row(secretariat, 1).locator('summary', { hasText: 'Gemeenten kiezen' }).click();
    await row(secretariat, 1).getByRole('checkbox', { name: 'Zeist' }).check();

    // Line 2 (GVL/satelliet) with the mouse.
    await secretariat.getByRole('button', { name: 'Regel toevoegen' }).click();
    await row(secretariat, 2).getByRole('checkbox', { name: 'GVL' }).check();
    await row(secretariat, 2).getByRole('checkbox', { name: 'Satellietlocatie' }).check();
    await row(secretariat, 2).getByLabel('Minimum plaatsen van regel 2').fill('200');
    await row(secretariat, 2).getByLabel('Maximum plaatsen van regel 2').fill('300');
    // A section in Markdown: its preview shows formatting, never script.
    await secretariat.getByLabel('Sectie Context').fill('**Utrecht** vangt op.\n\n<script>window.pwned = 1</script><img src=x onerror="window.pwned=2">');
    const preview = secretariat.getByRole('region', { name: 'Voorbeeld Context' });
    await preview.locator('strong', { hasText: 'Utrecht' }).waitFor();
    expect(await preview.locator('script, img, [onerror]').count()).toBe(0);
    // Kept in this browser while unsaved.
    expect(await secretariat.evaluate((id) => Object.keys((globalThis as any).localStorage).some((key) => key.endsWith(id)), planId)).toBe(true);
    expect(await accessibilityProblems(secretariat)).toEqual([]);

    // Regions taking more than the line's maximum (as the server refuses it): said in Dutch at the line, nothing sent.
    await row(secretariat, 1).getByRole('button', { name: 'Regio toevoegen aan regel 1' }).click();
    await row(secretariat, 1).getByLabel(/^Naam \(veiligheidsregio of groep gemeenten\), regio 2 van regel 1/).fill('Regio Amersfoort');
    await row(secretariat, 1).getByLabel(/^Minimum plaatsen, regio 2 van regel 1/).fill('450');
    await row(secretariat, 1).getByLabel(/^Maximum plaatsen, regio 2 van regel 1/).fill('450');
    await secretariat.getByRole('button', { name: 'Opslaan' }).click();
    await row(secretariat, 1).getByText(/De regio's van regel 1 krijgen samen minstens 550 plaatsen; dat is meer dan het maximum van de regel \(500\)/).waitFor();
    expect(await planAs(secretariat, planId)).toMatchObject({ version: 1 });
    await row(secretariat, 1).getByRole('button', { name: 'Verwijder regio 2 van regel 1' }).click();

    await secretariat.getByRole('button', { name: 'Opslaan' }).click();
    await secretariat.getByText('Opgeslagen als versie 2.').waitFor();
    let saved = await planAs(secretariat, planId);
    expect(saved.version).toBe(2);
    expect(saved.lines).toMatchObject([
      { opvangtypes: ['ROL'], minPlaces: 400, maxPlaces: 500, note: 'Regionale opvanglocaties', regions: [{ name: 'Veiligheidsregio Utrecht', minPlaces: 100, maxPlaces: 200, gemeenten: [{ name: 'Zeist' }] }] },
      { minPlaces: 200, maxPlaces: 300, note: null },
    ]);
    expect([...saved.lines[1].opvangtypes].sort()).toEqual(['GVL', 'SATELLIET']);
    expect(saved.sections.context).toContain('**Utrecht**');
    expect(await secretariat.evaluate(() => (globalThis as any).pwned)).toBeUndefined();
    // Beside each saved line its comparison with the opgave, as the API gives it.
    const gaps = (await run.server.gql(`query($id: ID!) { provincialPlan(id: $id) { lines { comparison { opgave } realised } } }`, { id: planId }, await pageToken(secretariat))).data.provincialPlan.lines;
    const first = row(secretariat, 1).locator('.plan-editor__comparison');
    await first.getByText(gaps[0].comparison ? `${new Intl.NumberFormat('nl-NL').format(gaps[0].comparison.opgave)} plaatsen` : 'Geen opgave').waitFor();

    // COA, in a second browser context, comments on the plan: it appears on the secretariat's screen without a reload.
    await secretariat.getByRole('link', { name: /Terug naar het plan/ }).click();
    await secretariat.getByRole('heading', { level: 1, name: 'Provinciaal plan Utrecht (browsertest)' }).waitFor();
    const coaContext = await run.newContext();
    const coa = await run.signIn(/COA-regievoerder uitplaatsingsregio 3/, coaContext);
    await coa.goto(`${run.base}/plannen/${encodeURIComponent(planId)}`);
    const comment = 'COA: de GVL-plaatsen in Utrecht graag vóór de zomer';
    await coa.getByRole('textbox', { name: 'Nieuwe reactie' }).fill(comment);
    await coa.getByRole('button', { name: 'Reactie plaatsen' }).click();
    await secretariat.getByRole('list', { name: 'Reacties, oudste eerst' }).getByText(comment).waitFor();
    expect(await accessibilityProblems(coa)).toEqual([]);
    await coaContext.close();
    await secretariat.getByRole('link', { name: 'Plan bewerken' }).click();
    await row(secretariat, 2).getByLabel('Maximum plaatsen van regel 2').waitFor();

    // A second editor opens the plan at version 2 and starts changing line 2.
    const secondContext = await run.newContext();
    const second = await run.signIn(/Tweede medewerker secretariaat PRT Utrecht/, secondContext);
    await second.goto(`${run.base}/plannen/${encodeURIComponent(planId)}/bewerken`);
    await row(second, 2).getByLabel('Maximum plaatsen van regel 2').waitFor();
    await second.getByRole('status').filter({ hasText: /^\s*Live\s*$/ }).waitFor();
    await row(second, 2).getByLabel('Maximum plaatsen van regel 2').fill('350');
    await row(second, 2).getByLabel('Toelichting bij regel 2').fill('Tekst van de tweede medewerker');

    // Meanwhile the secretariat revises: line 1's maximum, and line 2's note.
    await row(secretariat, 1).getByLabel('Maximum plaatsen van regel 1').fill('550');
    await row(secretariat, 2).getByLabel('Toelichting bij regel 2').fill('Tekst van het secretariaat');
    await secretariat.getByRole('button', { name: 'Opslaan' }).click();
    await secretariat.getByText('Opgeslagen als versie 3.').waitFor();

    // The second editor's open page says who changed it, and keeps the edits.
    const secretariatName = (await planAs(secretariat, planId)).revisions.at(-1).author.name;
    await second.getByText(new RegExp(`Gewijzigd door ${escape(secretariatName)} om \\d{2}:\\d{2}`)).waitFor();
    expect(await row(second, 2).getByLabel('Maximum plaatsen van regel 2').inputValue()).toBe('350');
    // Saving on the old version: refused (CONFLICT), nothing lost, the other's change shown.
    await second.getByRole('button', { name: 'Opslaan' }).click();
    const notice = second.getByRole('alert').filter({ hasText: 'Niet opgeslagen: iemand anders was u voor' });
    await notice.waitFor();
    await notice.getByText(new RegExp(`${escape(secretariatName)} heeft het plan opgeslagen`)).waitFor();
    await notice.getByRole('table', { name: 'Gewijzigde capaciteitsregels' }).getByRole('row').filter({ hasText: 'Tekst van het secretariaat' }).waitFor();
    expect(await row(second, 2).getByLabel('Toelichting bij regel 2').inputValue()).toBe('Tekst van de tweede medewerker');
    expect((await planAs(second, planId)).version).toBe(3);
    await second.screenshot({ path: screenshotPath('plan-editor-conflict.png'), fullPage: false });
    expect(await accessibilityProblems(second)).toEqual([]);

    // Applying the edits on version 3: the other's change to line 1 stays, the same field both changed is named.
    await notice.getByRole('button', { name: 'Mijn wijzigingen toepassen op versie 3' }).click();
    const report = second.getByRole('status').filter({ hasText: 'Uw wijzigingen staan nu op versie 3' });
    await report.waitFor();
    await report.getByText(/Regel 2 .*: toelichting — uw waarde: Tekst van de tweede medewerker; waarde in versie 3: Tekst van het secretariaat/).waitFor();
    expect(await row(second, 1).getByLabel('Maximum plaatsen van regel 1').inputValue()).toBe('550');
    expect(await row(second, 2).getByLabel('Maximum plaatsen van regel 2').inputValue()).toBe('350');
    await second.getByRole('button', { name: 'Opslaan' }).click();
    await second.getByText('Opgeslagen als versie 4.').waitFor();
    saved = await planAs(second, planId);
    expect(saved.lines).toMatchObject([{ maxPlaces: 550 }, { maxPlaces: 350, note: 'Tekst van de tweede medewerker' }]);
    await secondContext.close();

    // The secretariat's own page followed along (it had no edits left), then submits from the plan page.
    await secretariat.getByText(/het formulier toont nu versie 4/).waitFor();
    // Its own "saved as version 3" went with the version it was about.
    expect(await secretariat.getByText('Opgeslagen als versie 3.').count()).toBe(0);
    await secretariat.getByRole('link', { name: /Terug naar het plan/ }).click();
    await secretariat.getByRole('button', { name: /Indienen bij de LRT \(versie 4\)/ }).click();
    // The message names the version the API returned (submitting makes a new version), as the page does.
    await secretariat.getByText(/Het plan is ingediend bij de LRT \(nu versie \d+\)\./).waitFor();
    const submitted = await planAs(secretariat, planId);
    expect(submitted).toMatchObject({ status: 'INGEDIEND', version: 5 });
    await secretariat.getByText(`Het plan is ingediend bij de LRT (nu versie ${submitted.version}).`).waitFor();
    await secretariat.getByText(`Status nu: Ingediend (versie ${submitted.version}).`).waitFor();
    await expect.poll(() => secretariat.getByRole('link', { name: 'Plan bewerken' }).count()).toBe(0);

    // The LRT returns it with a reason; an empty reason is refused at the field first.
    const lrtContext = await run.newContext();
    const lrt = await run.signIn(/LRT-coördinator/, lrtContext);
    await lrt.goto(`${run.base}/plannen/${encodeURIComponent(planId)}`);
    await lrt.getByRole('button', { name: /Vaststellen \(versie 5\)/ }).waitFor();
    await lrt.getByRole('button', { name: 'Terugsturen naar het secretariaat' }).click();
    await lrt.getByText('Geef de reden waarom het plan teruggaat naar het secretariaat.').waitFor();
    expect(await lrt.getByLabel('Reden van terugsturen').getAttribute('aria-invalid')).toBe('true');
    expect(await accessibilityProblems(lrt)).toEqual([]);
    const reason = 'De GVL-capaciteit is te laag tegenover de opgave';
    await lrt.getByLabel('Reden van terugsturen').fill(reason);
    await lrt.getByRole('button', { name: 'Terugsturen naar het secretariaat' }).click();
    await lrt.getByText('Het plan is teruggestuurd naar het secretariaat, met uw reden (nu versie 6).').waitFor();
    expect(await planAs(lrt, planId)).toMatchObject({ status: 'TERUGGESTUURD', returnReason: reason, version: 6 });

    // The secretariat sees the return and its reason without a reload; its message of the submission is gone.
    await secretariat.getByText(`Teruggestuurd door de LRT. Reden: ${reason}`).waitFor();
    await secretariat.getByText('Status nu: Teruggestuurd (versie 6).').waitFor();
    expect(await secretariat.getByText(/is ingediend bij de LRT/).count()).toBe(0);
    await secretariat.getByRole('link', { name: 'Plan bewerken' }).click();
    await row(secretariat, 2).getByLabel('Minimum plaatsen van regel 2').fill('300');
    await row(secretariat, 2).getByLabel('Maximum plaatsen van regel 2').fill('400');
    await secretariat.getByRole('button', { name: 'Opslaan' }).click();
    await secretariat.getByText('Opgeslagen als versie 7.').waitFor();
    await secretariat.getByRole('link', { name: /Terug naar het plan/ }).click();
    await secretariat.getByRole('button', { name: /Indienen bij de LRT \(versie 7\)/ }).click();
    await secretariat.getByText('Het plan is ingediend bij de LRT (nu versie 8).').waitFor();

    // The LRT adopts (its page followed the changes: it names the version it now sees; its return message is gone).
    await lrt.getByRole('button', { name: /Vaststellen \(versie 8\)/ }).click({ timeout: 10_000 });
    await lrt.getByText(/Het plan is vastgesteld \(nu versie \d+\)\./).waitFor();
    const adopted = await planAs(lrt, planId);
    expect(adopted).toMatchObject({ status: 'VASTGESTELD', version: 9 });
    await lrt.getByText(`Het plan is vastgesteld (nu versie ${adopted.version}).`).waitFor();
    await lrt.getByRole('definition').filter({ hasText: new RegExp(`^${adopted.version}$`) }).waitFor();
    expect(await lrt.getByText(/teruggestuurd naar het secretariaat, met uw reden/).count()).toBe(0);
    await lrtContext.close();

    // The history: every version, and the diff from the first to the last.
    const history = secretariat.getByRole('table', { name: /Alle versies van het plan/ });
    await expect.poll(() => history.getByRole('row').count()).toBe(9 + 1);
    await secretariat.getByLabel('Van versie').selectOption('1');
    await secretariat.getByLabel('Naar versie').selectOption('9');
    await secretariat.getByRole('button', { name: 'Vergelijk' }).click();
    const diff = secretariat.getByRole('table', { name: 'Gewijzigde capaciteitsregels' });
    await diff.getByRole('row').filter({ hasText: 'Toegevoegd' }).filter({ hasText: 'Regionale opvanglocaties' }).waitFor();
    await diff.getByRole('row').filter({ hasText: 'Toegevoegd' }).filter({ hasText: '300–400' }).waitFor();
    expect(await accessibilityProblems(secretariat)).toEqual([]);
    await secretariat.context().close();
  }, 240_000);

  it('keeps unsaved edits in the browser through a reload, and offers them back', async () => {
    const page = await run.signIn(/^Secretariaat PRT Utrecht/);
    await page.waitForURL(/\/provincie\/UT/);
    const token = await pageToken(page);
    const created = await run.server.gql('mutation { createProvincialPlan(input: { provinceCode: UT, title: "Concept voor de herlaadtest" }) { id } }', undefined, token);
    const id = created.data.createProvincialPlan.id;
    await page.goto(`${run.base}/plannen/${encodeURIComponent(id)}/bewerken`);
    await page.getByLabel('Sectie Tijdpad').fill('Eerst de ROL, dan de GVL.');
    await expect.poll(() => page.evaluate((plan) => Object.keys((globalThis as any).localStorage).some((key) => key.endsWith(plan)), id)).toBe(true);
    // Leaving with unsaved edits asks first (accepted here, as someone who reloads anyway).
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.accept();
    });
    await page.reload();
    expect(dialogs).toEqual(['beforeunload']);
    const offer = page.getByRole('alert').filter({ hasText: 'U hebt niet-opgeslagen wijzigingen' });
    await offer.waitFor();
    expect(await page.getByLabel('Sectie Tijdpad').inputValue()).toBe('');
    expect(await accessibilityProblems(page)).toEqual([]);
    await offer.getByRole('button', { name: 'Niet-opgeslagen wijzigingen terugzetten' }).click();
    expect(await page.getByLabel('Sectie Tijdpad').inputValue()).toBe('Eerst de ROL, dan de GVL.');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Opgeslagen als versie 2.').waitFor();
    expect((await run.server.gql(PLAN, { id }, token)).data.provincialPlan.sections.timeline).toBe('Eerst de ROL, dan de GVL.');
    await page.reload();
    await page.getByLabel('Sectie Tijdpad').waitFor();
    expect(await page.getByLabel('Sectie Tijdpad').inputValue()).toBe('Eerst de ROL, dan de GVL.');
    expect(await page.getByRole('alert').filter({ hasText: 'U hebt niet-opgeslagen wijzigingen' }).count()).toBe(0);
    await page.context().close();
  }, 120_000);

  it('lets a gemeente reach no concept plan of its province, through any screen or address', async () => {
    const secretariat = await run.signIn(/^Secretariaat PRT Utrecht/);
    await secretariat.waitForURL(/\/provincie\/UT/);
    const created = await run.server.gql('mutation { createProvincialPlan(input: { provinceCode: UT, title: "Geheim concept van Utrecht" }) { id } }', undefined, await pageToken(secretariat));
    const id = created.data.createProvincialPlan.id;
    await secretariat.context().close();

    const gemeente = await run.signIn(/Medewerker gemeente Zeist/);
    await gemeente.waitForURL(/\/provincie\/UT/);
    await gemeente.goto(`${run.base}/provincie/UT/plannen`);
    await gemeente.getByRole('heading', { level: 1, name: 'Plannen van provincie Utrecht' }).waitFor();
    await gemeente.waitForTimeout(500);
    expect(await gemeente.getByRole('main').innerText()).not.toContain('Geheim concept');
    expect(await gemeente.getByLabel('Titel van het nieuwe plan').count()).toBe(0);
    for (const path of [`/plannen/${encodeURIComponent(id)}`, `/plannen/${encodeURIComponent(id)}/bewerken`]) {
      await gemeente.goto(`${run.base}${path}`);
      await gemeente.getByText(/geen toegang|bestaat niet/).first().waitFor({ timeout: 10_000 });
      const text = await gemeente.getByRole('main').innerText();
      expect(text).not.toContain('Geheim concept');
      expect(text).not.toMatch(/FORBIDDEN|NOT_FOUND|\{"/);
      expect(await gemeente.getByRole('textbox').count()).toBe(0);
      expect(await accessibilityProblems(gemeente)).toEqual([]);
    }
    await gemeente.context().close();
  }, 120_000);

  it('shows unsafe Markdown links as text, each line\'s regions, Dutch summaries, readable chart labels and no page-wide scroll at 400px', async () => {
    const page = await run.signIn(/^Secretariaat PRT Utrecht/);
    await page.waitForURL(/\/provincie\/UT/);
    const token = await pageToken(page);
    const created = await run.server.gql('mutation { createProvincialPlan(input: { provinceCode: UT, title: "Plan met regio\'s en links" }) { id version round { targetFrom targetUntil } } }', undefined, token);
    expect(created.errors).toBeUndefined();
    const { id, round } = created.data.createProvincialPlan;
    const places = (await run.server.gql('query { gemeenten(provinceCode: UT, first: 3) { edges { node { code name } } } }', undefined, token)).data.gemeenten.edges.map((edge: any) => edge.node);
    const links = [
      'Zie [de site](https://example.org/plan) en [mail](mailto:prt@example.org) en [de opgave](/provincie/UT).',
      '',
      '[script](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [verstopt](java%0ascript:alert(2)) [tab](<java\tscript:alert(3)>) [vb](VBScript:msgbox)',
    ].join('\n');
    const update = (expectedVersion: number, lines: unknown[], summary?: string) =>
      run.server.gql(
        'mutation($input: UpdateProvincialPlanInput!) { updateProvincialPlan(input: $input) { version } }',
        { input: { planId: id, expectedVersion, lines, sections: { context: links }, ...(summary ? { summary } : {}) } },
        token,
      );
    const lines = [
      { opvangtypes: [], targetDate: round.targetFrom, minPlaces: 300, maxPlaces: 400, regions: [
        { name: 'Veiligheidsregio Utrecht', minPlaces: 100, maxPlaces: 150, gemeenteCodes: [places[0].code, places[1].code] },
        { name: 'Regio Eemland', minPlaces: 50, maxPlaces: 80 },
      ] },
      { opvangtypes: ['ROL'], targetDate: round.targetFrom, minPlaces: 100, maxPlaces: 120 },
      { opvangtypes: ['GVL', 'SATELLIET'], targetDate: round.targetFrom, minPlaces: 10, maxPlaces: 20 },
    ];
    expect((await update(1, lines)).errors).toBeUndefined();
    const two = (await run.server.gql(PLAN, { id }, token)).data.provincialPlan;
    // Version 3: one line changed, one removed, without a summary (the server writes "1 changed, 1 removed").
    expect((await update(2, [{ ...lines[0], id: two.lines[0].id, regions: lines[0].regions }, { ...lines[1], id: two.lines[1].id, maxPlaces: 130 }])).errors).toBeUndefined();
    const plan = (await run.server.gql(PLAN, { id }, token)).data.provincialPlan;
    expect(plan.version).toBe(3);

    // The same Markdown in a comment on the plan: the one component renders both.
    const comment = await run.server.gql('mutation($input: AddCommentInput!) { addComment(input: $input) { id } }', { input: { subjectType: 'PROVINCIAL_PLAN', subjectId: id, body: `# Kop\n\n${links}` } }, token);
    expect(comment.errors).toBeUndefined();

    await page.goto(`${run.base}/plannen/${encodeURIComponent(id)}`);
    await page.getByRole('heading', { level: 1, name: "Plan met regio's en links" }).waitFor();

    // 1. Safe links are links with rel; unsafe ones are plain text, never <a href="">, and clicking them does nothing.
    const context = page.locator('section[aria-labelledby="sectie-context"]');
    await context.getByRole('link', { name: 'de site' }).waitFor();
    for (const name of ['de site', 'mail', 'de opgave']) expect(await context.getByRole('link', { name }).getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(await context.getByRole('link', { name: 'de opgave' }).getAttribute('href')).toBe('/provincie/UT');
    for (const text of ['script', 'data', 'verstopt', 'tab', 'vb']) {
      await context.getByText(text, { exact: true }).waitFor();
      expect(await context.getByRole('link', { name: text, exact: true }).count()).toBe(0);
    }
    expect(await page.locator('a[href=""], a:not([href]), a[href^="javascript" i], a[href^="data" i], a[href^="vbscript" i]').count()).toBe(0);
    const thread = page.getByRole('list', { name: 'Reacties, oudste eerst' });
    await thread.getByRole('link', { name: 'de site' }).waitFor();
    expect(await thread.getByRole('link', { name: 'de site' }).getAttribute('rel')).toBe('noopener noreferrer nofollow');
    for (const text of ['script', 'data', 'verstopt', 'tab', 'vb']) expect(await thread.getByRole('link', { name: text, exact: true }).count()).toBe(0);
    expect(await thread.getByRole('heading', { name: 'Kop' }).count()).toBe(0);
    const before = page.url();
    await context.getByText('script', { exact: true }).click();
    expect(page.url()).toBe(before);

    // 2. Each line's regions: name, gemeenten by name and min–max, as the API has them.
    const linesTable = page.getByRole('table', { name: /Capaciteitsregels met de vergelijking/ });
    const split = linesTable.getByRole('row').nth(1);
    for (const region of plan.lines[0].regions) {
      const item = split.getByRole('listitem').filter({ hasText: region.name });
      await item.getByText(`${region.minPlaces}–${region.maxPlaces} plaatsen`).waitFor();
      for (const gemeente of region.gemeenten) await item.getByText(new RegExp(gemeente.name)).waitFor();
    }
    expect(plan.lines[0].regions[0].gemeenten.map((g: any) => g.name)).toEqual(expect.arrayContaining([places[0].name, places[1].name]));
    await linesTable.getByRole('row').nth(2).getByText('Niet verdeeld').waitFor();
    // ... and in the comparison of versions.
    await page.getByLabel('Van versie').selectOption('1');
    await page.getByLabel('Naar versie').selectOption('2');
    await page.getByRole('button', { name: 'Vergelijk' }).click();
    const diff = page.getByRole('table', { name: 'Gewijzigde capaciteitsregels' });
    await diff.getByRole('row').filter({ hasText: 'Toegevoegd' }).filter({ hasText: `Veiligheidsregio Utrecht: 100–150 plaatsen; gemeenten: ${places[0].name}, ${places[1].name}` }).waitFor();

    // 6. A revision without a summary says in Dutch what changed.
    const history = page.getByRole('table', { name: /Alle versies van het plan/ });
    const summaries = (await run.server.gql(`query($id: ID!) { provincialPlan(id: $id) { revisions { version summary } } }`, { id }, token)).data.provincialPlan.revisions;
    const dutch = (summary: string) =>
      summary
        .replace(/^(\d+) line\(s\) added/, (_, n) => `${n} ${n === '1' ? 'regel' : 'regels'} toegevoegd`)
        .replace(/(^|, )(\d+) (changed|removed)/g, (_, sep, n, what) => `${sep}${n} ${n === '1' ? 'regel' : 'regels'} ${what === 'changed' ? 'gewijzigd' : 'verwijderd'}`);
    expect(summaries[1].summary).toMatch(/^3 line\(s\) added$/);
    expect(summaries[2].summary).toMatch(/^\d+ changed, 1 removed$/);
    await history.getByRole('row').filter({ hasText: dutch(summaries[2].summary) }).waitFor();
    await history.getByRole('row').filter({ hasText: '3 regels toegevoegd' }).waitFor();
    expect(await history.getByText(/^\d+ gewijzigd/).count()).toBe(0);

    // 5. The chart's axis labels do not run into each other (nor into the legend).
    const chart = page.locator('section[aria-labelledby="tekorten"] .chart[role="img"]');
    await chart.scrollIntoViewIfNeeded();
    await chart.locator('svg text').first().waitFor();
    const overlaps = () => chart.evaluate((element) => {
      const boxes = [...element.querySelectorAll('svg text')].filter((text) => (text.textContent ?? '').trim()).map((text) => ({ text: text.textContent, box: text.getBoundingClientRect() }));
      const hits: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const [a, b] = [boxes[i]!.box, boxes[j]!.box];
          if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) hits.push(`${boxes[i]!.text} / ${boxes[j]!.text}`);
        }
      return { count: boxes.length, hits };
    });
    expect((await overlaps()).count).toBeGreaterThan(plan.lines.length);
    expect((await overlaps()).hits).toEqual([]);
    await page.screenshot({ path: screenshotPath('plan-page-regions.png'), fullPage: false });
    expect(await accessibilityProblems(page)).toEqual([]);

    // 4. At 400px only the tables scroll, inside their boxes: the page itself does not, here and in the editor.
    await page.setViewportSize({ width: 400, height: 800 });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    // The chart at that width: its labels still clear of each other.
    expect((await overlaps()).hits).toEqual([]);
    await page.getByRole('link', { name: 'Plan bewerken' }).click();
    await row(page, 1).getByLabel('Maximum plaatsen van regel 1').waitFor();
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    await page.screenshot({ path: screenshotPath('plan-editor-400px.png'), fullPage: false });
    await page.setViewportSize({ width: 1280, height: 900 });

    // 1. In the editor's preview too: no link for an unsafe target, and clicking its text asks nothing and goes nowhere.
    const preview = page.getByRole('region', { name: 'Voorbeeld Context' });
    await preview.getByText('script', { exact: true }).waitFor();
    expect(await preview.locator('a[href=""], a[href^="javascript" i], a[href^="data" i]').count()).toBe(0);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.type());
      void dialog.dismiss();
    });
    await preview.getByText('data', { exact: true }).click();
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(page.url()).toMatch(/\/bewerken$/);
    await page.context().close();
  }, 180_000);

  it('refuses in Dutch, before sending, what the server would refuse in the editor and the return form', async () => {
    const page = await run.signIn(/^Secretariaat PRT Utrecht/);
    await page.waitForURL(/\/provincie\/UT/);
    const token = await pageToken(page);
    const created = await run.server.gql('mutation { createProvincialPlan(input: { provinceCode: UT, title: "Plan voor de grenzen" }) { id round { targetFrom } } }', undefined, token);
    const { id, round } = created.data.createProvincialPlan;
    expect((await run.server.gql('mutation($input: UpdateProvincialPlanInput!) { updateProvincialPlan(input: $input) { version } }', {
      input: { planId: id, expectedVersion: 1, lines: [{ opvangtypes: ['ROL'], targetDate: round.targetFrom, minPlaces: 100, maxPlaces: 200, regions: [{ name: 'Regio Noord', minPlaces: 50, maxPlaces: 100 }] }] },
    }, token)).errors).toBeUndefined();
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && /mutation UpdatePlan|mutation ReturnPlan/.test(request.postData() ?? '')) sent.push(request.postData()!);
    });
    await page.goto(`${run.base}/plannen/${encodeURIComponent(id)}/bewerken`);
    await row(page, 1).getByLabel('Maximum plaatsen van regel 1').waitFor();

    await page.getByLabel('Titel', { exact: true }).fill('T'.repeat(201));
    await row(page, 1).getByLabel('Toelichting bij regel 1').fill('n'.repeat(1001));
    await row(page, 1).getByLabel(/^Naam \(veiligheidsregio of groep gemeenten\), regio 1 van regel 1/).fill('R'.repeat(201));
    // A second region: the minimums together (50 + 160) above the line's maximum (200).
    await row(page, 1).getByRole('button', { name: 'Regio toevoegen aan regel 1' }).click();
    await row(page, 1).getByLabel(/^Naam \(veiligheidsregio of groep gemeenten\), regio 2 van regel 1/).fill('Regio Zuid');
    await row(page, 1).getByLabel(/^Minimum plaatsen, regio 2 van regel 1/).fill('160');
    await row(page, 1).getByLabel(/^Maximum plaatsen, regio 2 van regel 1/).fill('160');
    await page.getByLabel('Sectie Tijdpad').fill('x'.repeat(20_001));
    // Driven by keyboard: Tab to the save button, Enter.
    await tabTo(page, page.getByRole('button', { name: 'Opslaan' }));
    await page.keyboard.press('Enter');
    const expectations: [Locator, RegExp][] = [
      [page.getByLabel('Titel', { exact: true }), /De titel is 201 tekens lang; ten hoogste 200 tekens\./],
      [row(page, 1).getByLabel('Toelichting bij regel 1'), /De toelichting bij regel 1 is 1\.001 tekens lang; ten hoogste 1\.000 tekens\./],
      [row(page, 1).getByLabel(/^Naam \(veiligheidsregio of groep gemeenten\), regio 1 van regel 1/), /De naam van de regio is 201 tekens lang; ten hoogste 200 tekens\./],
      [page.getByLabel('Sectie Tijdpad'), /De sectie Tijdpad is 20\.001 tekens lang; ten hoogste 20\.000 tekens\./],
    ];
    for (const [field, message] of expectations) {
      await page.getByText(message).waitFor();
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      const described = (await field.getAttribute('aria-describedby')) ?? '';
      const texts = await Promise.all(described.split(/\s+/).filter(Boolean).map((ref) => page.locator(`[id="${ref}"]`).innerText()));
      expect(texts.join(' ')).toMatch(message);
    }
    await row(page, 1).getByText(/De regio's van regel 1 krijgen samen minstens 210 plaatsen; dat is meer dan het maximum van de regel \(200\)/).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    expect(sent).toEqual([]);
    // Within the limits, it saves.
    await page.getByLabel('Titel', { exact: true }).fill('T'.repeat(200));
    await row(page, 1).getByLabel('Toelichting bij regel 1').fill('n'.repeat(1000));
    await row(page, 1).getByLabel(/^Naam \(veiligheidsregio of groep gemeenten\), regio 1 van regel 1/).fill('R'.repeat(200));
    await row(page, 1).getByLabel(/^Minimum plaatsen, regio 2 van regel 1/).fill('150');
    await page.getByLabel('Sectie Tijdpad').fill('x'.repeat(20_000));
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Opgeslagen als versie 3.').waitFor();
    expect(sent).toHaveLength(1);
    const saved = (await run.server.gql(PLAN, { id }, token)).data.provincialPlan;
    expect(saved.title).toHaveLength(200);
    expect(saved.lines[0].regions.map((region: any) => region.minPlaces)).toEqual([50, 150]);

    // The LRT's reason: at most 2000 characters, said before sending.
    await run.server.gql('mutation($input: PlanTransitionInput!) { submitProvincialPlan(input: $input) { version } }', { input: { planId: id, expectedVersion: 3 } }, token);
    await page.context().close();
    const lrt = await run.signIn(/LRT-coördinator/);
    const lrtSent: string[] = [];
    lrt.on('request', (request) => {
      if (request.method() === 'POST' && /mutation ReturnPlan/.test(request.postData() ?? '')) lrtSent.push(request.postData()!);
    });
    await lrt.goto(`${run.base}/plannen/${encodeURIComponent(id)}`);
    await lrt.getByLabel('Reden van terugsturen').fill('r'.repeat(2001));
    await lrt.getByRole('button', { name: 'Terugsturen naar het secretariaat' }).click();
    await lrt.getByText('De reden is 2.001 tekens lang; ten hoogste 2.000 tekens.').waitFor();
    expect(await lrt.getByLabel('Reden van terugsturen').getAttribute('aria-invalid')).toBe('true');
    expect(lrtSent).toEqual([]);
    await lrt.getByLabel('Reden van terugsturen').fill('r'.repeat(2000));
    await lrt.getByRole('button', { name: 'Terugsturen naar het secretariaat' }).click();
    await lrt.getByText(/Het plan is teruggestuurd naar het secretariaat, met uw reden \(nu versie 5\)\./).waitFor();
    expect(lrtSent).toHaveLength(1);
    await lrt.context().close();
  }, 180_000);

  it('loaded nothing from anywhere but the server', () => {
    expect(run.foreign).toEqual([]);
  });
});
