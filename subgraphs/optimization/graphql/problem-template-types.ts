import { Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';

/** The values are the names: what the API shows is what a client sends. */
export enum ProblemTemplate {
  PORTFOLIO = 'PORTFOLIO',
  MAX_CUT = 'MAX_CUT',
  KNAPSACK = 'KNAPSACK',
  ASSIGNMENT = 'ASSIGNMENT',
  GRAPH_COLOURING = 'GRAPH_COLOURING',
}
registerEnumType(ProblemTemplate, { name: 'ProblemTemplate', description: 'A problem built from domain data: give the input field of the same name (PORTFOLIO → portfolio, MAX_CUT → maxCut, …) and no other.' });

@InputType({ description: 'Markowitz selection: minimise riskAversion·xᵀΣx − μᵀx over binary holdings, with a budget (hold exactly) and/or a cardinality (hold at most).' })
export class PortfolioTemplateInput {
  @Field(() => [String], { nullable: true, description: 'Asset names; asset1 … assetN by default.' })
  assets?: string[];

  @Field(() => [Float], { description: 'μ: the expected return of each asset.' })
  expectedReturns!: number[];

  @Field(() => [[Float]], { description: 'Σ: the symmetric covariance of the returns, one row per asset.' })
  covariance!: number[][];

  @Field(() => Float, { description: 'λ ≥ 0: what a unit of variance costs against a unit of return.' })
  riskAversion!: number;

  @Field(() => Int, { nullable: true, description: 'Hold exactly this many assets (constraint LINEAR_EQUALITY).' })
  budget?: number;

  @Field(() => Int, { nullable: true, description: 'Hold at most this many assets (constraint AT_MOST_K).' })
  maxAssets?: number;

  @Field(() => Float, { nullable: true, description: "The constraints' penalty weight; by default one that makes every infeasible holding cost more than any feasible one gains." })
  penaltyWeight?: number;
}

@InputType({ description: 'An undirected edge between two named vertices.' })
export class TemplateEdgeInput {
  @Field(() => String)
  u!: string;

  @Field(() => String)
  v!: string;
}

@InputType({ description: 'An undirected edge with a weight (1 when left out).' })
export class WeightedTemplateEdgeInput extends TemplateEdgeInput {
  @Field(() => Float, { nullable: true })
  weight?: number;
}

@InputType({ description: 'Max-Cut: split the vertices in two so that the weight of the edges across is largest (objective MAXIMIZE, no constraints).' })
export class MaxCutTemplateInput {
  @Field(() => [String], { nullable: true, description: 'The vertices in variable order; by default in order of first appearance in edges.' })
  vertices?: string[];

  @Field(() => [WeightedTemplateEdgeInput])
  edges!: WeightedTemplateEdgeInput[];
}

@InputType({ description: '0/1 knapsack: maximise the value packed with the total weight at most the capacity (constraint LINEAR_INEQUALITY with slack).' })
export class KnapsackTemplateInput {
  @Field(() => [String], { nullable: true, description: 'Item names; item1 … itemN by default.' })
  items?: string[];

  @Field(() => [Float])
  values!: number[];

  @Field(() => [Float], { description: 'Non-negative, integers or at most 6 decimal places.' })
  weights!: number[];

  @Field(() => Float)
  capacity!: number;

  @Field(() => Float, { nullable: true, description: "The constraint's penalty weight; by default one that makes every overweight packing cost more than it gains." })
  penaltyWeight?: number;
}

@InputType({ description: 'Linear assignment: every agent does exactly one task and every task is done by exactly one agent, at least total cost (ONE_HOT constraints).' })
export class AssignmentTemplateInput {
  @Field(() => [String], { nullable: true, description: 'Agent names; agent1 … agentN by default.' })
  agents?: string[];

  @Field(() => [String], { nullable: true, description: 'Task names; task1 … taskN by default.' })
  tasks?: string[];

  @Field(() => [[Float]], { description: 'costs[a][t]: the cost of agent a doing task t; square.' })
  costs!: number[][];

  @Field(() => Float, { nullable: true, description: "The constraints' penalty weight; by default one that makes every infeasible assignment cost more than it saves." })
  penaltyWeight?: number;
}

@InputType({ description: 'Minimum-cost graph colouring: every vertex takes exactly one colour, the ends of every edge different ones (ONE_HOT and CUSTOM_PENALTY constraints).' })
export class GraphColouringTemplateInput {
  @Field(() => [String], { nullable: true, description: 'The vertices in variable order; by default in order of first appearance in edges.' })
  vertices?: string[];

  @Field(() => [TemplateEdgeInput])
  edges!: TemplateEdgeInput[];

  @Field(() => Int, { nullable: true, description: 'How many colours (colour1 … colourK); give this or colours.' })
  colourCount?: number;

  @Field(() => [String], { nullable: true, description: 'The colour names; give this or colourCount.' })
  colours?: string[];

  @Field(() => [[Float]], { nullable: true, description: 'costs[v][c]: the cost of vertex v taking colour c; colour c costs c + 1 by default.' })
  costs?: number[][];

  @Field(() => Float, { nullable: true, description: "The constraints' penalty weight; by default one that makes every improper colouring cost more than it saves." })
  penaltyWeight?: number;
}

@InputType()
export class CreateProblemFromTemplateInput {
  @Field(() => ID)
  tenantId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ProblemTemplate)
  template!: ProblemTemplate;

  @Field(() => PortfolioTemplateInput, { nullable: true })
  portfolio?: PortfolioTemplateInput;

  @Field(() => MaxCutTemplateInput, { nullable: true })
  maxCut?: MaxCutTemplateInput;

  @Field(() => KnapsackTemplateInput, { nullable: true })
  knapsack?: KnapsackTemplateInput;

  @Field(() => AssignmentTemplateInput, { nullable: true })
  assignment?: AssignmentTemplateInput;

  @Field(() => GraphColouringTemplateInput, { nullable: true })
  graphColouring?: GraphColouringTemplateInput;
}
