import { randomUUID } from 'node:crypto';
import type { ServicePrincipal } from '../../../platform/commands/service-principal';
import type { SubgraphDependencies } from '../../../platform/graphql/subgraph-dependencies';
import { CONSTRAINT_EVOLUTION_MODELS_COLLECTION, type ConstraintEvolutionModelDocument } from '../../../schema/read-models/constraint-evolution-models';
import { CONSTRAINT_OUTCOMES_COLLECTION } from '../../../schema/read-models/constraint-performance';
import { trainTenantModel } from './tenant-models';

/** What the retrainer does to a tenant's model, as its permission row and its audit records name it. */
const RETRAIN_MODELS = 'retrainModels';
const PAGE = 100;

type RetrainerDependencies = Pick<SubgraphDependencies, 'eventStore' | 'upcasters' | 'clock' | 'waitForReadModels' | 'readStore' | 'config' | 'logger'>;

/**
 * Keeps trained models current, in the process that serves the optimization subgraph: every
 * EVOLUTION_MODEL_RETRAIN_CHECK_MS it counts, for each tenant that has a model (a tenant opts in
 * with its first trainModels), the outcomes recorded since the newest model's trainedThrough, and
 * retrains once they reach EVOLUTION_MODEL_RETRAIN_AFTER. Everything it needs is in the read
 * models, so a restart loses nothing; replicas that race record one model per batch of new
 * outcomes (the decider drops a retraining that covers nothing newer).
 */
export class ModelRetrainer {
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

  constructor(
    private readonly deps: RetrainerDependencies,
    /** `system:model-retrainer`: its trainings go through the command path in its name. */
    private readonly principal: ServicePrincipal,
  ) {}

  start(): void {
    const { retrainAfterOutcomes, retrainCheckMs } = this.deps.config.prediction;
    if (retrainAfterOutcomes === 0) return;
    this.timer = setInterval(() => void this.sweep(), retrainCheckMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping;
  }

  /** One pass over the tenants' models; a pass still running is joined, not doubled. Answers the tenants retrained. */
  async sweep(): Promise<string[]> {
    if (this.sweeping) {
      await this.sweeping;
      return [];
    }
    const retrained: string[] = [];
    this.sweeping = this.retrainStale(retrained).finally(() => {
      this.sweeping = undefined;
    });
    await this.sweeping;
    return retrained;
  }

  private async retrainStale(retrained: string[]): Promise<void> {
    const threshold = this.deps.config.prediction.retrainAfterOutcomes;
    if (threshold === 0) return;
    const collection = this.deps.readStore.collection<ConstraintEvolutionModelDocument>(CONSTRAINT_EVOLUTION_MODELS_COLLECTION);
    const outcomes = this.deps.readStore.collection(CONSTRAINT_OUTCOMES_COLLECTION);
    let after: string | undefined;
    do {
      const page = await collection.find({ first: PAGE, after });
      for (const model of page.items) {
        const fresh = await outcomes.count({ tenantId: model.tenantId, recordedAt: { gt: model.trainedThrough } });
        if (fresh < threshold) continue;
        try {
          const trained = await trainTenantModel(this.deps, this.principal.caller(RETRAIN_MODELS, randomUUID(), { arguments: { tenantId: model.tenantId }, newOutcomes: fresh }), model.tenantId, 'NEW_OUTCOMES');
          if (trained) retrained.push(model.tenantId);
        } catch (error) {
          this.deps.logger.error({ err: error, tenantId: model.tenantId }, 'retraining the constraint performance model failed; the next check tries again');
        }
      }
      after = page.hasNextPage ? page.endCursor : undefined;
    } while (after);
  }
}
