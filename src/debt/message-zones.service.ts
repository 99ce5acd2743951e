import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, actorRef } from '../auth/actor';
import { todayIn } from '../common/clock';
import { RelanceError } from '../common/relance.error';
import { ScenarioStep } from '../domain/scenario';
import { findSensitiveTerms } from '../domain/sensitive-terms';
import { OutboxService, sendsMessages } from '../messaging/outbox/outbox.service';
import { ScenarioCatalogService } from '../scenarios/scenario-catalog.service';
import { templateForLease } from '../messaging/templates/default-templates';
import { loadDebtLetterFacts } from './debt-letter-facts.repository';
import { MessageZone, ZONE_TEXT_MAX } from '../messaging/templates/message-zones';
import { TemplateService } from '../messaging/templates/template.service';
import { DebtMessageZoneRepository } from './debt-message-zone.repository';
import { DebtWorkflowsService } from './debt-workflows.service';
import { DebtRepository } from './debt.repository';

/** The zones set for one coming step of a debt. */
export interface StepZones {
  debtId: string;
  stepKey: string;
  /** The scenario's template key of the step. */
  templateKey: string;
  /** The text the debt's lease reads (its lease-kind variant). */
  templateName: string;
  zones: MessageZone[];
  sensitiveAcknowledged: boolean;
  updatedAt: string;
}

const MAX_ZONES = 10;

/**
 * Free-text zones (`{{zone "note"}}`) an agent fills for a debt's coming message or letter:
 * checked against that step's template (as the debt's lease reads it) and for sensitive
 * data the way call reports are, kept per debt and step, rendered into the real send by
 * the outbox. A refused input changes nothing.
 */
