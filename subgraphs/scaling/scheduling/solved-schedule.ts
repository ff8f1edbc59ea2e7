/**
 * What a solver proves about its schedule, so a user is never told "optimal" when it is not:
 * - EXACT: no rule-abiding schedule within the cost limit has less shortfall, or as little for less cost.
 * - HEURISTIC: the genetic search's best find; no claim beyond keeping every rule.
 * - BUDGET_BOUNDED: the cost limit binds and the exact budgeted table would exceed its size bound;
 *   the schedule is the best one within the limit that pricing shortfall and trimming found, and no
 *   schedule within the limit has a shortfall below `shortfallLowerBound` (the gap is stated).
 */
export type Optimality =
  | { readonly kind: 'EXACT' }
  | { readonly kind: 'HEURISTIC' }
  | { readonly kind: 'BUDGET_BOUNDED'; readonly shortfallLowerBound: number };

export interface SolvedSchedule {
  readonly capacities: number[];
  readonly optimality: Optimality;
}
