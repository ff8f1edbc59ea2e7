import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { Connection } from '../../../../platform/graphql/connection';
import { DateTimeScalar } from '../../../../schema/graphql/scalars';

@ObjectType({ description: 'One version of a tutorial: each update that changes something is the next one.' })
export class TutorialVersion {
  @Field(() => Int)
  version!: number;
  @Field(() => String)
  title!: string;
  @Field(() => DateTimeScalar)
  updatedAt!: string;
  @Field(() => String, { description: 'The user (subject id) who wrote this version.' })
  updatedBy!: string;
}

@ObjectType({ description: "A developer-portal tutorial at its latest version: shared content every signed-in user reads; only its author's tenant changes it." })
export class Tutorial {
  @Field(() => ID)
  id!: string;
  @Field(() => String, { description: 'The user (subject id) who created it.' })
  authorId!: string;
  @Field(() => String)
  title!: string;
  @Field(() => String)
  summary!: string;
  @Field(() => String, { description: 'The markdown as written.' })
  body!: string;
  @Field(() => String, { description: 'The markdown rendered and sanitised: no script, event handler or javascript: link survives.' })
  bodyHtml!: string;
  @Field(() => [ID], { description: 'Marketplace listings the tutorial is about.' })
  algorithmIds!: string[];
  @Field(() => [String])
  tags!: string[];
  @Field(() => Int)
  version!: number;
  @Field(() => [TutorialVersion], { description: 'Oldest first.' })
  versions!: TutorialVersion[];
  @Field(() => DateTimeScalar)
  createdAt!: string;
  @Field(() => DateTimeScalar)
  updatedAt!: string;
}

@ObjectType()
export class TutorialConnection extends Connection(Tutorial) {}

@InputType()
export class CreateTutorialInput {
  @Field(() => String)
  title!: string;
  @Field(() => String, { nullable: true })
  summary?: string;
  @Field(() => String, { description: 'Markdown; rendered and sanitised when stored.' })
  body!: string;
  @Field(() => [ID], { nullable: true, description: 'Listings of the marketplace: approved ones, or your own tenant’s.' })
  algorithmIds?: string[];
  @Field(() => [String], { nullable: true, description: 'Lower-case letters, digits and dashes.' })
  tags?: string[];
}

@InputType({ description: 'What to change; fields left out keep their value. The result is the next version.' })
export class UpdateTutorialInput {
  @Field(() => ID)
  tutorialId!: string;
  @Field(() => String, { nullable: true })
  title?: string;
  @Field(() => String, { nullable: true })
  summary?: string;
  @Field(() => String, { nullable: true })
  body?: string;
  @Field(() => [ID], { nullable: true })
  algorithmIds?: string[];
  @Field(() => [String], { nullable: true })
  tags?: string[];
}

@InputType()
export class TutorialSearchInput {
  @Field(() => String, { nullable: true, description: 'Words searched in title, summary and body, best match first; without it, the latest updated first.' })
  text?: string;
  @Field(() => ID, { nullable: true })
  algorithmId?: string;
  @Field(() => String, { nullable: true })
  tag?: string;
  @Field(() => String, { nullable: true })
  authorId?: string;
  @Field(() => Int, { defaultValue: 20 })
  first!: number;
  @Field(() => String, { nullable: true })
  after?: string;
}
