import { formatDate, formatNumber, opvangtypeName, PLAN_STATUS_NAMES, proposalReasonInDutch, proposalStatusLabel, proposalStepName, provinceName, ROLE_NAMES, SIGNAL_ACTION_NAMES, SIGNAL_STATUS_NAMES } from '../app/format';
import type { ActivityEvent } from './queries';

/**
 * A window event a component sends after it changed a subject itself (detail: the subject's id), so that the audit
 * trail on the same page reads it again.
 */
export const SUBJECT_CHANGED = 'regietafel:subject-changed';

export function announceSubjectChanged(subjectId: string): void {
  window.dispatchEvent(new CustomEvent(SUBJECT_CHANGED, { detail: subjectId }));
}

/** What happened, in Dutch, for every kind of event the API records. */
export const EVENT_KIND_NAMES: Record<string, string> = {
  PLAN_CREATED: 'Plan aangemaakt',
  PLAN_EDITED: 'Plan gewijzigd',
  PLAN_SUBMITTED: 'Plan ingediend',
  PLAN_ADOPTED: 'Plan vastgesteld',
  PLAN_RETURNED: 'Plan teruggestuurd',
  OPGAVE_SET: 'Opgave vastgesteld',
  PROPOSAL_CREATED: 'Locatievoorstel aangemaakt',
  PROPOSAL_CHANGED: 'Locatievoorstel gewijzigd',
  AGREEMENT_REGISTERED: 'Bestuursovereenkomst geregistreerd',
  AGREEMENT_EXTENDED: 'Bestuursovereenkomst verlengd',
  AGREEMENT_ENDED: 'Bestuursovereenkomst beëindigd',
  COMMENT_ADDED: 'Reactie geplaatst',
  COMMENT_EDITED: 'Reactie bewerkt',
  COMMENT_RESOLVED: 'Reactie opgelost of heropend',
  MEMBERSHIP_GRANTED: 'Rol toegekend',
  MEMBERSHIP_REVOKED: 'Rol ingetrokken',
  SIGNAL_RAISED: 'Signaal ingediend',
  SIGNAL_CHANGED: 'Signaal gewijzigd',
  NATIONAL_TAAKSTELLING_SET: 'Landelijke taakstelling vastgesteld',
  REALISATION_RECORDED: 'Huisvesting vergunninghouders bijgewerkt',
  HERVERDELING_PROPOSED: 'Herverdeling voorgesteld',
  HERVERDELING_CONFIRMED: 'Herverdeling bevestigd',
  KOPPELINGEN_RECORDED: 'Koppelingen vastgelegd',
  POPULATION_IMPORTED: 'Inwonertallen (CBS) ingelezen',
  SHORT_TERM_TARGET_REVISED: 'Doel korte termijn herzien',
  CRISISNOODOPVANG_RECORDED: 'Crisisnoodopvang vastgelegd',
  CRISISNOODOPVANG_CHANGED: 'Crisisnoodopvang gewijzigd',
};

export const SUBJECT_TYPE_NAMES: Record<string, string> = {
  PROVINCIAL_PLAN: 'Provinciaal plan',
  OPGAVE: 'Opgave',
  LOCATION_PROPOSAL: 'Locatievoorstel',
  AGREEMENT: 'Bestuursovereenkomst',
  MEMBERSHIP: 'Lidmaatschap',
  SIGNAL: 'Signaal',
  NATIONAL_TAAKSTELLING: 'Landelijke taakstelling',
  HUISVESTING_REALISATION: 'Huisvesting vergunninghouders',
  HERVERDELING: 'Herverdeling',
  KOPPELING: 'Koppelingen',
  CRISISNOODOPVANG: 'Crisisnoodopvang',
};

const AGREEMENT_STATUS_NAMES: Record<string, string> = { GEPLAND: 'Gepland', LOPEND: 'Lopend', VERLOPEN: 'Verlopen', BEEINDIGD: 'Beëindigd' };

export function eventKindName(event: Pick<ActivityEvent, 'kind' | 'after'> & { before?: ActivityEvent['before'] }): string {
  if (event.kind === 'PROPOSAL_CHANGED') {
    // Every step of a proposal is one kind of event: which step it was follows from its status before and after.
    const before = (event.before ?? null) as { status?: string } | null;
    const after = (event.after ?? {}) as { status?: string; decision?: string | null };
    if (before?.status || after.status) return proposalStepName(before?.status ?? null, after.status, after.decision);
  }
  if (event.kind === 'SIGNAL_CHANGED') {
    const action = (event.after as { action?: string } | null)?.action;
    if (action && SIGNAL_ACTION_NAMES[action]) return `Signaal ${SIGNAL_ACTION_NAMES[action].toLowerCase()}`;
  }
  if (event.kind === 'COMMENT_RESOLVED') return (event.after as { resolved?: boolean } | null)?.resolved === false ? 'Reactie heropend' : 'Reactie opgelost';
  return EVENT_KIND_NAMES[event.kind] ?? event.kind;
}

