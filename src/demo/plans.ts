import type { DataSource } from 'typeorm';
import { loadPrincipal } from '../platform/auth/authenticate.js';
import type { Logger } from '../platform/logger.js';
import { Opvangtype, type ProvinceCode } from '../reference/enums.js';
import { PlanService } from '../plans/plan.service.js';

/**
 * A plausible plan for every province, with clearly fictitious figures: the flexible types split a
 * national 31,000 places by population share. LRT sets the opgave (the Nov 2019 "417 per province" and
 * a fictitious share per flexible type); some plans are submitted, Groningen's is adopted. Skipped for a
 * province that already has a plan.
 */
const NATIONAL_PLACES = 31_000;
const SPLIT: [Opvangtype, number][] = [
  [Opvangtype.ROL, 0.45],
  [Opvangtype.GVL, 0.35],
  [Opvangtype.SATELLIET, 0.2],
];
const SUBMITTED: ProvinceCode[] = ['GR', 'NB', 'ZH', 'OV'] as ProvinceCode[];
const ADOPTED: ProvinceCode = 'GR' as ProvinceCode;

export async function seedDemoPlans(db: DataSource, log: Logger): Promise<number> {
  const plans = new PlanService(db);
  const as = (subject: string) => loadPrincipal(db, { sub: subject, exp: Math.floor(Date.now() / 1000) + 3600 });
  const lrt = await as('lrt');
  const provinces: { code: ProvinceCode; name: string; population: number; plans: number }[] = await db.query(
    `SELECT p.code, p.name, p.population, (SELECT count(*)::int FROM provincial_plan pp WHERE pp.province_code = p.code) AS plans FROM province p ORDER BY p.cbs_code`,
  );
  const total = provinces.reduce((sum, province) => sum + province.population, 0);
  // An opgave the LRT already set (e.g. before loading the demo data on a working database) is left as it is.
  const setOpgaveOnce = async (input: { provinceCode: ProvinceCode; opvangtype?: Opvangtype; dueDate: string; places: number; source: string }) => {
    const existing: unknown[] = await db.query(
      `SELECT 1 FROM opgave WHERE province_code = $1 AND coalesce(opvangtype, '') = coalesce($2, '') AND due_date = $3`,
      [input.provinceCode, input.opvangtype ?? null, input.dueDate],
    );
    if (existing.length === 0) await plans.setOpgave(lrt, input);
  };
  let created = 0;
  for (const province of provinces) {
    if (province.plans > 0) continue;
    const share = province.population / total;
    await setOpgaveOnce({ provinceCode: province.code, dueDate: '2020-12-31', places: 417, source: '417 per provincie, LRT november 2019 (demo)' });
    for (const [opvangtype, part] of SPLIT) {
      const places = Math.round((NATIONAL_PLACES * share * part) / 10) * 10;
      await setOpgaveOnce({ provinceCode: province.code, opvangtype, dueDate: '2023-01-01', places, source: 'LRT 15 december 2020 (demo-cijfers)' });
    }
    const secretariat = await as(`secretariaat-${province.code.toLowerCase()}`);
    const plan = await plans.create(secretariat, {
      provinceCode: province.code,
      title: `Provinciaal plan ${province.name} (demo)`,
      sections: {
        context: `Demoplan voor ${province.name}: de cijfers zijn fictief, afgeleid van het aandeel van de provincie in de bevolking.`,
        timeline: '- Eerste kwartaal: locaties verkend met de gemeenten\n- Derde kwartaal: bestuursovereenkomsten\n- 1 januari 2023: plaatsen beschikbaar',
      },
      lines: [
        { opvangtypes: [], targetDate: '2020-12-31', minPlaces: 417, maxPlaces: 417, note: 'Extra plaatsen gevraagd door de LRT in november 2019' },
        ...SPLIT.map(([opvangtype, part]) => {
          const planned = Math.round((NATIONAL_PLACES * share * part) / 10) * 10;
          return { opvangtypes: [opvangtype], targetDate: '2023-01-01', minPlaces: Math.round(planned * 0.85), maxPlaces: Math.round(planned * 1.05) };
        }),
      ],
    });
    created += 1;
    if (SUBMITTED.includes(province.code)) {
      const submitted = await plans.submit(secretariat, plan.id, plan.version);
      if (province.code === ADOPTED) await plans.adopt(lrt, submitted.id, submitted.version);
    }
  }
  log.info({ plans: created }, 'demo plans loaded');
  return created;
}
