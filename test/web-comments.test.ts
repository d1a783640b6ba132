import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { BROWSER, accessibilityProblems, pageToken, screenshotPath, type BrowserRun, useBrowserRun } from './support/browser.js';

/**
 * Comments, unread counts, the audit trail and the activity feed in a real browser against the real server: two
 * people at once (the Utrecht secretariat and COA's regievoerder of region 3), each in a browser context of their own.
 */
let run: BrowserRun;

useBrowserRun((started) => (run = started));

const THREAD = `query($id: ID!) { commentThread(subjectType: PROVINCIAL_PLAN, subjectId: $id) { unreadCount comments { id body author { name } } } }`;

async function utrechtPlanId(token: string): Promise<string> {
  const { data } = await run.server.gql('{ province(code: UT) { plans { id title } } }', undefined, token);
  return data.province.plans[0].id;
}

/** The number in the heading "Reacties (2 ongelezen)", or 0 for "alles gelezen". */
async function unreadShown(page: Page): Promise<number> {
  const text = await page.getByRole('heading', { level: 2, name: /^Reacties/ }).innerText();
  const match = /\((\d+) ongelezen\)/.exec(text);
  return match ? Number(match[1]) : text.includes('alles gelezen') ? 0 : -1;
}

async function unreadOnServer(page: Page, planId: string): Promise<number> {
  const { data } = await run.server.gql(THREAD, { id: planId }, await pageToken(page));
  return data.commentThread.unreadCount;
}

