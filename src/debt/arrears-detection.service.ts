import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { todayIn } from '../common/clock';
import { WorkspaceService } from '../workspace/workspace.service';
import { openDebtsForArrears } from './arrears-detection';
import { DebtRepository } from './debt.repository';
import { DebtWorkflowsService } from './debt-workflows.service';

export interface DetectionResult {
  /** Debts opened by this run, in the order they were opened. */
  openedDebtIds: string[];
  /** Workflows started by this run: the new debts' and those of earlier debts never started. */
  startedWorkflows: number;
}

/**
 * One arrears-detection run over a workspace, the same whether an agent asks for it
 * (`runArrearsDetection`) or the daily Schedule does: open a debt on every lease in arrears,
 * then start the workflow of every open debt that has none. Running it twice opens and
 * starts nothing twice.
 */
@Injectable()
export class ArrearsDetectionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflows: DebtWorkflowsService,
    private readonly workspaces: WorkspaceService,
  ) {}

  workspaceIds(): Promise<string[]> {
    return this.workspaces.workspaceIds();
  }

  /**
   * `whenTemporalIsDown: 'defer'` leaves unstarted debts for the next run (an agent's
   * request still succeeds); `'fail'` throws, so that a scheduled activity retries.
   */
  async run(workspaceId: string, whenTemporalIsDown: 'defer' | 'fail'): Promise<DetectionResult> {
    const opened = await this.dataSource.transaction((manager) => openDebtsForArrears(manager, workspaceId, todayIn()));
    const ids = await new DebtRepository(this.dataSource.manager).unstartedIds(workspaceId);
    const started =
      whenTemporalIsDown === 'defer' ? await this.workflows.startOrDefer(workspaceId, ids) : await this.workflows.start(workspaceId, ids);
    return { openedDebtIds: opened.map((o) => o.debtId), startedWorkflows: started.length };
  }
}
