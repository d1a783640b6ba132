import type { DataSource } from 'typeorm';
import type { Logger } from '../platform/logger.js';
import { EscalationOption, SignalAction, SignalEventKind, SignalEventSubject, SignalOpgave, SignalSource, SignalStatus } from '../signals/index.js';

/**
 * Demo signals of 2021 (Integrale Handreiking 8.2.1: PRTs raise bottlenecks to the LRT; 5.2.2: escalation through
 * commercial real estate, the logeeregeling or the Programma van Eisen). The situations are typical of the period; the
 * people are the fictitious demo people, the texts our own. The signals and their steps carry their 2021 dates; their
 * events are recorded when the demo is loaded, like the rest of the demo's, so that every activity feed stays in the
 * order things were recorded (newest first). Skipped when any signal exists.
 */
interface Step {
  action: SignalAction;
  at: string;
  by: string;
  note?: string;
  meetingDate?: string;
}
interface DemoSignal {
  provinceCode: string;
  source: SignalSource;
  raisedBy: string;
  raisedAt: string;
  opgave: SignalOpgave;
  opvangtype?: string;
  escalation?: EscalationOption;
  title: string;
  description: string;
  steps: Step[];
}

const A = SignalAction;
const SIGNALS: DemoSignal[] = [
  {
    provinceCode: 'GR',
    source: SignalSource.PRT,
    raisedBy: 'secretariaat-gr',
    raisedAt: '2021-01-28T10:15:00+01:00',
    opgave: SignalOpgave.OPVANG,
    opvangtype: 'AZC',
    escalation: EscalationOption.OTHER,
    title: 'Verlenging van bestuursovereenkomsten die in 2021 aflopen',
    description:
      'Twee bestuursovereenkomsten in de provincie lopen in 2021 af. De gemeenten willen verlengen, maar alleen als de **extra plaatsen** die zij daarnaast bieden meetellen voor de korte-termijnopgave.\n\nWij vragen de LRT om duidelijkheid over hoe verlengingen en extra plaatsen zich tot de 417 verhouden.',
    steps: [
      { action: A.PUT_ON_AGENDA, at: '2021-02-04T09:00:00+01:00', by: 'lrt', meetingDate: '2021-02-25' },
      {
        action: A.ANSWER,
        at: '2021-02-25T16:30:00+01:00',
        by: 'lrt',
        note: 'De korte-termijnopgave telt **extra** plaatsen; verlengingen en vervanging van sluitende locaties tellen daar niet voor mee, maar zijn wel nodig om capaciteit te behouden.',
      },
      {
        action: A.REOPEN,
        at: '2021-03-10T11:00:00+01:00',
        by: 'secretariaat-gr',
        note: 'Het antwoord zegt niet wat er gebeurt als een gemeente verlengt **en** uitbreidt in één besluit. Graag een antwoord voor dat geval.',
      },
    ],
  },
  {
    provinceCode: 'NH',
    source: SignalSource.PRT,
    raisedBy: 'secretariaat-nh',
    raisedAt: '2021-02-18T14:00:00+01:00',
    opgave: SignalOpgave.OPVANG,
    opvangtype: 'NOODOPVANG',
    escalation: EscalationOption.COMMERCIAL_REAL_ESTATE,
    title: 'Tekort aan geschikt commercieel vastgoed voor tijdelijke opvang',
    description:
      'In de regio Kennemerland zijn geen leegstaande kantoor- of bedrijfspanden meer beschikbaar die binnen een half jaar geschikt te maken zijn. Eigenaren vragen huurtermijnen die langer zijn dan de opvang nodig is.\n\nVerzoek aan de LRT: onderzoek of het Rijksvastgoedbedrijf panden kan aanbieden, en of huurtermijnen landelijk kunnen worden afgestemd.',
    steps: [{ action: A.PUT_ON_AGENDA, at: '2021-06-21T10:00:00+02:00', by: 'lrt', meetingDate: '2021-07-08' }],
  },
  {
    provinceCode: 'GE',
    source: SignalSource.PRT,
    raisedBy: 'secretariaat-ge',
    raisedAt: '2021-03-04T09:30:00+01:00',
    opgave: SignalOpgave.HUISVESTING,
    escalation: EscalationOption.LOGEEREGELING,
    title: 'Gebruik van de logeeregeling voor vergunninghouders',
    description:
      'Meerdere Gelderse gemeenten willen vergunninghouders die al aan hen gekoppeld zijn laten logeren bij gemeenten met ruimte, vooruitlopend op huisvesting. Onduidelijk is of dit meetelt voor de taakstelling van de ontvangende gemeente.',
    steps: [
      { action: A.PUT_ON_AGENDA, at: '2021-03-11T09:00:00+01:00', by: 'lrt', meetingDate: '2021-03-25' },
      {
        action: A.ANSWER,
        at: '2021-03-26T10:00:00+01:00',
        by: 'lrt',
        note: 'De logeeregeling mag worden ingezet. Het logeren telt **niet** voor de taakstelling van de ontvangende gemeente; de huisvesting telt voor de gemeente waaraan de vergunninghouder is gekoppeld.',
      },
    ],
  },
  {
    provinceCode: 'UT',
    source: SignalSource.PRT,
    raisedBy: 'secretariaat-ut',
    raisedAt: '2021-04-15T13:45:00+02:00',
    opgave: SignalOpgave.HUISVESTING,
    title: 'Achterstand in huisvesting door gebrek aan doorstroomwoningen',
    description: 'De achterstand op de taakstelling loopt op doordat er te weinig doorstroomwoningen zijn. Kan de LRT bevorderen dat tussenvoorzieningen sneller worden gerealiseerd?',
    steps: [
      { action: A.PUT_ON_AGENDA, at: '2021-04-22T09:00:00+02:00', by: 'lrt', meetingDate: '2021-05-20' },
      { action: A.ANSWER, at: '2021-05-21T15:00:00+02:00', by: 'lrt', note: 'De LRT verwijst naar de regeling voor tussenvoorzieningen (4.3.2), die in het najaar van 2021 opengaat.' },
      { action: A.CLOSE, at: '2021-05-27T10:00:00+02:00', by: 'secretariaat-ut', note: 'Voldoende beantwoord; wij melden ons aan voor de regeling.' },
    ],
  },
  {
    provinceCode: 'LI',
    source: SignalSource.COA,
    raisedBy: 'coa-regio-5',
    raisedAt: '2021-05-12T11:20:00+02:00',
    opgave: SignalOpgave.OPVANG,
    opvangtype: 'AZC',
    escalation: EscalationOption.PROGRAMMA_VAN_EISEN,
    title: 'Programma van Eisen staat snelle ingebruikname van een kantoorpand in de weg',
    description:
      'Een gemeente in Noord-Limburg biedt een leeg kantoorpand aan voor ongeveer 200 plaatsen. Het pand voldoet niet aan alle eisen van het Programma van Eisen (sanitair per unit). Kan de LRT instemmen met een tijdelijke afwijking?',
    steps: [],
  },
  {
    provinceCode: 'ZH',
    source: SignalSource.BESTUURLIJK_AANJAGER,
    raisedBy: 'lrt',
    raisedAt: '2021-06-03T16:00:00+02:00',
    opgave: SignalOpgave.INBURGERING,
    escalation: EscalationOption.OTHER,
    title: 'Aansluiting van inburgering bij de regionale opvanglocaties',
    description:
      'De bestuurlijk aanjager vraagt aandacht voor de start van inburgering in de regionale opvanglocaties die Zuid-Holland plant: gemeenten weten nog niet wie de inburgering betaalt zolang vergunninghouders in een ROL verblijven.',
    steps: [{ action: A.PUT_ON_AGENDA, at: '2021-06-21T10:05:00+02:00', by: 'lrt', meetingDate: '2021-07-08' }],
  },
];

