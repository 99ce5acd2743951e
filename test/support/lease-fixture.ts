import { todayIn } from '../../src/common/clock';
import { addDays, IsoDate } from '../../src/domain/calendar-date';
import type { TestRelance } from './test-relance';

/**
 * A landlord, a building, a unit and a lease through GraphQL, with one month of rent due
 * `dueDaysAgo` days before Relance's today (`todayIn()`, the date arrears detection goes
 * by), or on `dueDate`, and unpaid: a lease in arrears for the dunning specs.
 */
export async function createLeaseInArrears(
  relance: TestRelance,
  options: { reference: string; kind?: string; rentCents?: number; period?: string; landlord?: Record<string, unknown> } & (
    { dueDaysAgo: number; dueDate?: never } | { dueDate: IsoDate; dueDaysAgo?: never }
  ),
): Promise<{ landlordId: string; leaseId: string }> {
  const { reference, rentCents = 90_000 } = options;
  const { createLandlord } = await relance.ok<{ createLandlord: { id: string } }>(
    'mutation($d: CreateLandlordInput!) { createLandlord(data: $d) { id } }',
    { d: { kind: 'LEGAL_ENTITY', companyName: `SCI ${reference}`, ...options.landlord } },
  );
  const { createProperty } = await relance.ok<{ createProperty: { id: string } }>(
    'mutation($n: String!) { createProperty(data: { name: $n }) { id } }',
    {
      n: reference,
    },
  );
  const { createUnit } = await relance.ok<{ createUnit: { id: string } }>(
    'mutation($p: ID!) { createUnit(data: { propertyId: $p, label: "1" }) { id } }',
    {
      p: createProperty.id,
    },
  );
  const { createLease } = await relance.ok<{ createLease: { id: string } }>(
    'mutation($d: CreateLeaseInput!) { createLease(data: $d) { id } }',
    {
      d: {
        reference,
        unitId: createUnit.id,
        landlordId: createLandlord.id,
        kind: options.kind ?? 'RESIDENTIAL_UNFURNISHED',
        signedOn: '2025-01-01',
        startsOn: '2025-01-01',
        monthlyRentCents: rentCents,
      },
    },
  );
  await relance.ok('mutation($d: [CreateChargeInput!]!) { createCharges(data: $d) { id } }', {
    d: [
      {
        leaseId: createLease.id,
        period: options.period ?? '2026-01',
        dueDate: options.dueDate ?? addDays(todayIn(), -options.dueDaysAgo!),
        rentCents,
        chargesCents: 0,
      },
    ],
  });
  return { landlordId: createLandlord.id, leaseId: createLease.id };
}

/** A tenant on the lease (its only one), with the contact details and consents given. */
export async function addTenant(relance: TestRelance, leaseId: string, tenant: Record<string, unknown>): Promise<string> {
  const { createTenant } = await relance.ok<{ createTenant: { id: string } }>(
    'mutation($d: CreateTenantInput!) { createTenant(data: $d) { id } }',
    {
      d: { firstName: 'Jean', lastName: 'Martin', ...tenant },
    },
  );
  await relance.ok('mutation($l: ID!, $t: ID!) { setLeaseParties(leaseId: $l, data: { tenantIds: [$t] }) { id } }', {
    l: leaseId,
    t: createTenant.id,
  });
  return createTenant.id;
}
