import type { DomainEvent } from '../../platform/commands/decider';

/**
 * Events of `evolutiontrigger-<id>` streams (the seed's EvolutionTrigger: when to evolve a
 * tenant's constraints by itself) and of `market-<tenantId>` (the market changes tenants record,
 * which MARKET_CHANGE triggers answer). Owned by the optimization subgraph.
 */
export const EVOLUTION_TRIGGER_CATEGORY = 'evolutiontrigger';
export const MARKET_CATEGORY = 'market';
export const evolutionTriggerStreamId = (triggerId: string): string => `${EVOLUTION_TRIGGER_CATEGORY}-${triggerId}`;
export const marketStreamId = (tenantId: string): string => `${MARKET_CATEGORY}-${tenantId}`;

export type EvolutionTriggerType = 'PERFORMANCE_THRESHOLD' | 'TIME_BASED' | 'MARKET_CHANGE';

/** When a trigger fires; which fields apply depends on its type (subgraphs/optimization/triggers/trigger-definition.ts). */
export interface TriggerConditions {
  /** PERFORMANCE_THRESHOLD: fires when a constraint's feasibility rate over its last `window` solves falls below this. */
  readonly feasibilityBelow?: number;
  readonly minSolves?: number;
  readonly window?: number;
  /** PERFORMANCE_THRESHOLD: only these constraints, or this problem's; all of the tenant's when absent. */
  readonly problemId?: string;
  readonly constraintIds?: readonly string[];
  /** TIME_BASED: fires every this many minutes after the trigger was created. */
  readonly everyMinutes?: number;
  /** MARKET_CHANGE: fires when a recorded change names one of these factors; any change when absent. */
  readonly factors?: readonly string[];
}

/** What a firing does: today one action, an evolution (the seed's EvolutionAction). */
export interface EvolutionAction {
  readonly type: 'EVOLVE_CONSTRAINTS';
  readonly problemId?: string;
  readonly constraintIds?: readonly string[];
  readonly evolutionStrategy: 'CONSERVATIVE' | 'BALANCED' | 'AGGRESSIVE';
  readonly performanceThreshold: number;
  readonly dryRun: boolean;
}

export interface EvolutionTriggerDefinition {
  readonly triggerId: string;
  readonly tenantId: string;
  readonly triggerType: EvolutionTriggerType;
  readonly conditions: TriggerConditions;
  readonly actions: readonly EvolutionAction[];
  readonly priority: number;
  readonly isActive: boolean;
}

export type EvolutionTriggerCreated = DomainEvent<'EvolutionTriggerCreated', EvolutionTriggerDefinition & { readonly createdBy: string; readonly createdAt: string }>;
export type EvolutionTriggerUpdated = DomainEvent<'EvolutionTriggerUpdated', EvolutionTriggerDefinition & { readonly updatedBy: string; readonly updatedAt: string }>;
/**
 * A trigger fired, once per `key` (the condition that fired it: a constraint's weight version, a
 * time slot, a market change), with the actions it takes and the evolution they started.
 */
export type EvolutionTriggerFired = DomainEvent<
  'EvolutionTriggerFired',
  {
    readonly triggerId: string;
    readonly tenantId: string;
    readonly key: string;
    readonly reason: string;
    readonly actions: readonly (EvolutionAction & { readonly evolutionId: string })[];
    readonly firedAt: string;
  }
>;
export type EvolutionTriggerEvent = EvolutionTriggerCreated | EvolutionTriggerUpdated | EvolutionTriggerFired;

export type MarketChangeRecorded = DomainEvent<
  'MarketChangeRecorded',
  { readonly changeId: string; readonly tenantId: string; readonly factors: Readonly<Record<string, unknown>>; readonly recordedAt: string }
>;

export const EVOLUTION_TRIGGER_EVENT_VERSIONS: Readonly<Record<EvolutionTriggerEvent['type'] | MarketChangeRecorded['type'], number>> = {
  EvolutionTriggerCreated: 1,
  EvolutionTriggerUpdated: 1,
  EvolutionTriggerFired: 1,
  MarketChangeRecorded: 1,
};
