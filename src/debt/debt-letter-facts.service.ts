import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor';
import { RelanceError } from '../common/relance.error';
import type { IsoDate } from '../domain/calendar-date';
import type { DebtLetterFacts } from '../messaging/templates/letter-context';
import { findDebtLetterFacts } from './debt-letter-facts.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A debt's letter facts for the API (a template preview against a real debt). */
@Injectable()
export class DebtLetterFactsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The facts of one of the actor's debts as of a date; NOT_FOUND (field `id`) for any other.
   * For agency keys (ADMIN, AGENT): a landlord's key never previews.
   */
  async ofDebt(actor: Actor, debtId: string, asOf: IsoDate): Promise<DebtLetterFacts> {
    const facts =
      actor.role !== 'LANDLORD' && UUID.test(debtId)
        ? await findDebtLetterFacts(this.dataSource, actor.workspaceId, debtId, asOf)
        : undefined;
    if (!facts) throw new RelanceError('NOT_FOUND', `No Debt with id ${debtId}`, { field: 'id' });
    return facts;
  }
}
