import type { DataSource } from 'typeorm';
import type { Logger } from '../platform/logger.js';

/**
 * Demo ondersteuningsmaatregelen: the measures of the LRT's status table of 19 June 2021 that public sources describe,
 * paraphrased, with every date, amount and trekker they give and nothing more (see
 * test/fixtures/status-table-2021-06-19.json for the source of each value and what stayed unknown). Later stand van
 * zaken entries and milestones are dated as their sources are, so the table as it stood on 19 June 2021 does not show
 * them. Written by nobody (created_by NULL): it is the record, not a person's entry. Skipped when any measure exists.
 */
interface DemoMeasure {
  paragraph: string;
  theme: string;
  title: string;
  trekkers: string[];
  budgetEuros: number | null;
  budgetNote: string | null;
  planning: string | null;
  window: { from: string | null; until: string | null } | null;
  standVanZaken: { asOf: string; body: string }[];
  milestones: { dueOn: string; kind: 'MOMENT' | 'PERIOD_START' | 'PERIOD_END'; description: string; recordedOn: string; doneOn: string | null }[];
}

const TABLE_DATE = '2021-06-19';

export const DEMO_MEASURES: DemoMeasure[] = [
  {
    paragraph: '4.2.5',
    theme: 'HUISVESTING',
    title: 'Periodiek overleg (Handreiking 4.2.5)',
    trekkers: [],
    budgetEuros: null,
    budgetNote: null,
    planning: 'Iedere twee maanden; volgende bijeenkomst september 2021',
    window: null,
    standVanZaken: [{ asOf: TABLE_DATE, body: 'Komt iedere twee maanden bijeen. De volgende bijeenkomst is in **september 2021**.' }],
    milestones: [],
  },
  {
    paragraph: '4.3.1',
    theme: 'HUISVESTING',
    title: 'Financiële impuls versnelde huisvesting grote gezinnen vergunninghouders',
    trekkers: ['JenV'],
    budgetEuros: 1_000_000,
    budgetNote: null,
    planning: null,
    window: { from: '2021-07-15', until: '2021-12-31' },
    standVanZaken: [
      {
        asOf: TABLE_DATE,
        body:
          'Pilot van JenV met COA en VNG: een specifieke uitkering voor gemeenten die een groot gezin vergunninghouders (8 of meer personen) uit de opvang huisvesten, bijvoorbeeld door een woning geschikt te maken.\n\n' +
          'Gemeenten konden zich vanaf 27 mei 2021 aanmelden; de regeling wordt medio juni 2021 gepubliceerd en staat open van 15 juli tot en met 31 december 2021.',
      },
      {
        asOf: '2023-06-12',
        body:
          'Evaluatie (antwoord op Kamervragen, 12 juni 2023): van de 30 geïnteresseerde gemeenten zijn er 24 met samen 31 grote gezinnen geselecteerd, in overleg met de VNG. ' +
          'Op 1 januari 2022 waren 17 van die gezinnen gehuisvest; een versnellend effect kon niet worden vastgesteld.',
      },
    ],
    milestones: [
      { dueOn: '2021-07-15', kind: 'PERIOD_START', description: 'Regeling open voor aanvragen van gemeenten', recordedOn: TABLE_DATE, doneOn: '2021-07-15' },
      { dueOn: '2021-12-31', kind: 'PERIOD_END', description: 'Regeling sluit', recordedOn: TABLE_DATE, doneOn: '2021-12-31' },
    ],
  },
  {
    paragraph: '4.3.2',
    theme: 'HUISVESTING',
    title: 'Regeling huisvesting aandachtsgroepen',
    trekkers: ['BZK'],
    budgetEuros: 50_000_000,
    budgetNote: 'waarvan € 3 miljoen voor pilots tussenvoorzieningen',
    planning: 'Openstelling najaar 2021',
    window: { from: '2021-10-28', until: null },
    standVanZaken: [
      {
        asOf: TABLE_DATE,
        body:
          'BZK bereidt een regeling voor van € 50 miljoen voor de huisvesting van aandachtsgroepen, waaronder vergunninghouders; daarvan is € 3 miljoen bestemd voor pilots met tussenvoorzieningen. ' +
          'De regeling gaat naar verwachting in het najaar van 2021 open.',
      },
      {
        asOf: '2021-10-12',
        body:
          'BZK stelt € 50 miljoen beschikbaar om het aanbod voor aandachtsgroepen te vergroten (onder meer dak- en thuislozen, arbeidsmigranten, vergunninghouders en spoedzoekers). ' +
          'Gemeenten kunnen vanaf donderdag 28 oktober 2021 een aanvraag indienen; eind 2021 wordt bekend welke projecten een toekenning krijgen.',
      },
    ],
    milestones: [{ dueOn: '2021-10-28', kind: 'PERIOD_START', description: 'Aanvragen door gemeenten mogelijk', recordedOn: '2021-10-12', doneOn: '2021-10-28' }],
  },
];

export async function seedDemoMeasures(db: DataSource, log: Logger): Promise<{ measures: number }> {
  const [{ count }] = await db.query('SELECT count(*)::int AS count FROM support_measure');
  if (count > 0) return { measures: 0 };
  for (const m of DEMO_MEASURES) {
    const [{ id }] = await db.query(
      `INSERT INTO support_measure (paragraph, theme, title, lrt_is_trekker, budget_euros, budget_note, planning, open_to_gemeenten, applications_open_from, applications_open_until)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [m.paragraph, m.theme, m.title, m.trekkers.includes('LRT'), m.budgetEuros, m.budgetNote, m.planning, m.window !== null, m.window?.from ?? null, m.window?.until ?? null],
    );
    await db.query(`INSERT INTO support_measure_trekker (measure_id, organisation_id) SELECT $1, id FROM organisation WHERE abbreviation = ANY($2)`, [id, m.trekkers]);
    // Written on the day it is dated: the demo's history is what the table said on each of those days.
    for (const s of m.standVanZaken) {
      await db.query(`INSERT INTO support_measure_status (measure_id, as_of, body, created_at) VALUES ($1, $2, $3, ($2::date + time '12:00') AT TIME ZONE 'Europe/Amsterdam')`, [id, s.asOf, s.body]);
    }
    for (const ms of m.milestones) {
      await db.query('INSERT INTO support_measure_milestone (measure_id, due_on, kind, description, recorded_on, done_on) VALUES ($1, $2, $3, $4, $5, $6)', [
        id, ms.dueOn, ms.kind, ms.description, ms.recordedOn, ms.doneOn,
      ]);
    }
  }
  log.info({ measures: DEMO_MEASURES.length }, 'demo ondersteuningsmaatregelen loaded (status table of 19 June 2021)');
  return { measures: DEMO_MEASURES.length };
}
