import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DebtModule } from '../debt/debt.module';
import { WebAppController } from './web-app.controller';
import { WebAppFiles } from './web-app-files';

/**
 * The landlord extranet's web front (web/, built into dist/web), served at /app. It
 * talks only to the GraphQL API and the /auth and /documents endpoints, like any client.
 */
@Module({ imports: [AuthModule, DebtModule], controllers: [WebAppController], providers: [WebAppFiles] })
export class WebModule {}
