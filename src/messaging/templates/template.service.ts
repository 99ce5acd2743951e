import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Actor, actorRef } from '../../auth/actor';
import { RelanceError } from '../../common/relance.error';
import { formatEuros } from '../../domain/money';
import { LeaseKind, TEMPLATE_KEYS, TemplateKey, TenantProfile } from '../../domain/scenario';
import { STATEMENT_MARKER } from '../documents/letter-pdf';
import { DEFAULT_TEMPLATES, leaseKindsReading, TEMPLATE_NAMES, TemplateName, templateForLease } from './default-templates';
import { LegalBlockRepository } from './legal-block.repository';
import { LEGAL_BLOCKS } from './legal-blocks';
import { DebtLetterFacts, FEE_LINE_LABEL, lineTotal, spellDate, spellPeriod, templateContext } from './letter-context';
import { MessageTemplateRepository, TemplateVersion } from './message-template.repository';
import { checkTemplateSource, legalBlocksUsed, renderTemplateSource, zonesUsed } from './template-engine';
import { TEMPLATE_LOCALES, TEMPLATE_TONES, TemplateLocale, TemplateMedium, TemplateTone, toneFor } from './template-kinds';

/** A database handle: the data source, or the caller's transaction (never a second connection). */
type Db = Pick<EntityManager, 'query'>;

/** A template as it applies now: a workspace version, or the shipped text (version 0). */
export interface EffectiveTemplate {
  /** A scenario's template key, or a lease-kind variant of one (`formal-notice-non-residential`). */
  key: TemplateName;
  /** The lease kinds that read this text. */
  leaseKinds: LeaseKind[];
  locale: TemplateLocale;
  tone: TemplateTone;
  medium: TemplateMedium;
  subject: string | null;
  body: string;
  /** 0 for the shipped text. */
  version: number;
  source: 'SHIPPED' | 'WORKSPACE';
}

export interface LegalBlockRecord {
  key: string;
  locale: TemplateLocale;
  text: string;
  version: number;
  source: 'SHIPPED' | 'WORKSPACE';
}

/** A rendered template: the text to send, and for letters the body the PDF lays out. */
export interface RenderedMessage {
  template: EffectiveTemplate;
  subject: string;
  /** Plain text (the statement as lines of text). */
  text: string;
  /** The body for a PDF, with the statement table's place marked. */
  letterBody: string;
}

const MAX_TEMPLATE_LENGTH = 20_000;

/**
 * Message templates and locked legal blocks (DESIGN §5): the shipped texts, each
 * workspace's versions over them, strict checking when saved, and rendering against a
 * debt's facts in the tenant's language and tone.
 */
@Injectable()
export class TemplateService {
  constructor(
    private readonly messageTemplates: MessageTemplateRepository,
    private readonly legalBlockVersions: LegalBlockRepository,
  ) {}

  /** The template that applies: workspace tone variant, shipped tone variant, workspace default, shipped default; French when the locale has none. */
  async effective(workspaceId: string, key: TemplateName, locale: TemplateLocale, tone: TemplateTone, db?: Db): Promise<EffectiveTemplate> {
    if (!DEFAULT_TEMPLATES[key]) throw new RelanceError('NOT_FOUND', `No template ${key}`, { field: 'key' });
    return chooseTemplate(await this.latestVersions(workspaceId, key, db), key, locale, tone);
  }

  /** Every template key, locale and tone that has a text, as it applies now; one query for all. */
  async list(workspaceId: string): Promise<EffectiveTemplate[]> {
    const own = await this.latestVersions(workspaceId);
    const wanted = new Set(own.map((o) => `${o.key}|${o.locale}|${o.tone}`));
    for (const [key, shipped] of Object.entries(DEFAULT_TEMPLATES)) {
      for (const locale of TEMPLATE_LOCALES) {
        wanted.add(`${key}|${locale}|DEFAULT`);
        for (const tone of Object.keys(shipped.tones ?? {})) wanted.add(`${key}|${locale}|${tone}`);
      }
    }
    return (
      [...wanted]
        .sort()
        .map((entry) => entry.split('|') as [TemplateName, TemplateLocale, TemplateTone])
        .map(([key, locale, tone]) => ({
          locale,
          tone,
          template: chooseTemplate(
            own.filter((o) => o.key === key),
            key,
            locale,
            tone,
          ),
        }))
        // A language or tone that falls back to another is listed once, under its own name.
        .filter(({ locale, tone, template }) => template.locale === locale && template.tone === tone)
        .map(({ template }) => template)
    );
  }

  /** The workspace's latest version of each template (of one key, or all), per language and tone. */
  private async latestVersions(workspaceId: string, key?: TemplateName, db?: Db): Promise<TemplateRow[]> {
    return (await this.messageTemplates.latestVersions(workspaceId, key, db)) as TemplateRow[];
  }

