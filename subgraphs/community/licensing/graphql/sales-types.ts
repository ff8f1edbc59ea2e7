import { Field, Float, Int, ObjectType } from 'type-graphql';
import { LicenseType } from '../../graphql/license-type';

@ObjectType({ description: "A listing's sales under one licence type and currency, for its author: figures only, never who bought." })
export class AlgorithmSalesLine {
  @Field(() => LicenseType)
  licenseType!: LicenseType;
  @Field(() => String)
  currency!: string;
  @Field(() => Int)
  sold!: number;
  @Field(() => Int)
  refunded!: number;
  @Field(() => Float, { description: 'What the licences sold brought in, less what refunds credited back.' })
  revenue!: number;
}
