import DataLoader from 'dataloader';
import type { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../platform/auth/principal.js';
import { badUserInput, conflict, forbidden, notFound, ruleViolation } from '../platform/errors.js';
import { byKey, groupByKey } from '../platform/loader-utils.js';
import { isTimestampIdKey, pageRequest, toPage, type Page } from '../platform/pagination.js';
import { assertText, isIsoDate, isUuid } from '../platform/validation.js';
import { recordEvent } from '../events/index.js';
import { Opvangtype, PROVINCE_CODES, type ProvinceCode } from '../reference/index.js';
import { SignalEventKind, SignalEventSubject } from './signal.events.js';
import { signalPolicy } from './signal.policy.js';
import { EscalationOption, SignalAction, SignalOpgave, SignalSource, SignalStatus, signalTransition } from './status.js';
import { Signal, SignalAgendaMeeting, SignalTransition } from './types.js';

const FROM = `signal s LEFT JOIN person rp ON rp.id = s.raised_by LEFT JOIN person ap ON ap.id = s.answered_by`;
const COLUMNS = `s.id, s.province_code AS "provinceCode", s.source, s.opgave, s.opvangtype, s.escalation, s.title, s.description, s.status,
  s.meeting_date::text AS "meetingDate", s.answer, s.answered_at AS "answeredAt", s.version, s.created_at AS "createdAt", s.updated_at AS "updatedAt",
  s.raised_by AS "raisedById", rp.name AS "raisedByName", s.answered_by AS "answeredById", ap.name AS "answeredByName"`;
const SORT_KEY = `to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "sortKey"`;

const toSignal = (row: object) => Object.assign(new Signal(), row);
const isSignalKey = isTimestampIdKey(true);
type Sorted = Signal & { sortKey?: string };
const keyOf = (s: Sorted) => [s.sortKey!, s.id];

export const TITLE_MAX = 200;
export const TEXT_MAX = 10_000;

export interface SignalFilter {
  provinceCode?: ProvinceCode | null;
  status?: SignalStatus | null;
  opgave?: SignalOpgave | null;
  source?: SignalSource | null;
}

export interface SignalFields {
  opgave?: SignalOpgave | null;
  opvangtype?: Opvangtype | null;
  escalation?: EscalationOption | null;
  title?: string | null;
  description?: string | null;
}

/** Signals to the LRT: raised by a regietafel, COA or the aanjager; put on the agenda and answered by the LRT. */
export class SignalService {
  constructor(private readonly db: DataSource) {}

  async signal(principal: Principal, id: string, field = 'id'): Promise<Signal | null> {
    if (!isUuid(id)) throw badUserInput('not a signal id', field);
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE s.id = $1`, [id]);
    if (!row) return null;
    const signal = toSignal(row);
    if (!signalPolicy.canRead(principal, signal)) throw forbidden('You may not see this signal', field);
    return signal;
  }

  /** The signals the principal may read, newest first, keyset-paged. */
  async list(principal: Principal, filter: SignalFilter, first?: number | null, after?: string | null): Promise<Page<Signal>> {
    const page = pageRequest(first, after, isSignalKey);
    const readable = signalPolicy.readableProvinces(principal);
    const where = `($1::text[] IS NULL OR s.province_code = ANY($1)) AND ($2::text IS NULL OR s.province_code = $2) AND ($3::text IS NULL OR s.status = $3)
      AND ($4::text IS NULL OR s.opgave = $4) AND ($5::text IS NULL OR s.source = $5)`;
    const params = [readable === 'ALL' ? null : readable, filter.provinceCode ?? null, filter.status ?? null, filter.opgave ?? null, filter.source ?? null];
    const rows = await this.db.query(
      `SELECT ${COLUMNS}, ${SORT_KEY} FROM ${FROM} WHERE ${where} AND ($6::timestamptz IS NULL OR (s.created_at, s.id) < ($6::timestamptz, $7::uuid))
       ORDER BY s.created_at DESC, s.id DESC LIMIT $8`,
      [...params, page.after?.[0] ?? null, page.after?.[1] ?? null, page.first + 1],
    );
    const [{ count }] = await this.db.query(`SELECT count(*)::int AS count FROM signal s WHERE ${where}`, params);
    return toPage(rows.map(toSignal), page.first, keyOf, count);
  }

  /** The LRT's agenda: signals ON_AGENDA the principal may read, by meeting date (from `fromDate` on), in one statement. */
  async agenda(principal: Principal, fromDate?: string | null): Promise<SignalAgendaMeeting[]> {
    const readable = signalPolicy.readableProvinces(principal);
    if (readable !== 'ALL' && readable.length === 0) return [];
    const rows: Signal[] = (
      await this.db.query(
        `SELECT ${COLUMNS} FROM ${FROM} WHERE s.status = 'ON_AGENDA' AND ($1::text[] IS NULL OR s.province_code = ANY($1)) AND ($2::date IS NULL OR s.meeting_date >= $2)
         ORDER BY s.meeting_date, s.created_at, s.id`,
        [readable === 'ALL' ? null : readable, fromDate ?? null],
      )
    ).map(toSignal);
    const meetings: SignalAgendaMeeting[] = [];
    for (const signal of rows) {
      if (meetings.at(-1)?.date !== signal.meetingDate) meetings.push(Object.assign(new SignalAgendaMeeting(), { date: signal.meetingDate!, signals: [] }));
      meetings.at(-1)!.signals.push(signal);
    }
    return meetings;
  }

  async raise(principal: Principal, input: SignalFields & { provinceCode: ProvinceCode; source?: SignalSource | null }): Promise<Signal> {
    if (!PROVINCE_CODES.includes(input.provinceCode)) throw badUserInput('unknown province', 'input.provinceCode');
    const sources = signalPolicy.sources(principal, input.provinceCode);
    if (sources.length === 0) throw forbidden(`You may not raise signals about province ${input.provinceCode}`, 'input.provinceCode');
    const source = input.source ?? sources[0];
    if (!sources.includes(source)) throw forbidden(`You may not raise a signal as ${source} in province ${input.provinceCode}`, 'input.source');
    const fields = checkFields(input, true);
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query(
        `INSERT INTO signal (province_code, source, opgave, opvangtype, escalation, title, description, raised_by, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
        [input.provinceCode, source, fields.opgave, fields.opvangtype ?? null, fields.escalation ?? null, fields.title, fields.description, principal.personId],
      );
      await tx.query(`INSERT INTO signal_transition (signal_id, version, action, from_status, to_status, by_id) VALUES ($1, 1, NULL, NULL, 'OPEN', $2)`, [row.id, principal.personId]);
      const created = await this.byId(tx, row.id);
      await recordEvent(tx, signalEvent(SignalEventKind.SIGNAL_RAISED, created, principal, null, null));
      return created;
    });
  }

  update(principal: Principal, input: SignalFields & { signalId: string; expectedVersion: number }): Promise<Signal> {
    const changes = checkFields(input, false);
    return this.transition(principal, input.signalId, input.expectedVersion, SignalAction.EDIT, async (tx, signal) => {
      const next = { opgave: signal.opgave, opvangtype: signal.opvangtype, escalation: signal.escalation, title: signal.title, description: signal.description, ...changes };
      // Another opgave than opvang has no opvangtype: changing the opgave drops it.
      if (next.opgave !== SignalOpgave.OPVANG) {
        if (changes.opvangtype) throw badUserInput('an opvangtype goes only with opgave OPVANG', 'input.opvangtype');
        next.opvangtype = null;
      }
      await tx.query(`UPDATE signal SET opgave = $2, opvangtype = $3, escalation = $4, title = $5, description = $6 WHERE id = $1`, [
        signal.id,
        next.opgave,
        next.opvangtype ?? null,
        next.escalation ?? null,
        next.title,
        next.description,
      ]);
      return { note: null };
    });
  }

  putOnAgenda(principal: Principal, id: string, expectedVersion: number, meetingDate: string): Promise<Signal> {
    if (typeof meetingDate !== 'string' || !isIsoDate(meetingDate)) throw badUserInput('meetingDate is not a date (YYYY-MM-DD)', 'input.meetingDate');
    return this.transition(principal, id, expectedVersion, SignalAction.PUT_ON_AGENDA, async (tx, signal) => {
      const [{ raisedOn }] = await tx.query(`SELECT (created_at AT TIME ZONE 'Europe/Amsterdam')::date::text AS "raisedOn" FROM signal WHERE id = $1`, [signal.id]);
      if (meetingDate < raisedOn) throw badUserInput(`meetingDate cannot be before the signal was raised (${raisedOn})`, 'input.meetingDate');
      if (signal.status === SignalStatus.ON_AGENDA && signal.meetingDate === meetingDate) throw badUserInput(`The signal is already on the agenda of ${meetingDate}`, 'input.meetingDate');
      await tx.query('UPDATE signal SET meeting_date = $2 WHERE id = $1', [signal.id, meetingDate]);
      return { note: null, meetingDate };
    });
  }

  answer(principal: Principal, id: string, expectedVersion: number, answer: string): Promise<Signal> {
    const text = assertText(answer ?? '', TEXT_MAX, 'input.answer');
    return this.transition(principal, id, expectedVersion, SignalAction.ANSWER, async (tx, signal) => {
      await tx.query('UPDATE signal SET answer = $2, answered_at = now(), answered_by = $3 WHERE id = $1', [signal.id, text, principal.personId]);
      return { note: text, meetingDate: signal.meetingDate };
    });
  }

  close(principal: Principal, id: string, expectedVersion: number, reason?: string | null): Promise<Signal> {
    const note = reason == null || reason.trim() === '' ? null : assertText(reason, TEXT_MAX, 'input.reason');
    return this.transition(principal, id, expectedVersion, SignalAction.CLOSE, async () => ({ note }));
  }

  reopen(principal: Principal, id: string, expectedVersion: number, reason: string): Promise<Signal> {
    const note = assertText(reason ?? '', TEXT_MAX, 'input.reason');
    return this.transition(principal, id, expectedVersion, SignalAction.REOPEN, async (tx, signal) => {
      // The answer that did not suffice stays in the history (its ANSWER step); the signal waits for a new one.
      await tx.query('UPDATE signal SET answer = NULL, answered_at = NULL, answered_by = NULL WHERE id = $1', [signal.id]);
      return { note };
    });
  }

  /** The one path every change takes: lock, check who, version and status, apply, record the step and the event. */
  private async transition(
    principal: Principal,
    id: string,
    expectedVersion: number,
    action: SignalAction,
    apply: (tx: EntityManager, signal: Signal) => Promise<{ note: string | null; meetingDate?: string | null }>,
  ): Promise<Signal> {
    if (!isUuid(id)) throw badUserInput('signalId is not a signal id', 'input.signalId');
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE s.id = $1 FOR UPDATE OF s`, [id]);
      const signal = row ? toSignal(row) : null;
      if (!signal) throw notFound('No such signal', 'input.signalId');
      if (!signalPolicy.canRead(principal, signal)) throw forbidden('You may not see this signal', 'input.signalId');
      if (!signalPolicy.mayAct(principal, signal, action)) {
        throw forbidden(
          action === SignalAction.PUT_ON_AGENDA || action === SignalAction.ANSWER ? 'Only the LRT may do this' : 'Only the party that raised the signal (or the LRT, to close it) may do this',
          'input.signalId',
        );
      }
      if (signal.version !== expectedVersion) {
        const [last] = await tx.query(`SELECT t.at, p.name FROM signal_transition t LEFT JOIN person p ON p.id = t.by_id WHERE t.signal_id = $1 ORDER BY t.version DESC LIMIT 1`, [id]);
        throw conflict(`The signal changed since version ${expectedVersion}: it is at version ${signal.version}`, {
          currentVersion: signal.version,
          changedBy: last?.name ?? null,
          changedAt: last?.at ?? signal.updatedAt,
        });
      }
      const step = signalTransition(signal.status, action);
      if (!step.allowed) {
        throw ruleViolation('TRANSITION_NOT_ALLOWED', `A signal that is ${signal.status} does not allow ${action}; allowed: ${step.allowedActions.join(', ') || 'nothing'}`, {
          field: 'input.signalId',
          status: signal.status,
          allowedActions: step.allowedActions,
        });
      }
      const { note, meetingDate } = await apply(tx, signal);
      await tx.query(`UPDATE signal SET status = $2, version = version + 1, updated_at = now(), updated_by = $3 WHERE id = $1`, [id, step.next, principal.personId]);
      await tx.query(
        `INSERT INTO signal_transition (signal_id, version, action, from_status, to_status, note, meeting_date, by_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [id, signal.version + 1, action, signal.status, step.next, note, meetingDate ?? null, principal.personId],
      );
      const changed = await this.byId(tx, id);
      await recordEvent(tx, signalEvent(SignalEventKind.SIGNAL_CHANGED, changed, principal, signal, action));
      return changed;
    });
  }

  private async byId(tx: EntityManager, id: string): Promise<Signal> {
    const [row] = await tx.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE s.id = $1`, [id]);
    return toSignal(row);
  }

  createLoaders() {
    const db = this.db;
    return {
      signal: new DataLoader<string, Signal | null>(async (ids) =>
        byKey(ids, (await db.query(`SELECT ${COLUMNS} FROM ${FROM} WHERE s.id = ANY($1)`, [ids])).map(toSignal), (s: Signal) => s.id),
      ),
      transitionsOfSignal: new DataLoader<string, SignalTransition[]>(async (ids) => {
        const rows = await db.query(
          `SELECT t.signal_id AS "signalId", t.version, t.action, t.from_status AS "fromStatus", t.to_status AS "toStatus", t.note,
             t.meeting_date::text AS "meetingDate", t.at, t.by_id AS "byId", p.name AS "byName"
           FROM signal_transition t LEFT JOIN person p ON p.id = t.by_id WHERE t.signal_id = ANY($1) ORDER BY t.signal_id, t.version`,
          [ids],
        );
        return groupByKey(ids, rows.map((row: object) => Object.assign(new SignalTransition(), row)), (t) => t.signalId);
      }),
      /**
       * A page of each province's signals, for `Province.signals`: keys are `{ provinceCode, status, first, after }` as
       * JSON; the provinces asked with the same filter and page are read in two statements (rows and counts), however many.
       */
      signalsOfProvince: new DataLoader<string, Page<Signal>>(async (keys) => {
        const parsed = keys.map((key) => JSON.parse(key) as { provinceCode: ProvinceCode; status: SignalStatus | null; first: number | null; after: string | null });
        const groups = new Map<string, ProvinceCode[]>();
        for (const key of parsed) {
          const group = JSON.stringify([key.status, key.first, key.after]);
          const codes = groups.get(group);
          if (codes) codes.push(key.provinceCode);
          else groups.set(group, [key.provinceCode]);
        }
        const pages = new Map<string, Page<Signal>>();
        for (const [group, codes] of groups) {
          const [status, first, after] = JSON.parse(group) as [SignalStatus | null, number | null, string | null];
          const page = pageRequest(first, after, isSignalKey);
          const rows: Sorted[] = (
            await db.query(
              `SELECT * FROM (
                 SELECT ${COLUMNS}, ${SORT_KEY}, row_number() OVER (PARTITION BY s.province_code ORDER BY s.created_at DESC, s.id DESC) AS "rowNumber"
                 FROM ${FROM} WHERE s.province_code = ANY($1) AND ($2::text IS NULL OR s.status = $2)
                   AND ($3::timestamptz IS NULL OR (s.created_at, s.id) < ($3::timestamptz, $4::uuid))
               ) ranked WHERE "rowNumber" <= $5 ORDER BY "provinceCode", "rowNumber"`,
              [codes, status, page.after?.[0] ?? null, page.after?.[1] ?? null, page.first + 1],
            )
          ).map(({ rowNumber: _, ...row }: Sorted & { rowNumber: unknown }) => toSignal(row));
          const counts: { provinceCode: string; count: number }[] = await db.query(
            `SELECT province_code AS "provinceCode", count(*)::int AS count FROM signal WHERE province_code = ANY($1) AND ($2::text IS NULL OR status = $2) GROUP BY province_code`,
            [codes, status],
          );
          for (const code of codes) {
            const count = counts.find((c) => c.provinceCode === code)?.count ?? 0;
            pages.set(JSON.stringify([code, group]), toPage(rows.filter((r) => r.provinceCode === code), page.first, keyOf, count));
          }
        }
        return parsed.map((key) => pages.get(JSON.stringify([key.provinceCode, JSON.stringify([key.status, key.first, key.after])]))!);
      }),
    };
  }
}

export type SignalLoaders = ReturnType<SignalService['createLoaders']>;

/** Checks the fields of a new signal (all) or of an edit (those given). */
function checkFields(input: SignalFields, creating: boolean): SignalFields {
  const out: SignalFields = {};
  if (creating || input.opgave != null) {
    if (!Object.values(SignalOpgave).includes(input.opgave as SignalOpgave)) throw badUserInput('unknown opgave', 'input.opgave');
    out.opgave = input.opgave;
  }
  if (input.opvangtype != null) {
    if (!Object.values(Opvangtype).includes(input.opvangtype)) throw badUserInput('unknown opvangtype', 'input.opvangtype');
    if (creating && input.opgave !== SignalOpgave.OPVANG) throw badUserInput('an opvangtype goes only with opgave OPVANG', 'input.opvangtype');
    out.opvangtype = input.opvangtype;
  } else if (!creating && input.opvangtype === null) {
    out.opvangtype = null; // an edit that sends null takes the opvangtype away; one that leaves it out keeps it
  }
  if (input.escalation != null) {
    if (!Object.values(EscalationOption).includes(input.escalation)) throw badUserInput('unknown escalation option', 'input.escalation');
    out.escalation = input.escalation;
  } else if (!creating && input.escalation === null) {
    out.escalation = null;
  }
  if (creating || input.title != null) out.title = assertText(input.title ?? '', TITLE_MAX, 'input.title', false);
  if (creating || input.description != null) out.description = assertText(input.description ?? '', TEXT_MAX, 'input.description');
  return out;
}

function signalEvent(kind: SignalEventKind, signal: Signal, principal: Principal, before: Signal | null, action: SignalAction | null) {
  const state = (s: Signal) => ({ status: s.status, version: s.version, title: s.title, source: s.source, opgave: s.opgave, escalation: s.escalation, meetingDate: s.meetingDate });
  return {
    kind,
    subjectType: SignalEventSubject.SIGNAL,
    subjectId: signal.id,
    provinceCode: signal.provinceCode,
    subjectStatus: signal.status,
    actorId: principal.personId,
    before: before && state(before),
    after: { ...state(signal), action },
  };
}
