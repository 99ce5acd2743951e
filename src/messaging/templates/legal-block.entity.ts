import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TEMPLATE_LOCALES, TemplateLocale } from './template-kinds';

/**
 * One saved version of a workspace's locked legal block (`{{> key}}` in templates), in one
 * language: the one declaration of the `legal_block` table. Only ADMIN keys write it; the
 * latest version applies over the shipped text.
 */
@Entity('legal_block')
// The latest version of each block and language is read in this order (DISTINCT ON … version DESC).
@Index('legal_block_workspace_id_key_locale_version_key', ['workspaceId', 'key', 'locale', 'version'], { unique: true })
export class LegalBlock {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'varchar', length: 2, enum: TEMPLATE_LOCALES })
  locale: TemplateLocale;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text' })
  text: string;

  /** The API key that saved it. */
  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: string;
}
