import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One completed wiring check, written by the activity (throw-away, see the migration). */
@Entity({ name: 'wiring_check_run' })
export class WiringCheckRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'workflow_id', type: 'varchar', length: 200, unique: true })
  workflowId: string;

  @Column({ type: 'varchar', length: 200 })
  message: string;

  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;
}
