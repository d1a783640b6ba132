import path from 'node:path';
import type { BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/harness.js';
import { startIdentityProvider, type IdentityProvider } from './support/identity-provider.js';
import { freePort } from '../src/platform/embedded-postgres.js';
import { BROWSER, SCREENSHOTS, accessibilityProblems, type BrowserRun, useBrowserRun } from './support/browser.js';

/**
 * The web application's reading screens in a real browser against the real server on the real PostgreSQL, as the
 * people who use it would: two of them at once, each in a browser context of their own (test/support/browser.ts).
 */
const OVERVIEW = `query($on: LocalDate!) { nationalOverview(on: $on) { provinces { provinceCode realisedGap conceptPlanned { min max } } } provinces { code name } }`;
const nl = new Intl.NumberFormat('nl-NL');

let run: BrowserRun;
let server: TestServer;
let base: string;
let foreign: string[];

function newContext(origin = base): Promise<BrowserContext> {
  return run.newContext(origin);
}

function signIn(context: BrowserContext, name: RegExp): Promise<Page> {
  return run.signIn(name, context);
}

useBrowserRun((started) => {
  run = started;
  ({ server, base, foreign } = run);
});

describe.runIf(BROWSER)('the web application', () => {
  it('shows sign-in to a person without a token, whatever page they open', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(`${base}/dashboard`);
    await page.waitForURL(/\/aanmelden/);
    await page.getByRole('button', { name: /IPO-monitor/ }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await context.close();
  });

  it('shows IPO all 12 provinces with the figures the API gives, and updates them live when the Utrecht secretariat changes its plan', async () => {
    const ipoContext = await newContext();
    const ipo = await signIn(ipoContext, /IPO-monitor/);
    await ipo.waitForURL(/\/dashboard/);
    await ipo.getByRole('list', { name: /Provincies, geordend zoals op de kaart/ }).waitFor();

    const token = await ipo.evaluate(() => (globalThis as any).sessionStorage.getItem('regietafel.token'));
    const { data } = await server.gql(OVERVIEW, { on: '2023-01-01' }, token);
    expect(data.nationalOverview.provinces).toHaveLength(12);
    const names = new Map(data.provinces.map((province: { code: string; name: string }) => [province.code, province.name]));
    for (const province of data.nationalOverview.provinces) {
      province.name = names.get(province.provinceCode);
      const value = province.realisedGap === null ? '—' : nl.format(province.realisedGap);
      const tile = ipo.getByRole('link', { name: new RegExp(`^${province.name}\\s*:\\s*tekort\\s+${value}\\s+plaatsen`) });
      expect(await tile.count(), province.name).toBe(1);
    }
    await ipo.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await ipo.screenshot({ path: path.join(SCREENSHOTS, 'dashboard.png'), fullPage: false });
    expect(await accessibilityProblems(ipo)).toEqual([]);
    // Wide tables scroll inside their box, not the page; expiring agreements name their gemeente, not its code.
    expect(await ipo.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    const expiring = ipo.getByRole('region', { name: 'Tabel aflopende bestuursovereenkomsten' });
    // A date with agreements ending within the year after it.
    let expiringOn: string | undefined;
    for (const candidate of ['2023-01-01', '2022-01-01', '2024-01-01', '2021-01-01', '2025-01-01', '2020-01-01']) {
      const answer = await server.gql(`{ expiringAgreements(within: 365, from: "${candidate}") { agreements { gemeenteCode } } }`, undefined, token);
      if (answer.data.expiringAgreements.some((p: { agreements: unknown[] }) => p.agreements.length > 0)) {
        expiringOn = candidate;
        break;
      }
    }
    expect(expiringOn).toBeDefined();
    await ipo.goto(`${base}/dashboard?op=${expiringOn}`);
    await expiring.waitFor({ timeout: 10_000 });
    await expect.poll(() => expiring.innerText()).not.toMatch(/\bGM\d{4}\b/);
    await ipo.goto(`${base}/dashboard`);
    await ipo.getByRole('status').filter({ hasText: 'Live' }).waitFor();

    // A second person, at the same time: the Utrecht secretariat changes its draft plan.
    const secretariatContext = await newContext();
    const secretariat = await signIn(secretariatContext, /Secretariaat PRT Utrecht/);
    await secretariat.waitForURL(/\/provincie\/UT/);
    await secretariat.getByRole('heading', { name: /Totalen Utrecht/ }).waitFor();
    await secretariat.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    await secretariat.screenshot({ path: path.join(SCREENSHOTS, 'province.png'), fullPage: false });
    expect(await accessibilityProblems(secretariat)).toEqual([]);
    const secretariatToken = await secretariat.evaluate(() => (globalThis as any).sessionStorage.getItem('regietafel.token'));
    const plans = await server.gql(
      '{ province(code: UT) { plans { id version status lines { id opvangtypes targetDate minPlaces maxPlaces } } } }',
      undefined,
      secretariatToken,
    );
    const plan = plans.data.province.plans.find((candidate: { status: string }) => candidate.status === 'CONCEPT');
    const lines = plan.lines.map(({ id, opvangtypes, targetDate, minPlaces, maxPlaces }: Record<string, unknown>) => ({ id, opvangtypes, targetDate, minPlaces, maxPlaces }));
    const utrechtBefore = data.nationalOverview.provinces.find((province: { provinceCode: string }) => province.provinceCode === 'UT').conceptPlanned;
    const row = ipo.getByRole('row', { name: /^Utrecht/ }).filter({ hasText: 'plaatsen)' });
    await row.filter({ hasText: `${nl.format(utrechtBefore.min)}–${nl.format(utrechtBefore.max)} plaatsen` }).waitFor();

    const changed = await server.gql(
      'mutation($input: UpdateProvincialPlanInput!) { updateProvincialPlan(input: $input) { version } }',
      { input: { planId: plan.id, expectedVersion: plan.version, lines: [...lines, { opvangtypes: ['GVL'], targetDate: '2023-01-01', minPlaces: 100, maxPlaces: 150 }] } },
      secretariatToken,
    );
    expect(changed.errors).toBeUndefined();
    const expected = `${nl.format(utrechtBefore.min + 100)}–${nl.format(utrechtBefore.max + 150)} plaatsen`;
    // Live, without a reload. How fast is measured by the fan-out benchmark (docs/benchmarks.md), not by a timed test.
    await row.filter({ hasText: expected }).waitFor();
    await ipoContext.close();
    await secretariatContext.close();
  });

  it('shows a gemeente only its own province, as the API allows, and the province page passes axe', async () => {
    const context = await newContext();
    const page = await signIn(context, /Medewerker gemeente Zeist/);
    await page.waitForURL(/\/provincie\/UT/);
    await page.getByRole('heading', { name: /Regietafel/ }).first().waitFor();
    expect(await page.getByRole('heading', { name: 'Aflopende bestuursovereenkomsten' }).count()).toBe(0);
    expect(await accessibilityProblems(page)).toEqual([]);
    // The national dashboard is not theirs: said in words, no code, no other province's figures.
    await page.goto(`${base}/dashboard`);
    await page.getByRole('main').waitFor();
    await page.waitForTimeout(500);
    const text = await page.getByRole('main').innerText();
    expect(text).not.toMatch(/FORBIDDEN|UNAUTHENTICATED|\{"/);
    expect(await page.getByRole('link', { name: /^Groningen: tekort/ }).count()).toBe(0);
    await context.close();
  });

  it('sends each role where it works: COA to the overview of its region, with the provinces the API gives it', async () => {
    const context = await newContext();
    const page = await signIn(context, /COA-regievoerder uitplaatsingsregio 3/);
    await page.waitForURL(/\/regio\/3/);
    await page.getByRole('list', { name: /Provincies, geordend zoals op de kaart/ }).waitFor();
    const token = await page.evaluate(() => (globalThis as any).sessionStorage.getItem('regietafel.token'));
    const { data } = await server.gql('{ nationalOverview(on: "2023-01-01") { provinces { provinceCode } } }', undefined, token);
    const reach: string[] = data.nationalOverview.provinces.map((province: { provinceCode: string }) => province.provinceCode);
    expect(reach.sort()).toEqual(['FL', 'NH', 'UT']);
    // The tiles of those provinces carry figures; the others say there are none for this person.
    expect(await page.getByRole('link', { name: /\s*:\s*tekort/ }).count()).toBe(3);
    expect(await accessibilityProblems(page)).toEqual([]);
    await context.close();
  });

  it('says when it is not live, reconnects by itself after a lost connection, and catches up on what it missed', async () => {
    const context = await newContext();
    // The page's WebSocket goes through the test, which can cut it and hold new ones back, as a lost network would.
    let cut = false;
    const sockets: WebSocketRoute[] = [];
    await context.routeWebSocket(/\/graphql$/, (socket) => {
      if (cut) return socket.close({ code: 1013, reason: 'no network' });
      socket.connectToServer();
      sockets.push(socket);
    });
    const page = await signIn(context, /IPO-monitor/);
    await page.waitForURL(/\/dashboard/);
    const live = page.getByRole('status').filter({ hasText: /^\s*Live\s*$/ });
    await live.waitFor();
    const totals = '{ nationalOverview(on: "2023-01-01") { totalOpgave } }';
    const before = (await server.as('ipo', totals)).data.nationalOverview.totalOpgave;

    cut = true;
    for (const socket of sockets) await socket.close({ code: 1001, reason: 'network lost' });
    await page.getByRole('status').filter({ hasText: /Verbinding verbroken/ }).waitFor({ timeout: 15_000 });
    // Meanwhile the LRT raises Zeeland's opgave: no event can reach the page now.
    const set = await server.as('lrt', 'mutation { setOpgave(input: { provinceCode: ZE, opvangtype: AZC, dueDate: "2022-06-01", places: 40, source: "while cut off" }) { id } }');
    expect(set.errors).toBeUndefined();
    const after = (await server.as('ipo', totals)).data.nationalOverview.totalOpgave;
    expect(after).toBe(before + 40);

    cut = false;
    await live.waitFor({ timeout: 30_000 });
    await page.getByText(nl.format(after), { exact: true }).first().waitFor();
    await context.close();
  }, 60_000);

  it('gives a province its own short-term target, shows national labels only to national viewers, and keeps tables, dates and sorting usable', async () => {
    const context = await newContext();
    const page = await signIn(context, /Medewerker gemeente Zeist/);
    await page.waitForURL(/\/provincie\/UT/);
    await page.getByRole('heading', { name: /Totalen Utrecht/ }).waitFor();
    const token = await page.evaluate(() => (globalThis as any).sessionStorage.getItem('regietafel.token'));
    const { data } = await server.gql('{ nationalOverview(on: "2023-01-01", provinceCode: UT) { provinces { provinceCode shortTermTarget shortTermRealised } } }', undefined, token);
    const utrecht = data.nationalOverview.provinces.find((p: { provinceCode: string }) => p.provinceCode === 'UT');
    const main = page.getByRole('main');
    await main.getByText(new RegExp(`Doel \\(vastgesteld op .*\\): ${nl.format(utrecht.shortTermTarget)} plaatsen \\(Utrecht\\)`)).waitFor();
    expect(await main.innerText()).not.toMatch(/landelijk/i);
    expect(await page.getByRole('link', { name: 'Landelijk dashboard' }).count()).toBe(0);
    // Focus is on the page's heading, so that a screen reader announces the page.
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.tagName)).toBe('H1');
    // Sortable headers are real header cells with their sort.
    const sorted = page.locator('th[scope="col"][aria-sort="ascending"]');
    expect(await sorted.count()).toBe(1);
    await page.getByRole('button', { name: /^Opgave/ }).click();
    await page.locator('th[scope="col"][aria-sort="ascending"]', { hasText: 'Opgave' }).waitFor();
    // No aria-describedby points at an element that is not there.
    const dangling = await page.evaluate(() => {
      const doc = (globalThis as any).document;
      return [...doc.querySelectorAll('[aria-describedby]')].flatMap((element: any) => element.getAttribute('aria-describedby').split(/\s+/).filter((id: string) => !doc.getElementById(id)));
    });
    expect(dangling).toEqual([]);

    // The date field: typed with the keyboard, the same element keeps focus, taken over on Enter.
    const field = page.locator('input[name="op"]');
    await field.focus();
    await field.press('ArrowUp'); // the first part (day or month, by locale): one up
    expect(await field.evaluate((element) => element === (globalThis as any).document.activeElement)).toBe(true);
    await field.press('Enter');
    await page.waitForURL((url) => url.searchParams.get('op') !== null && url.searchParams.get('op') !== '2023-01-01');
    expect(await field.evaluate((element) => element === (globalThis as any).document.activeElement)).toBe(true);

    // A leap day: the timeline's three years earlier is a real date; no error.
    await page.goto(`${base}/provincie/UT?op=2024-02-29`);
    await page.getByRole('heading', { name: /Totalen Utrecht op 29 februari 2024/ }).waitFor();
    await page.waitForTimeout(500);
    expect(await page.getByRole('alert').count()).toBe(0);
    // No real date: the default, said in Dutch, no field names.
    await page.goto(`${base}/provincie/UT?op=2023-02-31`);
    await page.getByText(/"2023-02-31" is geen geldige datum/).waitFor();
    await page.getByRole('heading', { name: /Totalen Utrecht op 1 januari 2023/ }).waitFor();
    expect(await main.innerText()).not.toMatch(/veld: on|\(veld: [a-z]+[A-Z]/);

    // A phone's width: the page does not scroll sideways; wide tables scroll in their own (keyboard-reachable) box.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (globalThis as any).document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await page.locator('.table-scroll[role="region"][tabindex="0"][aria-label]').count()).toBeGreaterThan(0);
    expect(await accessibilityProblems(page)).toEqual([]);

    // Not allowed to follow Groningen's changes: says the page is not live, not that the connection is lost.
    await page.goto(`${base}/provincie/GR`);
    await page.getByRole('status').filter({ hasText: /Niet live/ }).waitFor({ timeout: 10_000 });

    // Signing out forgets the page: the next person starts on their own.
    await page.getByRole('button', { name: 'Afmelden' }).click();
    await page.waitForURL(/\/aanmelden/);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (globalThis as any).sessionStorage.getItem('regietafel.returnTo'))).toBeNull();
    await context.close();
  }, 60_000);

  it('offers the GraphQL explorer with the signed-in person\'s token, served from the server itself', async () => {
    const context = await newContext();
    const page = await signIn(context, /LRT-co/);
    await page.goto(`${base}/verkenner`);
    await page.getByRole('heading', { name: /verkenner/i }).first().waitFor({ timeout: 15_000 });
    expect(await accessibilityProblems(page)).toEqual([]);
    await context.close();
  });

  it('shows a province its plans and a plan with its lines, history and versions, live; a gemeente not a draft plan of its province', async () => {
    const context = await newContext();
    const page = await signIn(context, /Secretariaat PRT Utrecht/);
    await page.waitForURL(/\/provincie\/UT/);
    const token = await page.evaluate(() => (globalThis as any).sessionStorage.getItem('regietafel.token'));
    const { data } = await server.gql(
      '{ viewer { name } province(code: UT) { plans { id title version status lines { id opvangtypes targetDate minPlaces maxPlaces note } revisions { version } } } }',
      undefined,
      token,
    );
    const plan = data.province.plans.find((candidate: { status: string }) => candidate.status === 'CONCEPT');
    expect(plan).toBeDefined();

    // From the province page to its plans, a real table with a caption, each title a link.
    await page.getByRole('link', { name: 'Plannen', exact: true }).click();
    await page.waitForURL(/\/provincie\/UT\/plannen$/);
    const list = page.getByRole('table', { name: /Plannen van Utrecht/ });
    await list.waitFor();
    expect(await list.getByRole('row').count()).toBe(data.province.plans.length + 1);
    await list.getByRole('row').filter({ hasText: plan.title }).filter({ hasText: 'Concept' }).waitFor();
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.tagName)).toBe('H1');
    expect(await accessibilityProblems(page)).toEqual([]);

    // The draft plan: its lines and every version.
    await list.getByRole('link', { name: plan.title }).first().click();
    await page.waitForURL(/\/plannen\//);
    await page.getByRole('heading', { level: 1, name: plan.title }).waitFor();
    const lines = page.getByRole('table', { name: /Capaciteitsregels/ });
    await lines.waitFor();
    expect(await lines.getByRole('row').count()).toBe(plan.lines.length + 1);
    const history = page.getByRole('table', { name: /Alle versies van het plan/ });
    expect(await history.getByRole('row').count()).toBe(plan.revisions.length + 1);
    await page.getByRole('status').filter({ hasText: /^\s*Live\s*$/ }).waitFor();
    expect(await page.evaluate(() => (globalThis as any).document.activeElement?.tagName)).toBe('H1');
    expect(await accessibilityProblems(page)).toEqual([]);

    // The secretariat changes the plan through the API: the open page says so and shows the new line, without reload.
    const note = 'Regel toegevoegd vanuit de browsertest';
    const kept = plan.lines.map(({ id, opvangtypes, targetDate, minPlaces, maxPlaces, note }: Record<string, unknown>) => ({ id, opvangtypes, targetDate, minPlaces, maxPlaces, note }));
    const changed = await server.gql(
      'mutation($input: UpdateProvincialPlanInput!) { updateProvincialPlan(input: $input) { version } }',
      {
        input: {
          planId: plan.id,
          expectedVersion: plan.version,
          lines: [...kept, { opvangtypes: ['AZC'], targetDate: '2023-01-01', minPlaces: 40, maxPlaces: 60, note }],
          // Markdown from people: formatting shows, script and markup never run.
          sections: { context: '**Vet gedrukt**\n\n<script>window.pwned = 1</script>\n\n<img src="x" onerror="window.pwned = 2">\n\n[klik](javascript:window.pwned=3)' },
        },
      },
      token,
    );
    expect(changed.errors).toBeUndefined();
    const latest = changed.data.updateProvincialPlan.version;
    await page.getByText(new RegExp(`Gewijzigd door ${data.viewer.name.replace(/[()]/g, '\\$&')} om \\d{2}:\\d{2}`)).waitFor();
    await lines.getByRole('row').filter({ hasText: note }).filter({ hasText: '40–60' }).waitFor();
    expect(await history.getByRole('row').count()).toBe(plan.revisions.length + 2);
    // The summary the server wrote for the change, in Dutch.
    await history.getByRole('row').last().filter({ hasText: '1 regel toegevoegd' }).waitFor();
    const context_ = page.getByRole('region', { name: 'Context' });
    await context_.locator('strong', { hasText: 'Vet gedrukt' }).waitFor();
    expect(await context_.locator('script, img, [onerror]').count()).toBe(0);
    expect(await context_.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as any).pwned)).toBeUndefined();

    // Version 1 against the latest: the new line is among the added ones, in Dutch.
    await page.getByLabel('Van versie').selectOption('1');
    await page.getByLabel('Naar versie').selectOption(String(latest));
    await page.getByRole('button', { name: 'Vergelijk' }).click();
    const diff = page.getByRole('table', { name: 'Gewijzigde capaciteitsregels' });
    await diff.getByRole('row').filter({ hasText: 'Toegevoegd' }).filter({ hasText: note }).waitFor();
    expect(await accessibilityProblems(page)).toEqual([]);
    await context.close();

    // A gemeente opening the draft plan's address: told in words, no lines.
    const gemeenteContext = await newContext();
    const gemeente = await signIn(gemeenteContext, /Medewerker gemeente Zeist/);
    await gemeente.waitForURL(/\/provincie\/UT/);
    await gemeente.goto(`${base}/plannen/${encodeURIComponent(plan.id)}`);
    await gemeente.getByText(/geen toegang|bestaat niet/).first().waitFor({ timeout: 10_000 });
    const text = await gemeente.getByRole('main').innerText();
    expect(text).not.toMatch(/FORBIDDEN|NOT_FOUND|\{"/);
    expect(text).not.toContain(note);
    expect(await gemeente.getByRole('table', { name: /Capaciteitsregels/ }).count()).toBe(0);
    expect(await accessibilityProblems(gemeente)).toEqual([]);
    await gemeenteContext.close();
  }, 60_000);

  it('loaded nothing from anywhere but the server', () => {
    expect(foreign).toEqual([]);
  });
});

