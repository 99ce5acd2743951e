import { LEASE_KINDS, RESIDENTIAL_LEASE_KINDS, TEMPLATE_KEYS, type LeaseKind, type TemplateKey } from '../../domain/scenario';
import type { TemplateLocale, TemplateMedium, TemplateText, TemplateTone } from './template-kinds';

/**
 * Letters and e-mails written for commercial and other (non-residential) leases: a scenario
 * names the residential key, and such a lease reads this variant instead (DESIGN §6: no
 * residential-law text in their letters, no "no fee" mention where a fee may be charged,
 * the commercial resolution clause in a commercial lease's formal notice). A workspace
 * saves its own version of a variant like any template; its residential version never
 * reaches these leases.
 */
export const NON_RESIDENTIAL_VARIANTS = {
  'courteous-reminder-email': 'courteous-reminder-email-non-residential',
  'gentle-reminder-email': 'gentle-reminder-email-non-residential',
  'firm-reminder-email': 'firm-reminder-email-non-residential',
  'first-reminder-letter': 'first-reminder-letter-non-residential',
  'firm-reminder-letter': 'firm-reminder-letter-non-residential',
  'fsl-information-letter': 'fsl-information-letter-non-residential',
  'formal-notice': 'formal-notice-non-residential',
  'guarantor-notice': 'guarantor-notice-non-residential',
  'litigation-file': 'litigation-file-non-residential',
  'insurer-claim': 'insurer-claim-non-residential',
} as const satisfies Partial<Record<TemplateKey, string>>;

export type VariantKey = (typeof NON_RESIDENTIAL_VARIANTS)[keyof typeof NON_RESIDENTIAL_VARIANTS];
/** Every template Relance has a text for: the keys scenarios name, and their lease-kind variants. */
export type TemplateName = TemplateKey | VariantKey;
export const TEMPLATE_NAMES: readonly TemplateName[] = [...TEMPLATE_KEYS, ...Object.values(NON_RESIDENTIAL_VARIANTS)];

const NON_RESIDENTIAL_KINDS = LEASE_KINDS.filter((k) => !RESIDENTIAL_LEASE_KINDS.includes(k));

/** The template a lease of this kind reads for a scenario's key (or for a template named directly). */
export function templateForLease(name: TemplateName, leaseKind: string): TemplateName {
  if (RESIDENTIAL_LEASE_KINDS.includes(leaseKind as LeaseKind)) return name;
  return (NON_RESIDENTIAL_VARIANTS as Partial<Record<TemplateName, VariantKey>>)[name] ?? name;
}

/** The lease kinds that read a template. */
export function leaseKindsReading(name: TemplateName): LeaseKind[] {
  if ((Object.values(NON_RESIDENTIAL_VARIANTS) as string[]).includes(name)) return [...NON_RESIDENTIAL_KINDS];
  return name in NON_RESIDENTIAL_VARIANTS ? [...RESIDENTIAL_LEASE_KINDS] : [...LEASE_KINDS];
}

/**
 * The templates Relance ships, in French first and English, one per scenario template
 * key. A workspace saves its own versions over them. Tone variants adapt a template to a
 * tenant profile (the social path speaks of help before amounts). Legal mentions come
 * from locked blocks (`{{> name}}`), which an agent's edit must keep.
 */
export interface DefaultTemplate {
  medium: TemplateMedium;
  text: Record<TemplateLocale, TemplateText>;
  tones?: Partial<Record<Exclude<TemplateTone, 'DEFAULT'>, Record<TemplateLocale, TemplateText>>>;
}

const SIGNATURE_FR = '\n\n{{zone "note"}}\n\nLe service gestion locative\n{{agency.name}} — {{agency.phone}} — {{agency.email}}';
const SIGNATURE_EN = '\n\n{{zone "note"}}\n\nThe property management team\n{{agency.name}} — {{agency.phone}} — {{agency.email}}';

/** Non-residential letters: the balance's split, a late-payment fee on its own, never as rent. */
const SPLIT_FR =
  '{{balance.rent}} de loyer, {{balance.charges}} de charges{{#if balance.hasFees}}, {{balance.fees}} de frais de retard prévus au bail{{/if}}';
const SPLIT_EN =
  '{{balance.rent}} rent, {{balance.charges}} charges{{#if balance.hasFees}}, {{balance.fees}} late-payment fee provided by the lease{{/if}}';
/** Where residential letters point to housing aid (FSL, CAF, ADIL), which business tenants do not get. */
const DIFFICULTY_FR = 'En cas de difficulté, prenez contact avec nous sans attendre : nous restons disposés à examiner un échéancier.';
const DIFFICULTY_EN = 'If you are facing difficulties, contact us without delay: we remain ready to consider a payment plan.';

