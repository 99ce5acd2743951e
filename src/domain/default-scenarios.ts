import { CatchUpPolicy, ScenarioDefinition } from './scenario';

/** A courteous "you may have forgotten" reminder is sent at most a week late, never after a long hold. */
const COURTEOUS: CatchUpPolicy = { policy: 'WITHIN_DAYS', days: 7 };

/**
 * The scenarios Relance ships. The standard one is the first seed article's sequence
 * exactly; the others adapt its tone and pace to the tenant (DESIGN §4). Hand-offs and
 * formal notices always wait for the landlord: no automatic escalation to litigation
 * without a human (GDPR art. 22). Messages sent the same day by two channels form a
 * channel group, which the tenant's preferred channel narrows to one; steps without a
 * catch-up policy of their own follow their action's default (DEFAULT_CATCH_UP). Each one
 * informs the lease's guarantors by registered letter at D+5 — within the month of the
 * first incident for rent due in its first days (C. civ. 2303; the legal task covers the
 * rest) — and a lease without a guarantor skips the step.
 */
export const STANDARD_SCENARIO: ScenarioDefinition = {
  key: 'standard',
  name: 'Relance standard (60 jours)',
  description:
    'J+3 SMS et e-mail courtois, J+5 information de la caution (s’il y en a une), J+10 lettre de relance, J+20 appel organisé, J+30 mise en demeure, J+45 transmission.',
  steps: [
    { key: 'd3-sms', dayOffset: 3, action: 'SMS', template: 'courteous-reminder-sms', channelGroup: 'd3-courteous', catchUp: COURTEOUS },
    {
      key: 'd3-email',
      dayOffset: 3,
      action: 'EMAIL',
      template: 'courteous-reminder-email',
      channelGroup: 'd3-courteous',
      catchUp: COURTEOUS,
    },
    { key: 'd5-guarantor', dayOffset: 5, action: 'GUARANTOR_NOTICE', template: 'guarantor-notice' },
    { key: 'd10-letter', dayOffset: 10, action: 'LETTER', template: 'first-reminder-letter' },
    { key: 'd20-call', dayOffset: 20, action: 'CALL_TASK', template: 'call-script', manual: true },
    { key: 'd30-formal-notice', dayOffset: 30, action: 'FORMAL_NOTICE', template: 'formal-notice', requiresLandlordApproval: true },
    { key: 'd45-handoff', dayOffset: 45, action: 'LITIGATION_HANDOFF', template: 'litigation-file', requiresLandlordApproval: true },
  ],
};

export const ONE_OFF_SCENARIO: ScenarioDefinition = {
  key: 'one-off-gentle',
  name: 'Retard ponctuel (ton doux)',
  description: 'Pour un locataire habituellement à jour : rappels plus espacés, ton bienveillant.',
  steps: [
    { key: 'd5-email', dayOffset: 5, action: 'EMAIL', template: 'gentle-reminder-email' },
    { key: 'd5-guarantor', dayOffset: 5, action: 'GUARANTOR_NOTICE', template: 'guarantor-notice' },
    { key: 'd12-sms', dayOffset: 12, action: 'SMS', template: 'gentle-reminder-sms' },
    { key: 'd20-letter', dayOffset: 20, action: 'LETTER', template: 'first-reminder-letter' },
    { key: 'd30-call', dayOffset: 30, action: 'CALL_TASK', template: 'call-script', manual: true },
    { key: 'd40-formal-notice', dayOffset: 40, action: 'FORMAL_NOTICE', template: 'formal-notice', requiresLandlordApproval: true },
    { key: 'd60-handoff', dayOffset: 60, action: 'LITIGATION_HANDOFF', template: 'litigation-file', requiresLandlordApproval: true },
  ],
};

