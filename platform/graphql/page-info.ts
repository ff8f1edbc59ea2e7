import { Directive, Field, ObjectType } from 'type-graphql';
import { badUserInput } from '../errors';

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

/** Refuses a page size outside 1…MAX_PAGE_SIZE before any read, as every list operation must. */
export function assertPageSize(first: number): void {
  if (first < 1 || first > MAX_PAGE_SIZE) throw badUserInput(`first must be between 1 and ${MAX_PAGE_SIZE}.`, 'first');
}
