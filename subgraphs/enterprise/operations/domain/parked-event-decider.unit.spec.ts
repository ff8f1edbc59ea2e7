import { deciderSpec } from '../../../../test/support/decider-spec';
import type { DeadLetterEvent } from '../../../../schema/events';
import { parkedEventDecider, type ParkedEventCommand } from './parked-event-decider';

const spec = deciderSpec(parkedEventDecider);
const at = '2026-11-26T10:00:00.000Z';
const parked = { projection: 'tenants', position: 42, eventId: 'e-42' };
const retry: ParkedEventCommand = { type: 'RetryParkedEvent', ...parked, requestedAt: at };
const skip = (reason: string): ParkedEventCommand => ({ type: 'SkipParkedEvent', ...parked, reason, requestedAt: at });
const retryRequested: DeadLetterEvent = { type: 'ParkedEventRetryRequested', data: { ...parked, requestedAt: at } };
const skipped: DeadLetterEvent = { type: 'ParkedEventSkipped', data: { ...parked, reason: 'handler bug, data re-entered', skippedAt: at } };

describe('parked event decider', () => {
  it('requests a retry of a parked event', () => {
    spec.given([]).when(retry).then([retryRequested]);
  });

  it('requests another retry after one that did not help', () => {
    spec.given([retryRequested]).when(retry).then([retryRequested]);
  });

  it('skips a parked event with the reason trimmed', () => {
    spec.given([retryRequested]).when(skip('  handler bug, data re-entered ')).then([skipped]);
  });

  it('refuses to retry or skip again what was skipped', () => {
    spec.given([skipped]).when(retry).thenRejects('CONFLICT', /was skipped/);
    spec.given([skipped]).when(skip('again')).thenRejects('CONFLICT', /was skipped/);
  });

  it('decides on each parked event of the projection apart', () => {
    spec
      .given([skipped])
      .when({ ...retry, position: 43, eventId: 'e-43' })
      .then([{ type: 'ParkedEventRetryRequested', data: { projection: 'tenants', position: 43, eventId: 'e-43', requestedAt: at } }]);
  });

  it.each([
    ['empty', '   ', /cannot be empty/],
    ['too long', 'x'.repeat(501), /at most 500/],
    ['control characters', 'oops\u0007', /control characters/],
  ])('refuses a skip whose reason is %s', (_case, reason, message) => {
    spec.given([]).when(skip(reason)).thenRejects('BAD_USER_INPUT', message);
  });
});
