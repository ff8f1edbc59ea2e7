import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { LicenseType } from '../../graphql/license-type';
import { AlgorithmConnection } from './algorithm-types';

export enum AlgorithmSort {
  RELEVANCE = 'RELEVANCE',
  RATING = 'RATING',
  PRICE = 'PRICE',
  NEWEST = 'NEWEST',
  RUNS = 'RUNS',
}
registerEnumType(AlgorithmSort, {
  name: 'AlgorithmSort',
  description: 'RELEVANCE: best text match first (NEWEST without text); RATING: highest average first; PRICE: cheapest first, in the chosen licence; NEWEST: latest approval first; RUNS: most run first.',
});

@InputType({ description: 'What to look for among approved, non-deprecated listings; every criterion left out matches all.' })
export class DiscoverAlgorithmsInput {
  @Field(() => String, { nullable: true, description: 'Words matched in the name, description and documentation (any of them).' })
  text?: string | null;
  @Field(() => String, { nullable: true })
  category?: string | null;
  @Field(() => String, { nullable: true })
  complexity?: string | null;
  @Field(() => Float, { nullable: true, description: 'At most this price for the chosen licence.' })
  maxPrice?: number | null;
  @Field(() => Float, { nullable: true, description: 'At least this average rating (0–5).' })
  minRating?: number | null;
  @Field(() => LicenseType, { defaultValue: LicenseType.PERSONAL, description: 'The licence whose price maxPrice, the PRICE order and the price bands refer to.' })
  license!: LicenseType;
  @Field(() => AlgorithmSort, { defaultValue: AlgorithmSort.RELEVANCE })
  sort!: AlgorithmSort;
  @Field(() => Int, { defaultValue: 20 })
  first!: number;
  @Field(() => String, { nullable: true })
  after?: string | null;
  @Field(() => Int, { defaultValue: 10_000, description: 'A search that takes longer answers SEARCH_TIMEOUT (1–60,000 ms; the seed: 10 s).' })
  timeoutMs!: number;
}

@ObjectType({ description: 'How many matching listings have this value.' })
export class AlgorithmFacetCount {
  @Field(() => String)
  value!: string;
  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: "How many matching listings cost, in the chosen licence, from `from` up to (not including) `to`." })
export class AlgorithmPriceBand {
  @Field(() => String, { description: '"free", "0.01-10", … "500+".' })
  value!: string;
  @Field(() => Float)
  from!: number;
  @Field(() => Float, { nullable: true, description: 'null for the open last band.' })
  to!: number | null;
  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'Counts among the listings matching the criteria.' })
export class AlgorithmFacets {
  @Field(() => [AlgorithmFacetCount])
  category!: AlgorithmFacetCount[];
  @Field(() => [AlgorithmFacetCount])
  complexity!: AlgorithmFacetCount[];
  @Field(() => [AlgorithmPriceBand], { description: "On the chosen licence's price." })
  priceBands!: AlgorithmPriceBand[];
  @Field(() => [AlgorithmFacetCount], { description: 'Per licence type, the matching listings whose price for it is at most maxPrice (all of them without maxPrice).' })
  license!: AlgorithmFacetCount[];
}

@ObjectType({ description: 'A page of discovered listings, how many match in all, and facet counts.' })
export class AlgorithmSearchConnection extends AlgorithmConnection {
  @Field(() => Int)
  totalCount!: number;
  @Field(() => AlgorithmFacets)
  facets!: AlgorithmFacets;
}
