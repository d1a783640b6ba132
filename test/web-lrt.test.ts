import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { TestServer } from './support/harness.js';
import { BROWSER, accessibilityProblems, pageToken, screenshotPath, typeDate, type BrowserRun, useBrowserRun } from './support/browser.js';

/**
 * The LRT's screens in a real browser against the real server: the opgave per province (set, change, refused input,
 * live on a second person's province page), the plans waiting for the LRT, and memberships (grant and revoke with a
 * reason). Others reach none of the forms, and the API refuses them too.
 */
const nl = new Intl.NumberFormat('nl-NL');
const OPGAVE = '{ province(code: UT) { opgave { id opvangtype dueDate places source version } } }';

let run: BrowserRun;
let server: TestServer;
let base: string;

useBrowserRun((started) => {
  run = started;
  ({ server, base } = run);
});

async function opgaveOfUtrecht(page: Page) {
  const { data } = await server.gql(OPGAVE, undefined, await pageToken(page));
  return data.province.opgave as { id: string; opvangtype: string | null; dueDate: string; places: number; source: string; version: number }[];
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

describe.runIf(BROWSER)("the LRT's screens", () => {
  it('sets a new opgave for Utrecht ROL by keyboard alone, shown at once on an IPO monitor\'s open Utrecht page; changing it replaces it', async () => {
    const lrt = await run.signIn(/LRT-coördinator/);
    // The IPO monitor has the Utrecht page open, live.
    const ipo = await run.signIn(/IPO-monitor/);
    await ipo.goto(`${base}/provincie/UT`);
    const ipoTable = ipo.getByRole('table', { name: /Opgave van Utrecht/ });
    await ipoTable.waitFor();
    await ipo.getByRole('status').filter({ hasText: /^\s*Live\s*$/ }).first().waitFor();
    // Reading only: no way to change it from there.
    expect(await ipo.getByRole('link', { name: /vaststellen of wijzigen/ }).count()).toBe(0);
    expect(await ipo.getByRole('link', { name: 'Opgave', exact: true }).count()).toBe(0);
    const before = await opgaveOfUtrecht(ipo);
    expect(await ipoTable.getByRole('row').count()).toBe(before.length + 1);

    // The LRT goes to the opgave from the menu, and to Utrecht.
    await lrt.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Opgave', exact: true }).click();
    await lrt.waitForURL(/\/opgave$/);
    expect(await accessibilityProblems(lrt)).toEqual([]);
    await lrt.getByRole('link', { name: 'Opgave Utrecht' }).click();
    await lrt.waitForURL(/\/opgave\/UT$/);
    const form = lrt.getByRole('form', { name: 'Opgave vaststellen' });
    await form.waitFor();
    await lrt.getByRole('status').filter({ hasText: /^\s*Live\s*$/ }).waitFor();
    expect(await accessibilityProblems(lrt)).toEqual([]);

    // Keyboard only: Tab to the type, choose ROL, type the date, the places and the source, Enter.
    const dueDate = '2022-07-01';
    const source = 'LRT 1 juni 2022 (browsertest)';
    await form.getByLabel('Opvangtype').focus();
    expect(await focusedLabel(lrt)).toContain('Opvangtype');
    await lrt.keyboard.type('ROL');
    await lrt.keyboard.press('Tab');
    expect(await focusedLabel(lrt)).toContain('Peildatum');
    await typeDate(lrt, form.getByLabel('Peildatum'), dueDate);
    // Tab goes through the date's own parts (day, month, year) before it leaves the field.
    for (let i = 0; i < 3 && (await focusedLabel(lrt)).includes('Peildatum'); i++) await lrt.keyboard.press('Tab');
    expect(await focusedLabel(lrt)).toContain('Aantal plaatsen');
    await lrt.keyboard.type('640');
    await lrt.keyboard.press('Tab');
    expect(await focusedLabel(lrt)).toContain('Bron');
    await lrt.keyboard.type(source);
    await lrt.keyboard.press('Enter');
    await lrt.getByRole('status').filter({ hasText: /Opgeslagen: 640 plaatsen ROL per 1 juli 2022/ }).waitFor();

    // The API has it; the IPO monitor's page shows it without a reload.
    const created = (await opgaveOfUtrecht(lrt)).find((figure) => figure.opvangtype === 'ROL' && figure.dueDate === dueDate);
    expect(created).toMatchObject({ places: 640, source, version: 1 });
    const ipoRow = ipoTable.getByRole('row').filter({ hasText: '1 juli 2022' }).filter({ hasText: 'ROL' });
    await ipoRow.filter({ hasText: source }).filter({ hasText: nl.format(640) }).waitFor();
    expect(await ipo.evaluate(() => (globalThis as any).performance.getEntriesByType('navigation').length)).toBe(1);
    expect(await accessibilityProblems(ipo)).toEqual([]);

    // Changing it: the figure's own button fills the form; saving replaces the figure (one row, a new version).
    await lrt.getByRole('button', { name: 'Wijzig opgave ROL per 1 juli 2022' }).click();
    const changeForm = lrt.getByRole('form', { name: 'Opgave wijzigen' });
    await changeForm.waitFor();
    await expect.poll(() => focusedLabel(lrt)).toContain('Aantal plaatsen');
    await changeForm.getByLabel('Aantal plaatsen').fill('700');
    await changeForm.getByLabel('Bron').fill('LRT 15 juni 2022 (browsertest)');
    await lrt.screenshot({ path: screenshotPath('lrt-opgave.png'), fullPage: true });
    await changeForm.getByRole('button', { name: 'Opslaan' }).click();
    await lrt.getByRole('status').filter({ hasText: /Opgeslagen: 700 plaatsen ROL per 1 juli 2022 .*versie 2/ }).waitFor();
    const after = await opgaveOfUtrecht(lrt);
    expect(after.filter((figure) => figure.opvangtype === 'ROL' && figure.dueDate === dueDate)).toEqual([
      expect.objectContaining({ id: created!.id, places: 700, source: 'LRT 15 juni 2022 (browsertest)', version: 2 }),
    ]);
    expect(after).toHaveLength(before.length + 1);
    await ipoRow.filter({ hasText: nl.format(700) }).filter({ hasText: 'LRT 15 juni 2022' }).waitFor();
    expect(await ipoTable.getByRole('row').count()).toBe(after.length + 1);
    await lrt.context().close();
    await ipo.context().close();
  }, 120_000);

  it('shows Dutch errors at the field for invalid input and changes nothing; the API\'s own field errors land at their field; a conflict keeps what was typed', async () => {
    const lrt = await run.signIn(/LRT-coördinator/);
    await lrt.goto(`${base}/opgave/UT`);
    const form = lrt.getByRole('form', { name: 'Opgave vaststellen' });
    await form.waitFor();
    const before = await opgaveOfUtrecht(lrt);

    // Negative places, no source: stopped in the browser, said in Dutch at each field, nothing sent.
    await form.getByLabel('Opvangtype').selectOption('ROL');
    await form.getByLabel('Peildatum').fill('2022-09-01');
    await form.getByLabel('Aantal plaatsen').fill('-5');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    const places = form.getByLabel('Aantal plaatsen');
    const sourceField = form.getByLabel('Bron');
    await expect.poll(() => places.getAttribute('aria-invalid')).toBe('true');
    expect(await sourceField.getAttribute('aria-invalid')).toBe('true');
    const described = async (field: typeof places) =>
      lrt.evaluate((ids) => ids.split(/\s+/).map((id: string) => (globalThis as any).document.getElementById(id)?.textContent ?? '').join(' '), (await field.getAttribute('aria-describedby')) ?? '');
    expect(await described(places)).toContain('Het aantal plaatsen kan niet negatief zijn.');
    expect(await described(sourceField)).toContain('Vul de bron van de opgave in.');
    // The first field at fault has the focus.
    expect(await focusedLabel(lrt)).toContain('Aantal plaatsen');
    expect(await danglingDescriptions(lrt)).toEqual([]);
    expect(await accessibilityProblems(lrt)).toEqual([]);
    expect(await opgaveOfUtrecht(lrt)).toEqual(before);

    // A date the client cannot judge (outside every planning round): the server refuses it at the date field.
    await places.fill('10');
    await sourceField.fill('Test buiten de ronde');
    await form.getByLabel('Peildatum').fill('2031-01-01');
    await form.getByRole('button', { name: 'Opslaan' }).click();
    const dateField = form.getByLabel('Peildatum');
    await expect.poll(() => dateField.getAttribute('aria-invalid')).toBe('true');
    expect(await described(dateField)).toMatch(/Deze datum ligt in geen enkele planningsronde/);
    await form.getByRole('alert').filter({ hasText: 'De opgave is niet opgeslagen.' }).waitFor();
    expect(await opgaveOfUtrecht(lrt)).toEqual(before);

    // Someone else changes the figure the LRT is changing: CONFLICT, what was typed stays, saving again applies it.
    // The earliest GVL figure: the table lists figures by due date, so its button is the first GVL one.
    const figure = before.filter((candidate) => candidate.opvangtype === 'GVL').sort((a, b) => a.dueDate.localeCompare(b.dueDate))[0]!;
    expect(figure).toBeDefined();
    await lrt.getByRole('button', { name: /^Wijzig opgave GVL per / }).first().click();
    const changeForm = lrt.getByRole('form', { name: 'Opgave wijzigen' });
    await changeForm.waitFor();
    await changeForm.getByLabel('Aantal plaatsen').fill('4321');
    const other = await server.gql(
      'mutation($input: SetOpgaveInput!) { setOpgave(input: $input) { version } }',
      { input: { provinceCode: 'UT', opvangtype: figure.opvangtype, dueDate: figure.dueDate, places: figure.places + 1, source: 'Tussendoor gewijzigd', expectedVersion: figure.version } },
      await server.token('lrt'),
    );
    expect(other.errors).toBeUndefined();
    await changeForm.getByRole('button', { name: 'Opslaan' }).click();
    await changeForm.getByRole('alert').filter({ hasText: /intussen gewijzigd door LRT-coördinator \(demo\).*Uw invoer is bewaard/ }).waitFor();
    expect(await changeForm.getByLabel('Aantal plaatsen').inputValue()).toBe('4321');
    expect((await opgaveOfUtrecht(lrt)).find((candidate) => candidate.id === figure.id)?.places).toBe(figure.places + 1);
    await changeForm.getByRole('button', { name: 'Opslaan' }).click();
    await lrt.getByRole('status').filter({ hasText: /Opgeslagen: 4\.321 plaatsen/ }).waitFor();
    expect((await opgaveOfUtrecht(lrt)).find((candidate) => candidate.id === figure.id)).toMatchObject({ places: 4321, version: figure.version + 2 });
    await lrt.context().close();
  }, 120_000);

  it('lists the plans waiting for the LRT, with links to their pages, and follows a new submission live', async () => {
    const lrt = await run.signIn(/LRT-coördinator/);
    await lrt.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Plannen ter beoordeling' }).click();
    await lrt.waitForURL(/\/ter-beoordeling$/);
    await lrt.getByRole('status').filter({ hasText: /^\s*Live\s*$/ }).waitFor();
    const { data } = await server.gql('{ provinces { plans { id title status } } }', undefined, await pageToken(lrt));
    const submitted = data.provinces.flatMap((province: { plans: { id: string; title: string; status: string }[] }) => province.plans).filter((plan: { status: string }) => plan.status === 'INGEDIEND');
    expect(submitted.length).toBeGreaterThan(0);
    const table = lrt.getByRole('table', { name: /Ingediende plannen/ });
    await table.waitFor();
    await expect.poll(() => table.getByRole('row').count()).toBe(submitted.length + 1);
    expect(await accessibilityProblems(lrt)).toEqual([]);

    // The Utrecht secretariat submits its draft: it appears without a reload.
    const secretariat = await server.token('secretariaat-ut');
    const plans = await server.gql('{ province(code: UT) { plans { id title status version } } }', undefined, secretariat);
    const draft = plans.data.province.plans.find((plan: { status: string }) => plan.status === 'CONCEPT');
    expect(draft).toBeDefined();
    const submit = await server.gql('mutation($input: PlanTransitionInput!) { submitProvincialPlan(input: $input) { status } }', { input: { planId: draft.id, expectedVersion: draft.version } }, secretariat);
    expect(submit.errors).toBeUndefined();
    await expect.poll(() => table.getByRole('row').count()).toBe(submitted.length + 2);
    await lrt.screenshot({ path: screenshotPath('lrt-plannen-ter-beoordeling.png'), fullPage: true });
    await table.getByRole('link', { name: draft.title }).click();
    await lrt.waitForURL(new RegExp(`/plannen/${draft.id}$`));
    await lrt.getByRole('heading', { level: 1, name: draft.title }).waitFor();
    await lrt.context().close();
  }, 120_000);

  it('grants a gemeente role to a new person with a reason and revokes it with a reason; the list shows both', async () => {
    const lrt = await run.signIn(/LRT-coördinator/);
    await lrt.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Lidmaatschappen' }).click();
    await lrt.waitForURL(/\/lidmaatschappen$/);
    const grant = lrt.getByRole('form', { name: 'Rol toekennen' });
    await grant.waitFor();
    expect(await accessibilityProblems(lrt)).toEqual([]);

    // Nothing filled in: Dutch errors at the fields, nothing granted.
    const count = async () => (await server.db.query('SELECT count(*)::int AS n FROM membership'))[0].n as number;
    const memberships = await count();
    await grant.getByRole('button', { name: 'Rol toekennen' }).click();
    await expect.poll(() => grant.getByLabel('Rol', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await grant.getByText('Kies de rol.').waitFor();
    await grant.getByText('Vul de reden in waarom deze persoon deze rol krijgt.').waitFor();
    expect(await count()).toBe(memberships);

    await grant.getByLabel('Een nieuwe persoon').check();
    await grant.getByLabel('Kenmerk bij de identiteitsprovider').fill('browser-nieuw-zeist');
    await grant.getByLabel('Naam', { exact: true }).fill('Nieuwe beleidsmedewerker Zeist (test)');
    await grant.getByLabel('Rol', { exact: true }).selectOption('GEMEENTE');
    await grant.getByLabel('Provincie van de gemeente').selectOption('UT');
    const gemeente = grant.getByLabel('Gemeente', { exact: true });
    await expect.poll(() => gemeente.locator('option').filter({ hasText: 'Zeist' }).count()).toBe(1);
    await gemeente.selectOption({ label: 'Zeist' });
    await grant.getByLabel('Reden').fill('Nieuwe beleidsmedewerker opvang');
    expect(await accessibilityProblems(lrt)).toEqual([]);
    await grant.getByRole('button', { name: 'Rol toekennen' }).click();
    await lrt.getByRole('status').filter({ hasText: 'Toegekend: Nieuwe beleidsmedewerker Zeist (test), Gemeente, Gemeente Zeist (Utrecht).' }).waitFor();

    const query = '{ memberships(provinceCode: UT, role: GEMEENTE, includeRevoked: true) { edges { node { id active grantReason revokeReason person { name } gemeente { name } } } } }';
    const find = async () => (await server.gql(query, undefined, await pageToken(lrt))).data.memberships.edges.map((edge: any) => edge.node).find((node: any) => node.person.name === 'Nieuwe beleidsmedewerker Zeist (test)');
    expect(await find()).toMatchObject({ active: true, grantReason: 'Nieuwe beleidsmedewerker opvang', gemeente: { name: 'Zeist' } });
    const row = lrt.getByRole('table', { name: /Lidmaatschappen/ }).getByRole('row').filter({ hasText: 'Nieuwe beleidsmedewerker Zeist (test)' });
    await row.filter({ hasText: 'Reden: Nieuwe beleidsmedewerker opvang' }).filter({ hasText: 'Actief' }).waitFor();

    // Granting the same again: the API's rule in Dutch, at the role.
    await grant.getByLabel('Iemand die regietafel al kent').check();
    await expect.poll(() => grant.getByLabel('Persoon', { exact: true }).locator('option').filter({ hasText: 'Nieuwe beleidsmedewerker Zeist (test)' }).count()).toBe(1);
    await grant.getByLabel('Persoon', { exact: true }).selectOption({ label: 'Nieuwe beleidsmedewerker Zeist (test)' });
    await grant.getByLabel('Rol', { exact: true }).selectOption('GEMEENTE');
    await grant.getByLabel('Provincie van de gemeente').selectOption('UT');
    await expect.poll(() => grant.getByLabel('Gemeente', { exact: true }).locator('option').filter({ hasText: 'Zeist' }).count()).toBe(1);
    await grant.getByLabel('Gemeente', { exact: true }).selectOption({ label: 'Zeist' });
    await grant.getByLabel('Reden').fill('Nog eens');
    await grant.getByRole('button', { name: 'Rol toekennen' }).click();
    await grant.getByRole('alert').filter({ hasText: 'Dit lidmaatschap bestaat al.' }).waitFor();
    expect(await grant.getByLabel('Rol', { exact: true }).getAttribute('aria-invalid')).toBe('true');

    // Revoke it, with a reason: first without one (refused in Dutch), then with.
    await row.getByRole('button', { name: /^Intrekken/ }).click();
    const revoke = lrt.getByRole('form', { name: 'Rol intrekken' });
    await revoke.waitFor();
    await expect.poll(() => focusedLabel(lrt)).toContain('Reden van intrekken');
    await revoke.getByRole('button', { name: 'Intrekken' }).click();
    await revoke.getByText('Vul de reden in waarom deze rol wordt ingetrokken.').waitFor();
    expect((await find()).active).toBe(true);
    await revoke.getByLabel('Reden van intrekken').fill('Vertrokken naar een andere gemeente');
    await lrt.keyboard.press('Tab');
    await lrt.keyboard.press('Enter');
    await lrt.getByRole('status').filter({ hasText: /^Ingetrokken: Nieuwe beleidsmedewerker Zeist \(test\)/ }).waitFor();
    expect(await find()).toMatchObject({ active: false, grantReason: 'Nieuwe beleidsmedewerker opvang', revokeReason: 'Vertrokken naar een andere gemeente' });

    // The list with revoked memberships shows both: granted why, revoked by whom and why.
    await lrt.getByLabel('Ook ingetrokken lidmaatschappen tonen').check();
    await row.filter({ hasText: 'Reden: Nieuwe beleidsmedewerker opvang' }).filter({ hasText: /Ingetrokken op .* door LRT-coördinator \(demo\)\. Reden: Vertrokken naar een andere gemeente/ }).waitFor();
    expect(await accessibilityProblems(lrt)).toEqual([]);
    expect(await danglingDescriptions(lrt)).toEqual([]);
    // The filters: Utrecht's gemeente roles, as many rows as the API counts (with the revoked one).
    const filters = lrt.getByRole('search', { name: 'Lidmaatschappen filteren' });
    await filters.getByLabel('Provincie').selectOption('UT');
    await filters.getByLabel('Rol').selectOption('GEMEENTE');
    const utrecht = (await server.gql(query, undefined, await pageToken(lrt))).data.memberships.edges.length;
    await expect.poll(() => lrt.getByRole('table', { name: /Lidmaatschappen/ }).getByRole('row').count()).toBe(utrecht + 1);
    await row.filter({ hasText: 'Vertrokken naar een andere gemeente' }).waitFor();
    await lrt.screenshot({ path: screenshotPath('lrt-lidmaatschappen.png'), fullPage: true });

    // The last LRT membership cannot go: the API's rule, in Dutch, and the membership stays.
    const lrtMemberships = '{ memberships(role: LRT) { edges { node { id active } } } }';
    expect((await server.gql(lrtMemberships, undefined, await pageToken(lrt))).data.memberships.edges).toHaveLength(1);
    await filters.getByLabel('Provincie').selectOption('');
    await filters.getByLabel('Rol').selectOption('LRT');
    await expect.poll(() => lrt.getByRole('table', { name: /Lidmaatschappen/ }).getByRole('row').count()).toBe(2);
    await lrt.getByRole('button', { name: /^Intrekken\s*:\s*LRT-coördinator \(demo\), Landelijke Regietafel/ }).click();
    const last = lrt.getByRole('form', { name: 'Rol intrekken' });
    await last.getByLabel('Reden van intrekken').fill('Proef');
    await last.getByRole('button', { name: 'Intrekken' }).click();
    await last.getByRole('alert').filter({ hasText: 'Het laatste LRT-lidmaatschap kan niet worden ingetrokken.' }).waitFor();
    expect((await server.gql(lrtMemberships, undefined, await pageToken(lrt))).data.memberships.edges).toEqual([{ node: expect.objectContaining({ active: true }) }]);
    expect(await last.getByLabel('Reden van intrekken').inputValue()).toBe('Proef');
    await lrt.context().close();
  }, 120_000);

  it('gives a secretariat and a gemeente no way to these forms: no links, no form at the address, and the API refuses', async () => {
    for (const name of [/Secretariaat PRT Utrecht/, /Medewerker gemeente Zeist/]) {
      const page = await run.signIn(name);
      await page.waitForURL(/\/provincie\/UT/);
      await page.getByRole('table', { name: /Opgave van Utrecht/ }).waitFor();
      const menu = page.getByRole('navigation', { name: 'Hoofdmenu' });
      expect(await menu.getByRole('link', { name: 'Opgave', exact: true }).count()).toBe(0);
      expect(await menu.getByRole('link', { name: 'Plannen ter beoordeling' }).count()).toBe(0);
      expect(await page.getByRole('link', { name: /vaststellen of wijzigen/ }).count()).toBe(0);

      await page.goto(`${base}/opgave/UT`);
      await page.getByRole('table', { name: /Opgave van Utrecht/ }).waitFor();
      expect(await page.getByRole('form').count()).toBe(0);
      expect(await page.getByRole('button', { name: /^Wijzig/ }).count()).toBe(0);
      expect(await accessibilityProblems(page)).toEqual([]);

      await page.goto(`${base}/lidmaatschappen`);
      await page.getByRole('table', { name: /Lidmaatschappen/ }).waitFor();
      expect(await page.getByRole('form', { name: /Rol toekennen|Rol intrekken/ }).count()).toBe(0);
      expect(await page.getByRole('button', { name: /^Intrekken/ }).count()).toBe(0);
      expect(await accessibilityProblems(page)).toEqual([]);

      const token = await pageToken(page);
      const set = await server.gql('mutation { setOpgave(input: { provinceCode: UT, opvangtype: ROL, dueDate: "2022-10-01", places: 1, source: "x" }) { id } }', undefined, token);
      expect(set.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      const granted = await server.gql('mutation { grantMembership(input: { personSubject: "x", personName: "x", role: IPO }) { id } }', undefined, token);
      expect(granted.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      await page.context().close();
    }
  }, 120_000);
});
