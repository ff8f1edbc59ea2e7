import type { CompiledQubo } from '../engine/compiled-qubo';
import { energyOf } from '../engine/compiled-qubo';
import { ENERGY_EPSILON, nowMs } from '../engine/run-control';
import type { Sample } from '../engine/solve-types';
import { optimiseSlack, type CompiledProblem, type PenaltyForm } from '../model';

/**
 * A sample the engine returns for a problem with slack bits is a local minimum of the whole QUBO,
 * where moving one item across an inequality's bound means climbing the slack's walls: the slack
 * must change by the item's weight, several bits at once, so no single flip pays. Over the user
 * variables alone, with every slack re-set to its best value after each move, those walls are
 * gone (the penalty becomes weight·overshoot²). This descent takes each sample from there: flips
 * of one user variable, then swaps (one set, one cleared: the move that trades an item for
 * another under a capacity), first improvement, until no move improves or the deadline passes.
 * The energy is that of the same QUBO, so a polished sample is never worse than the engine's.
 */
export function descendWithOptimalSlack(problem: CompiledProblem, samples: readonly Sample[], deadline: number): Sample[] {
  const slackPenalties = problem.constraints.map(({ penalty }) => penalty).filter(hasSlack);
  if (slackPenalties.length === 0) return [...samples];
  const touching = penaltiesByUserVariable(problem.userVariableCount, slackPenalties);
  return samples.map((sample) => {
    if (nowMs() >= deadline) return sample;
    const state = new FieldState(problem.compiled, sample.x);
    descend(state, problem.userVariableCount, touching, deadline);
    return { x: state.x, energy: energyOf(problem.compiled, state.x) };
  });
}

type SlackPenalty = Extract<PenaltyForm, { form: 'squared' }> & { readonly slack: NonNullable<Extract<PenaltyForm, { form: 'squared' }>['slack']> };

function hasSlack(penalty: PenaltyForm): penalty is SlackPenalty {
  return penalty.form === 'squared' && penalty.slack !== undefined;
}

/** For each user variable, the inequalities whose slack must follow it. */
function penaltiesByUserVariable(userVariables: number, penalties: readonly SlackPenalty[]): SlackPenalty[][] {
  const touching = Array.from({ length: userVariables }, (): SlackPenalty[] => []);
  for (const penalty of penalties) for (const { index } of penalty.terms) if (index < userVariables) touching[index].push(penalty);
  return touching;
}

function descend(state: FieldState, userVariables: number, touching: readonly SlackPenalty[][], deadline: number): void {
  // A move: flip the user variables, re-set the slack they touch; kept only when the energy drops.
  const tryMove = (variables: readonly number[]): boolean => {
    const before = state.energy;
    const flipped: number[] = [];
    for (const i of variables) {
      state.flip(i);
      flipped.push(i);
    }
    for (const i of variables) for (const penalty of touching[i]) state.setSlack(penalty, flipped);
    if (state.energy < before - ENERGY_EPSILON) return true;
    for (let k = flipped.length - 1; k >= 0; k--) state.flip(flipped[k]);
    return false;
  };
  let improved = true;
  while (improved && nowMs() < deadline) {
    improved = false;
    for (let i = 0; i < userVariables; i++) if (tryMove([i])) improved = true;
    for (let i = 0; i < userVariables && nowMs() < deadline; i++) {
      if (state.x[i] !== 1) continue;
      for (let j = 0; j < userVariables; j++) {
        if (state.x[j] === 0 && tryMove([i, j])) {
          improved = true;
          break;
        }
      }
    }
  }
}

/** An assignment with each variable's local field (linear + Σ couplings to set neighbours), so a flip costs its degree. */
class FieldState {
  readonly x: Uint8Array;
  private readonly field: Float64Array;
  energy: number;

  constructor(
    private readonly qubo: CompiledQubo,
    start: Uint8Array,
  ) {
    this.x = Uint8Array.from(start);
    this.field = Float64Array.from(qubo.linear);
    for (let i = 0; i < qubo.n; i++) {
      if (!this.x[i]) continue;
      for (let p = qubo.rowPtr[i]; p < qubo.rowPtr[i + 1]; p++) this.field[qubo.colIdx[p]] += qubo.values[p];
    }
    this.energy = energyOf(qubo, this.x);
  }

  flip(i: number): void {
    const sign = this.x[i] ? -1 : 1;
    this.energy += sign * this.field[i];
    this.x[i] ^= 1;
    const { rowPtr, colIdx, values } = this.qubo;
    for (let p = rowPtr[i]; p < rowPtr[i + 1]; p++) this.field[colIdx[p]] += sign * values[p];
  }

  /** Sets the inequality's slack bits to their best value for the user variables as they are; records each flip. */
  setSlack(penalty: SlackPenalty, flipped: number[]): void {
    const wanted = Uint8Array.from(this.x);
    optimiseSlack(penalty, wanted);
    for (const index of penalty.slack.indices) {
      if (wanted[index] === this.x[index]) continue;
      this.flip(index);
      flipped.push(index);
    }
  }
}
