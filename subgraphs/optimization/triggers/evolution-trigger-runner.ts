import { randomUUID } from 'node:crypto';
import { executeCommand } from '../../../platform/commands/execute-command';
import type { ServicePrincipal } from '../../../platform/commands/service-principal';
import type { EventSubscription, RecordedEvent } from '../../../platform/eventstore/port';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import {
  EVOLUTION_TRIGGER_CATEGORY,
  MARKET_CATEGORY,
  OPTIMIZATION_RUN_CATEGORY,
  SOLVE_JOB_CATEGORY,
  type ConstraintOutcomesRecorded,
  type EvolutionTriggerDefinition,
  type MarketChangeRecorded,
} from '../../../schema/events';
import { CONSTRAINTS_COLLECTION, type ConstraintDocument } from '../../../schema/read-models/optimization';
import { evolutionTriggers } from '../domain/command-handlers';
import { evolveConstraints } from '../evolution/constraint-evolution';
import { recentOutcomesAtWeight } from '../performance/recent-outcomes';

/** What the runner does, as its permission rows (`Service.<action>`) and audit records name it. */
export const FIRE_EVOLUTION_TRIGGER = 'fireEvolutionTrigger';
export const EVOLVE_CONSTRAINTS = 'evolveConstraints';
const FOLLOWED_TYPES = ['EvolutionTriggerCreated', 'EvolutionTriggerUpdated', 'MarketChangeRecorded', 'ConstraintOutcomesRecorded'];

interface KnownTrigger {
  readonly definition: EvolutionTriggerDefinition;
  /** Log position and time of its creation: it answers only what happens after. */
  readonly createdAtPosition: number;
  readonly createdAt: string;
}

/** The constraints a firing narrows its evolutions to, when an action names none itself. */
interface FiringScope {
  readonly problemId?: string;
  readonly constraintIds?: readonly string[];
}

/**
 * Fires tenants' evolution triggers, in the process that serves the optimization subgraph (as the
 * solve-job runner runs jobs). It follows the triggers and what they answer from the start of the
 * log, so it survives restarts; each firing is an EvolutionTriggerFired keyed by the condition
 * that fired it, so a condition fires once however often it is seen (after a restart, or by two
 * replicas):
 * - PERFORMANCE_THRESHOLD: after each recorded solve, a constraint whose feasibility over its last
 *   `window` solves at its current weight is below `feasibilityBelow` (with at least `minSolves`);
 *   once per version of the constraint (key `performance:<constraint>:v<version>`), so a change
 *   of weight re-arms it, and only solves at the new weight count.
 * - TIME_BASED: every `everyMinutes` after its creation (key `time:<slot>`).
 * - MARKET_CHANGE: each recordMarketChange naming one of its factors (key `market:<change>`).
 * Triggers that fire on the same event run highest priority first; each action is an evolution
 * made by `system:evolution-trigger-runner` (proposed like anyone's under SOC2 change approval).
 */
