import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BROWSER, accessibilityProblems, pageToken, screenshotPath, type BrowserRun, useBrowserRun } from './support/browser.js';

/**
 * Four defects of the last walk through the web application (issue 15), in a real browser against the real server on
 * the demo data: the arrow of every select over its last letters, the two opgaven on the dashboard without an
 * explanation, the spelling of AZC, and the demo's history shown with the moment the demo was loaded.
 */
let run: BrowserRun;
useBrowserRun((started) => {
  run = started;
});

const nl = new Intl.NumberFormat('nl-NL');
const longDate = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });

interface SelectFit {
  label: string;
  longest: string;
  /** Where the text of the longest option ends, from the select's inner left edge (px). */
  textEnd: number;
  /** Where the content box ends: the text is cut off there. */
  contentEnd: number;
  /** Where the design system's arrow begins. */
  arrowStart: number;
}

/**
 * Every visible select of the page, measured as if its longest option were chosen: the option's text in the select's
 * own font, its padding, and the arrow the design system draws as background (its size and distance from the end).
 */
async function measureSelects(page: Page): Promise<SelectFit[]> {
  await page.evaluate(() => (globalThis as any).document.fonts.ready);
  return page.evaluate(() => {
    const doc = (globalThis as any).document;
    const context = doc.createElement('canvas').getContext('2d');
    return [...doc.querySelectorAll('select')]
      .filter((select: any) => !select.multiple && select.getClientRects().length > 0)
      .map((select: any) => {
        const style = (globalThis as any).getComputedStyle(select);
        context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const texts: string[] = [...select.options].map((option: any) => option.text);
        const longest = texts.reduce((a, b) => (context.measureText(b).width > context.measureText(a).width ? b : a), '');
        // `right 8px`, `calc(100% - 8px)` or `100%`: the arrow's distance from the end of the padding box.
        const position: string = style.backgroundPositionX;
        const offset = Number((/right\s+([\d.]+)px/.exec(position) ?? /100% - ([\d.]+)px/.exec(position) ?? [0, 0])[1]);
        const iconWidth = parseFloat(style.backgroundSize);
        if (!style.backgroundImage.startsWith('url(') || Number.isNaN(iconWidth)) throw new Error(`select ${select.name}: no arrow (${style.backgroundImage} ${style.backgroundSize})`);
        const inner = select.clientWidth;
        return {
          label: select.labels?.[0]?.textContent?.trim() || select.name,
          longest,
          textEnd: parseFloat(style.paddingLeft) + context.measureText(longest).width,
          contentEnd: inner - parseFloat(style.paddingRight),
          arrowStart: inner - offset - iconWidth,
        };
      });
  });
}

/** The selects whose longest option would be cut off, or whose text could run under the arrow. */
// clientWidth is whole pixels: a pixel of rounding is allowed.
const overlapping = (fits: SelectFit[]) => fits.filter((f) => f.textEnd > f.contentEnd + 1 || f.contentEnd > f.arrowStart);

/** Every spelling of AZC a person reads on the page (text, options, accessible names) other than "AZC". */
async function otherAzcSpellings(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => {
    const doc = (globalThis as any).document;
    const labels = [...doc.querySelectorAll('[aria-label], [title], [alt]')].map((el: any) => `${el.getAttribute('aria-label') ?? ''} ${el.getAttribute('title') ?? ''} ${el.getAttribute('alt') ?? ''}`);
    return `${doc.title}\n${doc.body.textContent}\n${labels.join('\n')}`;
  });
  return [...text.matchAll(/[^\s]*\b[aA][zZ][cC][^\s]*/g)].map((m) => m[0]).filter((word) => !/\bAZC/.test(word) || /\b(?!AZC)[aA][zZ][cC]/.test(word));
}

