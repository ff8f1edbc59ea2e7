import { GraphQLError } from 'graphql';
import { untilAborted } from './until-aborted';

/** A source that yields what it is given and otherwise waits, as a live event stream does, until its signal aborts. */
function liveSource() {
  const pending: number[] = [];
  let wake: (() => void) | undefined;
  let closed = false;
  const open = (signal: AbortSignal) => {
    signal.addEventListener('abort', () => {
      closed = true;
      wake?.();
    });
    return (async function* () {
      while (!closed) {
        if (pending.length) yield pending.shift()!;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
    })();
  };
  return {
    open,
    push: (value: number) => {
      pending.push(value);
      wake?.();
    },
    isClosed: () => closed,
  };
}

describe('untilAborted', () => {
  it('passes values through until the end signal, then throws its reason', async () => {
    const source = liveSource();
    const ended = new AbortController();
    const finished = jest.fn();
    const iterator = untilAborted(source.open, ended.signal, finished);
    source.push(1);
    expect(await iterator.next()).toEqual({ done: false, value: 1 });
    const waiting = iterator.next();
    ended.abort(new GraphQLError('revoked', { extensions: { code: 'SESSION_REVOKED' } }));
    await expect(waiting).rejects.toMatchObject({ extensions: { code: 'SESSION_REVOKED' } });
    expect(source.isClosed()).toBe(true);
    expect(finished).toHaveBeenCalledTimes(1);
  });

  it('returns at once while a next() is waiting, closing the source (the client unsubscribed)', async () => {
    const source = liveSource();
    const finished = jest.fn();
    const iterator = untilAborted(source.open, new AbortController().signal, finished);
    const waiting = iterator.next();
    await expect(iterator.return!()).resolves.toEqual({ done: true, value: undefined });
    await expect(waiting).resolves.toEqual({ done: true, value: undefined });
    expect(source.isClosed()).toBe(true);
    expect(finished).toHaveBeenCalledTimes(1);
  });

  it('delivers nothing once ended, even a value already waiting', async () => {
    const source = liveSource();
    const ended = new AbortController();
    ended.abort(new Error('expired'));
    const iterator = untilAborted(source.open, ended.signal);
    source.push(1);
    await expect(iterator.next()).rejects.toThrow('expired');
  });
});
