import { Directive, Field, ObjectType } from 'type-graphql';

/** Relay-style page information, shared by every connection in every subgraph. */
@ObjectType()
@Directive('@shareable')
export class PageInfo {
  @Field(() => String, { nullable: true, description: 'Pass as `after` to get the next page.' })
  endCursor?: string;

  @Field(() => Boolean)
  hasNextPage!: boolean;
}

export const MAX_PAGE_SIZE = 100;
