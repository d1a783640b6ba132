import { describe, expect, it } from 'vitest';
import { isTheEvent, SUBSCRIPTION_ID } from '../bench/fanout-message.js';

/**
 * The fan-out benchmark (bench/fanout.ts) times a subscriber's first message after a change and checks afterwards that it
 * was the event: anything else is an error (and so is a second message, counted in bench/fanout-clients.ts).
 */
describe('the fan-out benchmark counts only a next of the subscription, with data, as the event', () => {
  const next = (payload: object, id = SUBSCRIPTION_ID) => JSON.stringify({ id, type: 'next', payload });

  it('accepts a next of the subscription with data', () => {
    expect(isTheEvent(next({ data: { planChanged: { id: 'p', version: 3 } } }))).toBe(true);
  });

  it('refuses errors, another subscription, other messages and what is not a message', () => {
    expect(isTheEvent(next({ data: null, errors: [{ message: 'FORBIDDEN' }] }))).toBe(false);
    expect(isTheEvent(next({ data: { planChanged: null }, errors: [{ message: 'Internal server error' }] }))).toBe(false);
    expect(isTheEvent(next({ data: { planChanged: { id: 'p' } } }, '2'))).toBe(false);
    expect(isTheEvent(next({}))).toBe(false);
    expect(isTheEvent(next({ data: null }))).toBe(false);
    expect(isTheEvent(JSON.stringify({ id: SUBSCRIPTION_ID, type: 'error', payload: [{ message: 'Cannot query field "nope"' }] }))).toBe(false);
    expect(isTheEvent(JSON.stringify({ id: SUBSCRIPTION_ID, type: 'complete' }))).toBe(false);
    expect(isTheEvent(JSON.stringify({ type: 'ping' }))).toBe(false);
    expect(isTheEvent('not json')).toBe(false);
  });
});
