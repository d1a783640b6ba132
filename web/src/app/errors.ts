import type { CombinedError } from '@urql/core';

/** Dutch words for every error code the API sends (README, "Errors"); never a raw code. */
const MESSAGES: Record<string, string> = {
  UNAUTHENTICATED: 'U bent niet (meer) aangemeld. Meld u opnieuw aan.',
  FORBIDDEN: 'U hebt geen toegang tot deze gegevens.',
  NOT_FOUND: 'Het gevraagde bestaat niet (meer).',
  BAD_USER_INPUT: 'De invoer is niet geldig.',
  GRAPHQL_PARSE_FAILED: 'De vraag aan de server is ongeldig. Meld dit aan de beheerder.',
  GRAPHQL_VALIDATION_FAILED: 'De vraag aan de server past niet bij deze versie of is te groot. Ververs de pagina.',
  PAYLOAD_TOO_LARGE: 'Het verzoek is te groot.',
  BAD_REQUEST: 'Het verzoek is ongeldig.',
  UNSUPPORTED_MEDIA_TYPE: 'Het verzoek is ongeldig.',
  SUBSCRIPTION_TOO_SLOW: 'Er kwamen te veel wijzigingen tegelijk binnen; de gegevens worden opnieuw opgehaald.',
  CONFLICT: 'Iemand anders heeft dit intussen gewijzigd; er is niets opgeslagen. Bekijk de nieuwe versie.',
  TRANSITION_NOT_ALLOWED: 'Dit kan niet in de huidige status.',
  ROUND_CLOSED: 'De planningsronde is gesloten.',
  AGREEMENT_OVERLAP: 'Er loopt al een bestuursovereenkomst voor deze locatie in die periode.',
  AGREEMENT_ENDED: 'De bestuursovereenkomst is al beëindigd.',
  DECISION_NOT_GO: 'Het besluit van de gemeente was geen "go".',
  MEMBERSHIP_ALREADY_ACTIVE: 'Dit lidmaatschap bestaat al.',
  MEMBERSHIP_ALREADY_REVOKED: 'Dit lidmaatschap is al ingetrokken.',
  LAST_LRT_MEMBERSHIP: 'Het laatste LRT-lidmaatschap kan niet worden ingetrokken.',
  SERVICE_UNAVAILABLE: 'De database is tijdelijk niet bereikbaar; probeer het zo opnieuw.',
  OUTCOME_UNKNOWN: 'De database reageerde niet meer tijdens het opslaan; het is onbekend of de wijziging is bewaard. Bekijk de gegevens opnieuw voordat u het nog eens probeert.',
  ALREADY_CONFIRMED: 'Uw gemeente heeft deze herverdeling al bevestigd.',
  HERVERDELING_NO_LONGER_POSSIBLE: 'Deze herverdeling kan niet meer gelden: sinds het voorstel telt een andere herverdeling mee, en een gemeente zou meer overdragen dan haar taakstelling.',
  CRISISNOODOPVANG_NOT_AN_AGREEMENT: 'Crisisnoodopvang is van de gemeente, niet van het COA: de gemeente legt haar zelf vast, zonder bestuursovereenkomst.',
  RECEPTION_LOCATION_LOWERS_NO_TAAKSTELLING: 'Het huisvesten of uitbreiden van een opvanglocatie verlaagt de taakstelling niet.',
  INTERNAL_SERVER_ERROR: 'Er ging iets mis op de server.',
};

