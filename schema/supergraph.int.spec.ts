import 'reflect-metadata';
import { composeSupergraph } from '../app/compose-supergraph';
import { readSupergraph } from './supergraph';

describe('schema/supergraph.graphql', () => {
  it('is what the four subgraphs compose to today (run `npm run compose` when this fails)', async () => {
    expect(readSupergraph()).toBe(await composeSupergraph());
  });
});
