import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { FileContentScalar } from './file-content-scalar';

export enum ProblemFileFormat {
  ORLIB_BQP = 'ORLIB_BQP',
  GSET = 'GSET',
  MATRIX = 'MATRIX',
  JSON = 'JSON',
}
registerEnumType(ProblemFileFormat, {
  name: 'ProblemFileFormat',
  description:
    'ORLIB_BQP: a Beasley OR-Library bqp file (maximised; may hold several instances). GSET: a Gset graph, read as its Max-Cut (maximised). MATRIX: an upper-triangular QUBO matrix, one row per line (minimised; variables x0 … x(n−1)). JSON: the QuboInput shape as a JSON document.',
});

@InputType()
export class CreateProblemFromFileInput {
  @Field(() => ID)
  tenantId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => ProblemFileFormat)
  format!: ProblemFileFormat;

  @Field(() => Int, { nullable: true, description: 'Which problem of a multi-instance OR-Library file, from 1 (the default); other formats hold one problem.' })
  instance?: number;

  @Field(() => FileContentScalar)
  content!: string;
}
