import { Guarantor } from './guarantor.entity';
import { Landlord } from './landlord.entity';
import { LeaseGuarantor } from './lease-guarantor.entity';
import { LeaseTenant } from './lease-tenant.entity';
import { Lease } from './lease.entity';
import { Property } from './property.entity';
import { Tenant } from './tenant.entity';
import { Unit } from './unit.entity';

/** The tables of the leases feature: what an agency manages (properties, units, parties, leases). */
export const LEASES_ENTITIES = [Landlord, Property, Unit, Tenant, Guarantor, Lease, LeaseTenant, LeaseGuarantor];