  async legalBlocks(workspaceId: string, locale: TemplateLocale, db?: Db): Promise<LegalBlockRecord[]> {
    const rows = await this.legalBlockVersions.latestVersions(workspaceId, db);
    return Object.entries(LEGAL_BLOCKS).map(([key, texts]) => {
      const own = rows.find((r) => r.key === key && r.locale === locale) ?? rows.find((r) => r.key === key && r.locale === 'fr');
      return own
        ? { key, locale: own.locale, text: own.text, version: own.version, source: 'WORKSPACE' }
        : { key, locale, text: texts[locale], version: 0, source: 'SHIPPED' };
    });
  }

  /** Saves a new version of a template; refuses unknown variables and a body that drops a locked block of the shipped text. */
  async save(
    actor: Actor,
    input: { key: string; locale: string; tone: string; subject?: string | null; body: string },
  ): Promise<EffectiveTemplate> {
    const key = this.knownName(input.key, 'input.key');
    const locale = oneOf(input.locale, TEMPLATE_LOCALES, 'input.locale');
    const tone = oneOf(input.tone, TEMPLATE_TONES, 'input.tone');
    const shipped = DEFAULT_TEMPLATES[key];
    if (shipped.medium !== 'SMS' && shipped.medium !== 'TASK' && !input.subject?.trim()) {
      throw new RelanceError('BAD_USER_INPUT', `A ${shipped.medium.toLowerCase()} template needs a subject`, { field: 'input.subject' });
    }
    for (const [field, source] of [
      ['input.subject', input.subject ?? ''],
      ['input.body', input.body],
    ] as const) {
      if (source.length > MAX_TEMPLATE_LENGTH)
        throw new RelanceError('BAD_USER_INPUT', `at most ${MAX_TEMPLATE_LENGTH} characters`, { field });
      this.assertClean(source, field);
    }
    if (!input.body.trim()) throw new RelanceError('BAD_USER_INPUT', 'The body is empty', { field: 'input.body' });
    const locked = legalBlocksUsed(shipped.text[locale].body);
    const kept = legalBlocksUsed(input.body);
    const dropped = [...locked].filter((block) => !kept.has(block));
    if (dropped.length > 0) {
      throw new RelanceError(
        'BAD_USER_INPUT',
        `The locked legal block(s) ${dropped.map((d) => `{{> ${d}}}`).join(', ')} must stay in this template`,
        { field: 'input.body' },
      );
    }
    const subject = input.subject?.trim() || null;
    const version = await this.messageTemplates.insertNextVersion(actor.workspaceId, {
      key,
      locale,
      tone,
      subject,
      body: input.body,
      createdBy: authorOf(actor),
    });
    return {
      key,
      leaseKinds: leaseKindsReading(key),
      locale,
      tone,
      medium: shipped.medium,
      subject,
      body: input.body,
      version,
      source: 'WORKSPACE',
    };
  }

  /** A new version of a locked legal block (the resolver lets only ADMIN keys here). */
  async saveLegalBlock(actor: Actor, input: { key: string; locale: string; text: string }): Promise<LegalBlockRecord> {
    if (!(input.key in LEGAL_BLOCKS)) {
      throw new RelanceError('BAD_USER_INPUT', `No legal block ${input.key} (known: ${Object.keys(LEGAL_BLOCKS).join(', ')})`, {
        field: 'input.key',
      });
    }
    const locale = oneOf(input.locale, TEMPLATE_LOCALES, 'input.locale');
    if (!input.text.trim() || input.text.length > MAX_TEMPLATE_LENGTH) {
      throw new RelanceError('BAD_USER_INPUT', `The text must be 1 to ${MAX_TEMPLATE_LENGTH} characters`, { field: 'input.text' });
    }
    this.assertClean(input.text, 'input.text', new Set());
    const version = await this.legalBlockVersions.insertNextVersion(actor.workspaceId, {
      key: input.key,
      locale,
      text: input.text,
      createdBy: authorOf(actor),
    });
    return { key: input.key, locale, text: input.text, version, source: 'WORKSPACE' };
  }

  /**
   * Renders a template for a debt, in the reader's language and the tone of the tenant's
   * profile, in the variant of the lease's kind (a commercial lease reads the non-residential
   * letters), with the zones an agent filled. `draft` renders an unsaved text instead
   * (checked first), for a preview.
   */
  async render(
    facts: DebtLetterFacts,
    options: {
      key: TemplateName;
      locale: TemplateLocale;
      profile: TenantProfile;
      zones?: Record<string, string>;
      draft?: { subject?: string | null; body: string };
    },
    db?: Db,
  ): Promise<RenderedMessage> {
    const template = await this.effective(
      facts.workspaceId,
      templateForLease(options.key, facts.leaseKind),
      options.locale,
      toneFor(options.profile),
      db,
    );
    const subjectSource = options.draft ? (options.draft.subject ?? '') : (template.subject ?? '');
    const bodySource = options.draft ? options.draft.body : template.body;
    if (options.draft) {
      this.assertClean(subjectSource, 'subject');
      this.assertClean(bodySource, 'body');
    }
    const blocks = Object.fromEntries((await this.legalBlocks(facts.workspaceId, template.locale, db)).map((b) => [b.key, b.text]));
    const context = templateContext(facts, template.locale);
    const render = (source: string, statement: string) =>
      renderTemplateSource(source, context, { legalBlocks: blocks, zones: options.zones, statement });
    return {
      template,
      subject: render(subjectSource, ''),
      text: render(bodySource, statementText(facts, template.locale)),
      letterBody: render(bodySource, STATEMENT_MARKER),
    };
  }

