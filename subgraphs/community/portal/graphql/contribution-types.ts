import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../../../schema/graphql/scalars';

export enum ContributionKind {
  ALGORITHM_APPROVED = 'ALGORITHM_APPROVED',
  TUTORIAL_PUBLISHED = 'TUTORIAL_PUBLISHED',
  ANSWER_ACCEPTED = 'ANSWER_ACCEPTED',
  ALGORITHM_RUN = 'ALGORITHM_RUN',
}
registerEnumType(ContributionKind, {
  name: 'ContributionKind',
  description: 'What earns points: an approved algorithm version (50), a published tutorial (20), an accepted forum answer (15), a run of one’s algorithm (1).',
});

export enum LeaderboardPeriod {
  WEEK = 'WEEK',
  MONTH = 'MONTH',
  YEAR = 'YEAR',
  ALL_TIME = 'ALL_TIME',
}
registerEnumType(LeaderboardPeriod, { name: 'LeaderboardPeriod', description: 'The current ISO week, calendar month or calendar year (UTC), or all time.' });

@ObjectType()
export class ContributionKindTotal {
  @Field(() => ContributionKind)
  kind!: ContributionKind;
  @Field(() => Int)
  count!: number;
  @Field(() => Int)
  points!: number;
}

@ObjectType({ description: 'One scoring event.' })
export class Contribution {
  @Field(() => ContributionKind)
  kind!: ContributionKind;
  @Field(() => Int)
  points!: number;
  @Field(() => DateTimeScalar)
  at!: string;
  @Field(() => ID, { description: 'What was contributed: the listing (approvals, runs), the tutorial, or the accepted post.' })
  subjectId!: string;
}

@ObjectType({ description: "A developer's public contribution profile, every figure derived from events." })
export class ContributionSummary {
  @Field(() => String, { description: "The developer's user id (the subject of their token)." })
  developerId!: string;
  @Field(() => Int)
  points!: number;
  @Field(() => Int, { description: 'Approved algorithm versions.' })
  approvedAlgorithms!: number;
  @Field(() => Int)
  tutorials!: number;
  @Field(() => Int)
  acceptedAnswers!: number;
  @Field(() => Int, { description: "Runs of the developer's algorithms." })
  algorithmRuns!: number;
  @Field(() => [ContributionKindTotal])
  byKind!: ContributionKindTotal[];
  @Field(() => [Contribution], { description: 'The latest contributions, newest first.' })
  recent!: Contribution[];
}

@ObjectType()
export class LeaderboardEntry {
  @Field(() => Int, { description: 'From 1; developers with equal points share a rank.' })
  rank!: number;
  @Field(() => String)
  developerId!: string;
  @Field(() => Int)
  points!: number;
}
