import { Debt, DEBT_TABLE } from '../../src/debt/debt.entity';
import { DebtService } from '../../src/debt/debt.service';
import { recordResolverFor } from '../records/record-resolver.factory';

/** `debts` and `debt(id)`: read-only records (the ledger opens and clears debts, their workflow moves them). */
export const DebtResolver = recordResolverFor({ name: 'Debt', plural: 'debts', node: Debt, table: DEBT_TABLE, service: DebtService });
