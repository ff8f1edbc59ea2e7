import type { TenantCapacityChanged } from '../../../schema/events';

export interface AllowanceSettings {
  /** SOLVE_JOBS_CONCURRENCY: the slots tenants without an allowance share. */
  readonly sharedSlots: number;
  /** SOLVE_JOBS_PER_TENANT: the cap of a tenant without an allowance. */
  readonly defaultPerTenant: number;
  /** SOLVE_JOBS_MAX_CONCURRENCY: the most slots the runner ever has. */
  readonly maxSlots: number;
}

/**
 * Each tenant's solver allowance, as predictive scaling set it (TenantCapacityChanged for
 * COMPUTE): how many of its jobs may run at once. Tenants scaled to an allowance have those slots
 * on top of the shared ones, so the runner grows and shrinks with the sum of the allowances,
 * within SOLVE_JOBS_MAX_CONCURRENCY; a tenant never scaled keeps SOLVE_JOBS_PER_TENANT.
 */
export class SolverAllowances {
  private readonly allowances = new Map<string, number>();

  constructor(private readonly settings: AllowanceSettings) {}

  /** Folds a capacity change; true when it changed an allowance. */
  apply(change: TenantCapacityChanged['data']): boolean {
    if (change.resourceType !== 'COMPUTE' || this.allowances.get(change.tenantId) === change.capacity) return false;
    this.allowances.set(change.tenantId, change.capacity);
    return true;
  }

  capOf(tenantId: string): number {
    return this.allowances.get(tenantId) ?? this.settings.defaultPerTenant;
  }

  /** How many jobs the runner runs at once: the shared slots and every allowance, at least one, at most the maximum. */
  slots(): number {
    const allowed = [...this.allowances.values()].reduce((sum, allowance) => sum + allowance, 0);
    return Math.max(1, Math.min(this.settings.maxSlots, this.settings.sharedSlots + allowed));
  }
}
