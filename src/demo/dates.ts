import type { DataSource } from 'typeorm';

/**
 * The demo tells a story of 2020–2023, but it is loaded today through the services, which stamp every record with the
 * moment of loading. A record the story dates in the past (an opgave the LRT set on 15 December 2020, a plan adopted in
 * May 2021, an extension decided in 2020) then said it was set, adopted or recorded today. These give such a record the
 * moment of its own story instead. The events stay recorded when the demo is loaded, so that every activity feed keeps
 * the order in which things were recorded (see signals.ts).
 */

/** A moment of the story, in Dutch time, as PostgreSQL reads a timestamptz: `2020-12-15 12:00 Europe/Amsterdam`. */
export function storyMoment(date: string, time = '12:00'): string {
  return `${date} ${time} Europe/Amsterdam`;
}

/** The opgave (and its first figure in the history) as set by the LRT at `moment`. */
export async function dateOpgave(db: DataSource, opgaveId: string, moment: string): Promise<void> {
  await db.query('UPDATE opgave SET set_at = $2 WHERE id = $1', [opgaveId, moment]);
  await db.query('UPDATE opgave_history SET set_at = $2 WHERE opgave_id = $1', [opgaveId, moment]);
}

/** A plan whose versions 1, 2, … were made at `moments` (in order): its revisions, when it was created and last changed. */
export async function datePlan(db: DataSource, planId: string, moments: string[]): Promise<void> {
  for (const [index, moment] of moments.entries()) {
    await db.query('UPDATE plan_revision SET created_at = $3 WHERE plan_id = $1 AND version = $2', [planId, index + 1, moment]);
  }
  await db.query('UPDATE provincial_plan SET created_at = $2, updated_at = $3 WHERE id = $1', [planId, moments[0], moments.at(-1)]);
}

/** An agreement's extension (by its number) as recorded on the day it was decided. */
export async function dateExtension(db: DataSource, agreementId: string, seq: number, moment: string): Promise<void> {
  await db.query('UPDATE agreement_extension SET recorded_at = $3 WHERE agreement_id = $1 AND seq = $2', [agreementId, seq, moment]);
  await db.query('UPDATE agreement SET updated_at = $2 WHERE id = $1', [agreementId, moment]);
}

/** A gemeente's crisisnoodopvang as recorded at `moment`. */
export async function dateCrisisnoodopvang(db: DataSource, id: string, moment: string): Promise<void> {
  await db.query('UPDATE crisisnoodopvang SET recorded_at = $2, updated_at = $2 WHERE id = $1', [id, moment]);
}