export const CHRONIC_SCENARIO: ScenarioDefinition = {
  key: 'chronic-firm',
  name: 'Retards répétés (ton ferme)',
  description: 'Pour un locataire souvent en retard : rythme resserré, appel tôt.',
  steps: [
    { key: 'd1-sms', dayOffset: 1, action: 'SMS', template: 'firm-reminder-sms', channelGroup: 'd1-firm' },
    { key: 'd1-email', dayOffset: 1, action: 'EMAIL', template: 'firm-reminder-email', channelGroup: 'd1-firm' },
    { key: 'd5-guarantor', dayOffset: 5, action: 'GUARANTOR_NOTICE', template: 'guarantor-notice' },
    { key: 'd7-letter', dayOffset: 7, action: 'LETTER', template: 'firm-reminder-letter' },
    { key: 'd12-call', dayOffset: 12, action: 'CALL_TASK', template: 'call-script', manual: true },
    { key: 'd20-formal-notice', dayOffset: 20, action: 'FORMAL_NOTICE', template: 'formal-notice', requiresLandlordApproval: true },
    { key: 'd35-handoff', dayOffset: 35, action: 'LITIGATION_HANDOFF', template: 'litigation-file', requiresLandlordApproval: true },
  ],
};

export const PRECARIOUS_SCENARIO: ScenarioDefinition = {
  key: 'precarious-social',
  name: 'Situation fragile (parcours social)',
  description: 'Information FSL, orientation vers un travailleur social, aucune escalade accélérée.',
  steps: [
    { key: 'd5-email', dayOffset: 5, action: 'EMAIL', template: 'gentle-reminder-email' },
    { key: 'd5-guarantor', dayOffset: 5, action: 'GUARANTOR_NOTICE', template: 'guarantor-notice' },
    { key: 'd10-fsl-letter', dayOffset: 10, action: 'LETTER', template: 'fsl-information-letter' },
    { key: 'd15-social-referral', dayOffset: 15, action: 'SOCIAL_REFERRAL', template: 'social-worker-referral', manual: true },
    { key: 'd25-call', dayOffset: 25, action: 'CALL_TASK', template: 'call-script-social', manual: true },
    { key: 'd45-formal-notice', dayOffset: 45, action: 'FORMAL_NOTICE', template: 'formal-notice', requiresLandlordApproval: true },
    { key: 'd75-handoff', dayOffset: 75, action: 'LITIGATION_HANDOFF', template: 'litigation-file', requiresLandlordApproval: true },
  ],
};

/** For leases with rent-guarantee insurance whose claim is due by D+40. */
export const GLI_SCENARIO: ScenarioDefinition = {
  key: 'gli-d40',
  name: 'Assurance loyers impayés (déclaration avant J+40)',
  description: 'Même début que le standard, mise en demeure à J+25, déclaration à l’assureur à J+35.',
  steps: [
    { key: 'd3-sms', dayOffset: 3, action: 'SMS', template: 'courteous-reminder-sms', channelGroup: 'd3-courteous', catchUp: COURTEOUS },
    {
      key: 'd3-email',
      dayOffset: 3,
      action: 'EMAIL',
      template: 'courteous-reminder-email',
      channelGroup: 'd3-courteous',
      catchUp: COURTEOUS,
    },
    { key: 'd5-guarantor', dayOffset: 5, action: 'GUARANTOR_NOTICE', template: 'guarantor-notice' },
    { key: 'd10-letter', dayOffset: 10, action: 'LETTER', template: 'first-reminder-letter' },
    { key: 'd18-call', dayOffset: 18, action: 'CALL_TASK', template: 'call-script', manual: true },
    { key: 'd25-formal-notice', dayOffset: 25, action: 'FORMAL_NOTICE', template: 'formal-notice', requiresLandlordApproval: true },
    { key: 'd35-insurer-claim', dayOffset: 35, action: 'INSURER_CLAIM', template: 'insurer-claim', requiresLandlordApproval: true },
  ],
};

export const DEFAULT_SCENARIOS: readonly ScenarioDefinition[] = [
  STANDARD_SCENARIO,
  ONE_OFF_SCENARIO,
  CHRONIC_SCENARIO,
  PRECARIOUS_SCENARIO,
  GLI_SCENARIO,
];
