import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The free-text zones an agent set for one step of a debt (`setDebtMessageZones`): the one
 * declaration of the `debt_message_zone` table. Not a GraphQL object of its own: a debt's
 * steps show them (DebtMessageZones).
 */
@Entity('debt_message_zone')
export class DebtMessageZone {
  @PrimaryColumn({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @PrimaryColumn({ name: 'debt_id', type: 'uuid' })
  debtId: string;

  @PrimaryColumn({ name: 'step_key', type: 'varchar', length: 64 })
  stepKey: string;

  /** The scenario's template key of the step when the zones were set. */
  @Column({ name: 'template_key', type: 'varchar', length: 64 })
  templateKey: string;

  /** `[{ "name": "note", "text": "…" }]`, in the order given. */
  @Column({ type: 'jsonb' })
  zones: Array<{ name: string; text: string }>;

  /** The agent confirmed wording the sensitive-data check flagged. */
  @Column({ name: 'sensitive_acknowledged', type: 'boolean' })
  sensitiveAcknowledged: boolean;

  @Column({ name: 'set_by', type: 'varchar', length: 200 })
  setBy: string;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: string;
}