export class EvolutionTriggerRunner {
  private readonly triggers = new Map<string, KnownTrigger>();
  private subscription?: EventSubscription;
  private following?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private headAtStart = 0;
  private stopping = false;
  /** One evaluation at a time: firings of one event finish before the next event's. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: SubgraphDependencies,
    private readonly principal: ServicePrincipal,
    /** EVOLUTION_TRIGGER_CHECK_MS. */
    private readonly timeCheckMs: number,
  ) {}

  async start(): Promise<void> {
    this.headAtStart = await this.deps.eventStore.headPosition();
    const subscription = this.deps.eventStore.subscribeToAll({
      filter: { categories: [EVOLUTION_TRIGGER_CATEGORY, MARKET_CATEGORY, OPTIMIZATION_RUN_CATEGORY, SOLVE_JOB_CATEGORY], eventTypes: FOLLOWED_TYPES },
    });
    this.subscription = subscription;
    this.following = (async () => {
      for await (const stored of subscription) this.enqueue(() => this.follow(this.deps.upcasters.upcast(stored)));
    })().catch((error: unknown) => this.deps.logger.error({ err: error }, 'evolution trigger runner stopped following the log'));
    this.timer = setInterval(() => this.enqueue(() => this.fireTimeTriggers()), this.timeCheckMs);
    this.timer.unref();
  }

  /** Takes nothing new; an evaluation already running (an evolution's shadow solves) finishes first. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.subscription?.close();
    await this.following;
    await this.queue;
  }

  private enqueue(work: () => Promise<void>): void {
    this.queue = this.queue.then(() => (this.stopping ? undefined : work())).catch((error: unknown) => this.deps.logger.error({ err: error }, 'evolution trigger evaluation failed'));
  }

  private async follow(event: RecordedEvent): Promise<void> {
    switch (event.type) {
      case 'EvolutionTriggerCreated':
      case 'EvolutionTriggerUpdated': {
        const data = event.data as EvolutionTriggerDefinition;
        const known = this.triggers.get(data.triggerId);
        const { triggerId, tenantId, triggerType, conditions, actions, priority, isActive } = data;
        this.triggers.set(triggerId, {
          definition: { triggerId, tenantId, triggerType, conditions, actions, priority, isActive },
          createdAtPosition: known?.createdAtPosition ?? event.position,
          createdAt: known?.createdAt ?? event.metadata.occurredAt,
        });
        return;
      }
      case 'MarketChangeRecorded': {
        const change = (event as unknown as MarketChangeRecorded).data;
        const named = Object.keys(change.factors);
        const answering = this.active(change.tenantId, 'MARKET_CHANGE', event.position).filter(({ definition }) => !definition.conditions.factors || definition.conditions.factors.some((factor) => named.includes(factor)));
        for (const trigger of answering) await this.fire(trigger, `market:${change.changeId}`, `Market change ${change.changeId} (${named.join(', ')}) recorded.`);
        return;
      }
      case 'ConstraintOutcomesRecorded':
        // The history before this start was answered then (or is answered now by the first new solve).
        if (event.position > this.headAtStart) await this.answerOutcomes((event as unknown as ConstraintOutcomesRecorded).data, event.position);
        return;
    }
  }

  private async answerOutcomes(outcomes: ConstraintOutcomesRecorded['data'], position: number): Promise<void> {
    const triggers = this.active(outcomes.tenantId, 'PERFORMANCE_THRESHOLD', position);
    if (triggers.length === 0 || outcomes.problemId === null) return;
    // The rows this solve added must be there before they are counted.
    await this.deps.waitForReadModels(position);
    for (const trigger of triggers) {
      const { conditions } = trigger.definition;
      if (conditions.problemId && conditions.problemId !== outcomes.problemId) continue;
      const watched = outcomes.constraints.filter((constraint) => !constraint.inline && (!conditions.constraintIds || conditions.constraintIds.includes(constraint.constraintId)));
      const breached: { id: string; version: number; rate: number; solves: number }[] = [];
      for (const { constraintId } of watched) {
        const constraint = await this.deps.readStore.collection<ConstraintDocument>(CONSTRAINTS_COLLECTION).get(constraintId);
        if (!constraint) continue;
        const atWeight = await recentOutcomesAtWeight(this.deps.readStore, constraint, conditions.window ?? 1);
        const solves = atWeight.length;
        const rate = solves > 0 ? atWeight.filter((outcome) => outcome.satisfied).length / solves : 1;
        if (solves >= (conditions.minSolves ?? 1) && rate < (conditions.feasibilityBelow ?? 0)) breached.push({ id: constraintId, version: constraint.version, rate, solves });
      }
      for (const constraint of breached) {
        const reason = `Constraint ${constraint.id} was satisfied in ${Math.round(constraint.rate * 100)}% of its last ${constraint.solves} solves, below ${Math.round((conditions.feasibilityBelow ?? 0) * 100)}%.`;
        await this.fire(trigger, `performance:${constraint.id}:v${constraint.version}`, reason, { problemId: outcomes.problemId, constraintIds: [constraint.id] });
      }
    }
  }

  private async fireTimeTriggers(): Promise<void> {
    const now = this.deps.clock().getTime();
    const due = [...this.triggers.values()].filter((trigger) => trigger.definition.isActive && trigger.definition.triggerType === 'TIME_BASED');
    for (const trigger of due.sort(byPriority)) {
      const period = timePeriod(trigger.createdAt, trigger.definition.conditions.everyMinutes ?? 0, now);
      if (period >= 1) await this.fire(trigger, `time:${period}`, `Every ${trigger.definition.conditions.everyMinutes} minutes (period ${period}).`);
    }
  }

  /** The tenant's active triggers of a type created before `position`, highest priority first. */
  private active(tenantId: string, type: EvolutionTriggerDefinition['triggerType'], position: number): KnownTrigger[] {
    return [...this.triggers.values()]
      .filter(({ definition, createdAtPosition }) => definition.tenantId === tenantId && definition.triggerType === type && definition.isActive && createdAtPosition < position)
      .sort(byPriority);
  }

  /** Records the firing (once per key), then runs its evolutions; a failed evolution is logged, the firing stays recorded. */
  private async fire(trigger: KnownTrigger, key: string, reason: string, scope: FiringScope = {}): Promise<void> {
    const { definition } = trigger;
    const actions = definition.actions.map((action) => ({ ...action, ...(!action.problemId && !action.constraintIds && scope), evolutionId: randomUUID() }));
    const caller = this.principal.caller(FIRE_EVOLUTION_TRIGGER, randomUUID(), { triggerId: definition.triggerId, key });
    const fired = await executeCommand(this.deps, caller, evolutionTriggers, { type: 'FireEvolutionTrigger', triggerId: definition.triggerId, key, reason, actions, at: this.deps.clock().toISOString() }, {
      tenantId: definition.tenantId,
      target: definition.triggerId,
      waitForReadModels: false,
    });
    if (fired.appended.length === 0) return;
    for (const action of actions) {
      try {
        await evolveConstraints(this.deps, this.principal.caller(EVOLVE_CONSTRAINTS, caller.correlationId, { triggerId: definition.triggerId, key }), {
          evolutionId: action.evolutionId,
          tenantId: definition.tenantId,
          problemId: action.problemId,
          constraintIds: action.constraintIds,
          performanceThreshold: action.performanceThreshold,
          strategy: action.evolutionStrategy,
          dryRun: action.dryRun,
        });
      } catch (error) {
        this.deps.logger.warn({ err: error, triggerId: definition.triggerId, key, evolutionId: action.evolutionId }, 'an evolution started by a trigger did not run');
      }
    }
  }
}

/**
 * The whole periods of `everyMinutes` since a TIME_BASED trigger was created (0 during the first):
 * its firing key, so each period fires once however often, or however late, the runner looks.
 * A runner that was down for several periods fires once, for the current one.
 */
export function timePeriod(createdAt: string, everyMinutes: number, now: number): number {
  const everyMs = everyMinutes * 60_000;
  return everyMs > 0 ? Math.max(0, Math.floor((now - Date.parse(createdAt)) / everyMs)) : 0;
}

function byPriority(a: KnownTrigger, b: KnownTrigger): number {
  return b.definition.priority - a.definition.priority;
}
