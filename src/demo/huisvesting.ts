import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Logger } from '../platform/logger.js';
import { HuisvestingService, parseHalfYear } from '../huisvesting/index.js';

/**
 * Demo huisvesting: the national taakstelling of 2021-I and 2021-II as published (Integrale Handreiking 4.1), and
 * FICTITIOUS populations per gemeente on 1 January 2020 and 2021 (marked `fictitious`) that add up to the real
 * province totals of 1 January 2022 (CBS 70072ned, in the province table). Realisations and koppelingen are fictitious
 * too: COA's koppelingen per gemeente and month of 2021, around the gemeente's opgave, with a few provinces short of it
 * (so the signal shows), housing after 19 weeks from the permit on average (Integrale Handreiking 4.3.1).
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

export async function seedDemoHuisvesting(db: DataSource, log: Logger): Promise<{ populations: number; realisations: number; koppelingMonths: number }> {
  const [{ count }] = await db.query('SELECT count(*)::int AS count FROM national_taakstelling');
  if (count > 0) return { populations: 0, realisations: 0, koppelingMonths: 0 };
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
  const koppelingMonths = await seedKoppelingen(db, service);
  log.info({ populations, realisations, koppelingMonths }, 'demo huisvesting loaded (fictitious populations, realisations and koppelingen)');
  return { populations, realisations, koppelingMonths };
}

/** Koppelingen per province as a share of its opgave: most around it, three provinces short (the signal to COA and IPO). */
const KOPPELING_SHARE: Record<string, number> = { GR: 1.08, FR: 1.04, DR: 1.1, OV: 1.02, GE: 0.97, FL: 0.84, UT: 1.01, NH: 0.88, ZH: 1.03, ZE: 0.91, NB: 1.06, LI: 1.05 };

/**
 * Fictitious koppelingen of 2021: per gemeente and half-year about its opgave times its province's share, spread over
 * the six months; of those linked about 55% housed within the 14-week norm and 30% late (the rest not yet housed), 3%
 * large families, 2% needing an adapted home; 11 to 17 weeks from koppeling and 17 to 22 from the permit.
 */
async function seedKoppelingen(db: DataSource, service: HuisvestingService): Promise<number> {
  const provinceOf = new Map<string, string>(
    (await db.query('SELECT code, province_code FROM gemeente')).map((g: { code: string; province_code: string }) => [g.code, g.province_code]),
  );
  const rows: { gemeente: string; month: string; linked: number; within: number; late: number; fromKoppeling: number | null; fromPermit: number | null; large: number; adapted: number }[] = [];
  for (const label of ['2021-I', '2021-II']) {
    const halfYear = parseHalfYear(label)!;
    const { gemeenten } = await service.figures({ provinces: null, gemeenten: [] }, halfYear);
    for (const series of gemeenten.values()) {
      const g = series.find((s) => s.halfYear === label);
      if (!g) continue;
      const share = KOPPELING_SHARE[provinceOf.get(g.gemeenteCode) ?? ''] ?? 1;
      const total = Math.round(g.opgave * share * (0.92 + 0.16 * unit(`${g.gemeenteCode}:${label}:linked`)));
      for (let i = 0; i < 6; i++) {
        const linked = Math.floor((total * (i + 1)) / 6) - Math.floor((total * i) / 6);
        const key = `${g.gemeenteCode}:${label}:${i}`;
        const within = Math.round(linked * 0.55);
        const late = Math.min(linked - within, Math.round(linked * 0.3));
        const housed = within + late;
        rows.push({
          gemeente: g.gemeenteCode,
          month: `${halfYear.year}-${String((halfYear.half - 1) * 6 + i + 1).padStart(2, '0')}-01`,
          linked,
          within,
          late,
          fromKoppeling: housed ? Math.round(110 + 60 * unit(`${key}:weeks`)) / 10 : null,
          fromPermit: housed ? Math.round(170 + 50 * unit(`${key}:permit`)) / 10 : null,
          large: Math.round(linked * 0.03),
          adapted: Math.round(linked * 0.02),
        });
      }
    }
  }
  await db.query(
    `INSERT INTO koppeling_month (gemeente_code, month, linked, housed_within_norm, housed_late, average_weeks_from_koppeling, average_weeks_from_permit, large_families, adapted_home_needed)
     SELECT * FROM unnest($1::text[], $2::date[], $3::int[], $4::int[], $5::int[], $6::numeric[], $7::numeric[], $8::int[], $9::int[])`,
    [
      rows.map((r) => r.gemeente),
      rows.map((r) => r.month),
      rows.map((r) => r.linked),
      rows.map((r) => r.within),
      rows.map((r) => r.late),
      rows.map((r) => r.fromKoppeling),
      rows.map((r) => r.fromPermit),
      rows.map((r) => r.large),
      rows.map((r) => r.adapted),
    ],
  );
  return rows.length;
}
