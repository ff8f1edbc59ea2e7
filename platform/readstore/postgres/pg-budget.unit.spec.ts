import { ReadQueryTimeoutError } from '../read-query-timeout-error';
import { asTimeout, beginWithTimeout } from './pg-budget';

describe('PostgreSQL time budgets', () => {
  it('sets the budget as the transaction\'s statement_timeout in whole milliseconds, never 0 (no limit)', () => {
    expect(beginWithTimeout(250)).toBe('BEGIN READ ONLY; SET LOCAL statement_timeout = 250');
    expect(beginWithTimeout(0.2)).toBe('BEGIN READ ONLY; SET LOCAL statement_timeout = 1');
  });

  it('turns the cancellation of a statement (SQLSTATE 57014) into ReadQueryTimeoutError, and passes other errors through', () => {
    const canceled = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
    expect(asTimeout(canceled, 100)).toEqual(new ReadQueryTimeoutError(100));
    const other = Object.assign(new Error('relation does not exist'), { code: '42P01' });
    expect(asTimeout(other, 100)).toBe(other);
  });
});
