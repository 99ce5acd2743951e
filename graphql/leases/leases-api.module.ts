import { Module } from '@nestjs/common';
import { LeasesModule } from '../../src/leases/leases.module';
import { GuarantorResolver } from './guarantor.resolver';
import { LandlordResolver } from './landlord.resolver';
import { LeasePartiesResolver } from './lease-parties.resolver';
import { LeaseResolver } from './lease.resolver';
import { PropertyResolver } from './property.resolver';
import { TenantResolver } from './tenant.resolver';
import { UnitResolver } from './unit.resolver';

/** The leases feature's GraphQL surface: its resolvers over the services of LeasesModule. */
@Module({
  imports: [LeasesModule],
  providers: [LandlordResolver, PropertyResolver, UnitResolver, TenantResolver, GuarantorResolver, LeaseResolver, LeasePartiesResolver],
})
export class LeasesApiModule {}
