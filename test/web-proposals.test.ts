import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BROWSER, accessibilityProblems, screenshotPath, type BrowserRun, useBrowserRun } from './support/browser.js';

/**
 * Location proposals and bestuursovereenkomsten in a real browser against the real server: a gemeente proposes, COA
 * explores and advises, the gemeente decides, COA registers the agreement, and the province's realised capacity moves;
 * each person in a browser context of their own, seeing the others' steps live.
 */
const nl = new Intl.NumberFormat('nl-NL');
const ON = '2025-01-01';
const REALISED = `query($on: LocalDate!) { nationalOverview(on: $on, provinceCode: UT) { rows { opvangtypes realised } } }`;
const CREATE = `mutation($input: CreateLocationProposalInput!) { createLocationProposal(input: $input) { id version } }`;
/** Today in the Netherlands (the server's calendar day), and a date as the application writes it. */
const TODAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const longDate = (iso: string) => new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T12:00:00Z`));

let run: BrowserRun;

useBrowserRun((started) => (run = started));

async function realisedRol(): Promise<number> {
  const { data, errors } = await run.server.as('secretariaat-ut', REALISED, { on: ON });
  expect(errors).toBeUndefined();
  const row = data.nationalOverview.rows.find((r: { opvangtypes: string[] }) => r.opvangtypes.length === 1 && r.opvangtypes[0] === 'ROL');
  return row?.realised ?? 0;
}

/** The realised cell of the ROL row of the province page's table (opgave, planned, realised, …). */
function rolRealisedCell(page: Page) {
  // The overview's table (the page also shows the opgave per opvangtype, with rows of its own).
  const table = page.getByRole('region', { name: 'Tabel per provincie en opvangtype' });
  return table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^ROL(\s|$)/ }) }).locator('td').nth(2);
}

const statusOf = (page: Page) => page.locator('.totals__item').filter({ hasText: 'Status' }).locator('dd');
const proposalStatus = async (id: string) => (await run.server.as('gemeente-zeist', 'query($id: ID!) { locationProposal(id: $id) { status } }', { id })).data.locationProposal.status;

/** One step of a proposal through the API, as `who`; returns the new version. */
async function step(who: string, mutation: string, type: string, input: object): Promise<number> {
  const result = await run.server.as(who, `mutation($i: ${type}!) { ${mutation}(input: $i) { version } }`, { i: input });
  expect(result.errors).toBeUndefined();
  return result.data[mutation].version;
}

async function noProblems(page: Page, what: string) {
  expect(await accessibilityProblems(page), what).toEqual([]);
}

/** Presses Tab until the focused element is the control labelled `label` (at most 60 times). */
async function tabTo(page: Page, label: RegExp) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const name = await page.evaluate(() => {
      const element = (globalThis as any).document.activeElement;
      if (!element) return '';
      const labels = element.labels ? [...element.labels].map((l: any) => l.textContent).join(' ') : '';
      return labels || element.getAttribute('aria-label') || element.textContent || '';
    });
    if (label.test(name.trim())) return;
  }
  throw new Error(`no control ${label} reached with Tab`);
}

describe.runIf(BROWSER)('location proposals and agreements in the browser', () => {
  it('the Zeist story: the gemeente proposes 120 ROL places, COA explores and advises, the gemeente decides go, COA registers a 10-year agreement, and Utrecht shows 120 more realised ROL places', async () => {
    const suffix = Date.now().toString(36);
    const name = `Huis ter Heide ${suffix}`;

    // The Utrecht secretariat keeps the province page open, on a date inside the agreement to come.
    const before = await realisedRol();
    const secretariat = await run.signIn(/Secretariaat PRT Utrecht/);
    await secretariat.goto(`${run.base}/provincie/UT?op=${ON}`);
    await secretariat.getByRole('heading', { name: /Totalen Utrecht/ }).waitFor();
    await secretariat.getByRole('status').filter({ hasText: 'Live' }).first().waitFor();
    if (before > 0) await expect.poll(() => rolRealisedCell(secretariat).innerText()).toBe(nl.format(before));

    // The gemeente proposes, through its menu.
    const gemeente = await run.signIn(/Medewerker gemeente Zeist/);
    await gemeente.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Locatievoorstellen' }).click();
    await gemeente.getByRole('heading', { name: 'Locatievoorstellen', level: 1 }).waitFor();
    await noProblems(gemeente, 'proposals list');
    await gemeente.getByRole('link', { name: 'Een locatie voorstellen' }).click();
    await gemeente.getByRole('heading', { name: 'Nieuw locatievoorstel' }).waitFor();
    await noProblems(gemeente, 'new proposal form');
    await gemeente.getByLabel(/^Naam van de locatie/).fill(name);
    await gemeente.getByLabel(/^Adres/).fill('Amersfoortseweg 1, Huis ter Heide');
    await gemeente.getByLabel(/^Opvangtype/).selectOption('ROL');
    await gemeente.getByLabel(/^Aantal plaatsen/).fill('120');
    await gemeente.getByLabel(/^Beoogde start/).fill('2022-06-01');
    await gemeente.getByLabel(/^Beoogde duur/).fill('120');
    await gemeente.getByLabel(/^Flexibel gebruik/).check();
    await gemeente.getByLabel(/^Beschrijving/).fill('Voormalig kantoor, **goed bereikbaar**.');
    await gemeente.getByRole('button', { name: 'Voorstel aanmaken' }).click();
    await gemeente.waitForURL(/\/voorstellen\/[0-9a-f-]{36}$/);
    const proposalId = gemeente.url().split('/').pop()!;
    await gemeente.getByRole('heading', { name, level: 1 }).waitFor();
    await expect.poll(() => statusOf(gemeente).innerText()).toBe('Concept');
    await gemeente.getByRole('button', { name: 'Voorstel indienen' }).click();
    await expect.poll(() => statusOf(gemeente).innerText()).toBe('Ingediend');
    await gemeente.getByRole('status').filter({ hasText: 'Live' }).first().waitFor();

    // COA finds it in its inbox, oldest waiting first, with how long each has waited.
    const coa = await run.signIn(/COA-regievoerder uitplaatsingsregio 3/);
    await coa.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Inbox voorstellen' }).click();
    const waiting = coa.getByRole('region', { name: 'Tabel wachten op verkenning' });
    await waiting.getByRole('link', { name }).waitFor();
    const submitted = await run.server.as('coa-regio-3', '{ locationProposals(status: INGEDIEND, first: 100) { edges { node { name provinceCode transitions { at toStatus } } } } }');
    const expected = submitted.data.locationProposals.edges
      .map((e: any) => ({ name: e.node.name, since: [...e.node.transitions].reverse().find((t: any) => t.toStatus === 'INGEDIEND').at }))
      .sort((a: any, b: any) => a.since.localeCompare(b.since))
      .map((e: any) => e.name);
    expect(await waiting.locator('tbody tr th').allInnerTexts()).toEqual(expected);
    const ourRow = waiting.getByRole('row').filter({ has: coa.getByRole('link', { name }) });
    expect(await ourRow.locator('td').last().innerText()).toBe('vandaag');
    for (const text of await waiting.locator('tbody tr td:last-child').allInnerTexts()) expect(text).toMatch(/^(vandaag|1 dag|[\d.]+ dagen)$/);
    await coa.screenshot({ path: screenshotPath('coa-inbox.png'), fullPage: false });
    await noProblems(coa, 'inbox');

    // COA takes it into verkenning (itself as contact); the gemeente sees it without a reload.
    await ourRow.getByRole('link', { name }).click();
    await coa.getByRole('heading', { name, level: 1 }).waitFor();
    const contact = coa.getByLabel(/^Contactpersoon COA/);
    await expect.poll(() => contact.locator('option:checked').innerText()).toMatch(/uitplaatsingsregio 3.*\(uzelf\)/);
    await noProblems(coa, 'proposal page (COA)');
    await coa.getByRole('button', { name: 'In verkenning nemen' }).click();
    await expect.poll(() => statusOf(coa).innerText()).toBe('In verkenning');
    await expect.poll(() => statusOf(gemeente).innerText()).toBe('In verkenning');
    const factOf = (page: Page, term: string) => page.locator('.facts__item').filter({ has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) }).locator('dd');
    await expect.poll(() => factOf(gemeente, 'Contactpersoon COA').innerText()).toBe('COA-regievoerder uitplaatsingsregio 3 (demo)');

    // COA advises positively with its reasoning.
    await coa.getByLabel('Positief advies').check();
    await coa.getByLabel(/^Onderbouwing/).fill('Geschikte locatie: goed bereikbaar, voorzieningen op loopafstand.');
    await coa.getByRole('button', { name: 'Advies vastleggen' }).click();
    await expect.poll(() => statusOf(coa).innerText()).toBe('Positief advies');
    await expect.poll(() => factOf(gemeente, 'Advies').innerText()).toBe('Positief');
    await gemeente.getByRole('paragraph').filter({ hasText: 'Geschikte locatie: goed bereikbaar, voorzieningen op loopafstand.' }).waitFor();

    // The gemeente decides: go.
    await gemeente.getByLabel('Go (doorgaan)').check();
    await gemeente.getByLabel(/^Toelichting/).first().fill('Raadsbesluit 12 mei');
    await gemeente.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await expect.poll(() => statusOf(gemeente).innerText()).toBe('Besloten: go');

    // COA registers the agreement from the decision, for ten years from the intended start.
    await expect.poll(() => statusOf(coa).innerText()).toBe('Besloten: go');
    await coa.getByRole('link', { name: 'Bestuursovereenkomst registreren voor dit voorstel' }).click();
    await coa.getByRole('heading', { name: 'Bestuursovereenkomst registreren' }).waitFor();
    await expect.poll(() => coa.getByLabel(/^Einddatum/).inputValue()).toBe('2032-05-31');
    expect(await coa.getByLabel(/^Begindatum/).inputValue()).toBe('2022-06-01');
    expect(await coa.getByLabel(/^Maximum aantal plaatsen/).inputValue()).toBe('120');
    await coa.getByLabel(/^Ondertekend op/).fill('2022-05-20');
    await noProblems(coa, 'register agreement form');
    await coa.getByRole('button', { name: 'Overeenkomst registreren' }).click();
    await coa.waitForURL(/\/overeenkomsten\/[0-9a-f-]{36}$/);
    const agreementId = coa.url().split('/').pop()!;
    await coa.getByText('De bestuursovereenkomst is geregistreerd.').waitFor();
    await noProblems(coa, 'agreement page');

    const registered = await run.server.as('coa-regio-3', 'query($id: ID!) { locationProposal(id: $id) { status agreement { id maxPlaces opvangtype startDate endDate gemeente { name } } } }', { id: proposalId });
    expect(registered.data.locationProposal).toEqual({
      status: 'OMGEZET',
      agreement: { id: agreementId, maxPlaces: 120, opvangtype: 'ROL', startDate: '2022-06-01', endDate: '2032-05-31', gemeente: { name: 'Zeist' } },
    });

    // Realised ROL capacity in Utrecht is 120 higher, as the API says, and the open province page shows it without a reload.
    const after = await realisedRol();
    expect(after).toBe(before + 120);
    await expect.poll(() => rolRealisedCell(secretariat).innerText()).toBe(nl.format(after));

    // The gemeente's proposal page shows the steps, who and when, and its agreement.
    await expect.poll(() => statusOf(gemeente).innerText()).toBe('Omgezet');
    const steps = gemeente.getByRole('region', { name: 'Tabel verloop van het voorstel' });
    const rows = await steps.locator('tbody tr').allInnerTexts();
    expect(rows.map((row) => row.split('\t')[3])).toEqual(['Concept', 'Ingediend', 'In verkenning', 'Positief advies', 'Besloten: go', 'Omgezet']);
    expect(rows[2]).toContain('COA-regievoerder uitplaatsingsregio 3 (demo)');
    expect(rows[4]).toContain('Medewerker gemeente Zeist (demo)');
    expect(rows[4]).toContain('Raadsbesluit 12 mei');
    expect(rows[1]).toContain('Ingediend bij het COA');
    // The discussion and the audit trail of the proposal are on its page; a COA comment reaches the gemeente live.
    await gemeente.getByRole('heading', { name: /^Reacties/, level: 2 }).waitFor();
    await gemeente.getByRole('heading', { name: 'Logboek', level: 2 }).waitFor();
    await coa.goto(`${run.base}/voorstellen/${proposalId}`);
    await coa.getByRole('form', { name: 'Nieuwe reactie' }).getByRole('textbox').fill('Graag de bouwtekeningen meesturen.');
    await coa.getByRole('button', { name: 'Reactie plaatsen' }).click();
    await gemeente.getByRole('list', { name: 'Reacties, oudste eerst' }).getByText('Graag de bouwtekeningen meesturen.').waitFor();
    await coa.goto(`${run.base}/overeenkomsten/${agreementId}`);
    await coa.getByRole('heading', { name: `Bestuursovereenkomst ${name}` }).waitFor();
    await gemeente.getByRole('link', { name }).first().waitFor();
    await gemeente.evaluate(() => (globalThis as any).window.scrollTo(0, 0));
    await gemeente.screenshot({ path: screenshotPath('proposal.png'), fullPage: true });
    await noProblems(gemeente, 'proposal page (gemeente)');

    // COA extends the agreement; the gemeente's list of agreements shows the new end date live.
    await gemeente.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Bestuursovereenkomsten' }).click();
    const list = gemeente.getByRole('region', { name: 'Tabel bestuursovereenkomsten' });
    const ours = list.getByRole('row').filter({ has: gemeente.getByRole('link', { name }) });
    await expect.poll(() => ours.innerText()).toContain('31 mei 2032');
    await noProblems(gemeente, 'agreements list (gemeente)');
    await coa.getByLabel(/^Nieuwe einddatum/).fill('2037-05-31');
    // An extension is decided on a day that has come (the server refuses a later one): today.
    await coa.getByLabel(/^Besloten op/).fill(TODAY);
    await coa.getByRole('button', { name: 'Verlengen' }).click();
    await coa.getByText('De overeenkomst is verlengd tot en met 31 mei 2037.').waitFor();
    await coa.getByRole('region', { name: 'Tabel verlengingen' }).getByRole('cell', { name: longDate(TODAY), exact: true }).waitFor();
    await expect.poll(() => ours.innerText()).toContain('31 mei 2037');
    const extended = await run.server.as('gemeente-zeist', 'query($id: ID!) { agreement(id: $id) { endDate extensions { newEndDate decidedOn } } }', { id: agreementId });
    expect(extended.data.agreement).toEqual({ endDate: '2037-05-31', extensions: [{ newEndDate: '2037-05-31', decidedOn: TODAY }] });
    // The gemeente reads its agreement but may not manage it: no forms.
    await ours.getByRole('link', { name }).click();
    await gemeente.getByRole('heading', { name: `Bestuursovereenkomst ${name}` }).waitFor();
    expect(await gemeente.getByRole('button', { name: 'Verlengen' }).count()).toBe(0);
    expect(await gemeente.getByRole('button', { name: 'Beëindigen' }).count()).toBe(0);

    // COA's agreements page: the region's agreements expiring soon, with places at stake as the API says.
    await coa.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Bestuursovereenkomsten' }).click();
    await coa.getByRole('heading', { name: 'Binnenkort aflopend' }).waitFor();
    await coa.getByLabel('Aflopend binnen').selectOption('730');
    const expiring = await run.server.as('coa-regio-3', `{ expiringAgreements(from: "${new Date().toISOString().slice(0, 10)}", within: 730) { provinceCode placesAtStake } }`);
    for (const province of expiring.data.expiringAgreements) {
      const names: Record<string, string> = { FL: 'Flevoland', UT: 'Utrecht', NH: 'Noord-Holland' };
      const tile = coa.locator('.totals__item').filter({ hasText: `Plaatsen op het spel in ${names[province.provinceCode]}` }).locator('dd');
      await expect.poll(() => tile.innerText()).toBe(nl.format(province.placesAtStake));
    }
    await noProblems(coa, 'agreements list (COA)');

    // COA ends the agreement early, with a reason: the API records it and the page offers no more changes.
    await coa.goto(`${run.base}/overeenkomsten/${agreementId}`);
    await coa.getByLabel(/^Eerste dag zonder plaatsen/).fill('2036-01-01');
    await coa.getByRole('button', { name: 'Beëindigen' }).click();
    await coa.getByText('Vul de reden in.').waitFor();
    await coa.getByLabel(/^Reden/).fill('Gebouw wordt gesloopt');
    await coa.getByRole('button', { name: 'Beëindigen' }).click();
    await coa.getByText('De overeenkomst is beëindigd per 1 januari 2036.').waitFor();
    await expect.poll(() => coa.getByRole('button', { name: 'Verlengen' }).count()).toBe(0);
    const ended = await run.server.as('coa-regio-3', 'query($id: ID!) { agreement(id: $id) { endedOn endReason } }', { id: agreementId });
    expect(ended.data.agreement).toEqual({ endedOn: '2036-01-01', endReason: 'Gebouw wordt gesloopt' });
    await coa.locator('.totals__item').filter({ hasText: 'Beëindigd per' }).getByText('1 januari 2036').waitFor();

    for (const page of [secretariat, gemeente, coa]) await page.context().close();
  }, 240_000);

  it("a gemeente cannot reach another gemeente's draft proposal through any screen or URL", async () => {
    const draft = await run.server.as('gemeente-zeist', CREATE, {
      input: { gemeenteCode: 'GM0355', name: 'Geheim concept Zeist', address: 'Verborgen laan 7', opvangtype: 'AZC', places: 200 },
    });
    expect(draft.errors).toBeUndefined();
    const id = draft.data.createLocationProposal.id;
    const refused = await run.server.as('gemeente-utrecht', 'query($id: ID!) { locationProposal(id: $id) { name } }', { id });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const page = await run.signIn(/Medewerker gemeente Utrecht/);
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Locatievoorstellen' }).click();
    await page.getByRole('heading', { name: 'Locatievoorstellen', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Tabel locatievoorstellen' }).waitFor();
    expect(await page.getByRole('main').innerText()).not.toContain('Geheim concept Zeist');

    for (const path of [`/voorstellen/${id}`, `/voorstellen/${id}/wijzigen`]) {
      await page.goto(`${run.base}${path}`);
      await page.getByText('Dit voorstel bestaat niet, of u hebt er geen toegang toe.').waitFor();
      const text = await page.getByRole('main').innerText();
      expect(text).not.toMatch(/Geheim concept Zeist|Verborgen laan|FORBIDDEN|\{"/);
      expect(await page.getByRole('button').filter({ hasText: /indienen|opslaan|intrekken/i }).count()).toBe(0);
      await noProblems(page, `refused ${path}`);
    }
    // COA does not see a draft either, nor does it appear in its inbox.
    const coa = await run.signIn(/COA-regievoerder uitplaatsingsregio 3/);
    await coa.goto(`${run.base}/voorstellen/${id}`);
    await coa.getByText('Dit voorstel bestaat niet, of u hebt er geen toegang toe.').waitFor();
    expect(await coa.getByRole('main').innerText()).not.toContain('Geheim concept Zeist');
    await page.context().close();
    await coa.context().close();
  }, 120_000);

  it('proposes a location with the keyboard alone: Dutch errors at their fields first, then saved as typed', async () => {
    const page = await run.signIn(/Medewerker gemeente Zeist/);
    await page.goto(`${run.base}/voorstellen/nieuw`);
    await page.getByRole('heading', { name: 'Nieuw locatievoorstel' }).waitFor();
    // Submitting the empty form: Dutch messages at the fields, linked to them, and the focus on the first.
    await tabTo(page, /^Voorstel aanmaken$/);
    await page.keyboard.press('Enter');
    const nameField = page.getByLabel(/^Naam van de locatie/);
    await page.getByText('Vul de naam van de locatie in.').waitFor();
    expect(await nameField.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await nameField.getAttribute('aria-describedby')) ?? '';
    const described = await Promise.all(describedBy.split(/\s+/).filter(Boolean).map((ref) => page.locator(`[id="${ref}"]`).innerText().catch(() => '')));
    expect(described.join(' ')).toContain('Vul de naam van de locatie in.');
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.labels?.[0]?.textContent)).toMatch(/^Naam van de locatie/);
    await page.getByText('Vul het aantal plaatsen in.').waitFor();
    await noProblems(page, 'form with errors');

    const name = `Toetsenbordlocatie ${Date.now().toString(36)}`;
    await page.keyboard.type(name);
    await tabTo(page, /^Adres/);
    await page.keyboard.type('Slotlaan 1, Zeist');
    await tabTo(page, /^Opvangtype/);
    await page.keyboard.type('ROL');
    await tabTo(page, /^Aantal plaatsen/);
    await page.keyboard.type('80');
    await tabTo(page, /^Waarvan plaatsen voor amv/);
    await page.keyboard.type('100');
    await tabTo(page, /^Flexibel gebruik/);
    await page.keyboard.press('Space');
    await tabTo(page, /^Voorstel aanmaken$/);
    await page.keyboard.press('Enter');
    // More amv places than places: refused in Dutch at the field, nothing saved.
    await page.getByText('Plaatsen voor amv kan niet meer zijn dan het aantal plaatsen.').waitFor();
    expect(await page.getByLabel(/^Waarvan plaatsen voor amv/).getAttribute('aria-invalid')).toBe('true');
    expect(page.url()).toMatch(/\/voorstellen\/nieuw$/);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('10');
    await tabTo(page, /^Voorstel aanmaken$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/voorstellen\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    const saved = await run.server.as('gemeente-zeist', 'query($id: ID!) { locationProposal(id: $id) { name address opvangtype places amvPlaces flexibleUse status } }', { id });
    expect(saved.data.locationProposal).toEqual({ name, address: 'Slotlaan 1, Zeist', opvangtype: 'ROL', places: 80, amvPlaces: 10, flexibleUse: true, status: 'CONCEPT' });
    await page.context().close();
  }, 120_000);

  it('keeps what the gemeente typed when someone else saved the proposal first, shows what changed, and saves it on the new version', async () => {
    const created = await run.server.as('gemeente-zeist', CREATE, { input: { gemeenteCode: 'GM0355', name: `Conflictlocatie ${Date.now().toString(36)}`, address: 'Oude weg 1', opvangtype: 'ROL', places: 60 } });
    const { id } = created.data.createLocationProposal;
    const page = await run.signIn(/Medewerker gemeente Zeist/);
    await page.goto(`${run.base}/voorstellen/${id}/wijzigen`);
    await page.getByRole('heading', { name: /wijzigen$/ }).waitFor();
    await noProblems(page, 'edit form');
    await page.getByLabel(/^Aantal plaatsen/).fill('75');
    // Meanwhile a colleague changes the address.
    const other = await run.server.as('gemeente-zeist', 'mutation($input: UpdateLocationProposalInput!) { updateLocationProposal(input: $input) { version } }', { input: { proposalId: id, expectedVersion: 1, address: 'Nieuwe weg 2' } });
    expect(other.errors).toBeUndefined();
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    const changed = page.getByRole('region', { name: 'Tabel intussen gewijzigde gegevens' });
    await changed.getByText('Nieuwe weg 2').waitFor();
    expect(await page.getByLabel(/^Aantal plaatsen/).inputValue()).toBe('75');
    expect((await run.server.as('gemeente-zeist', 'query($id: ID!) { locationProposal(id: $id) { places } }', { id })).data.locationProposal.places).toBe(60);
    // Their address field still holds what they saw; they take the new address and save on the new version.
    await page.getByLabel(/^Adres/).fill('Nieuwe weg 2');
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await page.waitForURL(new RegExp(`/voorstellen/${id}$`));
    const saved = await run.server.as('gemeente-zeist', 'query($id: ID!) { locationProposal(id: $id) { places address version } }', { id });
    expect(saved.data.locationProposal).toEqual({ places: 75, address: 'Nieuwe weg 2', version: 3 });
    await page.context().close();
  }, 120_000);
  it('a "no go" decision reads "Besloten: no go" on the page, in its steps, in the list, in the live audit trail and in the activity feed; each step is named with its reason, and the live notice names who changed it', async () => {
    const name = `No-go-locatie ${Date.now().toString(36)}`;
    const created = await run.server.as('gemeente-zeist', CREATE, { input: { gemeenteCode: 'GM0355', name, address: 'Woudenbergseweg 3, Zeist', opvangtype: 'AZC', places: 90 } });
    const { id } = created.data.createLocationProposal;
    let version = await step('gemeente-zeist', 'submitLocationProposal', 'ProposalTransitionInput', { proposalId: id, expectedVersion: 1 });
    version = await step('coa-regio-3', 'startExploration', 'StartExplorationInput', { proposalId: id, expectedVersion: version });

    const gemeente = await run.signIn(/Medewerker gemeente Zeist/);
    await gemeente.goto(`${run.base}/voorstellen/${id}`);
    await gemeente.getByRole('heading', { name, level: 1 }).waitFor();
    await gemeente.getByRole('status').filter({ hasText: 'Live' }).first().waitFor();
    const trail = gemeente.getByRole('region', { name: 'Tabel logboek' });
    await trail.getByRole('cell', { name: 'Locatievoorstel in verkenning genomen' }).waitFor();

    // COA advises negatively while the gemeente has the page open: the notice names COA, the logboek shows the step.
    await step('coa-regio-3', 'adviseLocationProposal', 'AdviseLocationProposalInput', { proposalId: id, expectedVersion: version, positive: false, reasoning: 'Te weinig voorzieningen in de buurt.' });
    await gemeente.getByRole('status').filter({ hasText: 'gewijzigd door COA-regievoerder uitplaatsingsregio 3 (demo)' }).waitFor({ timeout: 10_000 });
    const adviceRow = trail.getByRole('row').filter({ hasText: 'Negatief advies van het COA' });
    await adviceRow.waitFor({ timeout: 10_000 });
    expect(await adviceRow.innerText()).toContain('Te weinig voorzieningen in de buurt.');

    // The gemeente decides "no go".
    await gemeente.getByLabel('No go (niet doorgaan)').check();
    await gemeente.getByLabel(/^Toelichting/).first().fill('De raad stemde tegen.');
    await gemeente.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await expect.poll(() => statusOf(gemeente).innerText()).toBe('Besloten: no go');
    const decided = await run.server.as('gemeente-zeist', 'query($id: ID!) { locationProposal(id: $id) { status decision } }', { id });
    expect(decided.data.locationProposal).toEqual({ status: 'BESLOTEN', decision: 'NO_GO' });
    const steps = await gemeente.getByRole('region', { name: 'Tabel verloop van het voorstel' }).locator('tbody tr').allInnerTexts();
    expect(steps.at(-1)!.split('\t').slice(2, 5)).toEqual(['Negatief advies', 'Besloten: no go', 'De raad stemde tegen.']);
    expect(await gemeente.getByRole('main').innerText()).not.toMatch(/Besloten \(go\)|Besloten: go/);
    await trail.getByRole('row').filter({ hasText: 'Besluit gemeente: no go' }).filter({ hasText: 'De raad stemde tegen.' }).waitFor();
    await noProblems(gemeente, 'proposal decided no go');

    // The list says the same.
    await gemeente.goto(`${run.base}/voorstellen`);
    const row = gemeente.getByRole('region', { name: 'Tabel locatievoorstellen' }).getByRole('row').filter({ has: gemeente.getByRole('link', { name }) });
    await expect.poll(() => row.innerText()).toContain('Besloten: no go');

    // The activity feed names every step with its reason, as the API recorded them; never a bare "gewijzigd".
    const coa = await run.signIn(/COA-regievoerder uitplaatsingsregio 3/);
    await coa.goto(`${run.base}/provincie/UT/activiteit`);
    const ours = coa.getByRole('region', { name: 'Tabel recente activiteit' }).getByRole('row').filter({ hasText: name });
    // As many rows as the API gives COA about this proposal (the concept was the gemeente's own: COA never saw it).
    const seen = await run.server.as('coa-regio-3', '{ recentEvents(provinceCodes: [UT], first: 100) { events { subjectId } } }');
    const expected = seen.data.recentEvents.events.filter((event: { subjectId: string }) => event.subjectId === id).length;
    expect(expected).toBe(4);
    await expect.poll(() => ours.count()).toBe(expected);
    const cells = await Promise.all((await ours.all()).map(async (r) => (await r.locator('td').allInnerTexts()).map((text) => text.trim())));
    expect(cells.map(([what, , , detail]) => [what, detail])).toEqual([
      ['Besluit gemeente: no go', 'De raad stemde tegen.'],
      ['Negatief advies van het COA', 'Te weinig voorzieningen in de buurt.'],
      ['Locatievoorstel in verkenning genomen', 'In verkenning genomen door het COA'],
      ['Locatievoorstel ingediend', 'Ingediend bij het COA'],
    ]);
    await gemeente.context().close();
    await coa.context().close();
  }, 120_000);

  it('withdraws a proposal by keyboard alone, only after a confirmation in place; the reason is marked optional', async () => {
    const created = await run.server.as('gemeente-zeist', CREATE, { input: { gemeenteCode: 'GM0355', name: `Intreklocatie ${Date.now().toString(36)}`, address: 'Laan 5, Zeist', opvangtype: 'ROL', places: 40 } });
    const { id } = created.data.createLocationProposal;
    await step('gemeente-zeist', 'submitLocationProposal', 'ProposalTransitionInput', { proposalId: id, expectedVersion: 1 });
    const page = await run.signIn(/Medewerker gemeente Zeist/);
    await page.goto(`${run.base}/voorstellen/${id}`);
    await page.getByLabel('Reden van intrekken (optioneel)').waitFor();
    await tabTo(page, /^Reden van intrekken \(optioneel\)$/);
    await page.keyboard.type('Het pand is verkocht.');
    await tabTo(page, /^Voorstel intrekken$/);
    await page.keyboard.press('Enter');
    // The first press only asks: the question gets the focus, and nothing is withdrawn.
    const confirmation = page.getByRole('group', { name: /Weet u zeker dat u dit voorstel wilt intrekken/ });
    await confirmation.waitFor();
    await expect.poll(() => confirmation.evaluate((element) => element === (globalThis as any).document.activeElement)).toBe(true);
    expect(await proposalStatus(id)).toBe('INGEDIEND');
    await noProblems(page, 'withdraw confirmation');
    // "Nee": back to the first button, still nothing withdrawn.
    await tabTo(page, /^Nee, niet intrekken$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => (globalThis as any).document.activeElement?.textContent?.trim())).toBe('Voorstel intrekken');
    expect(await confirmation.count()).toBe(0);
    expect(await proposalStatus(id)).toBe('INGEDIEND');
    // Ask again and confirm.
    await page.keyboard.press('Enter');
    await confirmation.waitFor();
    await tabTo(page, /^Ja, voorstel intrekken$/);
    await page.keyboard.press('Enter');
    await expect.poll(() => statusOf(page).innerText()).toBe('Ingetrokken');
    const withdrawn = await run.server.as('gemeente-zeist', 'query($id: ID!) { locationProposal(id: $id) { status transitions { toStatus reason } } }', { id });
    expect(withdrawn.data.locationProposal.status).toBe('INGETROKKEN');
    expect(withdrawn.data.locationProposal.transitions.at(-1)).toEqual({ toStatus: 'INGETROKKEN', reason: 'Het pand is verkocht.' });
    await page.context().close();
  }, 120_000);

  it('says in Dutch, before sending anything, what the server would refuse in the agreement forms: signed after today, ended outside its period, an extension decided after today', async () => {
    const coa = await run.signIn(/COA-regievoerder uitplaatsingsregio 3/);
    const sent: string[] = [];
    coa.on('request', (request) => {
      const body = request.postData() ?? '';
      for (const mutation of ['registerAgreement', 'endAgreement', 'extendAgreement']) if (body.includes(mutation)) sent.push(mutation);
    });
    const agreementCount = async () => (await run.server.as('coa-regio-3', '{ agreements(gemeenteCode: "GM0355", first: 1) { totalCount } }')).data.agreements.totalCount;
    const before = await agreementCount();
    await coa.goto(`${run.base}/overeenkomsten/nieuw`);
    await coa.getByRole('heading', { name: 'Bestuursovereenkomst registreren' }).waitFor();
    await coa.getByLabel(/^Provincie/).selectOption('UT');
    await expect.poll(() => coa.getByLabel(/^Gemeente/).locator('option[value="GM0355"]').count()).toBe(1);
    await coa.getByLabel(/^Gemeente/).selectOption('GM0355');
    await coa.getByLabel(/^Naam van de locatie/).fill(`Toekomst ${Date.now().toString(36)}`);
    await coa.getByLabel(/^Opvangtype/).selectOption('AZC');
    await coa.getByLabel(/^Maximum aantal plaatsen/).fill('25');
    await coa.getByLabel(/^Begindatum/).fill('2024-01-01');
    await coa.getByLabel(/^Einddatum/).fill('2030-12-31');
    await coa.getByLabel(/^Ondertekend op/).fill('2030-01-01');
    await coa.getByRole('button', { name: 'Overeenkomst registreren' }).click();
    await coa.getByText(`De datum van ondertekening kan niet na vandaag (${longDate(TODAY)}) liggen.`).waitFor();
    expect(await coa.getByLabel(/^Ondertekend op/).getAttribute('aria-invalid')).toBe('true');
    expect(coa.url()).toMatch(/\/overeenkomsten\/nieuw$/);
    await noProblems(coa, 'register form refusing a future signing date');

    // An agreement of the region, running: ending it after its end date, or extending it with a decision of tomorrow.
    const registered = await run.server.as('coa-regio-3', 'mutation($i: RegisterAgreementInput!) { registerAgreement(input: $i) { id } }', {
      i: { gemeenteCode: 'GM0355', locationName: `Periode ${Date.now().toString(36)}`, opvangtype: 'AZC', maxPlaces: 30, startDate: '2024-01-01', endDate: '2030-12-31', signedOn: '2023-12-01' },
    });
    expect(registered.errors).toBeUndefined();
    const { id } = registered.data.registerAgreement;
    await coa.goto(`${run.base}/overeenkomsten/${id}`);
    await coa.getByLabel(/^Eerste dag zonder plaatsen/).fill('2031-06-01');
    await coa.getByLabel(/^Reden/).fill('Sluiting');
    await coa.getByRole('button', { name: 'Beëindigen' }).click();
    await coa.getByText('De datum van beëindiging moet tussen de begindatum (1 januari 2024) en de einddatum (31 december 2030) liggen.').waitFor();
    expect(await coa.getByLabel(/^Eerste dag zonder plaatsen/).getAttribute('aria-invalid')).toBe('true');
    const tomorrow = new Date(`${TODAY}T12:00:00Z`);
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    await coa.getByLabel(/^Nieuwe einddatum/).fill('2032-12-31');
    await coa.getByLabel(/^Besloten op/).fill(tomorrow.toISOString().slice(0, 10));
    await coa.getByRole('button', { name: 'Verlengen' }).click();
    await coa.getByText(`De datum van het besluit kan niet na vandaag (${longDate(TODAY)}) liggen.`).waitFor();
    await noProblems(coa, 'agreement forms refusing dates');

    expect(sent).toEqual([]);
    expect(await agreementCount()).toBe(before + 1);
    const unchanged = await run.server.as('coa-regio-3', 'query($id: ID!) { agreement(id: $id) { version endedOn endDate } }', { id });
    expect(unchanged.data.agreement).toEqual({ version: 1, endedOn: null, endDate: '2030-12-31' });
    await coa.context().close();
  }, 120_000);

  it('fits a screen 400px wide: long headings wrap, no page scrolls sideways', async () => {
    const coa = await run.signIn(/COA-regievoerder uitplaatsingsregio 3/);
    const lrt = await run.signIn(/LRT-coördinator/);
    const listed = await run.server.as('coa-regio-3', '{ agreements(first: 1) { edges { node { id } } } }');
    const agreementId = listed.data.agreements.edges[0].node.id;
    const pages: [Page, string, string | RegExp][] = [
      [coa, '/voorstellen', 'Locatievoorstellen'],
      [coa, '/inbox', 'Inbox locatievoorstellen'],
      [coa, '/overeenkomsten', 'Bestuursovereenkomsten'],
      [coa, `/overeenkomsten/${agreementId}`, /^Bestuursovereenkomst /],
      [coa, '/overeenkomsten/nieuw', 'Bestuursovereenkomst registreren'],
      [lrt, '/lidmaatschappen', 'Lidmaatschappen'],
    ];
    for (const [page, path, heading] of pages) {
      await page.setViewportSize({ width: 400, height: 900 });
      await page.goto(`${run.base}${path}`);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await expect.poll(() => page.getByText(/^Bezig met laden/).count()).toBe(0);
      await page.waitForTimeout(200);
      const width = await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth);
      expect(width, path).toBeLessThanOrEqual(400);
    }
    await coa.goto(`${run.base}/overeenkomsten`);
    await coa.getByRole('heading', { level: 1, name: 'Bestuursovereenkomsten' }).waitFor();
    await expect.poll(() => coa.getByText(/^Bezig met laden/).count()).toBe(0);
    await coa.screenshot({ path: screenshotPath('agreements-400px.png'), fullPage: false });
    await coa.context().close();
    await lrt.context().close();
  }, 120_000);
});
