import type { DataSource } from 'typeorm';
import { loadPrincipal } from '../platform/auth/authenticate.js';
import type { Logger } from '../platform/logger.js';
import { Opvangtype, type ProvinceCode } from '../reference/enums.js';
import { PlanService } from '../plans/plan.service.js';
import { dateOpgave, datePlan, storyMoment } from './dates.js';

/**
 * A plausible plan for every province. The LRT sets each province's total opvang opgave for 1 January 2023 (its
 * population share of the ~31,000 places COA expected to need, January 2021; existing AZCs count toward it) and a
 * fictitious share of it per flexible type. The short-term target of November 2019 (417 per province) is not an
 * opgave added to these 2023 levels: it is the short-term target (data of its own, see `short_term_target`).
 * Zuid-Holland's plan is the one its Gedeputeerde Staten adopted on 15 September 2020 (417 places in 2020; 1,100 in
 * 2021 replacing closing locations; 2,450–2,700 in ROL and 1,430–1,500 in GVL/satelliet before 2024); the other
 * plans' figures are fictitious. Some plans are submitted, Groningen's is adopted. Skipped for a province that
 * already has a plan.
 *
 * Every record carries the date of the story, not of loading (see dates.ts): the opgave per type was set by the LRT on
 * 15 December 2020, the total opvang opgave at its meeting of 25 February 2021 (after COA's expectation of January
 * 2021); Zuid-Holland entered and submitted its plan the day after its Gedeputeerde Staten adopted it; the other plans
 * were drafted from 1 March 2021, the submitted ones submitted on 31 March 2021, and Groningen's adopted by the LRT at
 * its meeting of 20 May 2021.
 */
const NATIONAL_PLACES = 31_000;
const SPLIT: [Opvangtype, number][] = [
  [Opvangtype.ROL, 0.45],
  [Opvangtype.GVL, 0.35],
  [Opvangtype.SATELLIET, 0.2],
];
/** Zuid-Holland's plan as its Gedeputeerde Staten adopted it on 15 September 2020 (Integrale Handreiking, example). */
const ZUID_HOLLAND = {
  provinceCode: 'ZH' as ProvinceCode,
  title: 'Provinciaal plan Zuid-Holland (GS 15 september 2020)',
  sections: {
    context:
      'Vastgesteld door Gedeputeerde Staten op 15 september 2020. Korte termijn: 417 extra plaatsen in 2020. In 2021 1.100 plaatsen ter vervanging van locaties die sluiten. Voor 2024: 2.450–2.700 plaatsen in regionale opvanglocaties en 1.430–1.500 in GVL en satellietlocaties.',
    timeline: '- 2020: 417 extra plaatsen\n- 2021: 1.100 plaatsen ter vervanging van sluitende locaties\n- vóór 2024: ROL 2.450–2.700, GVL/satelliet 1.430–1.500',
  },
  lines: [
    { opvangtypes: [], targetDate: '2020-12-31', minPlaces: 417, maxPlaces: 417, note: 'Extra plaatsen op korte termijn (LRT, november 2019)' },
    { opvangtypes: [], targetDate: '2021-12-31', minPlaces: 1_100, maxPlaces: 1_100, note: 'Ter vervanging van locaties die sluiten: geen extra plaatsen' },
    { opvangtypes: [Opvangtype.ROL], targetDate: '2023-12-31', minPlaces: 2_450, maxPlaces: 2_700, note: 'Regionale opvanglocaties' },
    { opvangtypes: [Opvangtype.GVL, Opvangtype.SATELLIET], targetDate: '2023-12-31', minPlaces: 1_430, maxPlaces: 1_500, note: 'GVL en satellietlocaties' },
  ],
};
const SUBMITTED: ProvinceCode[] = ['GR', 'NB', 'ZH', 'OV'] as ProvinceCode[];
const ADOPTED: ProvinceCode = 'GR' as ProvinceCode;
/** When the LRT set each kind of opgave, as the sources name them. */
const OPGAVE_PER_TYPE_SET = storyMoment('2020-12-15', '16:00');
const TOTAL_OPGAVE_SET = storyMoment('2021-02-25', '16:00');
/** When a plan was created, submitted and adopted: its versions 1, 2 and 3. */
const PLAN_MOMENTS = [storyMoment('2021-03-01', '10:00'), storyMoment('2021-03-31', '15:00'), storyMoment('2021-05-20', '16:00')];
const ZUID_HOLLAND_MOMENTS = [storyMoment('2020-09-16', '10:00'), storyMoment('2020-09-16', '11:00')];

