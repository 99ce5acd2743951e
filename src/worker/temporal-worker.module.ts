import { Global, Module } from '@nestjs/common';
import { WiringCheckModule } from '../wiring-check/wiring-check.module';
import { TemporalWorkerService } from './temporal-worker.service';
import { DebtCaseService } from '../debt/debt-case.service';

/** Global so `health` can report the worker's state wherever this process runs one. */
@Global()
@Module({
  imports: [WiringCheckModule],
  providers: [TemporalWorkerService, DebtCaseService],
  exports: [TemporalWorkerService],
})
export class TemporalWorkerModule {}
