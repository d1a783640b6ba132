import { graphql, type ResultOf } from '../app/graphql';

/** Signals one may read, newest first, 100 a page, with the filters of the national page. */
export const SignalsQuery = graphql(`
  query Signals($status: SignalStatus, $provinceCode: ProvinceCode) {
    signals(status: $status, provinceCode: $provinceCode, first: 100) {
      totalCount
      pageInfo { hasNextPage }
      edges { node { id title status source opgave opvangtype escalation meetingDate createdAt provinceCode commentsCount province { code name } } }
    }
  }
`);

export type SignalRow = ResultOf<typeof SignalsQuery>['signals']['edges'][number]['node'];

/** The LRT's agenda: signals on the agenda of a meeting, by meeting date. */
export const AgendaQuery = graphql(`
  query SignalAgenda {
    signalAgenda { date signals { id title opgave escalation province { code name } } }
  }
`);

/** One province's signals. */
export const ProvinceSignalsQuery = graphql(`
  query ProvinceSignals($code: ProvinceCode!, $status: SignalStatus) {
    province(code: $code) {
      code name
      signals(status: $status, first: 100) {
        totalCount
        pageInfo { hasNextPage }
        edges { node { id title status source opgave opvangtype escalation meetingDate createdAt provinceCode commentsCount province { code name } } }
      }
    }
  }
`);

export const SignalQuery = graphql(`
  query Signal($id: ID!) {
    signal(id: $id) {
      id title description status source opgave opvangtype escalation meetingDate answer answeredAt version createdAt updatedAt provinceCode viewerActions
      province { code name }
      raisedBy { id name }
      answeredBy { id name }
      transitions { version action fromStatus toStatus note meetingDate at by { id name } }
    }
  }
`);

export type Signal = NonNullable<ResultOf<typeof SignalQuery>['signal']>;

export const SignalChanged = graphql(`
  subscription SignalChanged($provinceCode: ProvinceCode, $id: ID) {
    signalChanged(provinceCode: $provinceCode, id: $id) { id version status updatedAt transitions { version by { id name } } }
  }
`);

export const RaiseSignal = graphql(`
  mutation RaiseSignal($input: RaiseSignalInput!) {
    raiseSignal(input: $input) { id version status }
  }
`);

export const UpdateSignal = graphql(`
  mutation UpdateSignal($input: UpdateSignalInput!) {
    updateSignal(input: $input) { id version status title opgave opvangtype escalation description }
  }
`);

export const PutSignalOnAgenda = graphql(`
  mutation PutSignalOnAgenda($input: PutSignalOnAgendaInput!) {
    putSignalOnAgenda(input: $input) { id version status meetingDate }
  }
`);

export const AnswerSignal = graphql(`
  mutation AnswerSignal($input: AnswerSignalInput!) {
    answerSignal(input: $input) { id version status answer }
  }
`);

export const CloseSignal = graphql(`
  mutation CloseSignal($input: CloseSignalInput!) {
    closeSignal(input: $input) { id version status }
  }
`);

export const ReopenSignal = graphql(`
  mutation ReopenSignal($input: ReopenSignalInput!) {
    reopenSignal(input: $input) { id version status }
  }
`);