/** Presses Tab until the element has the focus (keyboard only), failing after many presses. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>): Promise<void> {
  for (let presses = 0; presses < 80; presses++) {
    if (await target.evaluate((element) => element === (globalThis as any).document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('not reachable with Tab');
}

function comment(page: Page, text: string) {
  return page.getByRole('article').filter({ hasText: text });
}

describe.runIf(BROWSER)('comments in the browser', () => {
  it('two people on the Utrecht plan: a comment appears live with the unread count going up; reply, edit own, resolve, reopen; reading brings the count down; no resolve button for who may not', async () => {
    const secretariat = await run.signIn(/Secretariaat PRT Utrecht/);
    const coa = await run.signIn(/COA-regievoerder uitplaatsingsregio 3/);
    const planId = await utrechtPlanId(await pageToken(secretariat));
    for (const page of [secretariat, coa]) {
      await page.goto(`${run.base}/reacties/plan/${planId}`);
      await page.getByRole('heading', { level: 2, name: /^Reacties/ }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Live' }).first().waitFor();
    }
    const before = await unreadOnServer(secretariat, planId);
    expect(await unreadShown(secretariat)).toBe(before);

    // COA comments; the secretariat sees it appear without a reload, and its unread count go up by one.
    const marker = await secretariat.evaluate(() => ((globalThis as any).__notReloaded = true));
    expect(marker).toBe(true);
    await coa.getByRole('textbox', { name: 'Nieuwe reactie' }).fill('De locatie in **Zeist** past bij de ROL-regel.');
    await coa.getByRole('button', { name: 'Reactie plaatsen' }).click();
    await comment(coa, 'De locatie in Zeist past').waitFor();
    await comment(secretariat, 'De locatie in Zeist past').waitFor({ timeout: 15_000 });
    expect(await secretariat.evaluate(() => (globalThis as any).__notReloaded)).toBe(true);
    await expect.poll(() => unreadShown(secretariat)).toBe(before + 1);
    expect(await unreadOnServer(secretariat, planId)).toBe(before + 1);
    // Markdown shows as formatting.
    expect(await comment(secretariat, 'De locatie in Zeist past').locator('strong', { hasText: 'Zeist' }).count()).toBe(1);
    // One's own comment never counts.
    expect(await unreadShown(coa)).toBe(await unreadOnServer(coa, planId));
    expect(await accessibilityProblems(secretariat)).toEqual([]);

    // COA may not resolve the secretariat's comments, but may resolve its own: the buttons say so.
    await secretariat.getByRole('textbox', { name: 'Nieuwe reactie' }).fill('Opmerking van het secretariaat');
    await secretariat.getByRole('button', { name: 'Reactie plaatsen' }).click();
    await comment(coa, 'Opmerking van het secretariaat').waitFor({ timeout: 15_000 });
    const secretariatsComment = comment(coa, 'Opmerking van het secretariaat');
    expect(await secretariatsComment.getByRole('button', { name: 'Markeer als opgelost' }).count()).toBe(0);
    expect(await secretariatsComment.getByRole('button', { name: 'Bewerken' }).count()).toBe(0);
    const coasComment = comment(coa, 'De locatie in Zeist past');
    expect(await coasComment.getByRole('button', { name: 'Bewerken' }).count()).toBe(1);
    // The secretariat moderates the plan: it may resolve COA's comment, not edit it.
    const seenBySecretariat = comment(secretariat, 'De locatie in Zeist past');
    expect(await seenBySecretariat.getByRole('button', { name: 'Markeer als opgelost' }).count()).toBe(1);
    expect(await seenBySecretariat.getByRole('button', { name: 'Bewerken' }).count()).toBe(0);

    // Reply.
    await seenBySecretariat.getByRole('button', { name: 'Beantwoorden' }).click();
    const reply = secretariat.getByRole('textbox', { name: /Antwoord aan COA-regievoerder/ });
    await expect.poll(() => reply.evaluate((element) => element === (globalThis as any).document.activeElement)).toBe(true);
    await reply.fill('Eens, we nemen het op in de volgende versie.');
    await secretariat.getByRole('button', { name: 'Antwoord plaatsen' }).click();
    const replies = secretariat.getByRole('list', { name: /Antwoorden op COA-regievoerder/ });
    await replies.getByRole('article').filter({ hasText: 'Eens, we nemen het op' }).waitFor();
    // Focus goes to the new reply.
    await expect.poll(() => secretariat.evaluate(() => (globalThis as any).document.activeElement?.textContent ?? '')).toContain('Eens, we nemen het op');

    // Edit own (COA), with the version it saw.
    await coasComment.getByRole('button', { name: 'Bewerken' }).click();
    const editor = coa.getByRole('textbox', { name: 'Reactie bewerken' });
    await editor.fill('De locatie in Zeist past bij de ROL-regel; 120 plaatsen.');
    await coa.getByRole('button', { name: 'Wijziging opslaan' }).click();
    await comment(coa, '120 plaatsen').getByText(/bewerkt op/).waitFor();

    // The secretariat sees the edit without a reload, and its audit trail records it (the page has no province given:
    // it follows the province the trail records).
    const edited = comment(secretariat, '120 plaatsen');
    await edited.waitFor({ timeout: 10_000 });
    expect(await secretariat.evaluate(() => (globalThis as any).__notReloaded)).toBe(true);
    const secretariatsTrail = secretariat.getByRole('region', { name: 'Tabel logboek' });
    await secretariatsTrail.getByRole('row').filter({ hasText: 'Reactie bewerkt' }).filter({ hasText: '120 plaatsen' }).waitFor({ timeout: 10_000 });

    // Resolve and reopen (the secretariat, as moderator), on the version it now shows: no conflict; COA sees each live.
    const seenByCoa = comment(coa, '120 plaatsen');
    await edited.getByRole('button', { name: 'Markeer als opgelost' }).click();
    await edited.getByText(/opgelost door Secretariaat PRT Utrecht/).waitFor();
    expect(await secretariat.getByText('De status van de reactie is niet gewijzigd.').count()).toBe(0);
    await seenByCoa.getByText(/opgelost door Secretariaat PRT Utrecht/).waitFor({ timeout: 10_000 });
    await seenByCoa.getByRole('button', { name: 'Heropenen' }).waitFor();
    expect(await seenByCoa.getByRole('button', { name: 'Markeer als opgelost' }).count()).toBe(0);
    await edited.getByRole('button', { name: 'Heropenen' }).click();
    await edited.getByRole('button', { name: 'Markeer als opgelost' }).waitFor();
    expect(await edited.getByText(/opgelost door/).count()).toBe(0);
    await seenByCoa.getByRole('button', { name: 'Markeer als opgelost' }).waitFor({ timeout: 10_000 });
    expect(await seenByCoa.getByText(/opgelost door/).count()).toBe(0);

    // Reading brings the count to what the server says: none unread.
    expect(await unreadShown(secretariat)).toBeGreaterThan(0);
    await secretariat.getByRole('button', { name: 'Markeer als gelezen' }).click();
    await expect.poll(() => unreadShown(secretariat)).toBe(0);
    expect(await unreadOnServer(secretariat, planId)).toBe(0);
    await secretariat.screenshot({ path: screenshotPath('comments.png'), fullPage: false });
    expect(await accessibilityProblems(secretariat)).toEqual([]);
    expect(await accessibilityProblems(coa)).toEqual([]);

    // The audit trail names who did what, in Dutch.
    const trail = secretariat.getByRole('region', { name: 'Tabel logboek' });
    await trail.getByRole('cell', { name: 'Reactie heropend' }).first().waitFor();
    expect(await trail.getByRole('cell', { name: 'Reactie opgelost' }).count()).toBeGreaterThan(0);
    expect(await trail.getByRole('cell', { name: 'Reactie bewerkt' }).count()).toBeGreaterThan(0);
    await secretariat.context().close();
    await coa.context().close();
  }, 180_000);

  it('adds a comment with the keyboard alone, and never runs script, markup or javascript: links from a comment', async () => {
    const coa = await run.signIn(/COA-regievoerder uitplaatsingsregio 3/);
    const planId = await utrechtPlanId(await pageToken(coa));
    const dialogs: string[] = [];
    coa.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await coa.goto(`${run.base}/reacties/plan/${planId}`);
    await coa.getByRole('heading', { level: 2, name: /^Reacties/ }).waitFor();
    const field = coa.getByRole('textbox', { name: 'Nieuwe reactie' });
    // Empty: the client says so at the field, linked to it.
    await tabTo(coa, field);
    await coa.keyboard.press('Tab');
    await coa.keyboard.press('Enter');
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
    const messages = await Promise.all(describedBy.split(' ').map((id) => coa.locator(`[id="${id}"]`).innerText().catch(() => '')));
    expect(messages.join(' ')).toContain('Schrijf eerst een reactie');

    const hostile = [
      'Toetsenbord <script>alert("script")</script>',
      '<img src=x onerror="alert(\'onerror\')">',
      '[klik hier](javascript:alert("link"))',
    ].join('\n\n');
    await tabTo(coa, field);
    await coa.keyboard.insertText(hostile);
    await coa.keyboard.press('Tab');
    await coa.keyboard.press('Enter');
    const added = comment(coa, 'Toetsenbord');
    await added.waitFor();
    // Stored as written, shown as text: no script element, no image, no javascript: link.
    const { data } = await run.server.gql(THREAD, { id: planId }, await pageToken(coa));
    expect(data.commentThread.comments.some((c: { body: string }) => c.body === hostile)).toBe(true);
    expect(await added.locator('script, img, [onerror]').count()).toBe(0);
    const links = await added.locator('a').evaluateAll((anchors) => anchors.map((a) => (a as any).getAttribute('href')));
    expect(links.filter((href: string | null) => href && /^\s*javascript:/i.test(href))).toEqual([]);
    const link = added.getByText('klik hier');
    if (await link.count()) await link.click();
    await coa.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(await accessibilityProblems(coa)).toEqual([]);
    await coa.context().close();
  }, 120_000);
});

describe.runIf(BROWSER)('the activity feed in the browser', () => {
  it("shows the province's events newest first, a change by another person live, links to its subject, and loads more", async () => {
    const coa = await run.signIn(/COA-regievoerder uitplaatsingsregio 3/);
    await coa.goto(`${run.base}/provincie/UT`);
    await coa.getByRole('main').getByRole('link', { name: 'Activiteit', exact: true }).click();
    await coa.waitForURL(/\/provincie\/UT\/activiteit$/);
    await coa.getByRole('heading', { level: 1, name: 'Activiteit Utrecht' }).waitFor();
    await coa.getByRole('status').filter({ hasText: 'Live' }).waitFor();
    const table = coa.getByRole('region', { name: 'Tabel recente activiteit' });
    await table.waitFor();

    // The first rows are what the API gives, newest first.
    const token = await pageToken(coa);
    const { data } = await run.server.gql('{ recentEvents(provinceCodes: [UT], first: 3) { events { id kind actor { name } } } }', undefined, token);
    const firstRow = table.getByRole('row').nth(1);
    expect(await firstRow.innerText()).toContain(data.recentEvents.events[0].actor?.name ?? 'onbekend');

    // Another person changes the plan: the row appears without a reload, linked to the plan.
    const secretariat = await run.signIn(/Secretariaat PRT Utrecht/);
    const planId = await utrechtPlanId(await pageToken(secretariat));
    const add = await run.server.gql(
      'mutation($i: AddCommentInput!) { addComment(input: $i) { id } }',
      { i: { subjectType: 'PROVINCIAL_PLAN', subjectId: planId, body: 'Live in de activiteit' } },
      await pageToken(secretariat),
    );
    expect(add.errors).toBeUndefined();
    const liveRow = table.getByRole('row').filter({ hasText: 'Live in de activiteit' });
    await liveRow.waitFor({ timeout: 15_000 });
    expect(await liveRow.innerText()).toContain('Secretariaat PRT Utrecht');
    expect(await liveRow.innerText()).toContain('Reactie geplaatst');
    expect(await liveRow.getByRole('link').getAttribute('href')).toBe(`/plannen/${planId}`);
    expect(await table.getByRole('row').nth(1).innerText()).toContain('Live in de activiteit');
    await coa.screenshot({ path: screenshotPath('activity.png'), fullPage: false });
    expect(await accessibilityProblems(coa)).toEqual([]);

    // "Meer laden" with the keyboard adds older rows, and the focus lands on the first of them.
    const rowsBefore = await table.getByRole('row').count();
    const more = coa.getByRole('button', { name: 'Meer laden' });
    if (await more.count()) {
      await more.focus();
      await coa.keyboard.press('Enter');
      await expect.poll(() => table.getByRole('row').count()).toBeGreaterThan(rowsBefore);
    }

    // COA follows the whole country (it reads every gemeente's huisvesting); its own region's plan changes are there.
    await coa.goto(`${run.base}/activiteit`);
    await coa.getByRole('heading', { level: 1, name: 'Activiteit in heel Nederland' }).waitFor();
    await coa.getByRole('region', { name: 'Tabel recente activiteit' }).getByRole('row').filter({ hasText: 'Live in de activiteit' }).waitFor();
    expect(await accessibilityProblems(coa)).toEqual([]);
    await secretariat.context().close();
    await coa.context().close();
  }, 180_000);

  it('gives IPO the whole country', async () => {
    const ipo = await run.signIn(/IPO-monitor/);
    await ipo.goto(`${run.base}/activiteit`);
    await ipo.getByRole('heading', { level: 1, name: 'Activiteit in heel Nederland' }).waitFor();
    await ipo.getByRole('region', { name: 'Tabel recente activiteit' }).waitFor();
    expect(await ipo.getByRole('columnheader', { name: 'Provincie' }).count()).toBe(1);
    expect(await accessibilityProblems(ipo)).toEqual([]);
    await ipo.context().close();
  }, 120_000);
});
