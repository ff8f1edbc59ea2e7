import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../../../platform/graphql/connection';
import { DateTimeScalar } from '../../../../schema/graphql/scalars';
import { LicenseType } from '../../graphql/license-type';

export enum LicenseStatus {
  ACTIVE = 'ACTIVE',
  REFUNDED = 'REFUNDED',
  REVOKED = 'REVOKED',
}
registerEnumType(LicenseStatus, { name: 'LicenseStatus', description: 'ACTIVE: the tenant may run the version bought; REFUNDED and REVOKED: the entitlement has ended.' });

@ObjectType({ description: "A licence of one algorithm version, bought by a tenant: only that tenant sees it." })
export class License {
  @Field(() => ID)
  id!: string;
  @Field(() => ID, { description: "The buyer's tenant." })
  tenantId!: string;
  @Field(() => ID)
  algorithmId!: string;
  @Field(() => Int, { description: 'The version bought: the licence stays with it when the listing moves on.' })
  version!: number;
  @Field(() => LicenseType)
  licenseType!: LicenseType;
  @Field(() => LicenseStatus)
  status!: LicenseStatus;
  @Field(() => Float, { description: 'Fixed at purchase.' })
  price!: number;
  @Field(() => String)
  currency!: string;
  @Field(() => ID, { description: 'Who bought it.' })
  buyerId!: string;
  @Field(() => ID, { nullable: true })
  invoiceId!: string | null;
  @Field(() => DateTimeScalar)
  issuedAt!: string;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When a refund or a revocation ended it.' })
  endedAt!: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was refunded or revoked.' })
  endReason!: string | null;
}

@ObjectType()
export class LicenseConnection extends Connection(License) {}

@InputType()
export class PurchaseAlgorithmInput {
  @Field(() => ID)
  algorithmId!: string;
  @Field(() => LicenseType)
  licenseType!: LicenseType;
  @Field(() => String, { description: 'Chosen by the client, 1–200 characters: the same key again answers the same licence and charges nothing twice.' })
  idempotencyKey!: string;
}
