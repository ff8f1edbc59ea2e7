import { MongoServerError } from 'mongodb';
import { ReadQueryTimeoutError } from '../read-query-timeout-error';
import { maxTimeOption, withinBudget } from './mongo-timeout';

describe('MongoDB time budgets', () => {
  it('passes the budget as whole milliseconds, never 0 (which the server reads as no limit)', () => {
    expect(maxTimeOption(undefined)).toEqual({});
    expect(maxTimeOption(250)).toEqual({ maxTimeMS: 250 });
    expect(maxTimeOption(0.2)).toEqual({ maxTimeMS: 1 });
  });

  it('turns the server\'s MaxTimeMSExpired (code 50) into ReadQueryTimeoutError', async () => {
    const expired = new MongoServerError({ message: 'operation exceeded time limit', code: 50, codeName: 'MaxTimeMSExpired' });
    const timedOut = withinBudget(100, () => Promise.reject(expired));
    await expect(timedOut).rejects.toBeInstanceOf(ReadQueryTimeoutError);
    await expect(timedOut).rejects.toMatchObject({ maxTimeMs: 100 });
  });

  it('passes any other error and every answer through', async () => {
    const other = new MongoServerError({ message: 'text index required', code: 27 });
    await expect(withinBudget(100, () => Promise.reject(other))).rejects.toBe(other);
    await expect(withinBudget(100, async () => 7)).resolves.toBe(7);
  });
});