const NEXT: Record<SignalAction, SignalStatus> = {
  EDIT: SignalStatus.OPEN,
  PUT_ON_AGENDA: SignalStatus.ON_AGENDA,
  ANSWER: SignalStatus.ANSWERED,
  CLOSE: SignalStatus.CLOSED,
  REOPEN: SignalStatus.OPEN,
};

export async function seedDemoSignals(db: DataSource, log: Logger): Promise<number> {
  const [{ count }] = await db.query('SELECT count(*)::int AS count FROM signal');
  if (count > 0) return 0;
  const people = new Map<string, string>(((await db.query('SELECT subject, id FROM person')) as { subject: string; id: string }[]).map((p) => [p.subject, p.id]));
  const person = (handle: string) => {
    const id = people.get(handle);
    if (!id) throw new Error(`demo signals: no person ${handle}`);
    return id;
  };
  for (const demo of SIGNALS) {
    // The signal's state after all its steps.
    let status = SignalStatus.OPEN;
    let meetingDate: string | null = null;
    let answer: { note: string; at: string; by: string } | null = null;
    for (const step of demo.steps) {
      status = NEXT[step.action];
      if (step.meetingDate) meetingDate = step.meetingDate;
      if (step.action === A.ANSWER) answer = { note: step.note!, at: step.at, by: step.by };
      if (step.action === A.REOPEN) answer = null;
    }
    const last = demo.steps.at(-1);
    const [{ id }] = await db.query(
      `INSERT INTO signal (province_code, source, opgave, opvangtype, escalation, title, description, status, meeting_date, answer, answered_at, answered_by,
         version, raised_by, created_at, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id`,
      [
        demo.provinceCode, demo.source, demo.opgave, demo.opvangtype ?? null, demo.escalation ?? null, demo.title, demo.description, status, meetingDate,
        answer?.note ?? null, answer?.at ?? null, answer ? person(answer.by) : null, demo.steps.length + 1, person(demo.raisedBy), demo.raisedAt,
        last?.at ?? demo.raisedAt, person(last?.by ?? demo.raisedBy),
      ],
    );
    const state = (s: SignalStatus, version: number, date: string | null, action: SignalAction | null) => ({
      status: s, version, title: demo.title, source: demo.source, opgave: demo.opgave, escalation: demo.escalation ?? null, meetingDate: date, action,
    });
    await db.query(`INSERT INTO signal_transition (signal_id, version, action, from_status, to_status, at, by_id) VALUES ($1, 1, NULL, NULL, 'OPEN', $2, $3)`, [
      id, demo.raisedAt, person(demo.raisedBy),
    ]);
    await db.query(
      `INSERT INTO event (at, actor_id, kind, subject_type, subject_id, province_code, subject_status, before, after) VALUES (clock_timestamp(), $1, $2, $3, $4, $5, 'OPEN', NULL, $6)`,
      [person(demo.raisedBy), SignalEventKind.SIGNAL_RAISED, SignalEventSubject.SIGNAL, id, demo.provinceCode, state(SignalStatus.OPEN, 1, null, null)],
    );
    let from = SignalStatus.OPEN;
    let date: string | null = null;
    for (const [index, step] of demo.steps.entries()) {
      const to = NEXT[step.action];
      const version = index + 2;
      const before = state(from, version - 1, date, null);
      if (step.meetingDate) date = step.meetingDate;
      await db.query(
        `INSERT INTO signal_transition (signal_id, version, action, from_status, to_status, note, meeting_date, at, by_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [id, version, step.action, from, to, step.note ?? null, step.meetingDate ?? (step.action === A.ANSWER ? date : null), step.at, person(step.by)],
      );
      await db.query(
        `INSERT INTO event (at, actor_id, kind, subject_type, subject_id, province_code, subject_status, before, after) VALUES (clock_timestamp(), $1, $2, $3, $4, $5, $6, $7, $8)`,
        [person(step.by), SignalEventKind.SIGNAL_CHANGED, SignalEventSubject.SIGNAL, id, demo.provinceCode, to, before, state(to, version, date, step.action)],
      );
      from = to;
    }
  }
  log.info({ signals: SIGNALS.length }, 'demo signals loaded');
  return SIGNALS.length;
}
