import { Field, Float, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from '../../../schema/graphql/scalars';

export enum CalendarExceptionKind {
  HOLIDAY = 'HOLIDAY',
  PLANNED_PEAK = 'PLANNED_PEAK',
}
registerEnumType(CalendarExceptionKind, { name: 'CalendarExceptionKind', description: 'HOLIDAY: less demand than usual; PLANNED_PEAK: more (a launch, a campaign, a batch run).' });

@ObjectType({ description: "A known departure from the tenant's usual demand, which its forecasts respect." })
export class CalendarException {
  @Field(() => ID)
  exceptionId!: string;
  @Field(() => ID)
  tenantId!: string;
  @Field(() => DateTimeScalar)
  start!: string;
  @Field(() => DateTimeScalar, { description: 'Exclusive.' })
  end!: string;
  @Field(() => CalendarExceptionKind)
  kind!: CalendarExceptionKind;
  @Field(() => Float, { nullable: true, description: 'Multiplies the usual demand in those hours (0.4: 40 % of a usual day); null: learned from past exceptions of the kind.' })
  factor!: number | null;
  @Field(() => String)
  description!: string;
  @Field(() => String)
  addedBy!: string;
  @Field(() => DateTimeScalar)
  addedAt!: string;
}

@InputType()
export class AddCalendarExceptionInput {
  @Field(() => ID)
  tenantId!: string;
  @Field(() => DateTimeScalar)
  start!: Date;
  @Field(() => DateTimeScalar, { description: 'Exclusive; after start, at most a year later.' })
  end!: Date;
  @Field(() => CalendarExceptionKind)
  kind!: CalendarExceptionKind;
  @Field(() => Float, { nullable: true })
  factor?: number;
  @Field(() => String, { defaultValue: '' })
  description!: string;
}
