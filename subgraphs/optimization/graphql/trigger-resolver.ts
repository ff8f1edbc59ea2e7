import { randomUUID } from 'node:crypto';
import { Arg, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import { loadState } from '../../../platform/commands/command-handler';
import { executeCommand, recordFacts } from '../../../platform/commands/execute-command';
import { badUserInput, notFound } from '../../../platform/errors';
import { requireTenantAccess, requireVisibleItem, type SubgraphContext } from '../../../platform/graphql/subgraph-context';
import { callerOf, type SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { eventSchemaVersion, evolutionTriggerStreamId, marketStreamId, type MarketChangeRecorded } from '../../../schema/events';
import { EVOLUTION_TRIGGERS_COLLECTION, type EvolutionTriggerDocument } from '../../../schema/read-models/evolution-triggers';
import { JSONScalar } from '../../../schema/graphql/scalars';
import { evolutionTriggers } from '../domain/command-handlers';
import { evolutionTriggerDecider, type TriggerChanges } from '../domain/evolution-trigger-decider';
import { triggerActions, triggerConditions } from '../triggers/trigger-definition';
import { CreateEvolutionTriggerInput, EvolutionTrigger, EvolutionTriggerType, MarketChange, UpdateEvolutionTriggerInput } from './trigger-types';

const MAX_TRIGGERS = 1000;
const MAX_FACTORS = 100;

@Resolver()
export class TriggerResolver {
  constructor(private readonly deps: SubgraphDependencies) {}

  @Mutation(() => EvolutionTrigger, { description: "Defines when the tenant's constraints evolve by themselves; each firing is recorded (EvolutionTriggerFired) and runs its actions." })
  async createEvolutionTrigger(@Arg('input', () => CreateEvolutionTriggerInput) input: CreateEvolutionTriggerInput, @Ctx() context: SubgraphContext): Promise<EvolutionTrigger> {
    requireTenantAccess(context, input.tenantId);
    const triggerId = randomUUID();
    const caller = callerOf(context);
    const definition = {
      triggerId,
      tenantId: input.tenantId,
      triggerType: input.triggerType,
      conditions: triggerConditions(input.triggerType, input.conditions),
      actions: triggerActions(input.actions),
      priority: input.priority,
      isActive: input.isActive,
    };
    await executeCommand(this.deps, caller, evolutionTriggers, { type: 'CreateEvolutionTrigger', definition, by: caller.actor, at: this.deps.clock().toISOString() }, { tenantId: input.tenantId, target: triggerId });
    return this.read(triggerId);
  }

  @Mutation(() => EvolutionTrigger, { description: 'Changes what is given (conditions, actions, priority, isActive) and keeps the rest.' })
  async updateEvolutionTrigger(
    @Arg('triggerId', () => ID) triggerId: string,
    @Arg('input', () => UpdateEvolutionTriggerInput) input: UpdateEvolutionTriggerInput,
    @Ctx() context: SubgraphContext,
  ): Promise<EvolutionTrigger> {
    const state = await loadState(this.deps, evolutionTriggerDecider, evolutionTriggerStreamId(triggerId));
    if (state.status === 'absent') throw notFound('Evolution trigger', triggerId);
    const { tenantId, triggerType } = state.definition;
    requireVisibleItem(context, tenantId, () => notFound('Evolution trigger', triggerId));
    const changes: TriggerChanges = {
      ...(input.conditions != null && { conditions: triggerConditions(triggerType, input.conditions) }),
      ...(input.actions != null && { actions: triggerActions(input.actions) }),
      ...(input.priority != null && { priority: input.priority }),
      ...(input.isActive != null && { isActive: input.isActive }),
    };
    if (Object.keys(changes).length === 0) throw badUserInput('Give at least one of conditions, actions, priority or isActive.', 'input');
    const caller = callerOf(context);
    await executeCommand(this.deps, caller, evolutionTriggers, { type: 'UpdateEvolutionTrigger', triggerId, tenantId, changes, by: caller.actor, at: this.deps.clock().toISOString() }, { tenantId, target: triggerId });
    return this.read(triggerId);
  }

  @Query(() => [EvolutionTrigger], { description: "A tenant's evolution triggers, oldest first, with how often and when each last fired." })
  async evolutionTriggers(@Arg('tenantId', () => ID) tenantId: string, @Ctx() context: SubgraphContext): Promise<EvolutionTrigger[]> {
    requireTenantAccess(context, tenantId);
    const page = await this.collection().find({ where: { tenantId }, sort: [{ field: 'createdAt', direction: 'asc' }], first: MAX_TRIGGERS });
    return page.items.map(toTrigger);
  }

  @Mutation(() => MarketChange, { description: "Records a change in the tenant's market (prices, demand, …) as named factors; MARKET_CHANGE triggers answer it." })
  async recordMarketChange(@Arg('tenantId', () => ID) tenantId: string, @Arg('factors', () => JSONScalar) factors: unknown, @Ctx() context: SubgraphContext): Promise<MarketChange> {
    requireTenantAccess(context, tenantId);
    if (factors === null || typeof factors !== 'object' || Array.isArray(factors) || Object.keys(factors).length === 0 || Object.keys(factors).length > MAX_FACTORS) {
      throw badUserInput(`factors is a JSON object of 1 to ${MAX_FACTORS} named factors, e.g. {"steelPrice": 1.12}.`, 'factors');
    }
    const change: MarketChangeRecorded['data'] = { changeId: randomUUID(), tenantId, factors: factors as Record<string, unknown>, recordedAt: this.deps.clock().toISOString() };
    const facts = { streamId: marketStreamId(tenantId), events: [{ type: 'MarketChangeRecorded', data: change }], expectedRevision: 'any' as const, versionOf: eventSchemaVersion };
    const position = await recordFacts(this.deps, callerOf(context), facts, { tenantId, target: change.changeId });
    await this.deps.waitForReadModels(position);
    return change;
  }

  private async read(triggerId: string): Promise<EvolutionTrigger> {
    const document = await this.collection().get(triggerId);
    if (!document) throw notFound('Evolution trigger', triggerId);
    return toTrigger(document);
  }

  private collection() {
    return this.deps.readStore.collection<EvolutionTriggerDocument>(EVOLUTION_TRIGGERS_COLLECTION);
  }
}

function toTrigger(document: EvolutionTriggerDocument): EvolutionTrigger {
  return { ...document, triggerId: document.id, triggerType: document.triggerType as EvolutionTriggerType, lastFiredAt: document.lastFiredAt ?? null, lastFiredReason: document.lastFiredReason ?? null };
}