@Injectable()
export class MessageZonesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly workflows: DebtWorkflowsService,
    private readonly scenarios: ScenarioCatalogService,
    private readonly templates: TemplateService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Sets (replaces) the zones of a step, the debt's next step when `stepKey` is left out.
   * An empty text clears its zone; no zones clears the step's.
   */
  async set(
    actor: Actor,
    input: { debtId: string; stepKey?: string | null; zones: MessageZone[]; acknowledgeSensitiveData?: boolean | null },
  ): Promise<StepZones> {
    const given = checkZones(input.zones);
    const debt = await new DebtRepository(this.dataSource.manager).scenarioVersionOf(actor.workspaceId, input.debtId);
    if (!debt) throw new RelanceError('NOT_FOUND', `No debt ${input.debtId}`, { field: 'debtId' });
    const status = await this.workflows.status(actor.workspaceId, input.debtId);
    if (!status || !debt.scenarioVersion)
      throw new RelanceError('BAD_USER_INPUT', 'This debt has no running dunning workflow', { field: 'debtId' });
    const scenario = await this.scenarios.pinnedDefinition(actor.workspaceId, debt.scenarioVersion);
    const stepKey = input.stepKey ?? status.nextAction?.stepKey;
    if (!stepKey) throw new RelanceError('BAD_USER_INPUT', 'No step is coming on this debt: name the step (stepKey)', { field: 'stepKey' });
    const step = scenario.steps.find((s) => s.key === stepKey);
    if (!step) {
      throw new RelanceError(
        'BAD_USER_INPUT',
        `${stepKey} is not a step of the debt's scenario ${debt.scenarioVersion} (${scenario.steps.map((s) => s.key).join(', ')})`,
        {
          field: 'stepKey',
        },
      );
    }
    const template = this.messageTemplateOf(step);
    const sent = await this.outbox.stepQueued(actor.workspaceId, input.debtId, stepKey);
    if (sent || status.done.includes(stepKey))
      throw new RelanceError('BAD_USER_INPUT', `Step ${stepKey} is already carried out`, { field: 'stepKey' });

    const facts = await loadDebtLetterFacts(this.dataSource.manager, actor.workspaceId, input.debtId, todayIn());
    const templateName = templateForLease(template, facts.leaseKind);
    const known = await this.templates.zoneNames(facts, template);
    given.forEach((zone, i) => {
      if (!known.has(zone.name)) {
        const which = known.size > 0 ? `its zones: ${[...known].map((k) => `"${k}"`).join(', ')}` : 'it has no zone';
        throw new RelanceError('BAD_USER_INPUT', `The template ${templateName} of step ${stepKey} has no zone "${zone.name}" (${which})`, {
          field: `zones[${i}].name`,
        });
      }
    });
    const flagged = given.map((zone, i) => ({ i, terms: findSensitiveTerms(zone.text) })).filter((f) => f.terms.length > 0);
    // An empty text clears its zone.
    const zones = given.filter((z) => z.text.length > 0);
    if (flagged.length > 0 && input.acknowledgeSensitiveData !== true) {
      const [first] = flagged;
      throw new RelanceError(
        'BAD_USER_INPUT',
        `The text seems to hold sensitive data (${first.terms.map((t) => `${t.category.toLowerCase().replace('_', ' ')}: "${t.word}"`).join(', ')}). ` +
          'What reaches a tenant must stay factual (CNIL): rephrase, or send acknowledgeSensitiveData: true if the wording is needed.',
        { field: `zones[${first.i}].text` },
      );
    }

    const acknowledged = flagged.length > 0;
    const updatedAt = await this.dataSource.transaction(async (manager) => {
      const stored = new DebtMessageZoneRepository(manager);
      let at: string = new Date().toISOString();
      if (zones.length === 0) await stored.clear(actor.workspaceId, input.debtId, stepKey);
      else {
        at = await stored.set(actor.workspaceId, input.debtId, {
          stepKey,
          templateKey: template,
          zones,
          sensitiveAcknowledged: acknowledged,
          setBy: actorRef(actor),
        });
      }
      // The timeline names the zones, not their text (landlords read it); the entry's data keeps the text.
      const summary =
        zones.length === 0
          ? `Free text cleared for step ${stepKey} (${templateName})`
          : `Free text ${zones.map((z) => `"${z.name}"`).join(', ')} set for step ${stepKey} (${templateName})` +
            (acknowledged ? '; wording flagged as sensitive, confirmed by the agent' : '');
      await this.workflows.recordAgentEvent(
        actor,
        input.debtId,
        {
          kind: 'MESSAGE_ZONES_SET',
          key: `zones-set:${stepKey}:${at}`,
          summary,
          data: { stepKey, template, templateName, zones, sensitiveAcknowledged: acknowledged },
        },
        manager,
      );
      return at;
    });
    return { debtId: input.debtId, stepKey, templateKey: template, templateName, zones, sensitiveAcknowledged: acknowledged, updatedAt };
  }

  /** The zones set for a debt's steps not carried out yet, oldest set first. */
  async pending(actor: Actor, debtId: string): Promise<StepZones[]> {
    return (await this.pendingOf(actor, [debtId]))[0];
  }

  /** The same for many debts in one statement, in the order of `debtIds` (a DataLoader's batch). */
  async pendingOf(actor: Actor, debtIds: readonly string[]): Promise<StepZones[][]> {
    const rows = await new DebtMessageZoneRepository(this.dataSource.manager).pending(actor.workspaceId, debtIds);
    const byDebt = new Map<string, StepZones[]>();
    for (const r of rows) {
      const zones: StepZones = {
        debtId: r.debtId,
        stepKey: r.stepKey,
        templateKey: r.templateKey,
        templateName: templateForLease(this.templates.knownKey(r.templateKey, 'templateKey'), r.leaseKind),
        zones: r.zones,
        sensitiveAcknowledged: r.sensitiveAcknowledged,
        updatedAt: r.updatedAt,
      };
      byDebt.set(r.debtId, [...(byDebt.get(r.debtId) ?? []), zones]);
    }
    return debtIds.map((id) => byDebt.get(id) ?? []);
  }

  /** The template of a step that sends a message or letter; zones fill nothing else. */
  private messageTemplateOf(step: ScenarioStep) {
    if (!sendsMessages(step.action) || !step.template) {
      throw new RelanceError('BAD_USER_INPUT', `Step ${step.key} (${step.action}) sends no message or letter to fill`, {
        field: 'stepKey',
      });
    }
    return this.templates.knownKey(step.template, 'stepKey');
  }
}

/** Names unique, texts at most ZONE_TEXT_MAX characters; the texts trimmed, in the order given. */
function checkZones(zones: MessageZone[]): MessageZone[] {
  if (zones.length > MAX_ZONES) throw new RelanceError('BAD_USER_INPUT', `at most ${MAX_ZONES} zones`, { field: 'zones' });
  const seen = new Set<string>();
  zones.forEach((zone, i) => {
    if (seen.has(zone.name)) throw new RelanceError('BAD_USER_INPUT', `zone "${zone.name}" is given twice`, { field: `zones[${i}].name` });
    seen.add(zone.name);
    if (zone.text.length > ZONE_TEXT_MAX)
      throw new RelanceError('BAD_USER_INPUT', `at most ${ZONE_TEXT_MAX} characters`, { field: `zones[${i}].text` });
  });
  return zones.map((z) => ({ name: z.name, text: z.text.trim() }));
}
