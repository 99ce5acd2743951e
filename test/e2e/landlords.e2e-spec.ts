import { WorkspaceService } from '../../src/workspace/workspace.service';
import { startTestRelance, TestRelance } from '../support/test-relance';
import {
  CreateLandlordDocument,
  CreateLandlordsDocument,
  CreateLandlordWithFieldsDocument,
  DeleteLandlordDocument,
  FindLandlordDocument,
  FirstLegalEntityLandlordDocument,
  LandlordCountDocument,
  LandlordLastNameDocument,
  UpdateLandlordDocument,
} from './graphql/generated';

describe('landlords through GraphQL (Twenty-style CRUD)', () => {
  let relance: TestRelance;
  beforeAll(async () => {
    relance = await startTestRelance('api');
  });
  afterAll(async () => {
    await relance?.stop();
  });

  it('creates, reads, lists, updates and deletes, with mandate defaults', async () => {
    const created = await relance.graphql(CreateLandlordWithFieldsDocument, {
      d: {
        kind: 'NATURAL_PERSON',
        firstName: 'Hélène',
        lastName: 'Martin',
        email: 'helene@example.fr',
        phone: '+33612345678',
        city: 'Lyon',
      },
    });
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

    const got = await relance.graphql(LandlordLastNameDocument, { id: landlord.id });
    expect(got.data?.landlord.lastName).toBe('Martin');

    const updated = await relance.graphql(UpdateLandlordDocument, {
      id: landlord.id,
      d: { mandateApprovalSteps: ['FORMAL_NOTICE'], city: null },
    });
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateLandlord).toMatchObject({ mandateApprovalSteps: ['FORMAL_NOTICE'], city: null, lastName: 'Martin' });

    const many = await relance.graphql(CreateLandlordsDocument, {
      d: [
        { kind: 'LEGAL_ENTITY', companyName: 'SCI Les Tilleuls' },
        { kind: 'LEGAL_ENTITY', companyName: 'SCI Beausoleil' },
      ],
    });
    expect(many.data?.createLandlords).toHaveLength(2);

    const list = await relance.graphql(FirstLegalEntityLandlordDocument);
    expect(list.errors).toBeUndefined();
    expect(list.data!.landlords.totalCount).toBe(2);
    expect(list.data!.landlords.edges.map((e) => e.node.companyName)).toEqual(['SCI Les Tilleuls']);

    const deleted = await relance.graphql(DeleteLandlordDocument, { id: landlord.id });
    expect(deleted.errors).toBeUndefined();
    const gone = await relance.graphql(FindLandlordDocument, { id: landlord.id });
    expect(gone.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND', field: 'id' });
  });

  it.each([
    [{ kind: 'ROBOT', lastName: 'X' }, 'data.kind', 'BAD_USER_INPUT'],
    [{ kind: 'NATURAL_PERSON', lastName: 'X', email: 'nope' }, 'data.email', 'BAD_USER_INPUT'],
    [{ kind: 'NATURAL_PERSON', lastName: 'X', phone: '0612345678' }, 'data.phone', 'BAD_USER_INPUT'],
    [
      { kind: 'NATURAL_PERSON', lastName: 'X', mandateLitigationThresholdCents: -1 },
      'data.mandateLitigationThresholdCents',
      'BAD_USER_INPUT',
    ],
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
    const response = await relance.graphql(CreateLandlordsDocument, {
      d: [{ kind: 'LEGAL_ENTITY', companyName: 'SCI Ok' }, { kind: 'LEGAL_ENTITY' }],
    });
    expect(response.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'data[1]' });
    expect(await relance.database.query('SELECT count(*)::int AS n FROM landlord')).toEqual(before);
  });

  it("hides other workspaces' landlords behind NOT_FOUND", async () => {
    const other = await relance.running.app.get(WorkspaceService).createWorkspace('Agence Autre');
    const mine = await relance.graphql(CreateLandlordDocument, { d: { kind: 'LEGAL_ENTITY', companyName: 'SCI Mine' } });
    const id = mine.data!.createLandlord.id;
    for (const request of [
      () => relance.graphql(FindLandlordDocument, { id }, other.apiKey),
      () => relance.graphql(UpdateLandlordDocument, { id, d: { city: 'Paris' } }, other.apiKey),
      () => relance.graphql(DeleteLandlordDocument, { id }, other.apiKey),
    ]) {
      const response = await request();
      expect(response.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND', field: 'id' });
    }
    const list = await relance.graphql(LandlordCountDocument, {}, other.apiKey);
    expect(list.data?.landlords.totalCount).toBe(0);
  });
});
