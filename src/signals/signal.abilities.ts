import { ability, Actions, type AbilitiesOf } from '../people/index.js';
import { signalPolicy } from './signal.policy.js';

export enum SignalAbility {
  READ_SIGNALS = 'READ_SIGNALS',
  RAISE_SIGNAL = 'RAISE_SIGNAL',
  HANDLE_SIGNALS = 'HANDLE_SIGNALS',
}
Actions.add(SignalAbility, {
  READ_SIGNALS: 'Read and comment on the signals of the provinces listed.',
  RAISE_SIGNAL: 'Raise a signal to the LRT about the provinces listed (PRT secretariat, COA of the region, LRT for the bestuurlijk aanjager).',
  HANDLE_SIGNALS: 'Put signals on the agenda of an LRT meeting and answer them (LRT).',
});

export const signalAbilities: AbilitiesOf = (principal) => [
  ...ability(SignalAbility.READ_SIGNALS, signalPolicy.readableProvinces(principal)),
  ...ability(SignalAbility.RAISE_SIGNAL, signalPolicy.raiseProvinces(principal)),
  ...(signalPolicy.isLrt(principal) ? ability(SignalAbility.HANDLE_SIGNALS, 'ALL') : []),
];
