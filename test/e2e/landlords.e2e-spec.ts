import { WorkspaceService } from '../../src/workspace/workspace.service';
import { startTestRelance, TestRelance } from '../support/test-relance';

const FIELDS = 'id kind firstName lastName companyName email phone city mandateLitigationThresholdCents mandateApprovalSteps mandateInformationChannels createdAt';

describe('landlords through GraphQL (Twenty-style CRUD)', () => {
  let relance: TestRelance;
  beforeAll(async () => {
    relance = await startTestRelance('api');
  });
  afterAll(async () => {
    await relance?.stop();
  });

  it('creates, reads, lists, updates and deletes, with mandate defaults', async () => {
    const created = await relance.graphql<{ createLandlord: Record<string, unknown> }>(
      `mutation($data: CreateLandlordInput!) { createLandlord(data: $data) { ${FIELDS} } }`,
      { data: { kind: 'NATURAL_PERSON', firstName: 'Hélène', lastName: 'Martin', email: 'helene@example.fr', phone: '+33612345678', city: 'Lyon' } },
    );
    expect(created.errors).toBeUndefined();
    const landlord = created.data!.createLandlord;
    expect(landlord).toMatchObject({
      kind: 'NATURAL_PERSON',
      lastName: 'Martin',
      mandateLitigationThresholdCents: 0,
      mandateApprovalSteps: ['FORMAL_NOTICE', 'LITIGATION_HANDOFF'],
      mandateInformationChannels: ['EMAIL'],
    });
    expect(landlord.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    const got = await relance.graphql<{ landlord: { lastName: string } }>(`query($id: ID!) { landlord(id: $id) { lastName } }`, { id: landlord.id });
    expect(got.data?.landlord.lastName).toBe('Martin');

    const updated = await relance.graphql<{ updateLandlord: Record<string, unknown> }>(
      `mutation($id: ID!, $data: UpdateLandlordInput!) { updateLandlord(id: $id, data: $data) { ${FIELDS} } }`,
      { id: landlord.id, data: { mandateApprovalSteps: ['FORMAL_NOTICE'], city: null } },
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateLandlord).toMatchObject({ mandateApprovalSteps: ['FORMAL_NOTICE'], city: null, lastName: 'Martin' });

    const many = await relance.graphql<{ createLandlords: Array<{ id: string }> }>(
      `mutation($data: [CreateLandlordInput!]!) { createLandlords(data: $data) { id } }`,
      { data: [{ kind: 'LEGAL_ENTITY', companyName: 'SCI Les Tilleuls' }, { kind: 'LEGAL_ENTITY', companyName: 'SCI Beausoleil' }] },
    );
    expect(many.data?.createLandlords).toHaveLength(2);

    const list = await relance.graphql<{ landlords: { totalCount: number; edges: Array<{ node: { companyName: string } }> } }>(
      `{ landlords(filter: { kind: { eq: LEGAL_ENTITY } }, orderBy: [{ companyName: DescNullsLast }], first: 1) {
          totalCount edges { node { companyName } cursor } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(list.errors).toBeUndefined();
    expect(list.data!.landlords.totalCount).toBe(2);
    expect(list.data!.landlords.edges.map((e) => e.node.companyName)).toEqual(['SCI Les Tilleuls']);

    const deleted = await relance.graphql(`mutation($id: ID!) { deleteLandlord(id: $id) { id } }`, { id: landlord.id });
    expect(deleted.errors).toBeUndefined();
    const gone = await relance.graphql(`query($id: ID!) { landlord(id: $id) { id } }`, { id: landlord.id });
    expect(gone.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND', field: 'id' });
  });

  it.each([
    [{ kind: 'ROBOT', lastName: 'X' }, 'data.kind', 'BAD_USER_INPUT'],
    [{ kind: 'NATURAL_PERSON', lastName: 'X', email: 'nope' }, 'data.email', 'BAD_USER_INPUT'],
    [{ kind: 'NATURAL_PERSON', lastName: 'X', phone: '0612345678' }, 'data.phone', 'BAD_USER_INPUT'],
    [{ kind: 'NATURAL_PERSON', lastName: 'X', mandateLitigationThresholdCents: -1 }, 'data.mandateLitigationThresholdCents', 'BAD_USER_INPUT'],
    [{ kind: 'NATURAL_PERSON', lastName: 'X', mandateApprovalSteps: ['SMS'] }, 'data.mandateApprovalSteps[0]', 'BAD_USER_INPUT'],
    [{ kind: 'LEGAL_ENTITY' }, 'data', 'BAD_USER_INPUT'],
    [{ kind: 'NATURAL_PERSON', lastName: 'X', country: null }, 'data.country', 'BAD_USER_INPUT'],
  ])('refuses %j with %s', async (data, field, code) => {
    const before = await relance.database.query('SELECT count(*)::int AS n FROM landlord');
    const response = await relance.graphql(`mutation($data: CreateLandlordInput!) { createLandlord(data: $data) { id } }`, { data });
    expect(response.errors?.[0].extensions).toEqual({ code, field });
    expect(await relance.database.query('SELECT count(*)::int AS n FROM landlord')).toEqual(before);
  });

  it('writes nothing when one record of a batch is bad', async () => {
    const before = await relance.database.query('SELECT count(*)::int AS n FROM landlord');
    const response = await relance.graphql(`mutation($data: [CreateLandlordInput!]!) { createLandlords(data: $data) { id } }`, {
      data: [{ kind: 'LEGAL_ENTITY', companyName: 'SCI Ok' }, { kind: 'LEGAL_ENTITY' }],
    });
    expect(response.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'data[1]' });
    expect(await relance.database.query('SELECT count(*)::int AS n FROM landlord')).toEqual(before);
  });

  it("hides other workspaces' landlords behind NOT_FOUND", async () => {
    const other = await relance.running.app.get(WorkspaceService).createWorkspace('Agence Autre');
    const mine = await relance.graphql<{ createLandlord: { id: string } }>(
      `mutation { createLandlord(data: { kind: LEGAL_ENTITY_PLACEHOLDER }) { id } }`.replace('kind: LEGAL_ENTITY_PLACEHOLDER', 'kind: LEGAL_ENTITY, companyName: "SCI Mine"'),
    );
    const id = mine.data!.createLandlord.id;
    for (const query of [
      `query { landlord(id: "${id}") { id } }`,
      `mutation { updateLandlord(id: "${id}", data: { city: "Paris" }) { id } }`,
      `mutation { deleteLandlord(id: "${id}") { id } }`,
    ]) {
      const response = await relance.graphql(query, {}, other.apiKey);
      expect(response.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND', field: 'id' });
    }
    const list = await relance.graphql<{ landlords: { totalCount: number } }>('{ landlords { totalCount } }', {}, other.apiKey);
    expect(list.data?.landlords.totalCount).toBe(0);
  });
});
