/**
 * The life of a signal (Integrale Handreiking 8.2.1: the PRTs raise bottlenecks to the LRT). Raised OPEN; the LRT puts
 * it on the agenda of a dated meeting (ON_AGENDA; again to move it to another meeting) and answers it (ANSWERED). The
 * raising party closes it, or reopens it when the answer does not suffice (back to OPEN, the answer kept in the
 * history); the LRT may close it too. CLOSED is final. Pure.
 */
export enum SignalStatus {
  OPEN = 'OPEN',
  ON_AGENDA = 'ON_AGENDA',
  ANSWERED = 'ANSWERED',
  CLOSED = 'CLOSED',
}

export enum SignalAction {
  EDIT = 'EDIT',
  PUT_ON_AGENDA = 'PUT_ON_AGENDA',
  ANSWER = 'ANSWER',
  CLOSE = 'CLOSE',
  REOPEN = 'REOPEN',
}

/** Who raised it: the province's regietafel (its secretariat), COA for a province of its region, or the bestuurlijk aanjager. */
export enum SignalSource {
  PRT = 'PRT',
  COA = 'COA',
  BESTUURLIJK_AANJAGER = 'BESTUURLIJK_AANJAGER',
}

/** The opgave a signal is about, in the Handreiking's order. */
export enum SignalOpgave {
  HUISVESTING = 'HUISVESTING',
  OPVANG = 'OPVANG',
  INBURGERING = 'INBURGERING',
}

/** The escalation options of Handreiking 5.2.2, and anything else. */
export enum EscalationOption {
  COMMERCIAL_REAL_ESTATE = 'COMMERCIAL_REAL_ESTATE',
  LOGEEREGELING = 'LOGEEREGELING',
  PROGRAMMA_VAN_EISEN = 'PROGRAMMA_VAN_EISEN',
  OTHER = 'OTHER',
}

/** Who acts: the raising party (for its province), the LRT, or either. */
export const ACTOR: Record<SignalAction, 'RAISER' | 'LRT' | 'RAISER_OR_LRT'> = {
  EDIT: 'RAISER',
  PUT_ON_AGENDA: 'LRT',
  ANSWER: 'LRT',
  CLOSE: 'RAISER_OR_LRT',
  REOPEN: 'RAISER',
};

const S = SignalStatus;
const A = SignalAction;
const TRANSITIONS: Record<SignalStatus, Partial<Record<SignalAction, SignalStatus>>> = {
  [S.OPEN]: { [A.EDIT]: S.OPEN, [A.PUT_ON_AGENDA]: S.ON_AGENDA, [A.CLOSE]: S.CLOSED },
  [S.ON_AGENDA]: { [A.PUT_ON_AGENDA]: S.ON_AGENDA, [A.ANSWER]: S.ANSWERED, [A.CLOSE]: S.CLOSED },
  [S.ANSWERED]: { [A.REOPEN]: S.OPEN, [A.CLOSE]: S.CLOSED },
  [S.CLOSED]: {},
};

export function signalActions(status: SignalStatus): SignalAction[] {
  return Object.keys(TRANSITIONS[status]) as SignalAction[];
}

export function signalTransition(status: SignalStatus, action: SignalAction): { allowed: true; next: SignalStatus } | { allowed: false; allowedActions: SignalAction[] } {
  const next = TRANSITIONS[status][action];
  return next ? { allowed: true, next } : { allowed: false, allowedActions: signalActions(status) };
}
