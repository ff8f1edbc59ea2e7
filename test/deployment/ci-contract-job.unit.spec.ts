import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../../platform/project-root';
import { CONTRACT_WAIT_MS } from '../contract/eventstore.contract';

interface Step {
  readonly name?: string;
  readonly run?: string;
}

interface ContractJob {
  readonly services: { readonly eventstore: { readonly image: string } };
  readonly steps: readonly Step[];
}

/**
 * The hosted workflow's contract job, checked as a file (it runs only on a hosted runner): the
 * EventStoreDB it starts is a released, pinned image, the suites start once that node leads, and
 * jest gives every test longer than the suites' own waits.
 */
describe("the CI workflow's contract job", () => {
  const workflow = parse(readFileSync(join(projectRoot(), '.github', 'workflows', 'ci.yml'), 'utf8')) as { jobs: { contract: ContractJob } };
  const { contract } = workflow.jobs;
  const runs = contract.steps.map((step) => step.run ?? '');
  const suites = runs.findIndex((run) => /\bnpm run test:contract\b/.test(run));

  it('starts a pinned EventStoreDB 24.10 or KurrentDB 25 image, not a floating tag', () => {
    expect(contract.services.eventstore.image).toMatch(/^(eventstore\/eventstore:24\.10\.\d+|kurrentplatform\/kurrentdb:25\.\d+\.\d+)(-[a-z0-9-]+)?$/);
  });

  it('runs the suites only once EventStoreDB reports itself leader, not merely live', () => {
    const waitsForLeader = runs.findIndex((run) => /localhost:2113\/(info|gossip)/.test(run) && /leader/i.test(run));

    expect(waitsForLeader).toBeGreaterThanOrEqual(0);
    expect(suites).toBeGreaterThan(waitsForLeader);
  });

  it("gives each test longer than the suites' own waits, several of which one test may make", () => {
    const timeout = Number(/--testTimeout[= ](\d+)/.exec(runs[suites] ?? '')?.[1]);

    expect(timeout).toBeGreaterThanOrEqual(6 * CONTRACT_WAIT_MS);
  });
});
