import { DynamicModule, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { InjectDataSource, TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { refuseSecondConnectionInTransactions } from './transaction-guard';

/** Arbitrary, fixed key of the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK_KEY = 0x52454c41; // "RELA"

/** Applies pending migrations while holding the migration lock; returns their names. */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}

/**
 * Runs pending migrations at start-up, one process at a time: separate api and worker
 * processes starting together would otherwise both apply the first migration and one
 * would fail. Session-level `pg_advisory_lock` works on Postgres and PGlite alike.
 */
@Injectable()
export class DatabaseMigrations implements OnModuleInit {
  private readonly logger = new Logger('Migrations');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    for (const migration of await runMigrationsLocked(this.dataSource)) this.logger.log({ migration }, 'Migration applied');
  }
}

/**
 * The TypeORM connection and its migrations. Code holding a transaction may not ask the
 * pool for a second connection: it fails at once (see transaction-guard.ts).
 */
@Module({})
export class DatabaseModule {
  static forRoot(options: DataSourceOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...options, retryAttempts: 2, retryDelay: 1000 }),
          dataSourceFactory: async (built) => refuseSecondConnectionInTransactions(await new DataSource(built!).initialize()),
        }),
      ],
      providers: [DatabaseMigrations],
    };
  }
}
