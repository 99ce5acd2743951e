import { WiringCheckRun } from '../wiring-check/wiring-check-run.entity';

/** Every TypeORM entity, listed explicitly so compiled and ts-jest runs load the same set. */
export const RELANCE_ENTITIES = [WiringCheckRun];
