import type { DataSource } from 'typeorm';
import { openDebtsForArrears } from '../debt/arrears-detection';
import { IsoDate } from '../domain/calendar-date';
import { withStandaloneLedger } from '../ledger/standalone-ledger';
import { generateDemoAgency } from './demo-agency.generator';
import { insertDemoAgency } from './demo-agency.repository';

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
  // A fresh workspace has no debts yet: the ledger alone, without the dunning engine, recomputes it.
  return withStandaloneLedger(dataSource, (ledger) =>
    dataSource.transaction(async (manager) => {
      await insertDemoAgency(manager, workspaceId, agency);
      const leaseIds = agency.leases.map((l) => l.id);
      for (let i = 0; i < leaseIds.length; i += RECOMPUTE_CHUNK) {
        await ledger.recompute(manager, workspaceId, leaseIds.slice(i, i + RECOMPUTE_CHUNK), options.asOf);
      }
      const opened = await openDebtsForArrears(manager, workspaceId, options.asOf);
      return { leases: agency.leases.length, openedDebts: opened.length };
    }),
  );
}
