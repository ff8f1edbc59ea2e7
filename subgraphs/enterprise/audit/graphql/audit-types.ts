import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../../../platform/graphql/connection';
import { DateTimeScalar, JSONScalar } from '../../../../schema/graphql/scalars';

@ObjectType({ description: "One entry of a tenant's hash-chained audit trail." })
export class AuditEntry {
  @Field(() => Int, { description: "Position in the tenant's chain, from 0." })
  sequence!: number;

  @Field(() => ID)
  tenantId!: string;

  @Field(() => String)
  actor!: string;

  @Field(() => String)
  action!: string;

  @Field(() => String)
  target!: string;

  @Field(() => String, { description: 'success, failure or denied.' })
  outcome!: string;

  @Field(() => String)
  correlationId!: string;

  @Field(() => DateTimeScalar)
  time!: string;

  @Field(() => JSONScalar)
  details!: unknown;

  @Field(() => String, { description: 'SHA-256 over this entry, its sequence and the previous hash.' })
  hash!: string;
}

@ObjectType()
export class AuditEntryConnection extends Connection(AuditEntry) {}

@InputType()
export class AuditTrailFilter {
  @Field(() => String, { nullable: true })
  actor?: string;

  @Field(() => String, { nullable: true })
  action?: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Entries at or after this time.' })
  from?: string;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Entries at or before this time.' })
  to?: string;
}

@InputType({ description: "The seed's audit_log(user_id, action, details): an entry a client adds; the actor is the signed-in user." })
export class RecordAuditEntryInput {
  @Field(() => ID)
  tenantId!: string;

  @Field(() => String)
  action!: string;

  @Field(() => String, { description: 'What the action was about, e.g. a problem id.' })
  target!: string;

  @Field(() => JSONScalar, { nullable: true, description: 'A JSON object.' })
  details?: Record<string, unknown>;
}

@ObjectType()
export class AuditChainVerification {
  @Field(() => Boolean)
  valid!: boolean;

  @Field(() => Int, { description: 'Entries found intact before the first break (all of them when valid).' })
  checkedEntries!: number;

  @Field(() => Int, { nullable: true, description: 'Stream position of the first entry that does not verify.' })
  firstBrokenPosition?: number;

  @Field(() => String, { nullable: true })
  reason?: string;
}
