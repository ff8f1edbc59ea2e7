import { eventually } from '../support/eventually';
import { dataOf, errorCodes } from '../support/gateway-client';
import { publishListingFromAnotherProcess } from '../support/sample-listing';
import { useTestPlatform } from '../support/test-platform';

jest.setTimeout(60_000);

const TUTORIAL_FIELDS = 'id authorId title summary body bodyHtml algorithmIds tags version versions { version title updatedAt updatedBy } createdAt updatedAt';
const CREATE_TUTORIAL = `mutation ($input: CreateTutorialInput!) { createTutorial(input: $input) { ${TUTORIAL_FIELDS} } }`;
const UPDATE_TUTORIAL = `mutation ($input: UpdateTutorialInput!) { updateTutorial(input: $input) { ${TUTORIAL_FIELDS} } }`;
const TUTORIALS = 'query ($search: TutorialSearchInput) { tutorials(search: $search) { edges { cursor node { id title version } } pageInfo { hasNextPage endCursor } } }';
const TUTORIAL = `query ($id: ID!) { tutorial(id: $id) { ${TUTORIAL_FIELDS} } }`;
const PROJECT_FIELDS = 'id tenantId name description visibility members { userId role } algorithmIds createdBy';
const CREATE_PROJECT = `mutation ($input: CreateProjectInput!) { createProject(input: $input) { ${PROJECT_FIELDS} } }`;
const UPDATE_PROJECT = `mutation ($input: UpdateProjectInput!) { updateProject(input: $input) { ${PROJECT_FIELDS} } }`;
const ADD_MEMBER = `mutation ($p: ID!, $u: String!, $r: ProjectRole!) { addProjectMember(projectId: $p, userId: $u, role: $r) { ${PROJECT_FIELDS} } }`;
const REMOVE_MEMBER = `mutation ($p: ID!, $u: String!) { removeProjectMember(projectId: $p, userId: $u) { ${PROJECT_FIELDS} } }`;
const LINK = `mutation ($p: ID!, $a: ID!) { linkProjectAlgorithm(projectId: $p, algorithmId: $a) { ${PROJECT_FIELDS} } }`;
const PROJECT = `query ($id: ID!) { project(id: $id) { ${PROJECT_FIELDS} } }`;
const PROJECTS = 'query ($d: String, $t: ID) { projects(developerId: $d, tenantId: $t) { edges { node { id name visibility } } } }';
const CONTRIBUTIONS = 'query ($d: String!) { trackContributions(developerId: $d) { developerId points approvedAlgorithms tutorials acceptedAnswers algorithmRuns byKind { kind count points } recent { kind points subjectId } } }';
const LEADERBOARD = 'query ($p: LeaderboardPeriod!) { leaderboard(period: $p, first: 10) { rank developerId points } }';

interface TutorialNode {
  id: string;
  title: string;
  bodyHtml: string;
  version: number;
  versions: { version: number; title: string; updatedBy: string }[];
  algorithmIds: string[];
  tags: string[];
}
interface ProjectNode {
  id: string;
  tenantId: string;
  visibility: string;
  members: { userId: string; role: string }[];
  algorithmIds: string[];
}

