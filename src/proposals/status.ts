import { DEFAULT_SMALL_SCALE_MAX_PLACES } from '../platform/config.js';
/**
 * The life of a location proposal. The gemeente proposes and, in the end, decides; COA explores and
 * advises, and registers the agreement that comes of a "go". The gemeente may withdraw until then. Pure.
 */
export enum ProposalStatus {
  CONCEPT = 'CONCEPT',
  INGEDIEND = 'INGEDIEND',
  IN_VERKENNING = 'IN_VERKENNING',
  POSITIEF_ADVIES = 'POSITIEF_ADVIES',
  NEGATIEF_ADVIES = 'NEGATIEF_ADVIES',
  BESLOTEN = 'BESLOTEN',
  OMGEZET = 'OMGEZET',
  INGETROKKEN = 'INGETROKKEN',
}

export enum ProposalAction {
  EDIT = 'EDIT',
  SUBMIT = 'SUBMIT',
  START_EXPLORATION = 'START_EXPLORATION',
  ADVISE_POSITIVE = 'ADVISE_POSITIVE',
  ADVISE_NEGATIVE = 'ADVISE_NEGATIVE',
  DECIDE = 'DECIDE',
  CONVERT = 'CONVERT',
  WITHDRAW = 'WITHDRAW',
}

/** Who acts: the proposing gemeente, or COA for the gemeente's uitplaatsingsregio. */
export const ACTOR: Record<ProposalAction, 'GEMEENTE' | 'COA'> = {
  EDIT: 'GEMEENTE',
  SUBMIT: 'GEMEENTE',
  START_EXPLORATION: 'COA',
  ADVISE_POSITIVE: 'COA',
  ADVISE_NEGATIVE: 'COA',
  DECIDE: 'GEMEENTE',
  CONVERT: 'COA',
  WITHDRAW: 'GEMEENTE',
};

const S = ProposalStatus;
const A = ProposalAction;
const TRANSITIONS: Record<ProposalStatus, Partial<Record<ProposalAction, ProposalStatus>>> = {
  [S.CONCEPT]: { [A.EDIT]: S.CONCEPT, [A.SUBMIT]: S.INGEDIEND, [A.WITHDRAW]: S.INGETROKKEN },
  [S.INGEDIEND]: { [A.EDIT]: S.INGEDIEND, [A.START_EXPLORATION]: S.IN_VERKENNING, [A.WITHDRAW]: S.INGETROKKEN },
  [S.IN_VERKENNING]: { [A.ADVISE_POSITIVE]: S.POSITIEF_ADVIES, [A.ADVISE_NEGATIVE]: S.NEGATIEF_ADVIES, [A.WITHDRAW]: S.INGETROKKEN },
  [S.POSITIEF_ADVIES]: { [A.DECIDE]: S.BESLOTEN, [A.WITHDRAW]: S.INGETROKKEN },
  [S.NEGATIEF_ADVIES]: { [A.DECIDE]: S.BESLOTEN, [A.WITHDRAW]: S.INGETROKKEN },
  [S.BESLOTEN]: { [A.CONVERT]: S.OMGEZET, [A.WITHDRAW]: S.INGETROKKEN },
  [S.OMGEZET]: {},
  [S.INGETROKKEN]: {},
};

export function proposalActions(status: ProposalStatus): ProposalAction[] {
  return Object.keys(TRANSITIONS[status]) as ProposalAction[];
}

export function proposalTransition(status: ProposalStatus, action: ProposalAction): { allowed: true; next: ProposalStatus } | { allowed: false; allowedActions: ProposalAction[] } {
  const next = TRANSITIONS[status][action];
  return next ? { allowed: true, next } : { allowed: false, allowedActions: proposalActions(status) };
}

/**
 * A proposal of this many places or fewer is small-scale (kleinschalige opvang) unless the configuration says
 * otherwise (SMALL_SCALE_MAX_PLACES): the default, not the Handreiking's (it gives no number), but COA's later practice.
 */
export const SMALL_SCALE_MAX_PLACES = DEFAULT_SMALL_SCALE_MAX_PLACES;
