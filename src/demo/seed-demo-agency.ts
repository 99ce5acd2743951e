import type { DataSource } from 'typeorm';
import { openDebtsForArrears } from '../debt/arrears-detection';
import { IsoDate } from '../domain/calendar-date';
import { recomputeLeaseLedgers } from '../ledger/lease-ledger';
import { generateDemoAgency } from './demo-agency.generator';
import { insertDemoAgency } from './demo-agency.inserter';

/** Leases handed to one ledger recomputation: bounds the memory of a 200,000-lease seed. */
const RECOMPUTE_CHUNK = 5_000;

export interface SeededAgency {
  leases: number;
  openedDebts: number;
}

/**
 * Fills a workspace with a generated agency: parties, leases and a year of charges and
 * payments, then runs the same ledger recomputation and arrears detection as live data
 * goes through, so balances, allocations and debts are what the product itself computes.
 * One transaction: a failed seed leaves the workspace as it was.
 */
export async function seedDemoAgency(
  dataSource: DataSource,
  workspaceId: string,
  options: { leases: number; asOf: IsoDate; seed?: number },
): Promise<SeededAgency> {
  const agency = generateDemoAgency({ leases: options.leases, asOf: options.asOf, seed: options.seed });
  return dataSource.transaction(async (manager) => {
    await insertDemoAgency(manager, workspaceId, agency);
    const leaseIds = agency.leases.map((l) => l.id);
    for (let i = 0; i < leaseIds.length; i += RECOMPUTE_CHUNK) {
      await recomputeLeaseLedgers(manager, workspaceId, leaseIds.slice(i, i + RECOMPUTE_CHUNK), options.asOf);
    }
    const opened = await openDebtsForArrears(manager, workspaceId, options.asOf);
    return { leases: agency.leases.length, openedDebts: opened.length };
  });
}
