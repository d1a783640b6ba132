import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/harness.js';

/**
 * The demo's historical records over the real server: each carries the moment of the demo's story (an opgave the LRT
 * set on 15 December 2020, a plan adopted on 20 May 2021, an extension decided in 2020), not the moment the demo was
 * loaded, which the web application would otherwise show as when it was set, adopted or recorded.
 */
let server: TestServer;
/** When the demo was loaded: the demo people's memberships were granted then. */
let loadedAt: string;

/** The day of a moment in Dutch time, as the web application shows it. */
const dutchDay = (iso: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam' }).format(new Date(iso));

const ok = async (query: string, variables?: Record<string, unknown>) => {
  const response = await server.as('lrt', query, variables);
  expect(response.errors).toBeUndefined();
  return response.data;
};

beforeAll(async () => {
  server = await startTestServer();
  const [{ granted }] = await server.db.query(`SELECT min(granted_at) AS granted FROM membership`);
  loadedAt = new Date(granted).toISOString();
}, 120_000);

afterAll(async () => {
  await server?.close();
});

describe("the demo's historical records carry the dates of its story", () => {
  it('every demo opgave was set on the date its source names, not when the demo was loaded', async () => {
    const { provinces } = await ok('{ provinces { code opgave { opvangtype total dueDate source setAt setBy { name } } } }');
    const figures = provinces.flatMap((p: any) => p.opgave);
    expect(figures.length).toBeGreaterThanOrEqual(12 * 4);
    for (const figure of figures) {
      expect(figure.setAt < loadedAt, `${figure.source} set at ${figure.setAt}`).toBe(true);
      // The day it was set is the LRT meeting its source names.
      if (figure.total) {
        expect(figure.source).toMatch(/^LRT 25 februari 2021/);
        expect(dutchDay(figure.setAt)).toBe('2021-02-25');
      } else {
        expect(figure.source).toMatch(/^LRT 15 december 2020/);
        expect(dutchDay(figure.setAt)).toBe('2020-12-15');
      }
      expect(figure.setBy.name).toMatch(/LRT/);
    }
  });

  it('every demo plan was created, submitted and adopted on its own dates; Zuid-Holland the day after its GS adopted it', async () => {
    const { provinces } = await ok('{ provinces { code plans { id title status createdAt updatedAt revisions { version kind createdAt } } } }');
    const plans = provinces.flatMap((p: any) => p.plans.map((plan: any) => ({ ...plan, provinceCode: p.code })));
    expect(plans).toHaveLength(12);
    for (const plan of plans) {
      const moments = plan.revisions.map((r: any) => r.createdAt);
      expect(moments.every((m: string) => m < loadedAt), `${plan.title}: ${moments}`).toBe(true);
      // In the order of the versions, and the plan's own dates are those of its first and last version.
      expect([...moments].sort()).toEqual(moments);
      expect(plan.createdAt).toBe(moments[0]);
      expect(plan.updatedAt).toBe(moments.at(-1));
    }
    const day = (code: string, kind: string) => dutchDay(plans.find((p: any) => p.provinceCode === code).revisions.find((r: any) => r.kind === kind).createdAt);
    expect(day('ZH', 'CREATED')).toBe('2020-09-16');
    expect(day('ZH', 'SUBMITTED')).toBe('2020-09-16');
    expect(day('GR', 'SUBMITTED')).toBe('2021-03-31');
    expect(day('GR', 'ADOPTED')).toBe('2021-05-20');
    expect(plans.find((p: any) => p.provinceCode === 'GR').status).toBe('VASTGESTELD');
  });

  it('every extension of a demo agreement was recorded on the day it was decided', async () => {
    const { agreements } = await ok('{ agreements(first: 500) { edges { node { locationName extensions { decidedOn recordedAt } } } } }');
    const extensions = agreements.edges.flatMap((e: any) => e.node.extensions.map((x: any) => ({ ...x, locationName: e.node.locationName })));
    // The story: 9 of the 15 agreements expiring in 2020–2021 extended.
    expect(extensions.length).toBeGreaterThanOrEqual(9);
    for (const extension of extensions) {
      expect(dutchDay(extension.recordedAt), extension.locationName).toBe(extension.decidedOn);
    }
  });

  it("the gemeente's demo crisisnoodopvang was recorded on the day it opened", async () => {
    const { crisisnoodopvang } = await ok('{ crisisnoodopvang { locationName from recordedAt } }');
    expect(crisisnoodopvang.length).toBeGreaterThanOrEqual(1);
    for (const record of crisisnoodopvang) expect(dutchDay(record.recordedAt), record.locationName).toBe(record.from);
  });
});
