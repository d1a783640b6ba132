/** Dutch formats (nl-NL) and names, in one place. */
const numberFormat = new Intl.NumberFormat('nl-NL');
const percentFormat = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const signedFormat = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
const dateFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Amsterdam' });
const shortDateFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });

export const UNKNOWN = 'onbekend';

export function formatNumber(value: number | null | undefined): string {
  return value == null ? UNKNOWN : numberFormat.format(value);
}

export function formatRange(range: { min: number; max: number } | null | undefined): string {
  if (!range) return UNKNOWN;
  return range.min === range.max ? numberFormat.format(range.min) : `${numberFormat.format(range.min)}–${numberFormat.format(range.max)}`;
}

export function formatPercent(value: number | null | undefined): string {
  return value == null ? UNKNOWN : `${percentFormat.format(value)}%`;
}

export function formatPoints(value: number | null | undefined): string {
  return value == null ? UNKNOWN : `${signedFormat.format(value)} procentpunt`;
}

/** An ISO date (YYYY-MM-DD) as "1 januari 2023". */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return UNKNOWN;
  const date = new Date(`${iso.slice(0, 10)}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

export function formatShortDate(iso: string): string {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : shortDateFormat.format(date);
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return UNKNOWN;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

export const PROVINCE_CODES = ['GR', 'FR', 'DR', 'OV', 'FL', 'GE', 'UT', 'NH', 'ZH', 'ZE', 'NB', 'LI'] as const;
export type ProvinceCode = (typeof PROVINCE_CODES)[number];

export const PROVINCE_NAMES: Record<ProvinceCode, string> = {
  GR: 'Groningen',
  FR: 'Fryslân',
  DR: 'Drenthe',
  OV: 'Overijssel',
  FL: 'Flevoland',
  GE: 'Gelderland',
  UT: 'Utrecht',
  NH: 'Noord-Holland',
  ZH: 'Zuid-Holland',
  ZE: 'Zeeland',
  NB: 'Noord-Brabant',
  LI: 'Limburg',
};

export function isProvinceCode(code: string | undefined): code is ProvinceCode {
  return !!code && (PROVINCE_CODES as readonly string[]).includes(code);
}

export function provinceName(code: string): string {
  return isProvinceCode(code) ? PROVINCE_NAMES[code] : code;
}

export const OPVANGTYPE_NAMES: Record<string, string> = {
  GVL: 'GVL',
  SATELLIET: 'Satellietlocatie',
  ROL: 'ROL',
  AZC: 'AZC',
  AANMELDCENTRUM: 'Aanmeldcentrum',
  CRISISNOODOPVANG: 'Crisisnoodopvang',
  GEZINSLOCATIE: 'Gezinslocatie',
  KLEINE_WOONVOORZIENING_AMV: 'Kleine woonvoorziening amv',
  NOODOPVANG: 'Noodopvang',
  PROCESOPVANGLOCATIE: 'Procesopvanglocatie',
  VRIJHEIDSBEPERKENDE_LOCATIE: 'Vrijheidsbeperkende locatie',
};

export function opvangtypeName(code: string): string {
  return OPVANGTYPE_NAMES[code] ?? code;
}

/** A row's types: one, a combination ("GVL + Satellietlocatie"), or none (places of any type). */
export function opvangtypesLabel(codes: readonly string[]): string {
  return codes.length === 0 ? 'Elk opvangtype' : codes.map(opvangtypeName).join(' + ');
}

export const PLAN_STATUS_NAMES: Record<string, string> = {
  CONCEPT: 'Concept',
  INGEDIEND: 'Ingediend',
  VASTGESTELD: 'Vastgesteld',
  TERUGGESTUURD: 'Teruggestuurd',
};

export function planStatusName(status: string | null | undefined): string {
  return status ? (PLAN_STATUS_NAMES[status] ?? status) : 'Geen plan';
}

export const PROPOSAL_STATUS_NAMES: Record<string, string> = {
  CONCEPT: 'Concept',
  INGEDIEND: 'Ingediend',
  IN_VERKENNING: 'In verkenning',
  POSITIEF_ADVIES: 'Positief advies',
  NEGATIEF_ADVIES: 'Negatief advies',
  BESLOTEN: 'Besloten',
  OMGEZET: 'Omgezet',
  INGETROKKEN: 'Ingetrokken',
};

export const ROLE_NAMES: Record<string, string> = {
  LRT: 'Landelijke Regietafel (LRT)',
  IPO: 'Interprovinciaal Overleg (IPO)',
  PRT_SECRETARIAAT: 'Secretariaat van een regietafel',
  GEMEENTE: 'Gemeente',
  COA_REGIO: 'COA, uitplaatsingsregio',
  PARTNER: 'Landelijke partner (ministerie of VNG)',
};

/** Today in the Netherlands as YYYY-MM-DD (the server judges dates such as "signed on" by the Dutch calendar day). */
export function todayIso(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A real calendar date written as YYYY-MM-DD (2023-02-31 is not one). */
export function isIsoDate(value: string | null | undefined): value is string {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The same day a number of years earlier, clamped to the month's last day (2024-02-29 → 2021-02-28). */
export function yearsBefore(iso: string, years: number): string {
  const [year, month, day] = iso.slice(0, 10).split('-').map(Number) as [number, number, number];
  const target = year - years;
  const clamped = Math.min(day, daysInMonth(target, month));
  return `${String(target).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(clamped).padStart(2, '0')}`;
}

export function proposalStatusName(status: string | null | undefined): string {
  return status ? (PROPOSAL_STATUS_NAMES[status] ?? status) : UNKNOWN;
}

export const DECISION_NAMES: Record<string, string> = { GO: 'Go (doorgaan)', NO_GO: 'No go (niet doorgaan)' };

/** A proposal's status with the gemeente's decision beside BESLOTEN: "Besloten: go", "Besloten: no go". */
export function proposalStatusLabel(status: string | null | undefined, decision?: string | null): string {
  if (status === 'BESLOTEN' && decision) return `Besloten: ${decision === 'GO' ? 'go' : decision === 'NO_GO' ? 'no go' : decision}`;
  return proposalStatusName(status);
}

/** The reasons the server writes itself for a proposal's step are English; said in Dutch here. A reason someone typed stays as typed. */
const PROPOSAL_SERVER_REASONS: Record<string, string> = {
  Created: 'Aangemaakt',
  Edited: 'Gewijzigd',
  'Submitted to COA': 'Ingediend bij het COA',
  'Taken into verkenning by COA': 'In verkenning genomen door het COA',
  'Decided: GO': 'Besloten: go',
  'Decided: NO_GO': 'Besloten: no go',
  'Withdrawn by the gemeente': 'Ingetrokken door de gemeente',
  'Agreement registered': 'Bestuursovereenkomst geregistreerd',
};

export function proposalReasonInDutch(reason: string | null | undefined): string {
  return reason ? (PROPOSAL_SERVER_REASONS[reason] ?? reason) : '';
}

/**
 * What a step of a proposal did, from the status it led to (and the decision, for BESLOTEN); the status before, where
 * known (the API leaves it out for those who could not see it), tells an edit from a step.
 */
export function proposalStepName(from: string | null | undefined, to: string | null | undefined, decision?: string | null): string {
  if (from === to) return 'Locatievoorstel gewijzigd';
  switch (to) {
    case 'INGEDIEND':
      return 'Locatievoorstel ingediend';
    case 'IN_VERKENNING':
      return 'Locatievoorstel in verkenning genomen';
    case 'POSITIEF_ADVIES':
      return 'Positief advies van het COA';
    case 'NEGATIEF_ADVIES':
      return 'Negatief advies van het COA';
    case 'BESLOTEN':
      return decision === 'GO' ? 'Besluit gemeente: go' : decision === 'NO_GO' ? 'Besluit gemeente: no go' : 'Besluit gemeente';
    case 'OMGEZET':
      return 'Omgezet in een bestuursovereenkomst';
    case 'INGETROKKEN':
      return 'Locatievoorstel ingetrokken';
    default:
      return 'Locatievoorstel gewijzigd';
  }
}

export const AGREEMENT_STATUS_NAMES: Record<string, string> = {
  GEPLAND: 'Gepland',
  LOPEND: 'Lopend',
  VERLOPEN: 'Verlopen',
  BEEINDIGD: 'Vroegtijdig beëindigd',
};

/** How long something has waited, in whole days: "vandaag", "1 dag", "12 dagen". */
export function formatWaited(since: string, now: Date = new Date()): string {
  const days = Math.floor((now.getTime() - new Date(since).getTime()) / 86_400_000);
  if (!(days > 0)) return 'vandaag';
  return days === 1 ? '1 dag' : `${numberFormat.format(days)} dagen`;
}

/** A duration in months as people say it: "18 maanden", "10 jaar", "2 jaar en 3 maanden". */
export function formatMonths(months: number | null | undefined): string {
  if (months == null) return UNKNOWN;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  if (years === 0 || months < 24) return months === 1 ? '1 maand' : `${numberFormat.format(months)} maanden`;
  if (rest === 0) return `${numberFormat.format(years)} jaar`;
  return `${numberFormat.format(years)} jaar en ${rest === 1 ? '1 maand' : `${rest} maanden`}`;
}

export const SIGNAL_STATUS_NAMES: Record<string, string> = {
  OPEN: 'Open',
  ON_AGENDA: 'Geagendeerd',
  ANSWERED: 'Beantwoord',
  CLOSED: 'Gesloten',
};

export const SIGNAL_SOURCE_NAMES: Record<string, string> = {
  PRT: 'Provinciale regietafel',
  COA: 'COA',
  BESTUURLIJK_AANJAGER: 'Bestuurlijk aanjager',
};

export const SIGNAL_OPGAVE_NAMES: Record<string, string> = {
  HUISVESTING: 'Huisvesting',
  OPVANG: 'Opvang',
  INBURGERING: 'Inburgering',
};

export const ESCALATION_NAMES: Record<string, string> = {
  COMMERCIAL_REAL_ESTATE: 'Commercieel vastgoed',
  LOGEEREGELING: 'Logeeregeling',
  PROGRAMMA_VAN_EISEN: 'Programma van Eisen',
  OTHER: 'Anders',
};

export const SIGNAL_ACTION_NAMES: Record<string, string> = {
  EDIT: 'Gewijzigd',
  PUT_ON_AGENDA: 'Geagendeerd',
  ANSWER: 'Beantwoord',
  CLOSE: 'Gesloten',
  REOPEN: 'Heropend',
};