/** The subject's status after the change, in Dutch (empty where the API gives none that means something to people). */
export function subjectStatusName(event: Pick<ActivityEvent, 'subjectType' | 'subjectStatus'> & { after?: ActivityEvent['after'] }): string {
  const status = event.subjectStatus;
  if (!status) return '';
  switch (event.subjectType) {
    case 'PROVINCIAL_PLAN':
      return PLAN_STATUS_NAMES[status] ?? status;
    case 'LOCATION_PROPOSAL':
      return proposalStatusLabel(status, ((event.after ?? null) as { decision?: string | null } | null)?.decision);
    case 'AGREEMENT':
      return AGREEMENT_STATUS_NAMES[status] ?? '';
    case 'MEMBERSHIP':
      return status === 'ACTIVE' ? 'Actief' : 'Ingetrokken';
    case 'SIGNAL':
      return SIGNAL_STATUS_NAMES[status] ?? status;
    default:
      return '';
  }
}

/** Where the subject's page is, if it has one (these paths are the application's routes). */
export function subjectPath(event: Pick<ActivityEvent, 'subjectType' | 'subjectId' | 'provinceCode'>): string | null {
  switch (event.subjectType) {
    case 'PROVINCIAL_PLAN':
      return `/plannen/${event.subjectId}`;
    case 'LOCATION_PROPOSAL':
      return `/voorstellen/${event.subjectId}`;
    case 'AGREEMENT':
      return `/overeenkomsten/${event.subjectId}`;
    case 'OPGAVE':
      return event.provinceCode ? `/provincie/${event.provinceCode}` : null;
    case 'SIGNAL':
      return `/signalen/${event.subjectId}`;
    default:
      return null;
  }
}

/** The subject's name as the event records it (plan title, proposal or location name), or what kind of thing it is. */
export function subjectLabel(event: Pick<ActivityEvent, 'subjectType' | 'after' | 'before' | 'provinceCode'>): string {
  const state = (event.after ?? event.before ?? {}) as Record<string, unknown>;
  const kind = SUBJECT_TYPE_NAMES[event.subjectType] ?? event.subjectType;
  const name = [state.title, state.name, state.locationName].find((value) => typeof value === 'string' && value) as string | undefined;
  if (name) return `${kind} “${name}”`;
  if (event.subjectType === 'OPGAVE' && event.provinceCode) return `Opgave ${provinceName(event.provinceCode)}`;
  if (event.subjectType === 'MEMBERSHIP' && typeof state.role === 'string') return `Lidmaatschap: ${ROLE_NAMES[state.role] ?? state.role}`;
  return kind;
}

/** A short description of the change, as plain text (never markup): what changed, where the event says so. */
export function eventDetail(event: Pick<ActivityEvent, 'kind' | 'after' | 'before'>): string {
  const after = (event.after ?? {}) as Record<string, unknown>;
  const before = (event.before ?? {}) as Record<string, unknown>;
  switch (event.kind) {
    case 'COMMENT_ADDED':
    case 'COMMENT_EDITED': {
      const body = typeof after.body === 'string' ? after.body.replace(/\s+/g, ' ').trim() : '';
      return body.length > 120 ? `${body.slice(0, 119)}…` : body;
    }
    case 'PROPOSAL_CREATED':
    case 'PROPOSAL_CHANGED': {
      // The step's reason (the advice's reasoning, the decision's explanation), in Dutch where the server wrote it.
      const written = typeof after.reason === 'string' && after.reason !== 'Created' && after.reason !== 'Edited' ? after.reason : null;
      const reason = proposalReasonInDutch(written).replace(/\s+/g, ' ').trim();
      return reason.length > 120 ? `${reason.slice(0, 119)}…` : reason;
    }
    case 'OPGAVE_SET': {
      const type = typeof after.opvangtype === 'string' ? opvangtypeName(after.opvangtype) : 'elk opvangtype';
      return `${formatNumber(after.places as number)} plaatsen ${type} op ${formatDate(after.dueDate as string)}`;
    }
    case 'AGREEMENT_EXTENDED':
      return `Einddatum ${formatDate(before.endDate as string)} → ${formatDate(after.endDate as string)}`;
    case 'PLAN_EDITED':
    case 'PLAN_SUBMITTED':
    case 'PLAN_ADOPTED':
    case 'PLAN_RETURNED':
      return typeof after.version === 'number' ? `Versie ${formatNumber(after.version)}` : '';
    default:
      return '';
  }
}
