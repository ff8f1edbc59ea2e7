import { Field, ObjectType, type ClassType } from 'type-graphql';
import type { Page } from '../readstore/port';
import { PageInfo } from './page-info';

export interface Edge<T> {
  readonly cursor: string;
  readonly node: T;
}

export interface ConnectionOptions {
  /** The description of the edge's `cursor` field. */
  readonly cursorDescription?: string;
}

/**
 * A Relay-style connection of `nodeClass`: `edges` (a cursor and a node each) and `pageInfo`.
 * Name it by extending it, `@ObjectType() class ProblemConnection extends Connection(Problem) {}`;
 * its edge type is registered here as `<node class name>Edge` (`ProblemEdge`), so call this once
 * per node class.
 */
export function Connection<T extends object>(nodeClass: ClassType<T>, options: ConnectionOptions = {}) {
  @ObjectType(`${nodeClass.name}Edge`)
  class EdgeType implements Edge<T> {
    @Field(() => String, { description: options.cursorDescription })
    cursor!: string;

    @Field(() => nodeClass)
    node!: T;
  }

  // Registered so that the naming subclass inherits its fields; nothing refers to it, so no schema shows it.
  @ObjectType(`${nodeClass.name}ConnectionFields`)
  abstract class ConnectionType {
    @Field(() => [EdgeType])
    edges!: Edge<T>[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return ConnectionType;
}

/**
 * A connection that lists its nodes without edges: `nodes` and `pageInfo`. Name it by extending
 * it, `@ObjectType() class UserConnection extends NodesConnection(User) {}`.
 */
export function NodesConnection<T extends object>(nodeClass: ClassType<T>) {
  // Registered so that the naming subclass inherits its fields; nothing refers to it, so no schema shows it.
  @ObjectType(`${nodeClass.name}NodesConnectionFields`)
  abstract class NodesConnectionType {
    @Field(() => [nodeClass])
    nodes!: T[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;
  }
  return NodesConnectionType;
}

/** A read-store page as a connection, each document turned into its node. */
export function connectionOf<D, T>(page: Page<D>, toNode: (document: D) => T): { edges: Edge<T>[]; pageInfo: PageInfo } {
  return { edges: page.items.map((document, index) => ({ cursor: page.cursors[index], node: toNode(document) })), pageInfo: pageInfoOf(page) };
}

/** A read-store page as a connection without edges, each document turned into its node. */
export function nodesConnectionOf<D, T>(page: Page<D>, toNode: (document: D) => T): { nodes: T[]; pageInfo: PageInfo } {
  return { nodes: page.items.map(toNode), pageInfo: pageInfoOf(page) };
}

function pageInfoOf(page: Page<unknown>): PageInfo {
  return { endCursor: page.endCursor, hasNextPage: page.hasNextPage };
}
