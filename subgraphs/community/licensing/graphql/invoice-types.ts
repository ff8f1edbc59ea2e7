import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Connection } from '../../../../platform/graphql/connection';
import { DateTimeScalar } from '../../../../schema/graphql/scalars';

export enum InvoiceStatus {
  ISSUED = 'ISSUED',
  CREDITED = 'CREDITED',
}
registerEnumType(InvoiceStatus, { name: 'InvoiceStatus', description: 'ISSUED: payable by bank transfer by dueAt; CREDITED: cancelled in full by a credit note (a refund).' });

@ObjectType()
export class InvoiceLine {
  @Field(() => String)
  description!: string;
  @Field(() => Int)
  quantity!: number;
  @Field(() => Float)
  unitPrice!: number;
  @Field(() => Float)
  amount!: number;
}

@ObjectType({ description: "The invoice of a purchase, payable by the buyer's tenant by bank transfer: only that tenant sees it." })
export class Invoice {
  @Field(() => ID)
  id!: string;
  @Field(() => ID, { description: "The buyer's tenant, who owes it." })
  tenantId!: string;
  @Field(() => String, { description: 'The number to quote with the payment, e.g. INV-20261126-7F3A09C2.' })
  number!: string;
  @Field(() => ID)
  licenseId!: string;
  @Field(() => ID)
  algorithmId!: string;
  @Field(() => Int)
  version!: number;
  @Field(() => [InvoiceLine])
  lines!: InvoiceLine[];
  @Field(() => Float)
  total!: number;
  @Field(() => String)
  currency!: string;
  @Field(() => InvoiceStatus)
  status!: InvoiceStatus;
  @Field(() => DateTimeScalar)
  issuedAt!: string;
  @Field(() => DateTimeScalar)
  dueAt!: string;
  @Field(() => ID, { nullable: true, description: 'The credit note of a refund.' })
  creditNoteId!: string | null;
  @Field(() => DateTimeScalar, { nullable: true })
  creditedAt!: string | null;
}

@ObjectType()
export class InvoiceConnection extends Connection(Invoice) {}
