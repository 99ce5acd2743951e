import { Debt } from './debt.entity';
import { DebtMessageZone } from './debt-message-zone.entity';

/** The tables of the debt feature. */
export const DEBT_ENTITIES = [Debt, DebtMessageZone];