describe.runIf(BROWSER)('polish after the last walk (issue 15)', () => {
  it("leaves room for the arrow in every select: the longest option's last letters never run under it", async () => {
    const lrt = await run.signIn(/LRT-coördinator/);
    // The filter row of the status table, with its longest options chosen, as a person would.
    await lrt.goto(`${run.base}/maatregelen`);
    const filters = lrt.locator('form.filters').first();
    await filters.getByLabel('Trekker').waitFor();
    for (const label of ['Thema', 'Trekker', 'Te laat']) {
      const select = filters.getByLabel(label);
      const options = await select.locator('option').allTextContents();
      const longest = options.reduce((a, b) => (b.length > a.length ? b : a));
      await select.selectOption({ label: longest });
      expect(await select.evaluate((el: any) => el.selectedOptions[0].text)).toBe(longest);
    }
    const measured: SelectFit[] = await measureSelects(lrt);
    expect(measured.map((m) => m.label)).toEqual(expect.arrayContaining(['Thema', 'Trekker', 'Te laat']));
    await filters.screenshot({ path: screenshotPath('filters-select-arrow.png') });

    // Every other page with selects: filter rows and forms, for the people who see them.
    const plan = (await run.server.gql('{ province(code: GR) { plans { id status } } }', undefined, await pageToken(lrt))).data.province.plans.find((p: any) => p.status === 'VASTGESTELD');
    const pages: [RegExp, string[]][] = [
      [/LRT-coördinator/, ['/signalen', '/lidmaatschappen', '/dashboard', '/opgave/UT', '/huisvesting', `/plannen/${plan.id}`]],
      [/Secretariaat PRT Utrecht/, ['/provincie/UT/signalen', '/voorstellen', '/overeenkomsten']],
      [/COA-regievoerder uitplaatsingsregio 3/, ['/overeenkomsten', '/voorstellen']],
      [/Medewerker gemeente Zeist/, ['/voorstellen/nieuw', '/crisisnoodopvang']],
    ];
    for (const [person, paths] of pages) {
      const page = person.source.startsWith('LRT') ? lrt : await run.signIn(person);
      for (const path of paths) {
        await page.goto(`${run.base}${path}`);
        await page.getByRole('heading', { level: 1 }).waitFor();
        await page.locator('select').first().waitFor({ timeout: 15_000 });
        // Give late sections (forms under a query) a moment to render their selects.
        await page.waitForLoadState('networkidle');
        measured.push(...(await measureSelects(page)).map((fit) => ({ ...fit, label: `${path}: ${fit.label}` })));
      }
    }
    expect(measured.length).toBeGreaterThanOrEqual(15);
    expect(overlapping(measured)).toEqual([]);
  }, 180_000);

  it('says on the dashboard what the opgave per opvangtype and the total opvangopgave each are, with the figures the API gives', async () => {
    const ipo = await run.signIn(/IPO-monitor/);
    await ipo.waitForURL(/\/dashboard/);
    const { data } = await run.server.gql(
      '{ nationalOverview(on: "2023-01-01") { totalOpgave provinces { totalOpvangOpgave } } }',
      undefined,
      await pageToken(ipo),
    );
    const main = ipo.getByRole('main');
    const perType = main.getByRole('group', { name: 'Opgave per opvangtype' });
    const total = main.getByRole('group', { name: 'Totale opvang (AZC als paraplu)' });
    await perType.waitFor();
    // Each group is described by its explanation, in words a civil servant reads.
    const description = async (group: typeof perType) =>
      group.evaluate((el: any) => el.getAttribute('aria-describedby').split(' ').map((id: string) => el.ownerDocument.getElementById(id).textContent).join(' '));
    expect(await description(perType)).toMatch(/per opvangtype .* hoeveel plaatsen .*opgeteld over de opvangtypen en de provincies/s);
    expect(await description(total)).toMatch(/één aantal voor alle opvangplaatsen .*bestaande AZC’s tellen mee.*Tel de totale opvangopgave niet op bij de opgave per\s+opvangtype/s);
    const item = (group: typeof perType, term: string) => group.locator('.totals__item', { has: ipo.locator('dt', { hasText: term }) }).locator('dd');
    expect(await item(perType, 'Opgave per opvangtype, opgeteld').innerText()).toBe(nl.format(data.nationalOverview.totalOpgave));
    const totalOpgave = data.nationalOverview.provinces.reduce((sum: number, p: any) => sum + (p.totalOpvangOpgave ?? 0), 0);
    expect(await item(total, 'Totale opvangopgave').innerText()).toBe(nl.format(totalOpgave));
    // No figure is called just "Opgave" any more.
    expect(await main.locator('.totals dt').allInnerTexts()).not.toContain('Opgave');
    expect(await accessibilityProblems(ipo)).toEqual([]);
    await main.locator('#totalen').locator('..').screenshot({ path: screenshotPath('dashboard-opgaven-uitgelegd.png') });

    // A province's page says it of the province alone.
    await ipo.goto(`${run.base}/provincie/UT`);
    await main.getByRole('group', { name: 'Opgave per opvangtype' }).waitFor();
    expect(await description(main.getByRole('group', { name: 'Opgave per opvangtype' }))).toMatch(/opgeteld over de opvangtypen, naast/);
    expect(await description(main.getByRole('group', { name: 'Totale opvang (AZC als paraplu)' }))).toMatch(/alle opvangplaatsen van de provincie/);
  }, 120_000);

  it('writes AZC in capitals wherever a person reads it', async () => {
    const lrt = await run.signIn(/LRT-coördinator/);
    const paths = ['/dashboard', '/provincie/UT', '/signalen', '/opgave/UT'];
    const found: string[] = [];
    for (const path of paths) {
      await lrt.goto(`${run.base}${path}`);
      await lrt.getByRole('heading', { level: 1 }).waitFor();
      await lrt.waitForLoadState('networkidle');
      found.push(...(await otherAzcSpellings(lrt)).map((word) => `${path}: ${word}`));
    }
    // The opgave form offers the total as "Totale opvang (AZC als paraplu)".
    await lrt.getByRole('form', { name: 'Opgave vaststellen' }).getByLabel('Opvangtype').locator('option', { hasText: 'Totale opvang (AZC als paraplu)' }).waitFor({ state: 'attached' });
    const coa = await run.signIn(/COA-regievoerder uitplaatsingsregio 3/);
    await coa.goto(`${run.base}/overeenkomsten`);
    await coa.getByRole('heading', { level: 1 }).waitFor();
    await coa.getByText(/AZC .* \(demo\)/).first().waitFor();
    found.push(...(await otherAzcSpellings(coa)).map((word) => `/overeenkomsten: ${word}`));
    expect(found).toEqual([]);
  }, 120_000);

  it("shows the demo's opgave, short-term target and adopted plan with the dates of the story, not when the demo was loaded", async () => {
    const lrt = await run.signIn(/LRT-coördinator/);
    await lrt.goto(`${run.base}/opgave/UT`);
    const table = lrt.getByRole('table', { name: /Opgave van Utrecht/ });
    await table.waitFor();
    const { data } = await run.server.gql('{ province(code: UT) { opgave { opvangtype total setAt } } }', undefined, await pageToken(lrt));
    expect(data.province.opgave.length).toBeGreaterThan(0);
    const today = longDate.format(new Date());
    // The "Vastgesteld" column says when the LRT set each figure, as the API says: in 2020 or 2021, never today.
    const shown = await table.innerText();
    for (const figure of data.province.opgave) expect(shown).toContain(longDate.format(new Date(figure.setAt)));
    expect(shown).toMatch(/15 december 2020 .*door LRT-coördinator/);
    expect(shown).toMatch(/25 februari 2021 .*door LRT-coördinator/);
    expect(shown).not.toContain(today);
    // The short-term target of November 2019 came with the platform (its migration), not from a person today.
    const targets = lrt.getByRole('table', { name: /Geschiedenis van het kortetermijndoel van Utrecht/ });
    const original = targets.getByRole('row').filter({ has: lrt.getByRole('rowheader', { name: '1 november 2019' }) });
    await original.getByText(/bij de installatie van het platform/).waitFor();
    expect(await original.innerText()).not.toMatch(/door de LRT/);

    // The adopted plan of Groningen: its version history says when it was created, submitted and adopted in the story.
    const plan = (await run.server.gql('{ province(code: GR) { plans { id status } } }', undefined, await pageToken(lrt))).data.province.plans.find((p: any) => p.status === 'VASTGESTELD');
    await lrt.goto(`${run.base}/plannen/${plan.id}`);
    const history = lrt.getByRole('table', { name: /Alle versies van het plan/ });
    await history.waitFor();
    await history.getByRole('row').filter({ hasText: 'Vastgesteld' }).filter({ hasText: '20 mei 2021' }).waitFor();
    expect(await history.innerText()).not.toContain(today);
    await lrt.getByText(/Laatst gewijzigd op 20 mei 2021/).waitFor();
    expect(await accessibilityProblems(lrt)).toEqual([]);
  }, 120_000);
});
