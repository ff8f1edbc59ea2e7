/** The GraphQL-shaped terms, by variable name; shared by QUBO input and constraints. */
export interface LinearTerm {
  readonly variable: string;
  readonly coefficient: number;
}

export interface QuadraticTerm {
  readonly u: string;
  readonly v: string;
  readonly coefficient: number;
}
