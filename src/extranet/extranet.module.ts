import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { LeasesModule } from '../leases/leases.module';
import { MessagingModule } from '../messaging/messaging.module';
import { WorkspaceModule } from '../workspace/workspace.module';
import { LandlordAccessService } from './landlord-access.service';
import { LandlordSignInController } from './landlord-sign-in.controller';
import { SignInTokenRepository } from './sign-in-token.repository';

/**
 * The landlords' extranet access: invitations and sign-in links by e-mail, the sign-in
 * endpoints that turn a link into a session (held by auth), signing out and revoking.
 */
@Module({
  imports: [AuthModule, LeasesModule, MessagingModule, WorkspaceModule],
  providers: [SignInTokenRepository, LandlordAccessService],
  controllers: [LandlordSignInController],
  exports: [LandlordAccessService],
})
export class ExtranetModule {}
