import { Module } from '@nestjs/common';
import { ExtranetModule } from '../../src/extranet/extranet.module';
import { LandlordAccessResolver } from './landlord-access.resolver';

/** The extranet feature's GraphQL surface: agents invite landlords and revoke their sessions. */
@Module({
  imports: [ExtranetModule],
  providers: [LandlordAccessResolver],
})
export class ExtranetApiModule {}