export const DEFAULT_TEMPLATES: Record<TemplateName, DefaultTemplate> = {
  'courteous-reminder-sms': {
    medium: 'SMS',
    text: {
      fr: {
        body: '{{agency.name}} : bonjour {{tenant.firstName}}, sauf erreur le loyer du bail {{lease.reference}} reste dû ({{balance.total}}). Merci de régulariser ou de nous appeler au {{agency.phone}}.',
      },
      en: {
        body: '{{agency.name}}: hello {{tenant.firstName}}, unless we are mistaken the rent for lease {{lease.reference}} is still due ({{balance.total}}). Please pay or call us on {{agency.phone}}.',
      },
    },
    tones: {
      PRECARIOUS: {
        fr: {
          body: '{{agency.name}} : bonjour {{tenant.firstName}}, le loyer du bail {{lease.reference}} reste dû ({{balance.total}}). Si c’est difficile en ce moment, appelez-nous au {{agency.phone}} : des aides et un échéancier sont possibles.',
        },
        en: {
          body: '{{agency.name}}: hello {{tenant.firstName}}, the rent for lease {{lease.reference}} is still due ({{balance.total}}). If things are hard right now, call us on {{agency.phone}}: help and a payment plan are possible.',
        },
      },
      CHRONIC: {
        fr: {
          body: '{{agency.name}} : {{tenant.firstName}}, le loyer du bail {{lease.reference}} est à nouveau impayé ({{balance.total}}). Merci de régler sous 48 h ou de nous appeler au {{agency.phone}}.',
        },
        en: {
          body: '{{agency.name}}: {{tenant.firstName}}, the rent for lease {{lease.reference}} is unpaid again ({{balance.total}}). Please pay within 48 hours or call us on {{agency.phone}}.',
        },
      },
    },
  },
  'gentle-reminder-sms': {
    medium: 'SMS',
    text: {
      fr: {
        body: '{{agency.name}} : bonjour {{tenant.firstName}}, un simple rappel, {{balance.total}} restent à régler sur le bail {{lease.reference}}. Un oubli ? Appelez-nous au {{agency.phone}}.',
      },
      en: {
        body: '{{agency.name}}: hello {{tenant.firstName}}, a friendly reminder that {{balance.total}} is still due on lease {{lease.reference}}. Forgotten? Call us on {{agency.phone}}.',
      },
    },
  },
  'firm-reminder-sms': {
    medium: 'SMS',
    text: {
      fr: {
        body: '{{agency.name}} : {{balance.total}} impayés depuis {{daysLate}} jours sur le bail {{lease.reference}}. Réglez sans délai ou appelez le {{agency.phone}}.',
      },
      en: {
        body: '{{agency.name}}: {{balance.total}} unpaid for {{daysLate}} days on lease {{lease.reference}}. Please pay now or call {{agency.phone}}.',
      },
    },
  },
  'courteous-reminder-email': {
    medium: 'EMAIL',
    text: {
      fr: {
        subject: 'Loyer en attente — bail {{lease.reference}}',
        body:
          'Bonjour {{tenant.fullName}},\n\nSauf erreur de notre part, nous n’avons pas reçu le règlement de {{balance.total}} ' +
          '(dont {{balance.rent}} de loyer et {{balance.charges}} de charges) dû depuis le {{oldestDueDate}} pour le logement situé {{unit.address}}.\n\n' +
          'Il s’agit peut-être d’un simple oubli : vous trouverez le détail en pièce jointe. {{payment.instructions}}\n\n' +
          'Si votre paiement est déjà parti, merci de ne pas tenir compte de ce message.' +
          SIGNATURE_FR,
      },
      en: {
        subject: 'Rent outstanding — lease {{lease.reference}}',
        body:
          'Dear {{tenant.fullName}},\n\nUnless we are mistaken, we have not received the payment of {{balance.total}} ' +
          '({{balance.rent}} rent and {{balance.charges}} charges) due since {{oldestDueDate}} for the home at {{unit.address}}.\n\n' +
          'It may simply have slipped your mind: the details are attached. {{payment.instructions}}\n\n' +
          'If you have already paid, please disregard this message.' +
          SIGNATURE_EN,
      },
    },
  },
  'gentle-reminder-email': {
    medium: 'EMAIL',
    text: {
      fr: {
        subject: 'Petit rappel — bail {{lease.reference}}',
        body:
          'Bonjour {{tenant.fullName}},\n\nVous êtes habituellement à jour, et nous pensons à un oubli : {{balance.total}} restent dus depuis le {{oldestDueDate}} ' +
          'pour le logement situé {{unit.address}}. Le détail est en pièce jointe. {{payment.instructions}}\n\n' +
          'En cas de difficulté passagère, appelez-nous : nous trouverons une solution ensemble.' +
          SIGNATURE_FR,
      },
      en: {
        subject: 'A friendly reminder — lease {{lease.reference}}',
        body:
          'Dear {{tenant.fullName}},\n\nYou usually pay on time, so this is probably an oversight: {{balance.total}} has been due since {{oldestDueDate}} ' +
          'for the home at {{unit.address}}. The details are attached. {{payment.instructions}}\n\n' +
          'If you are going through a difficult patch, call us: we will find a way together.' +
          SIGNATURE_EN,
      },
    },
  },
  'firm-reminder-email': {
    medium: 'EMAIL',
    text: {
      fr: {
        subject: 'Impayé de loyer — bail {{lease.reference}}',
        body:
          'Madame, Monsieur,\n\nMalgré nos précédents rappels, la somme de {{balance.total}} reste impayée depuis {{daysLate}} jours ' +
          '(logement situé {{unit.address}}). Le détail par période est en pièce jointe.\n\nNous vous demandons de la régler sans délai. {{payment.instructions}}\n\n' +
          '{{> aides-logement}}' +
          SIGNATURE_FR,
      },
      en: {
        subject: 'Unpaid rent — lease {{lease.reference}}',
        body:
          'Dear Sir or Madam,\n\nDespite our reminders, {{balance.total}} has remained unpaid for {{daysLate}} days ' +
          '(home at {{unit.address}}). The details by period are attached.\n\nWe ask you to pay it without delay. {{payment.instructions}}\n\n' +
          '{{> aides-logement}}' +
          SIGNATURE_EN,
      },
    },
  },
  'first-reminder-letter': {
    medium: 'LETTER',
    text: {
      fr: {
        subject: 'Relance — loyers impayés, bail {{lease.reference}}',
        body:
          'Madame, Monsieur,\n\nSauf erreur de notre part, votre compte locataire présente à ce jour un solde débiteur de {{balance.total}} ' +
          '({{balance.rent}} de loyer, {{balance.charges}} de charges), dont le détail figure ci-dessous. La plus ancienne échéance impayée date du {{oldestDueDate}}.\n\n{{statement}}\n\n' +
          'Nous vous remercions de bien vouloir régulariser cette situation dans les meilleurs délais. {{payment.instructions}}\n\n' +
          '{{> aides-logement}}\n\n{{> sans-frais}}' +
          SIGNATURE_FR,
      },
      en: {
        subject: 'Reminder — unpaid rent, lease {{lease.reference}}',
        body:
          'Dear Sir or Madam,\n\nUnless we are mistaken, your tenant account shows an overdue balance of {{balance.total}} ' +
          '({{balance.rent}} rent, {{balance.charges}} charges), detailed below. The oldest unpaid instalment fell due on {{oldestDueDate}}.\n\n{{statement}}\n\n' +
          'Please settle it as soon as possible. {{payment.instructions}}\n\n{{> aides-logement}}\n\n{{> sans-frais}}' +
          SIGNATURE_EN,
      },
    },
  },
  'firm-reminder-letter': {
    medium: 'LETTER',
    text: {
      fr: {
        subject: 'Dernier rappel avant mise en demeure — bail {{lease.reference}}',
        body:
          'Madame, Monsieur,\n\nVotre compte présente un impayé de {{balance.total}} depuis {{daysLate}} jours, détaillé ci-dessous.\n\n{{statement}}\n\n' +
          'Sans règlement ou prise de contact de votre part, nous serons contraints de vous adresser une mise en demeure.\n\n{{payment.instructions}}\n\n' +
          '{{> aides-logement}}\n\n{{> sans-frais}}' +
          SIGNATURE_FR,
      },
      en: {
        subject: 'Last reminder before formal notice — lease {{lease.reference}}',
        body:
          'Dear Sir or Madam,\n\nYour account has shown {{balance.total}} unpaid for {{daysLate}} days, detailed below.\n\n{{statement}}\n\n' +
          'Without payment or contact from you, we will have to send you a formal notice.\n\n{{payment.instructions}}\n\n' +
          '{{> aides-logement}}\n\n{{> sans-frais}}' +
          SIGNATURE_EN,
      },
    },
  },
  'fsl-information-letter': {
    medium: 'LETTER',
    text: {
      fr: {
        subject: 'Votre loyer et les aides possibles — bail {{lease.reference}}',
        body:
          'Madame, Monsieur,\n\nNous avons constaté un retard de paiement de {{balance.total}} sur votre loyer. Nous savons que des difficultés peuvent survenir ' +
          'et souhaitons avant tout trouver une solution avec vous.\n\n{{> aides-logement}}\n\nUn échéancier adapté à vos ressources peut être mis en place : ' +
          'appelez-nous au {{agency.phone}}.' +
          SIGNATURE_FR,
      },
      en: {
        subject: 'Your rent and the help available — lease {{lease.reference}}',
        body:
          'Dear Sir or Madam,\n\nWe have noticed a late payment of {{balance.total}} on your rent. We know difficulties happen ' +
          'and above all want to find a solution with you.\n\n{{> aides-logement}}\n\nA payment plan suited to your means can be set up: ' +
          'call us on {{agency.phone}}.' +
          SIGNATURE_EN,
      },
    },
  },
  'formal-notice': {
    medium: 'LETTER',
    text: {
      fr: {
        subject: 'Mise en demeure de payer — bail {{lease.reference}}',
        body:
          'Lettre recommandée avec accusé de réception\n\nMadame, Monsieur,\n\nMalgré nos relances, vous restez redevable au titre du bail {{lease.reference}} ' +
          '(logement situé {{unit.address}}) de la somme de {{balance.total}}, soit {{balance.rent}} de loyer et {{balance.charges}} de charges, ' +
          'selon le décompte ci-dessous, la plus ancienne échéance datant du {{oldestDueDate}}.\n\n{{statement}}\n\n' +
          'Nous vous mettons en demeure de régler cette somme sous huit jours. {{payment.instructions}}\n\n{{> mise-en-demeure}}\n\n{{> aides-logement}}' +
          '\n\n{{zone "note"}}\n\nPour {{landlord.name}}, le mandataire\n{{agency.name}}',
      },
      en: {
        subject: 'Formal notice to pay — lease {{lease.reference}}',
        body:
          'Registered letter with acknowledgement of receipt\n\nDear Sir or Madam,\n\nDespite our reminders, you still owe under lease {{lease.reference}} ' +
          '(home at {{unit.address}}) the sum of {{balance.total}}, that is {{balance.rent}} rent and {{balance.charges}} charges, ' +
          'as set out below, the oldest instalment dating from {{oldestDueDate}}.\n\n{{statement}}\n\n' +
          'We give you formal notice to pay this sum within eight days. {{payment.instructions}}\n\n{{> mise-en-demeure}}\n\n{{> aides-logement}}' +
          '\n\n{{zone "note"}}\n\nFor {{landlord.name}}, the managing agent\n{{agency.name}}',
      },
    },
  },
  'guarantor-notice': {
    medium: 'LETTER',
    text: {
      fr: {
        subject: 'Information de la caution — bail {{lease.reference}}',
        body:
          'Madame, Monsieur,\n\n{{> caution}}\n\nÀ ce jour, {{tenant.fullName}} reste redevable de {{balance.total}}, selon le décompte ci-dessous.\n\n{{statement}}\n\n' +
          'Nous vous invitons à prendre contact avec nous.' +
          SIGNATURE_FR,
      },
      en: {
        subject: 'Notice to the guarantor — lease {{lease.reference}}',
        body:
          'Dear Sir or Madam,\n\n{{> caution}}\n\nToday {{tenant.fullName}} still owes {{balance.total}}, as set out below.\n\n{{statement}}\n\n' +
          'Please get in touch with us.' +
          SIGNATURE_EN,
      },
    },
  },
  'landlord-notification': {
    medium: 'EMAIL',
    text: {
      fr: {
        subject: 'Impayé sur le bail {{lease.reference}} — point de situation',
        body:
          'Bonjour,\n\nLe bail {{lease.reference}} ({{unit.address}}) présente un impayé de {{balance.total}} depuis {{daysLate}} jours. ' +
          'Les relances prévues suivent leur cours ; le détail est en pièce jointe.' +
          SIGNATURE_FR,
      },
      en: {
        subject: 'Arrears on lease {{lease.reference}} — status',
        body:
          'Hello,\n\nLease {{lease.reference}} ({{unit.address}}) has {{balance.total}} unpaid for {{daysLate}} days. ' +
          'The planned reminders are under way; the details are attached.' +
          SIGNATURE_EN,
      },
    },
  },
  'litigation-file': {
    medium: 'LETTER',
    text: {
      fr: {
        subject: 'Dossier de transmission contentieuse — bail {{lease.reference}}',
        body:
          'Bailleur : {{landlord.name}}\nLocataire(s) : {{tenant.fullName}}\nLogement : {{unit.address}}\nBail signé le {{lease.signedOn}}\n\n' +
          'Dette : {{balance.total}} ({{balance.rent}} de loyer, {{balance.charges}} de charges), impayée depuis le {{oldestDueDate}} ({{daysLate}} jours). ' +
          'Délai de la clause résolutoire après commandement : {{formalNotice.resolutionDelay}}.\n\n' +
          'Dates légales :\n{{legal.commandement}}\n{{legal.assignation}}\n{{#if legal.ccapex}}{{legal.ccapex}}\n{{/if}}{{legal.winterTruce}}\n{{#if legal.prescription}}{{legal.prescription}}\n{{/if}}\n{{zone "note"}}',
      },
      en: {
        subject: 'Litigation hand-off file — lease {{lease.reference}}',
        body:
          'Landlord: {{landlord.name}}\nTenant(s): {{tenant.fullName}}\nHome: {{unit.address}}\nLease signed on {{lease.signedOn}}\n\n' +
          'Debt: {{balance.total}} ({{balance.rent}} rent, {{balance.charges}} charges), unpaid since {{oldestDueDate}} ({{daysLate}} days). ' +
          'Resolution clause delay after a commandement de payer: {{formalNotice.resolutionDelay}}.\n\n' +
          'Legal dates:\n{{legal.commandement}}\n{{legal.assignation}}\n{{#if legal.ccapex}}{{legal.ccapex}}\n{{/if}}{{legal.winterTruce}}\n{{#if legal.prescription}}{{legal.prescription}}\n{{/if}}\n{{zone "note"}}',
      },
    },
  },
  'insurer-claim': {
    medium: 'LETTER',
    text: {
      fr: {
        subject: 'Déclaration de sinistre loyers impayés — bail {{lease.reference}}',
        body:
          'Assuré : {{landlord.name}}\nLocataire(s) : {{tenant.fullName}}\nLogement : {{unit.address}}\n\n' +
          'Premier impayé : {{oldestDueDate}} ({{daysLate}} jours). Montant dû : {{balance.total}} ({{balance.rent}} de loyer, {{balance.charges}} de charges).\n\n{{zone "note"}}',
      },
      en: {
        subject: 'Unpaid rent insurance claim — lease {{lease.reference}}',
        body:
          'Insured: {{landlord.name}}\nTenant(s): {{tenant.fullName}}\nHome: {{unit.address}}\n\n' +
          'First unpaid instalment: {{oldestDueDate}} ({{daysLate}} days). Amount due: {{balance.total}} ({{balance.rent}} rent, {{balance.charges}} charges).\n\n{{zone "note"}}',
      },
    },
  },
  'call-script': {
    medium: 'TASK',
    text: {
      fr: {
        subject: 'Appeler {{tenant.fullName}} — {{balance.total}} impayés',
        body:
          'Dette : {{balance.total}} depuis le {{oldestDueDate}} ({{daysLate}} jours), bail {{lease.reference}}, {{unit.address}}.\n\n' +
          'Script : 1. Se présenter ({{agency.name}}) et vérifier l’identité. 2. Rappeler le montant et la date. 3. Écouter la raison du retard, sans jugement. ' +
          '4. Proposer un paiement immédiat, une date ferme ou un échéancier. 5. Noter un compte rendu factuel : ni santé, ni vie privée, ni jugement.',
      },
      en: {
        subject: 'Call {{tenant.fullName}} — {{balance.total}} unpaid',
        body:
          'Debt: {{balance.total}} since {{oldestDueDate}} ({{daysLate}} days), lease {{lease.reference}}, {{unit.address}}.\n\n' +
          'Script: 1. Introduce yourself ({{agency.name}}) and check who you are speaking to. 2. State the amount and date. 3. Listen to the reason, without judging. ' +
          '4. Offer immediate payment, a firm date or a payment plan. 5. Write a factual report: no health, private life or judgement.',
      },
    },
  },
  'call-script-social': {
    medium: 'TASK',
    text: {
      fr: {
        subject: 'Appel d’accompagnement — {{tenant.fullName}}',
        body:
          'Dette : {{balance.total}} ({{daysLate}} jours), bail {{lease.reference}}.\n\nObjectif : comprendre la situation et orienter. Présenter le FSL, la CAF, l’ADIL ; ' +
          'proposer un échéancier réaliste ; ne pas parler de procédure. Compte rendu factuel uniquement.',
      },
      en: {
        subject: 'Support call — {{tenant.fullName}}',
        body:
          'Debt: {{balance.total}} ({{daysLate}} days), lease {{lease.reference}}.\n\nAim: understand the situation and refer. Present the FSL, CAF and ADIL; ' +
          'offer a realistic plan; do not talk about proceedings. Factual report only.',
      },
    },
  },
  'visit-script': {
    medium: 'TASK',
    text: {
      fr: {
        subject: 'Visite — {{unit.address}}',
        body: 'Dette : {{balance.total}} depuis le {{oldestDueDate}}. Remettre le décompte, proposer un échéancier, noter un compte rendu factuel.',
      },
      en: {
        subject: 'Visit — {{unit.address}}',
        body: 'Debt: {{balance.total}} since {{oldestDueDate}}. Hand over the statement, offer a plan, write a factual report.',
      },
    },
  },
  'social-worker-referral': {
    medium: 'TASK',
    text: {
      fr: {
        subject: 'Orientation sociale — {{tenant.fullName}}',
        body: 'Avec l’accord du locataire, saisir le travailleur social ou le FSL. Dette : {{balance.total}} ({{daysLate}} jours), bail {{lease.reference}}.',
      },
      en: {
        subject: 'Social referral — {{tenant.fullName}}',
        body: 'With the tenant’s agreement, refer to the social worker or the FSL. Debt: {{balance.total}} ({{daysLate}} days), lease {{lease.reference}}.',
      },
    },
  },
  'late-payment-fee': {
    medium: 'TASK',
    text: {
      fr: {
        subject: 'Frais de retard — bail {{lease.reference}}',
        body: 'Frais de retard prévus au bail {{lease.reference}}, impayé de {{balance.total}} depuis le {{oldestDueDate}}.',
      },
      en: {
        subject: 'Late-payment fee — lease {{lease.reference}}',
        body: 'Late-payment fee provided by lease {{lease.reference}}, {{balance.total}} unpaid since {{oldestDueDate}}.',
      },
    },
  },
  // Variants for commercial and other (non-residential) leases: see NON_RESIDENTIAL_VARIANTS.
  'courteous-reminder-email-non-residential': {
    medium: 'EMAIL',
    text: {
      fr: {
        subject: 'Loyer en attente — bail {{lease.reference}}',
        body:
          'Bonjour {{tenant.fullName}},\n\nSauf erreur de notre part, nous n’avons pas reçu le règlement de {{balance.total}} ' +
          `(${SPLIT_FR}) dû depuis le {{oldestDueDate}} pour les locaux situés {{unit.address}}.\n\n` +
          'Il s’agit peut-être d’un simple oubli : vous trouverez le détail en pièce jointe. {{payment.instructions}}\n\n' +
          'Si votre paiement est déjà parti, merci de ne pas tenir compte de ce message.' +
          SIGNATURE_FR,
      },
      en: {
        subject: 'Rent outstanding — lease {{lease.reference}}',
        body:
          'Dear {{tenant.fullName}},\n\nUnless we are mistaken, we have not received the payment of {{balance.total}} ' +
          `(${SPLIT_EN}) due since {{oldestDueDate}} for the premises at {{unit.address}}.\n\n` +
          'It may simply have slipped your mind: the details are attached. {{payment.instructions}}\n\n' +
          'If you have already paid, please disregard this message.' +
          SIGNATURE_EN,
      },
    },
  },
  'gentle-reminder-email-non-residential': {
    medium: 'EMAIL',
    text: {
      fr: {
        subject: 'Petit rappel — bail {{lease.reference}}',
        body:
          'Bonjour {{tenant.fullName}},\n\nVous êtes habituellement à jour, et nous pensons à un oubli : {{balance.total}} restent dus depuis le {{oldestDueDate}} ' +
          'pour les locaux situés {{unit.address}}. Le détail est en pièce jointe. {{payment.instructions}}\n\n' +
          'En cas de difficulté passagère, appelez-nous : nous trouverons une solution ensemble.' +
          SIGNATURE_FR,
      },
      en: {
        subject: 'A friendly reminder — lease {{lease.reference}}',
        body:
          'Dear {{tenant.fullName}},\n\nYou usually pay on time, so this is probably an oversight: {{balance.total}} has been due since {{oldestDueDate}} ' +
          'for the premises at {{unit.address}}. The details are attached. {{payment.instructions}}\n\n' +
          'If you are going through a difficult patch, call us: we will find a way together.' +
          SIGNATURE_EN,
      },
    },
  },
  'firm-reminder-email-non-residential': {
    medium: 'EMAIL',
    text: {
      fr: {
        subject: 'Impayé de loyer — bail {{lease.reference}}',
        body:
          'Madame, Monsieur,\n\nMalgré nos précédents rappels, la somme de {{balance.total}} reste impayée depuis {{daysLate}} jours ' +
          '(locaux situés {{unit.address}}). Le détail par période est en pièce jointe.\n\nNous vous demandons de la régler sans délai. {{payment.instructions}}\n\n' +
          DIFFICULTY_FR +
          SIGNATURE_FR,
      },
      en: {
        subject: 'Unpaid rent — lease {{lease.reference}}',
        body:
          'Dear Sir or Madam,\n\nDespite our reminders, {{balance.total}} has remained unpaid for {{daysLate}} days ' +
          '(premises at {{unit.address}}). The details by period are attached.\n\nWe ask you to pay it without delay. {{payment.instructions}}\n\n' +
          DIFFICULTY_EN +
          SIGNATURE_EN,
      },
    },
  },
  'first-reminder-letter-non-residential': {
    medium: 'LETTER',
    text: {
      fr: {
        subject: 'Relance — loyers impayés, bail {{lease.reference}}',
        body:
          'Madame, Monsieur,\n\nSauf erreur de notre part, votre compte présente à ce jour un solde débiteur de {{balance.total}} ' +
          `(${SPLIT_FR}), dont le détail figure ci-dessous. La plus ancienne échéance impayée date du {{oldestDueDate}}.\n\n{{statement}}\n\n` +
          'Nous vous remercions de bien vouloir régulariser cette situation dans les meilleurs délais. {{payment.instructions}}\n\n' +
          DIFFICULTY_FR +
          SIGNATURE_FR,
      },
      en: {
        subject: 'Reminder — unpaid rent, lease {{lease.reference}}',
        body:
          'Dear Sir or Madam,\n\nUnless we are mistaken, your account shows an overdue balance of {{balance.total}} ' +
          `(${SPLIT_EN}), detailed below. The oldest unpaid instalment fell due on {{oldestDueDate}}.\n\n{{statement}}\n\n` +
          'Please settle it as soon as possible. {{payment.instructions}}\n\n' +
          DIFFICULTY_EN +
          SIGNATURE_EN,
      },
    },
  },
  'firm-reminder-letter-non-residential': {
    medium: 'LETTER',
    text: {
      fr: {
        subject: 'Dernier rappel avant mise en demeure — bail {{lease.reference}}',
        body:
          `Madame, Monsieur,\n\nVotre compte présente un impayé de {{balance.total}} (${SPLIT_FR}) depuis {{daysLate}} jours, détaillé ci-dessous.\n\n{{statement}}\n\n` +
          'Sans règlement ou prise de contact de votre part, nous serons contraints de vous adresser une mise en demeure.\n\n{{payment.instructions}}\n\n' +
          DIFFICULTY_FR +
          SIGNATURE_FR,
      },
      en: {
        subject: 'Last reminder before formal notice — lease {{lease.reference}}',
        body:
          `Dear Sir or Madam,\n\nYour account has shown {{balance.total}} (${SPLIT_EN}) unpaid for {{daysLate}} days, detailed below.\n\n{{statement}}\n\n` +
          'Without payment or contact from you, we will have to send you a formal notice.\n\n{{payment.instructions}}\n\n' +
          DIFFICULTY_EN +
          SIGNATURE_EN,
      },
    },
  },
  'fsl-information-letter-non-residential': {
    medium: 'LETTER',
    text: {
      fr: {
        subject: 'Votre loyer et les solutions possibles — bail {{lease.reference}}',
        body:
          'Madame, Monsieur,\n\nNous avons constaté un retard de paiement de {{balance.total}} sur votre loyer. Nous savons que des difficultés peuvent survenir ' +
          'et souhaitons avant tout trouver une solution avec vous.\n\nUn échéancier adapté à votre situation peut être mis en place : ' +
          'appelez-nous au {{agency.phone}}.' +
          SIGNATURE_FR,
      },
      en: {
        subject: 'Your rent and the options available — lease {{lease.reference}}',
        body:
          'Dear Sir or Madam,\n\nWe have noticed a late payment of {{balance.total}} on your rent. We know difficulties happen ' +
          'and above all want to find a solution with you.\n\nA payment plan suited to your situation can be set up: ' +
          'call us on {{agency.phone}}.' +
          SIGNATURE_EN,
      },
    },
  },
  'formal-notice-non-residential': {
    medium: 'LETTER',
    text: {
      fr: {
        subject: 'Mise en demeure de payer — bail {{lease.reference}}',
        body:
          'Lettre recommandée avec accusé de réception\n\nMadame, Monsieur,\n\nMalgré nos relances, vous restez redevable au titre du bail {{lease.reference}} ' +
          `(locaux situés {{unit.address}}) de la somme de {{balance.total}}, soit ${SPLIT_FR}, ` +
          'selon le décompte ci-dessous, la plus ancienne échéance datant du {{oldestDueDate}}.\n\n{{statement}}\n\n' +
          'Nous vous mettons en demeure de régler cette somme sous huit jours. {{payment.instructions}}\n\n' +
          '{{#if lease.commercial}}{{> mise-en-demeure-commercial}}{{else}}{{> mise-en-demeure-hors-habitation}}{{/if}}' +
          '\n\n{{zone "note"}}\n\nPour {{landlord.name}}, le mandataire\n{{agency.name}}',
      },
      en: {
        subject: 'Formal notice to pay — lease {{lease.reference}}',
        body:
          'Registered letter with acknowledgement of receipt\n\nDear Sir or Madam,\n\nDespite our reminders, you still owe under lease {{lease.reference}} ' +
          `(premises at {{unit.address}}) the sum of {{balance.total}}, that is ${SPLIT_EN}, ` +
          'as set out below, the oldest instalment dating from {{oldestDueDate}}.\n\n{{statement}}\n\n' +
          'We give you formal notice to pay this sum within eight days. {{payment.instructions}}\n\n' +
          '{{#if lease.commercial}}{{> mise-en-demeure-commercial}}{{else}}{{> mise-en-demeure-hors-habitation}}{{/if}}' +
          '\n\n{{zone "note"}}\n\nFor {{landlord.name}}, the managing agent\n{{agency.name}}',
      },
    },
  },
  'guarantor-notice-non-residential': {
    medium: 'LETTER',
    text: {
      fr: {
        subject: 'Information de la caution — bail {{lease.reference}}',
        body:
          'Madame, Monsieur,\n\n{{> caution-hors-habitation}}\n\nÀ ce jour, {{tenant.fullName}} reste redevable de {{balance.total}}, selon le décompte ci-dessous.\n\n{{statement}}\n\n' +
          'Nous vous invitons à prendre contact avec nous.' +
          SIGNATURE_FR,
      },
      en: {
        subject: 'Notice to the guarantor — lease {{lease.reference}}',
        body:
          'Dear Sir or Madam,\n\n{{> caution-hors-habitation}}\n\nToday {{tenant.fullName}} still owes {{balance.total}}, as set out below.\n\n{{statement}}\n\n' +
          'Please get in touch with us.' +
          SIGNATURE_EN,
      },
    },
  },
  'litigation-file-non-residential': {
    medium: 'LETTER',
    text: {
      fr: {
        subject: 'Dossier de transmission contentieuse — bail {{lease.reference}}',
        body:
          'Bailleur : {{landlord.name}}\nLocataire(s) : {{tenant.fullName}}\nLocaux : {{unit.address}}\nBail {{#if lease.commercial}}commercial {{/if}}signé le {{lease.signedOn}}\n\n' +
          `Dette : {{balance.total}} (${SPLIT_FR}), impayée depuis le {{oldestDueDate}} ({{daysLate}} jours). ` +
          'Délai de la clause résolutoire après commandement : {{formalNotice.resolutionDelay}}{{#if lease.commercial}} (article L145-41 du Code de commerce){{/if}}.\n\n{{zone "note"}}',
      },
      en: {
        subject: 'Litigation hand-off file — lease {{lease.reference}}',
        body:
          'Landlord: {{landlord.name}}\nTenant(s): {{tenant.fullName}}\nPremises: {{unit.address}}\n{{#if lease.commercial}}Commercial lease{{else}}Lease{{/if}} signed on {{lease.signedOn}}\n\n' +
          `Debt: {{balance.total}} (${SPLIT_EN}), unpaid since {{oldestDueDate}} ({{daysLate}} days). ` +
          'Resolution clause delay after a commandement de payer: {{formalNotice.resolutionDelay}}{{#if lease.commercial}} (article L145-41 of the French Commercial Code){{/if}}.\n\n{{zone "note"}}',
      },
    },
  },
  'insurer-claim-non-residential': {
    medium: 'LETTER',
    text: {
      fr: {
        subject: 'Déclaration de sinistre loyers impayés — bail {{lease.reference}}',
        body:
          'Assuré : {{landlord.name}}\nLocataire(s) : {{tenant.fullName}}\nLocaux : {{unit.address}}\n\n' +
          `Premier impayé : {{oldestDueDate}} ({{daysLate}} jours). Montant dû : {{balance.total}} (${SPLIT_FR}).\n\n{{zone "note"}}`,
      },
      en: {
        subject: 'Unpaid rent insurance claim — lease {{lease.reference}}',
        body:
          'Insured: {{landlord.name}}\nTenant(s): {{tenant.fullName}}\nPremises: {{unit.address}}\n\n' +
          `First unpaid instalment: {{oldestDueDate}} ({{daysLate}} days). Amount due: {{balance.total}} (${SPLIT_EN}).\n\n{{zone "note"}}`,
      },
    },
  },
};

