import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { packageRoot } from '../../src/platform/paths.js';
import { startTestServer, type TestServer } from './harness.js';

/**
 * The web application in a real browser (Debian's chromium) against the real server on the real PostgreSQL, as the
 * people who use it would: several of them at once, each in a browser context of their own, with every connection
 * to anything but the server blocked. Every browser test file starts its own server and browser with `startBrowser`.
 */
const require = createRequire(import.meta.url);
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Without a chromium on a developer's machine the browser tests are skipped, saying so; in CI (CI=true, where
 * .ci/run installs it) a missing browser fails the run.
 */
export const BROWSER = existsSync(CHROMIUM) || Boolean(process.env.CI);
if (!BROWSER) console.warn(`browser tests skipped: no chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
/** The README's screenshots are taken here with UPDATE_SCREENSHOTS=1; otherwise they go to a scratch directory. */
export const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS ? path.join(packageRoot, 'docs', 'screenshots') : mkdtempSync(path.join(os.tmpdir(), 'regietafel-screens-'));

export interface BrowserRun {
  server: TestServer;
  /** The server's origin, e.g. http://127.0.0.1:4123. */
  base: string;
  browser: Browser;
  /** Every request the pages made to a host other than the server (and were refused). */
  foreign: string[];
  /** A fresh browser context (one person), refusing every request to anything but `origin`. */
  newContext(origin?: string): Promise<BrowserContext>;
  /** A page of a new context, signed in with the development sign-in as the demo person whose button matches. */
  signIn(name: RegExp, context?: BrowserContext): Promise<Page>;
  close(): Promise<void>;
}

/** Builds the application if stale, starts a server on a fresh database and a chromium. */
export async function startBrowser(env: Record<string, string> = {}): Promise<BrowserRun> {
  // The tests drive the application as it is built (the same build-if-stale step every npm script runs).
  execFileSync(process.execPath, [path.join(packageRoot, 'scripts', 'build-if-stale.mjs')], { cwd: packageRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  const server = await startTestServer(env);
  const base = server.url.replace(/\/graphql$/, '');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const foreign: string[] = [];
  const newContext = async (origin = base): Promise<BrowserContext> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'nl-NL' });
    await context.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin === origin || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      foreign.push(url.href);
      return route.abort('blockedbyclient');
    });
    return context;
  };
  const signIn = async (name: RegExp, context?: BrowserContext): Promise<Page> => {
    const page = await (context ?? (await newContext())).newPage();
    await page.goto(`${base}/`);
    await page.waitForURL(/\/aanmelden/);
    await page.getByRole('button', { name }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/aanmelden'));
    return page;
  };
  return {
    server,
    base,
    browser,
    foreign,
    newContext,
    signIn,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}

/** The token the page signed in with (the development sign-in keeps it in sessionStorage). */
export function pageToken(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as any).sessionStorage.getItem('regietafel.token'));
}

/** axe-core in the page: the serious and critical violations (WCAG 2.1 A and AA). */
export async function accessibilityProblems(page: Page): Promise<string[]> {
  // Evaluated through the browser's debugging protocol: the page's own policy refuses injected script tags, as it should.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, targets: violation.nodes.slice(0, 3).map((node) => node.target.join(' ')) }));
  });
  return violations.filter((violation: { impact: string }) => violation.impact === 'serious' || violation.impact === 'critical').map((violation: { id: string; targets: string[] }) => `${violation.id}: ${violation.targets.join(', ')}`);
}

export function screenshotPath(name: string): string {
  return path.join(SCREENSHOTS, name);
}

/** Starts one browser run before a test file's tests (when a browser is there) and closes it after them; `started` receives it. */
export function useBrowserRun(started: (run: BrowserRun) => void): void {
  let run: BrowserRun | undefined;
  beforeAll(async () => {
    if (!BROWSER) return;
    run = await startBrowser();
    started(run);
  }, 180_000);
  afterAll(async () => {
    await run?.close();
  });
}

/**
 * Types a date into the focused date field, by keyboard only. The browser orders the date's parts in its own
 * language, not the page's: day first is tried, and month first when that gave another date.
 */
export async function typeDate(page: Page, field: Locator, iso: string): Promise<void> {
  const [year, month, day] = iso.split('-');
  await page.keyboard.type(`${day}${month}${year}`);
  if ((await field.inputValue()) === iso) return;
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.type(`${month}${day}${year}`);
  expect(await field.inputValue()).toBe(iso);
}
