import { join } from 'node:path';
import { createLogger } from '../platform/logging';
import { eventually } from '../test/support/eventually';
import { SupervisedProcess } from './supervised-process';

const FIXTURE = join(__dirname, '..', 'test', 'support', 'fixtures', 'ready-reporting-server.js');

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('a supervised child process', () => {
  let supervised: SupervisedProcess;

  beforeEach(() => {
    supervised = new SupervisedProcess({
      name: 'fixture',
      script: FIXTURE,
      logger: createLogger('test', 'silent'),
      env: (previousUrl) => ({ ...process.env, SUBGRAPH_PORT: previousUrl ? new URL(previousUrl).port : '0' }),
    });
  });

  afterEach(() => supervised.stop());

  it('resolves with the URL the child reports once it serves', async () => {
    // when it starts
    const url = await supervised.start();

    // then the URL answers, served by the child
    expect(await (await fetch(url)).text()).toBe(String(supervised.pid));
  });

  it('is restarted on the same port when it dies', async () => {
    // given a running child
    const url = await supervised.start();
    const firstPid = supervised.pid!;

    // when it is killed
    process.kill(firstPid, 'SIGKILL');

    // then another child serves the same URL
    await eventually(async () => {
      const servedBy = await (await fetch(url)).text();
      expect(servedBy).not.toBe(String(firstPid));
      expect(servedBy).toBe(String(supervised.pid));
    });
  });

  it('stops the child on stop, and does not restart it', async () => {
    // given a running child
    await supervised.start();
    const pid = supervised.pid!;

    // when it is stopped
    await supervised.stop();

    // then it is gone, and stays gone
    expect(isRunning(pid)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(supervised.pid === pid || supervised.pid === undefined).toBe(true);
  });

  it('fails to start when the child exits before it is ready', async () => {
    // given a script that exits at once
    const failing = new SupervisedProcess({ name: 'failing', script: FIXTURE, args: [], logger: createLogger('test', 'silent'), env: () => ({ ...process.env, EXIT_AT_ONCE: '1' }) });

    // then starting it fails, naming it
    await expect(failing.start()).rejects.toThrow(/failing exited/);
    await failing.stop();
  });
});
