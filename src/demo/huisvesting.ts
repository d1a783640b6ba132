import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger } from '../platform/logger.js';
import { HuisvestingService, parseHalfYear } from '../huisvesting/index.js';

/**
 * Demo huisvesting: the national taakstelling of 2021-I and 2021-II as published (Integrale Handreiking 4.1), and
 * FICTITIOUS populations per gemeente on 1 January 2020 and 2021 (marked `fictitious`) that add up to the real
 * province totals of 1 January 2022 (CBS 70072ned, in the province table). Realisations are fictitious too.
 * The gemeenten are those loaded (valid_from is when our list took effect, not when a gemeente began), so the demo
 * spreads over today's gemeenten. Load real populations with `npm run import:bevolking -- FILE`. Skipped when any national taakstelling exists.
 */
const NATIONAL = [
  { year: 2021, half: 1, vergunninghouders: 13_500, source: 'Integrale Handreiking, 11 februari 2021, 4.1 (vastgesteld door JenV)', publishedOn: '2020-10-01' },
  { year: 2021, half: 2, vergunninghouders: 13_500, source: 'Integrale Handreiking, 11 februari 2021, 4.1 (verwacht; vast te stellen vóór 1 april 2021)', publishedOn: '2021-04-01' },
];
const POPULATION_DATES = ['2020-01-01', '2021-01-01'];
const FICTITIOUS_SOURCE = 'Fictief (demo): verdeeld over de gemeenten, opgeteld gelijk aan het echte provincietotaal op 1 januari 2022 (CBS 70072ned)';

/** A stable number in [0, 1) per key, so the demo is the same on every machine. */
const unit = (key: string) => createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;

export async function seedDemoHuisvesting(db: DataSource, log: Logger): Promise<{ populations: number; realisations: number }> {
  const [{ count }] = await db.query('SELECT count(*)::int AS count FROM national_taakstelling');
  if (count > 0) return { populations: 0, realisations: 0 };
  for (const n of NATIONAL) {
    await db.query('INSERT INTO national_taakstelling (year, half, vergunninghouders, source, published_on) VALUES ($1, $2, $3, $4, $5)', [n.year, n.half, n.vergunninghouders, n.source, n.publishedOn]);
  }
  let populations = 0;
  const provinces: { code: string; population: number }[] = await db.query('SELECT code, population FROM province ORDER BY code');
  for (const onDate of POPULATION_DATES) {
    for (const province of provinces) {
      const gemeenten: { code: string }[] = await db.query(
        `SELECT code FROM gemeente WHERE province_code = $1 AND (valid_until IS NULL OR valid_until >= $2) ORDER BY code`,
        [province.code, onDate],
      );
      // Skewed weights (a few large gemeenten, many small), scaled to the province total; the rounding goes to the first.
      const weights = gemeenten.map((g) => 0.05 + unit(`${g.code}:population`) ** 3);
      const total = weights.reduce((a, b) => a + b, 0);
      const shares = weights.map((w) => Math.max(1, Math.floor((province.population * w) / total)));
      shares[0] += province.population - shares.reduce((a, b) => a + b, 0);
      await db.query(
        `INSERT INTO gemeente_population (gemeente_code, on_date, inhabitants, source, fictitious) SELECT code, $2, inhabitants, $3, true FROM unnest($1::text[], $4::int[]) AS t(code, inhabitants)`,
        [gemeenten.map((g) => g.code), onDate, FICTITIOUS_SOURCE, shares],
      );
      populations += gemeenten.length;
    }
  }
  // Fictitious realisations: between 60% and 125% of the taakstelling, about a tenth in a tussenvoorziening.
  const service = new HuisvestingService(db);
  let realisations = 0;
  for (const label of ['2021-I', '2021-II']) {
    const halfYear = parseHalfYear(label)!;
    const { gemeenten } = await service.figures({ provinces: null, gemeenten: [] }, halfYear);
    const rows = [...gemeenten.values()].map((series) => series.find((g) => g.halfYear === label)).filter((g) => !!g);
    const housed = rows.map((g) => Math.round(g.taakstelling * (0.6 + 0.65 * unit(`${g.gemeenteCode}:${label}:housed`))));
    await db.query(
      `INSERT INTO huisvesting_realisation (gemeente_code, year, half, housed, in_tussenvoorziening, in_doorstroomwoning)
       SELECT code, $2, $3, housed, housed / 10, housed / 20 FROM unnest($1::text[], $4::int[]) AS t(code, housed)`,
      [rows.map((g) => g.gemeenteCode), halfYear.year, halfYear.half, housed],
    );
    realisations += rows.length;
  }
  log.info({ populations, realisations }, 'demo huisvesting loaded (fictitious populations and realisations)');
  return { populations, realisations };
}
