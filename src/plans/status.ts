/**
 * The life of a provincial plan: the secretariat drafts and submits, LRT adopts or returns it with a
 * reason, and a returned plan becomes a draft again when the secretariat revises it. Pure.
 */
export enum PlanStatus {
  CONCEPT = 'CONCEPT',
  INGEDIEND = 'INGEDIEND',
  VASTGESTELD = 'VASTGESTELD',
  TERUGGESTUURD = 'TERUGGESTUURD',
}

export enum PlanAction {
  EDIT = 'EDIT',
  SUBMIT = 'SUBMIT',
  ADOPT = 'ADOPT',
  RETURN = 'RETURN',
}

const TRANSITIONS: Record<PlanStatus, Partial<Record<PlanAction, PlanStatus>>> = {
  [PlanStatus.CONCEPT]: { [PlanAction.EDIT]: PlanStatus.CONCEPT, [PlanAction.SUBMIT]: PlanStatus.INGEDIEND },
  [PlanStatus.INGEDIEND]: { [PlanAction.ADOPT]: PlanStatus.VASTGESTELD, [PlanAction.RETURN]: PlanStatus.TERUGGESTUURD },
  [PlanStatus.TERUGGESTUURD]: { [PlanAction.EDIT]: PlanStatus.CONCEPT },
  [PlanStatus.VASTGESTELD]: {},
};

export type TransitionResult = { allowed: true; next: PlanStatus } | { allowed: false; allowedActions: PlanAction[] };

export function planTransition(status: PlanStatus, action: PlanAction): TransitionResult {
  const next = TRANSITIONS[status][action];
  return next ? { allowed: true, next } : { allowed: false, allowedActions: allowedActions(status) };
}

export function allowedActions(status: PlanStatus): PlanAction[] {
  return Object.keys(TRANSITIONS[status]) as PlanAction[];
}