  /**
   * The zone names a debt's messages for a scenario key can hold: those of its template as it
   * applies to the debt's lease, in every language and in the default and tenants' tones.
   */
  async zoneNames(facts: DebtLetterFacts, key: TemplateKey, db?: Db): Promise<Set<string>> {
    const name = templateForLease(key, facts.leaseKind);
    const tones = new Set<TemplateTone>(['DEFAULT', toneFor(facts.profile), ...facts.tenants.map((t) => toneFor(t.profile))]);
    const names = new Set<string>();
    for (const locale of TEMPLATE_LOCALES) {
      for (const tone of tones) {
        const template = await this.effective(facts.workspaceId, name, locale, tone, db);
        for (const zone of [...zonesUsed(template.subject ?? ''), ...zonesUsed(template.body)]) names.add(zone);
      }
    }
    return names;
  }

  /** A template a scenario step may name. */
  knownKey(key: string, field: string): TemplateKey {
    if (!(TEMPLATE_KEYS as readonly string[]).includes(key)) {
      throw new RelanceError('BAD_USER_INPUT', `No template ${key} (known: ${TEMPLATE_KEYS.join(', ')})`, { field });
    }
    return key as TemplateKey;
  }

  /** A template to edit or preview: a scenario's key, or a lease-kind variant of one. */
  knownName(key: string, field: string): TemplateName {
    if (!(TEMPLATE_NAMES as readonly string[]).includes(key)) {
      throw new RelanceError('BAD_USER_INPUT', `No template ${key} (known: ${TEMPLATE_NAMES.join(', ')})`, { field });
    }
    return key as TemplateName;
  }

  private assertClean(source: string, field: string, blocks: ReadonlySet<string> = new Set(Object.keys(LEGAL_BLOCKS))): void {
    const problems = checkTemplateSource(source, blocks);
    if (problems.length > 0) throw new RelanceError('BAD_USER_INPUT', problems.join('; '), { field });
  }
}

/** A workspace version of a template whose key is known (a shipped template's name). */
type TemplateRow = TemplateVersion & { key: TemplateName };

/** Picks among a key's workspace versions and shipped texts: the tone, then the default; the locale, then French. */
function chooseTemplate(rows: TemplateRow[], key: TemplateName, locale: TemplateLocale, tone: TemplateTone): EffectiveTemplate {
  const shipped = DEFAULT_TEMPLATES[key];
  for (const candidateLocale of locale === 'fr' ? (['fr'] as const) : ([locale, 'fr'] as const)) {
    for (const candidateTone of tone === 'DEFAULT' ? (['DEFAULT'] as const) : ([tone, 'DEFAULT'] as const)) {
      const own = rows.find((r) => r.locale === candidateLocale && r.tone === candidateTone);
      const base = { key, leaseKinds: leaseKindsReading(key), locale: candidateLocale, tone: candidateTone, medium: shipped.medium };
      if (own) return { ...base, subject: own.subject, body: own.body, version: own.version, source: 'WORKSPACE' };
      const text = candidateTone === 'DEFAULT' ? shipped.text[candidateLocale] : shipped.tones?.[candidateTone]?.[candidateLocale];
      if (text) return { ...base, subject: text.subject ?? null, body: text.body, version: 0, source: 'SHIPPED' };
    }
  }
  throw new Error(`template ${key} has no French text`);
}

function oneOf<T extends string>(value: string, allowed: readonly T[], field: string): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new RelanceError('BAD_USER_INPUT', `must be one of ${allowed.join(', ')}`, { field });
  return value as T;
}

/** The statement as text lines, for e-mails and tasks; a late-payment fee on a line of its own. */
function statementText(facts: DebtLetterFacts, locale: TemplateLocale): string {
  const words =
    locale === 'fr'
      ? { due: 'échéance du', colon: ' :', rent: 'loyer', charges: 'charges' }
      : { due: 'due', colon: ':', rent: 'rent', charges: 'charges' };
  return facts.statement
    .map((l) =>
      l.feeCents > 0
        ? `- ${FEE_LINE_LABEL[locale]} (${words.due} ${spellDate(l.dueDate, locale)})${words.colon} ${formatEuros(l.feeCents)}`
        : `- ${spellPeriod(l.period, locale)} (${words.due} ${spellDate(l.dueDate, locale)})${words.colon} ${formatEuros(lineTotal(l))} (${words.rent} ${formatEuros(l.rentCents)}, ${words.charges} ${formatEuros(l.chargesCents)})`,
    )
    .join('\n');
}

/** Who wrote a template or legal block: the admin's API key id (only ADMIN keys write them), else the caller's reference. */
function authorOf(actor: Actor): string {
  return actor.apiKeyId ?? actorRef(actor);
}
