import { todayIn } from '../../src/common/clock';
import { addDays } from '../../src/domain/calendar-date';
import { WorkspaceService } from '../../src/workspace/workspace.service';
import { startTestRelance, TestRelance } from '../support/test-relance';
import {
  ApiKeyCountDocument,
  CreateApiKeyDocument,
  CreateChargesDocument,
  CreateCreditNoteDocument,
  CreateGuarantorDocument,
  CreateLandlordDocument,
  CreateLeaseDocument,
  CreatePaymentDocument,
  CreatePropertyDocument,
  CreateTenantDocument,
  CreateUnitDocument,
  DebtAmountAndStatusDocument,
  DebtEventIdsDocument,
  DebtProfileDocument,
  DeleteGuarantorDocument,
  DeletePropertyDocument,
  FindGuarantorDocument,
  LeaseCountDocument,
  LeaseWithPartiesDocument,
  MarkTenantVulnerableDocument,
  RevokeApiKeyDocument,
  RunArrearsDetectionDocument,
  SetLeasePartiesDocument,
  TenantProfileDocument,
  UpdateWorkspaceBankDocument,
  UpdateWorkspaceDocument,
} from './graphql/generated';

/**
 * Every object through the generic API: create, read, list, update and delete where the
 * object allows it; a key of another workspace meets NOT_FOUND on each, and a landlord key
 * on each record of another landlord.
 */
