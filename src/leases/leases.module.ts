import { Module } from '@nestjs/common';
import { GuarantorRepository } from './guarantor.repository';
import { GuarantorService } from './guarantor.service';
import { LandlordRepository } from './landlord.repository';
import { LandlordService } from './landlord.service';
import { LeaseGuarantorRepository } from './lease-guarantor.repository';
import { LeaseTenantRepository } from './lease-tenant.repository';
import { LeaseRepository } from './lease.repository';
import { LeaseService } from './lease.service';
import { PropertyRepository } from './property.repository';
import { PropertyService } from './property.service';
import { TenantRepository } from './tenant.repository';
import { TenantService } from './tenant.service';
import { UnitRepository } from './unit.repository';
import { UnitService } from './unit.service';

/**
 * What an agency manages: landlords, properties and units, tenants and guarantors, and the
 * leases between them. Exports its services only: other features never reach its repositories.
 */
@Module({
  providers: [
    LandlordRepository,
    LandlordService,
    PropertyRepository,
    PropertyService,
    UnitRepository,
    UnitService,
    TenantRepository,
    TenantService,
    GuarantorRepository,
    GuarantorService,
    LeaseRepository,
    LeaseTenantRepository,
    LeaseGuarantorRepository,
    LeaseService,
  ],
  exports: [LandlordService, PropertyService, UnitService, TenantService, GuarantorService, LeaseService],
})
export class LeasesModule {}
