import { DebtEvent } from './debt-event.entity';

/** The table of the timeline feature: what was done on each debt. */
export const TIMELINE_ENTITIES = [DebtEvent];