describe('every object: CRUD and isolation', () => {
  let relance: TestRelance;
  const ids: Record<string, string> = {};
  let otherWorkspaceKey: string;
  let otherLandlordKey: string;

  beforeAll(async () => {
    relance = await startTestRelance('api');
    const today = todayIn();
    ids.landlord = (await relance.ok(CreateLandlordDocument, { d: { kind: 'NATURAL_PERSON', lastName: 'Martin' } })).createLandlord.id;
    const otherLandlord = (await relance.ok(CreateLandlordDocument, { d: { kind: 'LEGAL_ENTITY', companyName: 'SCI Autre' } }))
      .createLandlord.id;
    ids.property = (
      await relance.ok(CreatePropertyDocument, { d: { name: 'Les Acacias', city: 'Nantes', postalCode: '44000' } })
    ).createProperty.id;
    ids.unit = (await relance.ok(CreateUnitDocument, { d: { propertyId: ids.property, label: 'B12', floor: '1' } })).createUnit.id;
    ids.tenant = (
      await relance.ok(CreateTenantDocument, { d: { firstName: 'Léa', lastName: 'Roux', phone: '+33698765432', consentSms: true } })
    ).createTenant.id;
    ids.guarantor = (await relance.ok(CreateGuarantorDocument, { d: { lastName: 'Roux', firstName: 'Paul' } })).createGuarantor.id;
    ids.lease = (
      await relance.ok(CreateLeaseDocument, {
        d: {
          reference: 'BAIL-ISO-1',
          unitId: ids.unit,
          landlordId: ids.landlord,
          kind: 'RESIDENTIAL_FURNISHED',
          signedOn: '2025-03-01',
          startsOn: '2025-03-01',
          monthlyRentCents: 65_000,
          monthlyChargesCents: 5_000,
        },
      })
    ).createLease.id;
    await relance.ok(SetLeasePartiesDocument, {
      leaseId: ids.lease,
      d: { tenantIds: [ids.tenant], guarantorIds: [ids.guarantor] },
    });
    ids.charge = (
      await relance.ok(CreateChargesDocument, {
        d: [{ leaseId: ids.lease, period: '2026-01', dueDate: addDays(today, -40), rentCents: 65_000, chargesCents: 5_000 }],
      })
    ).createCharges[0].id;
    ids.payment = (
      await relance.ok(CreatePaymentDocument, {
        d: { leaseId: ids.lease, amountCents: 10_000, paidOn: today, method: 'CHECK', bankReference: 'CHQ-1' },
      })
    ).createPayment.id;
    ids.creditNote = (
      await relance.ok(CreateCreditNoteDocument, {
        d: { leaseId: ids.lease, amountCents: 1_000, issuedOn: today, reason: 'Geste commercial' },
      })
    ).createCreditNote.id;
    ids.debt = (await relance.ok(RunArrearsDetectionDocument)).runArrearsDetection[0].id;
    ids.debtEvent = (await relance.ok(DebtEventIdsDocument)).debtEvents.edges[0].node.id;

    const workspaces = relance.running.app.get(WorkspaceService);
    otherWorkspaceKey = (await workspaces.createWorkspace('Agence B')).apiKey;
    otherLandlordKey = (await workspaces.createApiKey(relance.workspaceId, 'other landlord', 'LANDLORD', otherLandlord)).key;
  });

  afterAll(async () => {
    await relance?.stop();
  });

  it('reads each record back, with its relations and ledger figures', async () => {
    const lease = await relance.ok(LeaseWithPartiesDocument, { id: ids.lease });
    expect(lease.lease).toEqual({
      reference: 'BAIL-ISO-1',
      kind: 'RESIDENTIAL_FURNISHED',
      balanceCents: 59_000,
      daysLate: 40,
      tenantIds: [ids.tenant],
      guarantorIds: [ids.guarantor],
    });
    const debt = await relance.ok(DebtAmountAndStatusDocument, { id: ids.debt });
    expect(debt.debt).toEqual({ amountCents: 59_000, status: 'OPEN' });
  });

  it("infers the tenant's profile from their history before the debt, the debt itself not counting, and lets a person override it", async () => {
    const tenant = await relance.ok(TenantProfileDocument, { id: ids.tenant });
    // A first debt with no month paid before it: no record to judge from yet.
    expect(tenant.tenant).toEqual({ profile: 'UNKNOWN', profileOverride: null });
    const debt = await relance.ok(DebtProfileDocument, { id: ids.debt });
    expect(debt.debt).toEqual({
      profile: 'UNKNOWN',
      profileReason: expect.stringMatching(/^tenant Roux: no earlier debt, no month paid on time/),
    });
  });

  it('updates and deletes the editable objects', async () => {
    const updated = await relance.ok(MarkTenantVulnerableDocument, { id: ids.tenant });
    expect(updated.updateTenant).toEqual({ vulnerable: true, profileOverride: 'PRECARIOUS' });
    const referenced = await relance.graphql(DeletePropertyDocument, { id: ids.property });
    expect(referenced.errors?.[0].extensions).toEqual({ code: 'CONFLICT', field: 'id' });
    const spare = (await relance.ok(CreateGuarantorDocument, { d: { lastName: 'Spare' } })).createGuarantor.id;
    await relance.ok(DeleteGuarantorDocument, { id: spare });
    expect((await relance.graphql(FindGuarantorDocument, { id: spare })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  const readable = [
    ['landlord', 'landlord'],
    ['property', 'property'],
    ['unit', 'unit'],
    ['tenant', 'tenant'],
    ['guarantor', 'guarantor'],
    ['lease', 'lease'],
    ['charge', 'charge'],
    ['payment', 'payment'],
    ['creditNote', 'creditNote'],
    ['debt', 'debt'],
    ['debtEvent', 'debtEvent'],
  ] as const;

  it.each(readable)('a key of another workspace gets NOT_FOUND on %s', async (object, query) => {
    const response = await relance.graphql(`query($id: ID!) { ${query}(id: $id) { id } }`, { id: ids[object] }, otherWorkspaceKey);
    expect(response.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND', field: 'id' });
  });

  it.each([
    ['updateLandlord', 'landlord', '{ city: "Paris" }'],
    ['updateProperty', 'property', '{ city: "Paris" }'],
    ['updateUnit', 'unit', '{ floor: "2" }'],
    ['updateTenant', 'tenant', '{ vulnerable: false }'],
    ['updateGuarantor', 'guarantor', '{ city: "Paris" }'],
    ['updateLease', 'lease', '{ dueDay: 3 }'],
  ])('a key of another workspace gets NOT_FOUND on %s', async (mutation, object, data) => {
    const response = await relance.graphql(
      `mutation($id: ID!) { ${mutation}(id: $id, data: ${data}) { id } }`,
      { id: ids[object] },
      otherWorkspaceKey,
    );
    expect(response.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND', field: 'id' });
  });

  it.each(['Landlord', 'Property', 'Unit', 'Tenant', 'Guarantor', 'Lease'])(
    'a key of another workspace cannot delete a %s',
    async (name) => {
      const object = name[0].toLowerCase() + name.slice(1);
      const response = await relance.graphql(
        `mutation($id: ID!) { delete${name}(id: $id) { id } }`,
        { id: ids[object] },
        otherWorkspaceKey,
      );
      expect(response.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND', field: 'id' });
      expect((await relance.graphql(`query($id: ID!) { ${object}(id: $id) { id } }`, { id: ids[object] })).errors).toBeUndefined();
    },
  );

  it.each(readable)("a landlord key gets NOT_FOUND on another landlord's %s", async (object, query) => {
    const response = await relance.graphql(`query($id: ID!) { ${query}(id: $id) { id } }`, { id: ids[object] }, otherLandlordKey);
    expect(response.errors?.[0].extensions).toEqual({ code: 'NOT_FOUND', field: 'id' });
  });

  it('lists nothing of workspace A to a key of workspace B', async () => {
    const lists = [
      'landlords',
      'properties',
      'units',
      'tenants',
      'guarantors',
      'leases',
      'charges',
      'payments',
      'creditNotes',
      'debts',
      'debtEvents',
    ];
    const data = await relance.ok<Record<string, { totalCount: number }>>(
      `{ ${lists.map((l) => `${l} { totalCount }`).join(' ')} }`,
      {},
      otherWorkspaceKey,
    );
    expect(Object.values(data).map((c) => c.totalCount)).toEqual(lists.map(() => 0));
  });

  it('lets an admin manage settings and keys, and nobody else', async () => {
    const settings = await relance.ok(UpdateWorkspaceBankDocument, {
      d: { iban: 'FR7630006000011234567890189', paymentInstructions: 'Virement' },
    });
    expect(settings.updateWorkspace).toEqual({ iban: 'FR7630006000011234567890189', timeZone: 'Europe/Paris' });
    const created = await relance.ok(CreateApiKeyDocument, { d: { name: 'Bailleur', role: 'LANDLORD', landlordId: ids.landlord } });
    const landlordKey = created.createApiKey.secret;
    const leases = await relance.ok(LeaseCountDocument, {}, landlordKey);
    expect(leases.leases.totalCount).toBe(1);
    const denied = await relance.graphql(UpdateWorkspaceDocument, { d: { name: 'Hacked' } }, landlordKey);
    expect(denied.errors?.[0].extensions).toEqual({ code: 'FORBIDDEN' });
    const keys = await relance.graphql(ApiKeyCountDocument, {}, landlordKey);
    expect(keys.errors?.[0].extensions).toEqual({ code: 'FORBIDDEN' });
    await relance.ok(RevokeApiKeyDocument, { id: created.createApiKey.apiKey.id });
    expect((await relance.graphql(LeaseCountDocument, {}, landlordKey)).errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED' });
    const zone = await relance.graphql(UpdateWorkspaceDocument, { d: { timeZone: 'Mars/Olympus' } });
    expect(zone.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'data.timeZone' });
    const bad = await relance.graphql(CreateApiKeyDocument, { d: { name: 'x', role: 'LANDLORD' } });
    expect(bad.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'data.landlordId' });
  });

  it.each([
    [
      'createUnit',
      'CreateUnitInput',
      { propertyId: '6f1c1a51-9d3e-4b53-9a8e-2f3a1c0b9d11', label: 'X' },
      'BAD_USER_INPUT',
      'data.propertyId',
    ],
    [
      'createLease',
      'CreateLeaseInput',
      {
        reference: 'BAIL-ISO-1',
        unitId: 'UNIT',
        landlordId: 'LANDLORD',
        kind: 'OTHER',
        signedOn: '2025-01-01',
        startsOn: '2025-01-01',
        monthlyRentCents: 1,
      },
      'CONFLICT',
      'data.reference',
    ],
    [
      'createLease',
      'CreateLeaseInput',
      {
        reference: 'B2',
        unitId: 'UNIT',
        landlordId: 'LANDLORD',
        kind: 'OTHER',
        signedOn: '2025-13-01',
        startsOn: '2025-01-01',
        monthlyRentCents: 1,
      },
      'BAD_USER_INPUT',
      'data.signedOn',
    ],
    [
      'createLease',
      'CreateLeaseInput',
      {
        reference: 'B3',
        unitId: 'UNIT',
        landlordId: 'LANDLORD',
        kind: 'OTHER',
        signedOn: '2025-01-01',
        startsOn: '2025-01-01',
        monthlyRentCents: 1,
        dueDay: 32,
      },
      'BAD_USER_INPUT',
      'data.dueDay',
    ],
    [
      'createLease',
      'CreateLeaseInput',
      {
        reference: 'B4',
        unitId: 'UNIT',
        landlordId: 'LANDLORD',
        kind: 'OTHER',
        signedOn: '2025-01-01',
        startsOn: '2025-06-01',
        endsOn: '2025-01-01',
        monthlyRentCents: 1,
      },
      'BAD_USER_INPUT',
      'data',
    ],
    ['createTenant', 'CreateTenantInput', { lastName: 'X', preferredChannel: 'PIGEON' }, 'BAD_USER_INPUT', 'data.preferredChannel'],
    ['createTenant', 'CreateTenantInput', { lastName: 'X'.repeat(101) }, 'BAD_USER_INPUT', 'data.lastName'],
    ['createProperty', 'CreatePropertyInput', { name: 'P', country: 'France' }, 'BAD_USER_INPUT', 'data.country'],
  ])('%s refuses bad input (%#) with %s on %s', async (mutation, type, data, code, field) => {
    const resolved = JSON.parse(
      JSON.stringify(data).replace('"UNIT"', JSON.stringify(ids.unit)).replace('"LANDLORD"', JSON.stringify(ids.landlord)),
    );
    const response = await relance.graphql(`mutation($d: ${type}!) { ${mutation}(data: $d) { id } }`, { d: resolved });
    expect(response.errors?.[0].extensions).toEqual({ code, field });
  });
});
