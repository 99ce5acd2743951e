import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { LedgerModule } from './ledger.module';
import { LedgerService } from './ledger.service';

/**
 * Runs `work` with a LedgerService outside the application (a command-line seed, which has
 * a DataSource and no Nest app): the ledger's module alone, on `dataSource`, which stays
 * open afterwards. No dunning engine listens to this ledger: use it on leases without open
 * debts (a seed recomputes its leases before detecting arrears).
 */
export async function withStandaloneLedger<T>(dataSource: DataSource, work: (ledger: LedgerService) => Promise<T>): Promise<T> {
  @Global()
  @Module({ providers: [{ provide: getDataSourceToken(), useValue: dataSource }], exports: [getDataSourceToken()] })
  class GivenDataSourceModule {}

  @Module({ imports: [GivenDataSourceModule, LedgerModule] })
  class StandaloneLedgerModule {}

  const app = await NestFactory.createApplicationContext(StandaloneLedgerModule, { logger: false, abortOnError: false });
  try {
    return await work(app.get(LedgerService));
  } finally {
    await app.close();
  }
}