/** What a landlord's notice of an approval to give says (issue 12): the request, and the reminder before its deadline. */
export type LandlordApprovalNotice = 'request' | 'reminder';

/**
 * The landlord's notices of a decision to take (issue 12), by e-mail with the link to the
 * extranet's Decisions page, or by letter through the print queue. Not scenario templates:
 * besides the debt's variables they read `approval.what` (the step or plan to approve),
 * `approval.deadline`, `approval.atDeadline` (what happens then) and `approval.link`.
 */
export const LANDLORD_APPROVAL_NOTICES: Record<LandlordApprovalNotice, Record<TemplateLocale, TemplateText>> = {
  request: {
    fr: {
      subject: 'Décision attendue : {{approval.what}} — bail {{lease.reference}}',
      body:
        'Bonjour,\n\nLe bail {{lease.reference}} ({{unit.address}}) présente un impayé de {{balance.total}} depuis {{daysLate}} jours. ' +
        'Votre mandat vous réserve cette décision : {{approval.what}}.\n\n' +
        'Merci de l’approuver ou de la refuser avant le {{approval.deadline}} sur votre extranet :\n{{approval.link}}\n\n' +
        'Sans décision à cette date, {{approval.atDeadline}}.' +
        SIGNATURE_FR,
    },
    en: {
      subject: 'Decision awaited: {{approval.what}} — lease {{lease.reference}}',
      body:
        'Hello,\n\nLease {{lease.reference}} ({{unit.address}}) has {{balance.total}} unpaid for {{daysLate}} days. ' +
        'Your mandate reserves this decision to you: {{approval.what}}.\n\n' +
        'Please approve or reject it before {{approval.deadline}} on your extranet:\n{{approval.link}}\n\n' +
        'Without a decision by then, {{approval.atDeadline}}.' +
        SIGNATURE_EN,
    },
  },
  reminder: {
    fr: {
      subject: 'Rappel — décision attendue avant le {{approval.deadline}} : {{approval.what}} — bail {{lease.reference}}',
      body:
        'Bonjour,\n\nNous attendons toujours votre décision sur le bail {{lease.reference}} ({{unit.address}}) : {{approval.what}}. ' +
        'L’impayé est de {{balance.total}}.\n\n' +
        'Vous pouvez l’approuver ou la refuser jusqu’au {{approval.deadline}} sur votre extranet :\n{{approval.link}}\n\n' +
        'Sans décision à cette date, {{approval.atDeadline}}.' +
        SIGNATURE_FR,
    },
    en: {
      subject: 'Reminder — decision awaited before {{approval.deadline}}: {{approval.what}} — lease {{lease.reference}}',
      body:
        'Hello,\n\nWe are still waiting for your decision on lease {{lease.reference}} ({{unit.address}}): {{approval.what}}. ' +
        '{{balance.total}} is unpaid.\n\n' +
        'You may approve or reject it until {{approval.deadline}} on your extranet:\n{{approval.link}}\n\n' +
        'Without a decision by then, {{approval.atDeadline}}.' +
        SIGNATURE_EN,
    },
  },
};