/** The developer portal through the gateway: tutorials stored harmless and versioned, projects, and contributions derived from events. */
describe('developer portal through the gateway', () => {
  const goliath = useTestPlatform();
  let acme: string;
  let globex: string;
  let ada: string;
  let acmeViewer: string;
  let globexDeveloper: string;
  let listing: string;

  beforeAll(async () => {
    [acme, globex] = await goliath.createTenants('Acme', 'Globex');
    ada = await goliath.token('DEVELOPER', acme, 'ada');
    acmeViewer = await goliath.token('VIEWER', acme, 'vic');
    globexDeveloper = await goliath.token('DEVELOPER', globex, 'gus');
    listing = await publishListingFromAnotherProcess(goliath, globex, { authorId: 'gus' });
  });

  const createTutorial = (input: Record<string, unknown>, token = ada) => goliath.call<{ createTutorial: TutorialNode }>(CREATE_TUTORIAL, { input }, token);
  /** A listing recorded by another process is linkable once the marketplace's read model has it; a refused creation stores nothing, so trying again is safe. */
  const createLinkedTutorial = async (input: Record<string, unknown>, token = ada) => {
    let created: TutorialNode | undefined;
    await eventually(async () => {
      created = dataOf(await createTutorial(input, token)).createTutorial;
    });
    return created!;
  };
  const search = async (criteria: Record<string, unknown>, token = ada) => dataOf(await goliath.call<{ tutorials: { edges: { node: TutorialNode }[] } }>(TUTORIALS, { search: criteria }, token)).tutorials.edges.map((edge) => edge.node.id);

  it('stores a tutorial with a script, an event handler and a javascript: link harmless, and versions its updates', async () => {
    const body = [
      '# Annealing a knapsack',
      '<script>alert(1)</script>',
      '<img src=x onerror="alert(2)">',
      '[click me](javascript:alert(3)) and <a href="javascript:alert(4)">this</a>',
      'The penalty weight keeps capacity honest.',
    ].join('\n\n');
    const created = await createLinkedTutorial({ title: 'Knapsack by annealing', summary: 'Penalties in practice', body, algorithmIds: [listing], tags: ['QUBO', 'knapsack'] });
    expect(created).toMatchObject({ authorId: 'ada', version: 1, algorithmIds: [listing], tags: ['qubo', 'knapsack'] });
    expect(created.bodyHtml).toContain('<h1>Annealing a knapsack</h1>');
    expect(created.bodyHtml).not.toMatch(/<script|onerror|javascript:/i);

    const updated = dataOf(await goliath.call<{ updateTutorial: TutorialNode }>(UPDATE_TUTORIAL, { input: { tutorialId: created.id, title: 'Knapsack by simulated annealing' } }, ada)).updateTutorial;
    expect(updated.version).toBe(2);
    expect(updated.versions.map(({ version, title, updatedBy }) => ({ version, title, updatedBy }))).toEqual([
      { version: 1, title: 'Knapsack by annealing', updatedBy: 'ada' },
      { version: 2, title: 'Knapsack by simulated annealing', updatedBy: 'ada' },
    ]);
    const read = dataOf(await goliath.call<{ tutorial: TutorialNode }>(TUTORIAL, { id: created.id }, globexDeveloper)).tutorial;
    expect(read).toEqual(updated);
  });

  it('finds tutorials by a word of their body, by tag, by algorithm and by author, for every signed-in user', async () => {
    const tutorial = dataOf(await createTutorial({ title: 'Max-Cut with tabu', body: 'Graphs partitioned by a tabulist heuristic.', algorithmIds: [listing], tags: ['max-cut'] })).createTutorial;
    const other = dataOf(await createTutorial({ title: 'Scheduling', body: 'Shifts and rosters.', tags: ['scheduling'] })).createTutorial;
    expect(await search({ text: 'tabulist' }, acmeViewer)).toEqual([tutorial.id]);
    expect(await search({ tag: 'max-cut' }, globexDeveloper)).toEqual([tutorial.id]);
    expect(await search({ tag: 'scheduling', text: 'rosters' })).toEqual([other.id]);
    expect(await search({ algorithmId: listing, tag: 'scheduling' })).toEqual([]);
    expect(await search({ algorithmId: listing })).toContain(tutorial.id);
    expect(await search({ authorId: 'ada', first: 50 })).toEqual(expect.arrayContaining([tutorial.id, other.id]));
  });

  it('refuses a VIEWER, a link to no listing, and a change from another tenant, storing nothing', async () => {
    expect(errorCodes(await createTutorial({ title: 'Nope', body: 'x' }, acmeViewer))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await createTutorial({ title: 'Nope', body: 'x', algorithmIds: ['no-such-listing'] }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await createTutorial({ title: ' ', body: 'x' }))).toEqual(['BAD_USER_INPUT']);
    const tutorial = dataOf(await createTutorial({ title: 'Mine', body: 'Acme only edits this.' })).createTutorial;
    const foreign = await goliath.call(UPDATE_TUTORIAL, { input: { tutorialId: tutorial.id, title: 'Yours now' } }, globexDeveloper);
    expect(errorCodes(foreign)).toEqual(['NOT_FOUND']);
    expect(dataOf(await goliath.call<{ tutorial: TutorialNode }>(TUTORIAL, { id: tutorial.id }, globexDeveloper)).tutorial).toMatchObject({ title: 'Mine', version: 1 });
    expect(await search({ text: 'Nope' })).toEqual([]);
  });

  it('keeps a project with members and a linked algorithm, private to its tenant until it goes public', async () => {
    const project = dataOf(await goliath.call<{ createProject: ProjectNode }>(CREATE_PROJECT, { input: { name: 'Routing', description: 'Vans', visibility: 'PRIVATE' } }, ada)).createProject;
    expect(project).toMatchObject({ tenantId: acme, visibility: 'PRIVATE', members: [{ userId: 'ada', role: 'OWNER' }], createdBy: 'ada' });
    await goliath.call(ADD_MEMBER, { p: project.id, u: 'grace', r: 'CONTRIBUTOR' }, ada);
    await goliath.call(ADD_MEMBER, { p: project.id, u: 'grace', r: 'MAINTAINER' }, ada);
    const linked = dataOf(await goliath.call<{ linkProjectAlgorithm: ProjectNode }>(LINK, { p: project.id, a: listing }, ada)).linkProjectAlgorithm;
    expect(linked).toMatchObject({ members: [{ userId: 'ada', role: 'OWNER' }, { userId: 'grace', role: 'MAINTAINER' }], algorithmIds: [listing] });
    expect(errorCodes(await goliath.call(REMOVE_MEMBER, { p: project.id, u: 'ada' }, ada))).toEqual(['CONFLICT']);
    expect(errorCodes(await goliath.call(LINK, { p: project.id, a: 'no-such-listing' }, ada))).toEqual(['BAD_USER_INPUT']);

    expect(errorCodes(await goliath.call(PROJECT, { id: project.id }, globexDeveloper))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await goliath.call(ADD_MEMBER, { p: project.id, u: 'gus', r: 'OWNER' }, globexDeveloper))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await goliath.call(ADD_MEMBER, { p: project.id, u: 'vic', r: 'CONTRIBUTOR' }, acmeViewer))).toEqual(['FORBIDDEN']);
    const projectsOf = async (variables: Record<string, unknown>, token: string) => dataOf(await goliath.call<{ projects: { edges: { node: { id: string } }[] } }>(PROJECTS, variables, token)).projects.edges.map((edge) => edge.node.id);
    expect(await projectsOf({ d: 'grace' }, acmeViewer)).toEqual([project.id]);
    expect(await projectsOf({ d: 'grace' }, globexDeveloper)).toEqual([]);

    await goliath.call(UPDATE_PROJECT, { input: { projectId: project.id, visibility: 'PUBLIC' } }, ada);
    expect(dataOf(await goliath.call<{ project: ProjectNode }>(PROJECT, { id: project.id }, globexDeveloper)).project.visibility).toBe('PUBLIC');
    expect(await projectsOf({ d: 'grace' }, globexDeveloper)).toEqual([project.id]);
    expect(await projectsOf({}, globexDeveloper)).toContain(project.id);
    expect(await projectsOf({ t: acme }, acmeViewer)).toEqual([project.id]);
    expect(errorCodes(await goliath.call(PROJECTS, { t: acme }, globexDeveloper))).toEqual(['FORBIDDEN']);
  });

  it('scores an approved algorithm (50) and a tutorial (20) from events, and ranks the developer', async () => {
    const linus = await goliath.token('DEVELOPER', globex, 'linus');
    const algorithmId = await publishListingFromAnotherProcess(goliath, globex, { authorId: 'linus' });
    const tutorial = await createLinkedTutorial({ title: 'Benchmarks that mean something', body: 'Gset and bqp instances.', algorithmIds: [algorithmId] }, linus);
    await eventually(async () => {
      const summary = dataOf(await goliath.call<{ trackContributions: Record<string, unknown> }>(CONTRIBUTIONS, { d: 'linus' }, acmeViewer)).trackContributions;
      expect(summary).toMatchObject({ developerId: 'linus', points: 70, approvedAlgorithms: 1, tutorials: 1, acceptedAnswers: 0, algorithmRuns: 0 });
      expect(summary.recent).toEqual(expect.arrayContaining([
        { kind: 'ALGORITHM_APPROVED', points: 50, subjectId: algorithmId },
        { kind: 'TUTORIAL_PUBLISHED', points: 20, subjectId: tutorial.id },
      ]));
    });
    for (const period of ['WEEK', 'ALL_TIME']) {
      const board = dataOf(await goliath.call<{ leaderboard: { rank: number; developerId: string; points: number }[] }>(LEADERBOARD, { p: period }, acmeViewer)).leaderboard;
      const entry = board.find((row) => row.developerId === 'linus');
      expect(entry?.points).toBe(70);
      expect(entry?.rank).toBe(board.filter((row) => row.points > 70).length + 1);
      expect(board.map((row) => row.points)).toEqual([...board.map((row) => row.points)].sort((a, b) => b - a));
    }
  });
});
