import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar, JSONScalar } from '../../../../schema/graphql/scalars';

@ObjectType({ description: 'One read model as it stood at the replayed point.' })
export class ReplayedCollection {
  @Field(() => String, { description: 'The read model (collection) name, e.g. tenants, problems, solve_jobs, audit_entries.' })
  name!: string;

  @Field(() => Int)
  count!: number;

  @Field(() => JSONScalar, { description: "The tenant's documents in it, ordered by id." })
  documents!: unknown;
}

@ObjectType({ description: "A tenant's read models rebuilt from its events as of a time or log position." })
export class AuditReplay {
  @Field(() => ID)
  tenantId!: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'The time replayed to; for a position, when the last event up to it was recorded.' })
  asOf?: string | null;

  @Field(() => Int, { description: 'The last position of the event log that was replayed.' })
  position!: number;

  @Field(() => Int, { description: "The tenant's events folded." })
  eventCount!: number;

  @Field(() => [ReplayedCollection], { description: 'Every read model of every subgraph.' })
  aggregates!: ReplayedCollection[];
}
