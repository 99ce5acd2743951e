import { Module } from '@nestjs/common';
import { LeasesModule } from '../leases/leases.module';
import { LedgerModule } from '../ledger/ledger.module';
import { ScenarioAssignmentRuleRepository } from './scenario-assignment-rule.repository';
import { ScenarioCatalogService } from './scenario-catalog.service';
import { ScenarioSimulationService } from './scenario-simulation.service';
import { ScenarioVersionRepository } from './scenario-version.repository';
import { ScenarioRepository } from './scenario.repository';

/**
 * Dunning scenarios (DESIGN §4): the catalog of shipped and workspace scenarios with their
 * drafts and versions, the assignment rules choosing a new debt's, and the simulated
 * calendar. Exports its services only: the debt feature asks the catalog for a new debt's
 * scenario, never its repositories.
 */
@Module({
  imports: [LeasesModule, LedgerModule],
  providers: [
    ScenarioRepository,
    ScenarioVersionRepository,
    ScenarioAssignmentRuleRepository,
    ScenarioCatalogService,
    ScenarioSimulationService,
  ],
  exports: [ScenarioCatalogService, ScenarioSimulationService],
})
export class ScenariosModule {}
