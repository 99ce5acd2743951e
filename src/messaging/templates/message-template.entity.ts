import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TEMPLATE_LOCALES, TEMPLATE_TONES, TemplateLocale, TemplateTone } from './template-kinds';

/**
 * One saved version of a workspace's template, in one language and tone: the one
 * declaration of the `message_template` table. Versions are kept (1, 2, 3…); the latest
 * applies over the shipped text. GraphQL shows templates as they apply (`MessageTemplate`,
 * see TemplateService.effective), not these rows.
 */
@Entity('message_template')
// The latest version of each key, language and tone is read in this order (DISTINCT ON … version DESC).
@Index('message_template_workspace_id_key_locale_tone_version_key', ['workspaceId', 'key', 'locale', 'tone', 'version'], { unique: true })
export class MessageTemplate {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ name: 'workspace_id', type: 'uuid' })
  workspaceId: string;

  @Column({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'varchar', length: 2, enum: TEMPLATE_LOCALES })
  locale: TemplateLocale;

  @Column({ type: 'varchar', length: 12, enum: TEMPLATE_TONES })
  tone: TemplateTone;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Column({ type: 'text' })
  body: string;

  /** The API key that saved it. */
  @Column({ name: 'created_by', type: 'varchar', length: 200 })
  createdBy: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: string;
}
