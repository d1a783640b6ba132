import { describe, expect, it } from 'vitest';
import { toEvent, type Event } from '../src/events/event.js';
import type { EventSubjects } from '../src/events/event.policy.js';
import { eventKeys, reach, SubscriberIndex } from '../src/events/subscriber-index.js';

const subjects: EventSubjects = {
  PROVINCIAL_PLAN: { canSee: () => true },
  COA_MEMBERSHIP: { canSee: () => true, provincesInState: true },
  MEMBERSHIP: { canSee: () => true, rightsChangedOf: (event) => (event.after as { personId: string }).personId },
};

const event = (fields: Partial<Event>): Event =>
  toEvent({ id: '1', kind: 'X', subjectType: 'PROVINCIAL_PLAN', subjectId: 'plan-1', provinceCode: null, after: null, ...fields });

const visited = (index: SubscriberIndex<string>, e: Event) => [...index.concerned(eventKeys(subjects, e))].sort();

describe('the subscriber index', () => {
  it('offers an event only to the subscribers of its subject, kind of subject, provinces or person, and to national ones', () => {
    const index = new SubscriberIndex<string>();
    index.add('national', null);
    index.add('utrecht', [reach.province('UT')]);
    index.add('gelderland', [reach.province('GE')]);
    index.add('plan-1', [reach.subject('plan-1')]);
    index.add('plan-2', [reach.subject('plan-2')]);
    index.add('plans', [reach.subjectType('PROVINCIAL_PLAN')]);
    index.add('person-7 in Gelderland', [reach.province('GE'), reach.person('person-7')]);

    expect(visited(index, event({ subjectId: 'plan-1', provinceCode: 'UT' as never }))).toEqual(['national', 'plan-1', 'plans', 'utrecht']);
    expect(visited(index, event({ subjectId: 'plan-3', provinceCode: 'GE' as never }))).toEqual(['gelderland', 'national', 'person-7 in Gelderland', 'plans']);
    // A membership of a COA region names the provinces it reaches in its state.
    expect(visited(index, event({ subjectType: 'COA_MEMBERSHIP', subjectId: 'm', provinceCode: 'UT' as never, after: { provinceCodes: ['UT', 'GE'] } }))).toEqual([
      'gelderland',
      'national',
      'person-7 in Gelderland',
      'utrecht',
    ]);
    // An event about a person's own rights reaches their subscriptions wherever they are filed, once each.
    expect(visited(index, event({ subjectType: 'MEMBERSHIP', subjectId: 'm', provinceCode: 'GE' as never, after: { personId: 'person-7' } }))).toEqual([
      'gelderland',
      'national',
      'person-7 in Gelderland',
    ]);
    expect(visited(index, event({ subjectType: 'MEMBERSHIP', subjectId: 'm', provinceCode: 'ZE' as never, after: { personId: 'person-7' } }))).toEqual([
      'national',
      'person-7 in Gelderland',
    ]);
    expect(index.size).toBe(7);
    expect([...index.everyone()].sort()).toHaveLength(7);
  });

  it('forgets a subscriber that ended, and visits each once however many of its keys an event carries', () => {
    const index = new SubscriberIndex<string>();
    index.add('both', [reach.province('UT'), reach.province('GE')]);
    index.add('national', null);
    const both = event({ subjectType: 'COA_MEMBERSHIP', subjectId: 'm', provinceCode: 'UT' as never, after: { provinceCodes: ['UT', 'GE'] } });
    expect([...index.concerned(eventKeys(subjects, both))]).toEqual(['national', 'both']);
    index.delete('both');
    index.delete('national');
    index.delete('never added');
    expect([...index.concerned(eventKeys(subjects, both))]).toEqual([]);
    expect(index.size).toBe(0);
  });
});