/** Dutch words for the API's argument and input field names; a field without one is left out. */
const FIELD_NAMES: Record<string, string> = {
  on: 'peildatum',
  from: 'begindatum',
  to: 'einddatum',
  until: 'einddatum',
  within: 'aantal dagen',
  provinceCode: 'provincie',
  gemeenteCode: 'gemeente',
  opvangtype: 'opvangtype',
  interval: 'interval',
  code: 'code',
  housed: 'aantal gehuisvest',
  inTussenvoorziening: 'tussenvoorziening',
  inDoorstroomwoning: 'doorstroomwoningen',
  decidedOn: 'datum van het besluit',
  reference: 'kenmerk',
  halfYear: 'halfjaar',
  parts: 'gemeenten',
  change: 'wijziging',
  expiringBefore: 'einddatum',
  'input.gemeenteCode': 'gemeente',
  'input.name': 'naam van de locatie',
  'input.address': 'adres',
  'input.opvangtype': 'opvangtype',
  'input.places': 'aantal plaatsen',
  'input.amvPlaces': 'plaatsen voor amv',
  'input.intendedStart': 'beoogde start',
  'input.intendedDurationMonths': 'beoogde duur',
  'input.description': 'beschrijving',
  'input.reason': 'toelichting',
  'input.reasoning': 'onderbouwing',
  'input.reviewerId': 'COA-contactpersoon',
  'input.proposalId': 'locatievoorstel',
  'input.agreementId': 'bestuursovereenkomst',
  'input.locationName': 'naam van de locatie',
  'input.maxPlaces': 'maximum aantal plaatsen',
  'input.otherGroupsPlaces': 'plaatsen voor andere groepen',
  'input.startDate': 'begindatum',
  'input.endDate': 'einddatum',
  'input.signedOn': 'datum van ondertekening',
  'input.newEndDate': 'nieuwe einddatum',
  'input.decidedOn': 'datum van het besluit',
  'input.endedOn': 'datum van beëindiging',
  'input.dueDate': 'uiterste datum',
  'input.source': 'bron',
  'input.personSubject': 'kenmerk van de persoon',
  'input.personName': 'naam',
  'input.personEmail': 'e-mailadres',
  'input.role': 'rol',
  'input.provinceCode': 'provincie',
  'input.uitplaatsingsregio': 'uitplaatsingsregio',
  'input.title': 'titel',
  'input.opgave': 'opgave',
  'input.escalation': 'escalatie',
  'input.answer': 'antwoord',
  'input.meetingDate': 'datum van het overleg',
  'input.signalId': 'signaal',
  'input.asOf': 'datum van de stand van zaken',
  'input.body': 'stand van zaken',
  'input.dueOn': 'datum van de mijlpaal',
  'input.doneOn': 'datum gereed',
  'input.measureId': 'maatregel',
  'input.milestoneId': 'mijlpaal',
  'input.paragraph': 'paragraaf',
  'input.trekkers': 'trekkers',
  'input.budgetEuros': 'budget',
  'input.openToGemeenten': 'open voor gemeenten',
  'input.applicationsOpenFrom': 'aanvragen vanaf',
  'input.applicationsOpenUntil': 'aanvragen tot en met',
  'input.periodFrom': 'begin van de periode',
  'input.periodUntil': 'einde van de periode',
  'input.total': 'totale opvang',
  'input.from': 'open vanaf',
  'input.until': 'open tot en met',
  'input.note': 'toelichting',
};

/** The Dutch sentence for an error code, if there is one. */
export function codeMessage(code: string): string | undefined {
  return MESSAGES[code];
}

export function errorCodes(error: CombinedError | undefined): string[] {
  if (!error) return [];
  const codes = error.graphQLErrors.map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
  const status = (error.response as Response | undefined)?.status;
  if (status === 401) codes.push('UNAUTHENTICATED');
  if (status === 503) codes.push('SERVICE_UNAVAILABLE');
  return codes;
}

/** One Dutch sentence per distinct problem, with the request id where the server gave one. */
export function describeError(error: CombinedError | Error | unknown): string[] {
  if (!error) return [];
  const combined = error as CombinedError;
  if (Array.isArray(combined.graphQLErrors)) {
    const messages = new Set<string>();
    for (const e of combined.graphQLErrors) {
      const code = String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR');
      let message = MESSAGES[code] ?? 'Er ging iets mis bij het ophalen van de gegevens.';
      const requestId = e.extensions?.requestId;
      if (code === 'INTERNAL_SERVER_ERROR' && typeof requestId === 'string') message += ` Kenmerk voor de beheerder: ${requestId}.`;
      const field = typeof e.extensions?.field === 'string' ? FIELD_NAMES[e.extensions.field] : undefined;
      if (code === 'BAD_USER_INPUT' && field) message += ` (veld: ${field})`;
      messages.add(message);
    }
    if (combined.networkError) {
      const status = (combined.response as Response | undefined)?.status;
      if (status === 401) messages.add(MESSAGES.UNAUTHENTICATED!);
      else if (status === 503) messages.add(MESSAGES.SERVICE_UNAVAILABLE!);
      else messages.add('De server is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.');
    }
    if (messages.size) return [...messages];
  }
  return ['Er ging iets mis. Probeer het opnieuw.'];
}

export function isUnauthenticated(error: CombinedError | undefined): boolean {
  return errorCodes(error).includes('UNAUTHENTICATED');
}
