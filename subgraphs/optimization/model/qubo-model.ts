import { invalidQubo } from './model-error';

/** The convention the problem was stated in; the model itself always minimises. */
export type ObjectiveSense = 'MINIMIZE' | 'MAXIMIZE';

/**
 * Slack variables that constraint compilation adds are named `__slack_<constraintId>_<k>`; user
 * variables may not start with this prefix, so a slack name never collides with one of theirs.
 */
export const RESERVED_VARIABLE_PREFIX = '__slack_';

/**
 * A QUBO over named binary variables, always minimised:
 *
 *   E(x) = offset + Σ_i linear_i·x_i + Σ_{i<j} q_ij·x_i·x_j
 *
 * Variables keep the index they were added with, so index order is stable. Terms accumulate:
 * adding a term twice sums it, a term on (i,i) becomes linear (x² = x for binary x) and (j,i) is
 * stored as (i,j). A maximisation source (OR-Library, Max-Cut) is stored negated with
 * `sourceSense = 'MAXIMIZE'`; `toSourceObjective` turns an energy back into the source's value.
 */
export class QuboModel {
  private readonly names: string[] = [];
  private readonly indexByName = new Map<string, number>();
  private readonly linearTerms: number[] = [];
  /** upper[i] maps j > i to q_ij; one map per row keeps sparse models sparse. */
  private readonly upper: Map<number, number>[] = [];
  private quadraticCount = 0;
  private constantOffset = 0;

  constructor(readonly sourceSense: ObjectiveSense = 'MINIMIZE') {}

  get size(): number {
    return this.names.length;
  }

  get offset(): number {
    return this.constantOffset;
  }

  /** Distinct pairs i<j that carry a quadratic term (a pair whose terms cancel still counts). */
  get quadraticTermCount(): number {
    return this.quadraticCount;
  }

  get variableNames(): readonly string[] {
    return this.names;
  }

  addVariable(name: string): number {
    if (typeof name !== 'string' || name.length === 0) throw invalidQubo('a variable name must be a non-empty string');
    if (this.indexByName.has(name)) throw invalidQubo(`variable "${name}" is declared twice`);
    const index = this.names.length;
    this.names.push(name);
    this.indexByName.set(name, index);
    this.linearTerms.push(0);
    this.upper.push(new Map());
    return index;
  }

  hasVariable(name: string): boolean {
    return this.indexByName.has(name);
  }

  /** Index of a declared variable; `undefined` when there is none by that name. */
  findIndex(name: string): number | undefined {
    return this.indexByName.get(name);
  }

  nameOf(index: number): string {
    this.checkIndex(index);
    return this.names[index];
  }

  addOffset(value: number): void {
    this.constantOffset += finite(value, 'offset');
  }

  addLinear(index: number, coefficient: number): void {
    this.checkIndex(index);
    this.linearTerms[index] += finite(coefficient, `linear coefficient of "${this.names[index]}"`);
  }

  addQuadratic(i: number, j: number, coefficient: number): void {
    this.checkIndex(i);
    this.checkIndex(j);
    finite(coefficient, `quadratic coefficient of ("${this.names[i]}", "${this.names[j]}")`);
    if (i === j) {
      this.linearTerms[i] += coefficient;
      return;
    }
    const [low, high] = i < j ? [i, j] : [j, i];
    const row = this.upper[low];
    const previous = row.get(high);
    if (previous === undefined) this.quadraticCount++;
    row.set(high, (previous ?? 0) + coefficient);
  }

  linear(index: number): number {
    this.checkIndex(index);
    return this.linearTerms[index];
  }

  quadratic(i: number, j: number): number {
    this.checkIndex(i);
    this.checkIndex(j);
    if (i === j) return 0;
    return (i < j ? this.upper[i].get(j) : this.upper[j].get(i)) ?? 0;
  }

  /** Every stored pair as [i, j, q_ij] with i < j, rows in index order. */
  *quadraticTerms(): IterableIterator<[number, number, number]> {
    for (let i = 0; i < this.upper.length; i++) {
      for (const [j, coefficient] of this.upper[i]) yield [i, j, coefficient];
    }
  }

  /** E(x) of this model for an assignment of its variables (entries beyond `size` are ignored). */
  energy(assignment: ArrayLike<number>): number {
    let energy = this.constantOffset;
    for (let i = 0; i < this.names.length; i++) {
      if (assignment[i] === 0) continue;
      energy += this.linearTerms[i];
      for (const [j, coefficient] of this.upper[i]) if (assignment[j] !== 0) energy += coefficient;
    }
    return energy;
  }

  /** The value in the source's own convention: the energy itself, or its negation for a maximisation. */
  toSourceObjective(energy: number): number {
    // 0 − e rather than −e: an empty cut should read 0, not −0.
    return this.sourceSense === 'MAXIMIZE' ? 0 - energy : energy;
  }

  /** The inverse of `toSourceObjective`, e.g. to turn a best-known value into a target energy. */
  fromSourceObjective(value: number): number {
    return this.sourceSense === 'MAXIMIZE' ? 0 - value : value;
  }

  clone(): QuboModel {
    const copy = new QuboModel(this.sourceSense);
    for (const name of this.names) copy.addVariable(name);
    this.linearTerms.forEach((coefficient, i) => (copy.linearTerms[i] = coefficient));
    this.upper.forEach((row, i) => row.forEach((coefficient, j) => copy.upper[i].set(j, coefficient)));
    copy.quadraticCount = this.quadraticCount;
    copy.constantOffset = this.constantOffset;
    return copy;
  }

  private checkIndex(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.names.length) {
      throw invalidQubo(`variable index ${index} is out of range 0..${this.names.length - 1}`);
    }
  }
}

function finite(value: number, what: string): number {
  if (!Number.isFinite(value)) throw invalidQubo(`${what} must be a finite number, got ${value}`);
  return value;
}
