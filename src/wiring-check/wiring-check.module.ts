import { Module } from '@nestjs/common';
import { WiringCheckService } from './wiring-check.service';

@Module({ providers: [WiringCheckService], exports: [WiringCheckService] })
export class WiringCheckModule {}
