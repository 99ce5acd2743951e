import { CreateWiringCheckRun1795456800000 } from './1795456800000-create-wiring-check-run';

/** Hand-reviewed migrations, oldest first; they run at start-up (`migrationsRun`). */
export const RELANCE_MIGRATIONS = [CreateWiringCheckRun1795456800000];
