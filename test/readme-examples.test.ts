import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/platform/paths.js';
import { startTestServer, type TestServer } from './support/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** The CSV exports the README tells people to try: `['expiring-agreements', 'from=…&within=365']`, as written there. */
function readmeExports(): [string, string][] {
  const readme = readFileSync(path.join(packageRoot, 'README.md'), 'utf8');
  return [...readme.matchAll(/^curl .*'localhost:\d+\/export\/([a-z-]+)\.csv\?([^']*)'/gm)].map((match) => [match[1], match[2]]);
}

describe("the README's CSV examples, on the demo data", () => {
  it('are found in the README', () => {
    expect(readmeExports().map(([name]) => name)).toEqual(['national-overview', 'expiring-agreements', 'expiring-agreements', 'huisvesting-gemeenten']);
  });

  it.each(readmeExports())('%s.csv?%s exports rows with figures, whatever the date today', async (name, query) => {
    const response = await fetch(`${server.url.replace(/\/graphql$/, '')}/export/${name}.csv?${query}`, { headers: { authorization: `Bearer ${await server.token('lrt')}` } });
    expect(response.status).toBe(200);
    const rows: Record<string, string>[] = parse(await response.text(), { columns: true });
    const withFigures = rows.filter((row) =>
      name === 'national-overview' ? Number(row.opgave) > 0 : name === 'huisvesting-gemeenten' ? Number(row.taakstelling) > 0 : query.includes('per=agreement') ? row.end_date !== undefined : Number(row.agreements) > 0,
    );
    expect(withFigures.length, `${name}?${query}`).toBeGreaterThan(0);
    if (name === 'expiring-agreements') {
      // The examples must not depend on today's date.
      expect(new URLSearchParams(query).get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});