describe.runIf(BROWSER)('signing in with OpenID Connect', () => {
  let provider: IdentityProvider;
  let oidcServer: TestServer;
  let oidcBase: string;
  beforeAll(async () => {
    const port = await freePort();
    oidcBase = `http://127.0.0.1:${port}`;
    // Access tokens that live 70 s: renewal (a minute before expiry) happens 10 s after sign-in.
    provider = await startIdentityProvider({ appOrigin: oidcBase, accessTokenSeconds: 70 });
    oidcServer = await startTestServer({
      PORT: String(port),
      AUTH_ISSUER: provider.issuer,
      AUTH_JWKS_URL: provider.jwksUrl,
      AUTH_AUDIENCE: 'regietafel',
      AUTH_CLIENT_ID: provider.clientId,
      AUTH_SCOPE: 'openid profile api',
    });
  }, 60_000);
  afterAll(async () => {
    await oidcServer?.close();
    await provider?.close();
  });

  it('signs in at the provider with PKCE, renews the token before it expires, and signs out', async () => {
    const context = await newContext(oidcBase);
    await context.route(`${provider.issuer}/**`, (route) => route.continue()); // the provider is the one other origin
    const page = await context.newPage();
    await page.goto(`${oidcBase}/`);
    await page.waitForURL(/\/aanmelden/);
    await page.getByRole('button', { name: /Aanmelden/ }).click();
    // The provider's own (development) login and consent pages.
    await page.waitForURL((url) => url.origin === provider.issuer);
    await page.waitForLoadState();
    if (!(await page.locator('input[name="login"]').count())) throw new Error(`the provider answered: ${(await page.locator('body').innerText()).slice(0, 2000)} at ${page.url()}`);
    await page.locator('input[name="login"]').fill('ipo');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]').click(); // consent
    const consoleLines: string[] = [];
    page.on('console', (message) => consoleLines.push(message.text()));
    await page.waitForURL(/\/dashboard/, { timeout: 15_000 }).catch(async (error) => {
      // What the person saw and what the page logged, to tell a refused token from a failed exchange.
      throw new Error(`${error.message}\n${await page.locator('body').innerText()}\n${consoleLines.join('\n')}`);
    });
    await page.getByRole('list', { name: /Provincies, geordend zoals op de kaart/ }).waitFor();

    const accessToken = () => page.evaluate(() => {
      const storage = (globalThis as any).sessionStorage;
      const key = Object.keys(storage).find((name) => name.startsWith('oidc.user:'));
      return key ? (JSON.parse(storage.getItem(key)!) as { access_token: string }).access_token : null;
    });
    const first = await accessToken();
    expect(first).toBeTruthy();
    await expect.poll(accessToken, { timeout: 30_000, interval: 500 }).not.toBe(first);
    // The renewed token works against the API.
    expect((await oidcServer.gql('{ viewer { name } }', undefined, await accessToken())).data.viewer.name).toBe('IPO-monitor (demo)');

    await page.getByRole('button', { name: 'Afmelden' }).click();
    if (new URL(page.url()).origin === provider.issuer || (await page.waitForURL((url) => url.origin === provider.issuer, { timeout: 5_000 }).then(() => true, () => false))) {
      await page.locator('button[type="submit"]').first().click(); // the provider asks to confirm signing out
    }
    await page.waitForURL(/\/aanmelden/);
    expect(await accessToken()).toBeNull();
    await context.close();
  }, 90_000);
});
