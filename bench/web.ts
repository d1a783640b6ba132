/**
 * Web application benchmark, in Debian's chromium against the built server (NODE_ENV=production, embedded
 * PostgreSQL, demo data):
 *   - the JavaScript and CSS the dashboard route loads, as sent (gzip, as the server compresses them) and unpacked;
 *   - the time from navigation to `/dashboard` until the figures are visible (the tile map of the 12 provinces with
 *     its figures), with a warm server and a browser cache that is cold (first visit) or warm (a later visit).
 * N runs each (default 10); median and range.
 *
 *   npm run bench:web [-- runs]
 */
import os from 'node:os';
import { chromium, type BrowserContext } from 'playwright-core';
import { startBuiltServer, writeSection } from './support.js';

const RUNS = Math.max(1, Number(process.argv[2] ?? 10));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const range = (values: number[]) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)} s`;
const kB = (bytes: number) => `${(bytes / 1024).toFixed(0)} kB`;

async function main() {
  const server = await startBuiltServer();
  const base = server.url.replace(/\/graphql$/, '');
  const token = await server.token('ipo');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] });
  try {
    const signedIn = async (): Promise<BrowserContext> => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addInitScript((value) => (globalThis as unknown as { sessionStorage: { setItem(key: string, value: string): void } }).sessionStorage.setItem('regietafel.token', value), token);
      return context;
    };
    const figuresVisible = async (context: BrowserContext) => {
      const page = await context.newPage();
      const started = performance.now();
      await page.goto(`${base}/dashboard`);
      await page.getByRole('link', { name: /^Groningen\s*:\s*tekort/ }).waitFor();
      const seconds = (performance.now() - started) / 1000;
      await page.close();
      return seconds;
    };

    // What the dashboard route loads: every script and style sheet, with its size on the wire and unpacked.
    const context = await signedIn();
    const page = await context.newPage();
    const shipped = { js: { wire: 0, unpacked: 0 }, css: { wire: 0, unpacked: 0 } };
    page.on('response', async (response) => {
      const type = response.request().resourceType();
      const kind = type === 'script' ? 'js' : type === 'stylesheet' ? 'css' : null;
      if (!kind) return;
      const sizes = await response.request().sizes();
      shipped[kind].wire += sizes.responseBodySize;
      shipped[kind].unpacked += (await response.body()).length;
    });
    await page.goto(`${base}/dashboard`);
    await page.getByRole('link', { name: /^Groningen\s*:\s*tekort/ }).waitFor();
    await page.waitForTimeout(200); // bodies of the responses that arrived are counted
    const untilFigures = { ...shipped.js };
    // Then the whole page, as a reader who scrolls through it: the charts load as they come near.
    for (let step = 0; step < 20; step++) {
      await page.mouse.wheel(0, 900);
      await page.waitForTimeout(100);
    }
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    await context.close();

    const cold: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const fresh = await signedIn();
      cold.push(await figuresVisible(fresh));
      await fresh.close();
    }
    const warmContext = await signedIn();
    await figuresVisible(warmContext);
    const warm: number[] = [];
    for (let run = 0; run < RUNS; run++) warm.push(await figuresVisible(warmContext));
    await warmContext.close();

    const date = new Date().toISOString().slice(0, 10);
    const section = `## Web application (${date}, ${os.cpus().length} cores, Node ${process.version}, Debian chromium)

What a person waits for and downloads when they open the national dashboard (\`npm run bench:web\`): the built server
(NODE_ENV=production, embedded PostgreSQL, demo data, warm), signed in as IPO, in Debian's chromium on the same
machine. ${RUNS} runs each; median and range.

| | figure | aim |
|---|---|---|
| JavaScript loaded until the figures are visible, as sent (gzip) | ${kB(untilFigures.wire)} (${kB(untilFigures.unpacked)} unpacked) | ≤ 300 kB |
| JavaScript loaded by the dashboard route after scrolling through it (with the charts), as sent (gzip) | ${kB(shipped.js.wire)} (${kB(shipped.js.unpacked)} unpacked) | |
| CSS loaded by the dashboard route, as sent (gzip) | ${kB(shipped.css.wire)} (${kB(shipped.css.unpacked)} unpacked) | |
| navigation to the figures visible, first visit (empty browser cache) | ${median(cold).toFixed(2)} s (${range(cold)}) | ≤ 1.5 s |
| navigation to the figures visible, later visit (hashed assets cached) | ${median(warm).toFixed(2)} s (${range(warm)}) | |

- The charts (ECharts, about 180 kB compressed) load when the first chart comes near the screen, below the figures;
  GraphiQL and its editor only on \`/verkenner\`. The main bundle is mostly React, the GraphQL client and the design
  system's components.
- "Figures visible": the tile map's links, which carry each province's realised gap, are on the page.`;
    console.log(section);
    writeSection('Web application', section);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
