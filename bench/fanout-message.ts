/**
 * What a subscriber of the fan-out benchmark (fanout-clients.ts) must have been sent for its time to count: a `next`
 * of its one subscription, with data and without errors. A message of any other kind, or of another subscription, is
 * an error, and so is any message beyond the one a change makes (fanout-clients.ts counts them): the benchmark stops
 * on errors. Which change a `next` came of is not checked: one change is made at a time, and nothing may come between.
 */
import { MessageType, parseMessage } from 'graphql-ws';

/** The id of each subscriber's one subscription. */
export const SUBSCRIPTION_ID = '1';

export function isTheEvent(text: string): boolean {
  try {
    const message = parseMessage(text);
    return message.type === MessageType.Next && message.id === SUBSCRIPTION_ID && !message.payload.errors && typeof message.payload.data === 'object' && message.payload.data !== null;
  } catch {
    return false;
  }
}