export async function seedDemoPlans(db: DataSource, log: Logger): Promise<number> {
  const plans = new PlanService(db);
  const as = (subject: string) => loadPrincipal(db, { sub: subject, exp: Math.floor(Date.now() / 1000) + 3600 });
  const lrt = await as('lrt');
  const provinces: { code: ProvinceCode; name: string; population: number; plans: number }[] = await db.query(
    `SELECT p.code, p.name, p.population, (SELECT count(*)::int FROM provincial_plan pp WHERE pp.province_code = p.code) AS plans FROM province p ORDER BY p.cbs_code`,
  );
  const total = provinces.reduce((sum, province) => sum + province.population, 0);
  // An opgave the LRT already set (e.g. before loading the demo data on a working database) is left as it is.
  const setOpgaveOnce = async (input: { provinceCode: ProvinceCode; opvangtype?: Opvangtype; total?: boolean; dueDate: string; places: number; source: string }, setAt: string) => {
    const existing: unknown[] = await db.query(
      `SELECT 1 FROM opgave WHERE province_code = $1 AND coalesce(opvangtype, '') = coalesce($2, '') AND total = $3 AND due_date = $4`,
      [input.provinceCode, input.opvangtype ?? null, input.total ?? false, input.dueDate],
    );
    if (existing.length === 0) await dateOpgave(db, (await plans.setOpgave(lrt, input)).id, setAt);
  };
  let created = 0;
  for (const province of provinces) {
    if (province.plans > 0) continue;
    const share = province.population / total;
    await setOpgaveOnce({
      provinceCode: province.code,
      total: true,
      dueDate: '2023-01-01',
      places: Math.round((NATIONAL_PLACES * share) / 10) * 10,
      source: 'LRT 25 februari 2021: totale opvangopgave, aandeel in de bevolking van circa 31.000 plaatsen (verwachting COA, januari 2021; demoverdeling)',
    }, TOTAL_OPGAVE_SET);
    for (const [opvangtype, part] of SPLIT) {
      const places = Math.round((NATIONAL_PLACES * share * part) / 10) * 10;
      await setOpgaveOnce({ provinceCode: province.code, opvangtype, dueDate: '2023-01-01', places, source: 'LRT 15 december 2020 (demo-cijfers)' }, OPGAVE_PER_TYPE_SET);
    }
    const secretariat = await as(`secretariaat-${province.code.toLowerCase()}`);
    const plan = await plans.create(
      secretariat,
      province.code === 'ZH'
        ? ZUID_HOLLAND
        : {
            provinceCode: province.code,
            title: `Provinciaal plan ${province.name} (demo)`,
            sections: {
              context: `Demoplan voor ${province.name}: de cijfers zijn fictief, afgeleid van het aandeel van de provincie in de bevolking.`,
              timeline: '- Eerste kwartaal: locaties verkend met de gemeenten\n- Derde kwartaal: bestuursovereenkomsten\n- 1 januari 2023: plaatsen beschikbaar',
            },
            lines: SPLIT.map(([opvangtype, part]) => {
              const planned = Math.round((NATIONAL_PLACES * share * part) / 10) * 10;
              return { opvangtypes: [opvangtype], targetDate: '2023-01-01', minPlaces: Math.round(planned * 0.85), maxPlaces: Math.round(planned * 1.05) };
            }),
          },
    );
    created += 1;
    let version = plan.version;
    if (SUBMITTED.includes(province.code)) {
      const submitted = await plans.submit(secretariat, plan.id, plan.version);
      version = submitted.version;
      if (province.code === ADOPTED) version = (await plans.adopt(lrt, submitted.id, submitted.version)).version;
    }
    await datePlan(db, plan.id, (province.code === 'ZH' ? ZUID_HOLLAND_MOMENTS : PLAN_MOMENTS).slice(0, version));
  }
  log.info({ plans: created }, 'demo plans loaded');
  return created;
}
